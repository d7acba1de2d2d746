"""The pages of the navigation list, in the order the secretary works through the year.

Each page is its own module; imported when the workspace opens (after the first paint).
"""

from __future__ import annotations


def page_classes() -> list[type]:
    from .audit_page import AuditPage
    from .certificates_page import CertificatesPage
    from .covenant_page import CovenantPage
    from .documents_page import DocumentsPage
    from .register_page import RegisterPage
    from .scoring_page import ScoringPage
    from .units_page import UnitsPage
    from .voting_page import VotingPage
    from .year_end_page import YearEndPage
    from .years_page import YearsPage

    return [UnitsPage, YearsPage, CovenantPage, ScoringPage, VotingPage, RegisterPage, CertificatesPage, DocumentsPage,
            YearEndPage, AuditPage]

"""All tables of the workbook file, importable from one place."""

from .awards import AwardType, Commendation, Decision, Proposal
from .base import Base, Entity, new_uid, utc_now
from .meetings import Attendance, Meeting, VoteCandidate, VoteCounter, VoteRound
from .organisation import Bloc, Membership, Person, Unit, UnitHead
from .records import (
    AuditEntry,
    CertificateLayout,
    DocumentSeries,
    DocumentTemplate,
    Handover,
    IssuedDocument,
    WorkbookMeta,
)
from .scoring import (
    AdjustmentRule,
    Criterion,
    EvaluationPeriod,
    PeriodResult,
    Score,
    ScoreAdjustment,
    ScoreSection,
    ScoreTable,
)
from .year import (
    CompletionRecord,
    Covenant,
    CovenantSignatory,
    EmulationYear,
    LegalBasis,
    Quota,
    Registration,
    RegisteredAward,
    ScoreBand,
    VotingRule,
)

__all__ = [
    "AdjustmentRule", "Attendance", "AuditEntry", "AwardType", "Base", "Bloc", "CertificateLayout",
    "Commendation", "CompletionRecord", "Covenant", "CovenantSignatory", "Criterion", "Decision",
    "DocumentSeries", "DocumentTemplate", "EmulationYear", "Entity", "EvaluationPeriod", "Handover",
    "IssuedDocument", "LegalBasis", "Meeting", "Membership", "PeriodResult", "Person", "Proposal",
    "Quota", "RegisteredAward", "Registration", "Score", "ScoreAdjustment", "ScoreBand", "ScoreSection",
    "ScoreTable", "Unit", "UnitHead", "VoteCandidate", "VoteCounter", "VoteRound", "VotingRule",
    "WorkbookMeta", "new_uid", "utc_now",
]

"""The QApplication: names, Vietnamese locale, bundled UI font, Vietnamese Qt strings, settings."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from thidua_desktop import APP_NAME, __version__, paths

from . import vi

ORGANIZATION = "ThiDua"
UI_FONT_FAMILY = "Liberation Sans"  # never clips Vietnamese stacked marks (platform.md §3)
UI_FONT_MIN_POINTS = 10.0
VIETNAMESE = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)

_configured: set[int] = set()


def load_ui_fonts() -> str | None:
    """Register the bundled Liberation Sans TTFs; return the family name (None if none loaded)."""
    family = None
    for ttf in sorted((paths.resource_dir() / "fonts").glob("LiberationSans-*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(ttf))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    return family


def configure_application(app: QApplication) -> None:
    """Everything the program sets on its QApplication; safe to call twice (tests reuse one app)."""
    if id(app) in _configured:
        return
    _configured.add(id(app))
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QApplication.setApplicationDisplayName(APP_NAME)
    QLocale.setDefault(VIETNAMESE)
    vi.install_translator(app)
    family = load_ui_fonts() or UI_FONT_FAMILY
    font = QFont(app.font())
    font.setFamilies([family])
    font.setPointSizeF(max(font.pointSizeF(), UI_FONT_MIN_POINTS))
    app.setFont(font)


def create_application(argv: Sequence[str]) -> QApplication:
    app = QApplication.instance() or QApplication(list(argv))
    configure_application(app)
    return app


def app_settings() -> QSettings:
    """The user's settings: an INI file in the data folder (THIDUA_DATA_DIR moves it)."""
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)

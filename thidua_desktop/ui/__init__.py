"""The PySide6 user interface. No SQL and no SQLAlchemy here: data comes through services/."""

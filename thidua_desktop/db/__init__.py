"""The workbook file: SQLAlchemy models, engine and pragmas, migrations, opening and copying."""

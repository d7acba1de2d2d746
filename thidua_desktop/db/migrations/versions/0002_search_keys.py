"""Search keys: diacritics-free copies of names so lists filter in SQL.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21

Adds `search_key` to unit, person and commendation and fills it for the rows already in
the file, with the same rule the program applies on every write (domain.text.search_key).
"""
from alembic import op
import sqlalchemy as sa

from thidua_desktop.domain.text import search_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# table → the columns its key is made of, as in the models' __search_fields__
SOURCES = {
    "unit": ("official_name", "short_name", "symbol"),
    "person": ("full_name", "post"),
    "commendation": ("recipient_name", "recipient_detail", "decision_number"),
}


def upgrade() -> None:
    conn = op.get_bind()
    for table, fields in SOURCES.items():
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("search_key", sa.String(length=600), nullable=True))
            batch_op.create_index(f"ix_{table}_search_key", ["search_key"], unique=False)
        rows = conn.execute(sa.text(f"SELECT id, {', '.join(fields)} FROM {table}")).fetchall()
        if rows:
            conn.execute(
                sa.text(f"UPDATE {table} SET search_key = :key WHERE id = :id"),
                [{"id": r[0], "key": search_key(" ".join(v for v in r[1:] if v))} for r in rows],
            )


def downgrade() -> None:
    for table in SOURCES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_index(f"ix_{table}_search_key")
            batch_op.drop_column("search_key")

"""Alembic environment: always runs on the connection the workbook code hands it."""

from alembic import context
from sqlalchemy.types import TypeDecorator

from thidua_desktop.db.models import Base


def _render_plain(type_, obj, autogen_context):
    """Write our TypeDecorators as their SQL types, so old migrations never import app code."""
    if isinstance(type_, TypeDecorator):
        impl = type_.impl_instance
        return f"sa.{impl!r}"
    return False


config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    render_item=lambda kind, obj, ctx: _render_plain(obj, None, ctx) if kind == "type" else False,
)
with context.begin_transaction():
    context.run_migrations()

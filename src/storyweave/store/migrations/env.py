"""Alembic environment for storyweave. Run programmatically by ``store.migrate.upgrade``
with an open connection in ``config.attributes["connection"]`` — never by hand."""
from alembic import context

from storyweave.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable by running alembic by hand
    raise RuntimeError("storyweave migrations run on open: use storyweave.store.open_store(url)")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()

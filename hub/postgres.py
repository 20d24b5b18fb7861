"""Apply PostgreSQL-only schema features in migrations while SQLite keeps working.

The GIN indexes behind full-text and trigram search exist only on PostgreSQL. These
operations record the index in the migration state on every database (so
``makemigrations --check`` stays clean) but create or drop it only on PostgreSQL.
"""

from django.db.migrations.operations import AddIndex, RemoveIndex


class OnPostgresOnly:
    """Change the schema on PostgreSQL only; change the migration state everywhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class AddIndexOnPostgres(OnPostgresOnly, AddIndex):
    """Add an index on PostgreSQL; on other databases change only the migration state."""


class RemoveIndexOnPostgres(OnPostgresOnly, RemoveIndex):
    """Drop an index on PostgreSQL; on other databases change only the migration state."""

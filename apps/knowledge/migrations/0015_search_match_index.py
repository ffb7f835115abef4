"""A GIN index on the text the PostgreSQL search matches.

modelsearch's PostgreSQL backend matches ``(title || body) @@ query`` on the search
index table; its own GIN indexes cover ``title`` and ``body`` one at a time, which
the planner cannot use for the concatenation, so every text search read every
index entry (and its TOASTed body). This index on the very expression makes the
match an index scan. The table belongs to wagtailsearch, so the index is created
here by SQL, outside any model's state, and only on PostgreSQL (SQLite has its
FTS5 table).
"""

from django.db import migrations

INDEX = "knowledge_search_match_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0014_regional_keys"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

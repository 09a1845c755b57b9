from django.db import migrations

# 出口发票号 is filtered by "contains" (LIKE '%…%'), which no btree serves: over 100,000
# declarations the count and the page were each a seq scan (~45 ms + ~37 ms). PostgreSQL only
# (pg_trgm is a trusted extension from PG 13); SQLite keeps its scan.
TRIGRAM = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS customs_invoice_trgm ON customs_declaration "
    "USING gin (invoice_no gin_trgm_ops)",
)


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in TRIGRAM:
            schema_editor.execute(sql)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS customs_invoice_trgm")


class Migration(migrations.Migration):

    dependencies = [
        ('customs', '0004_approved_item'),
    ]

    operations = [migrations.RunPython(trigram_index, drop_trigram_index)]

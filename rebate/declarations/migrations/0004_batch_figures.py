"""A batch's figures become one JSON column the family defines (Family.figure_columns).

The five 免抵退 amount columns are copied into ``figures`` as decimal strings ("1234.50", never
floats) under the same names, then dropped; going back copies them out again.
"""

from decimal import Decimal

from django.db import migrations, models

MOVED = ('fob_usd_total', 'fob_cny_total', 'exempt_credit_refund', 'refund_due', 'exempt_credit')


def columns_to_figures(apps, schema_editor):
    Batch = apps.get_model('declarations', 'DeclarationBatch')
    for batch in Batch.objects.only('pk', *MOVED).iterator(chunk_size=500):
        batch.figures = {name: format(getattr(batch, name), 'f') for name in MOVED}
        batch.save(update_fields=['figures'])


def figures_to_columns(apps, schema_editor):
    Batch = apps.get_model('declarations', 'DeclarationBatch')
    for batch in Batch.objects.iterator(chunk_size=500):
        for name in MOVED:
            setattr(batch, name, Decimal(batch.figures.get(name, '0')))
        batch.save(update_fields=list(MOVED))


class Migration(migrations.Migration):

    dependencies = [
        ('declarations', '0003_summary_to_mdt'),
    ]

    operations = [
        migrations.AddField(
            model_name='declarationbatch',
            name='figures',
            field=models.JSONField(blank=True, default=dict, verbose_name='申报数'),
        ),
        migrations.RunPython(columns_to_figures, figures_to_columns),
        migrations.RemoveField(model_name='declarationbatch', name='exempt_credit'),
        migrations.RemoveField(model_name='declarationbatch', name='exempt_credit_refund'),
        migrations.RemoveField(model_name='declarationbatch', name='fob_cny_total'),
        migrations.RemoveField(model_name='declarationbatch', name='fob_usd_total'),
        migrations.RemoveField(model_name='declarationbatch', name='refund_due'),
    ]

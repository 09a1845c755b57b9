"""A review's approved figures and its lines' figures become JSON columns the family defines
(Family.review_columns / review_line_columns), like the batch's figures in 0004.

The 免抵退 amount columns are copied into ``figures`` as decimal strings under the names of the
batch's figures (``refund`` becomes ``refund_due``; absent when the bureau gave none), then
dropped; going back copies them out again.
"""

from decimal import Decimal

from django.db import migrations, models

REVIEW = {'fob_usd_total': 'fob_usd_total', 'fob_cny_total': 'fob_cny_total',
          'exempt_credit_refund': 'exempt_credit_refund', 'refund': 'refund_due',
          'exempt_credit': 'exempt_credit'}
REVIEW_REQUIRED = ('fob_usd_total', 'fob_cny_total')
LINE = {n: n for n in ('quantity', 'fob_usd', 'fob_cny', 'exempt_credit_refund')}
LINE_REQUIRED = ('quantity', 'fob_usd', 'fob_cny')
CHUNK = 2000


def _to_json(row, names):
    return {key: format(getattr(row, column), 'f') for column, key in names.items()
            if getattr(row, column) is not None}


def _from_json(row, names, required):
    for name, key in names.items():
        value = row.figures.get(key)
        if value is None and name in required:
            value = '0'
        setattr(row, name, None if value is None else Decimal(value))


def _copy(model, names, forward, required=()):
    rows = []
    for row in model.objects.iterator(chunk_size=CHUNK):
        if forward:
            row.figures = _to_json(row, names)
        else:
            _from_json(row, names, required)
        rows.append(row)
        if len(rows) == CHUNK:
            model.objects.bulk_update(rows, ['figures'] if forward else list(names))
            rows = []
    if rows:
        model.objects.bulk_update(rows, ['figures'] if forward else list(names))


def columns_to_figures(apps, schema_editor):
    _copy(apps.get_model('declarations', 'ReviewRecord'), REVIEW, True)
    _copy(apps.get_model('declarations', 'ReviewedLine'), LINE, True)


def figures_to_columns(apps, schema_editor):
    _copy(apps.get_model('declarations', 'ReviewRecord'), REVIEW, False, REVIEW_REQUIRED)
    _copy(apps.get_model('declarations', 'ReviewedLine'), LINE, False, LINE_REQUIRED)


class Migration(migrations.Migration):

    dependencies = [
        ('declarations', '0005_batch_per_business'),
    ]

    operations = [
        migrations.AddField(
            model_name='reviewrecord',
            name='figures',
            field=models.JSONField(blank=True, default=dict, verbose_name='核准数'),
        ),
        migrations.AddField(
            model_name='reviewedline',
            name='figures',
            field=models.JSONField(blank=True, default=dict, verbose_name='核准数'),
        ),
        # Nullable first, so that going back re-adds them nullable until the copy filled them.
        migrations.AlterField(
            model_name='reviewedline',
            name='quantity',
            field=models.DecimalField(decimal_places=5, max_digits=17, null=True,
                                      verbose_name='出口数量'),
        ),
        migrations.AlterField(
            model_name='reviewedline',
            name='fob_usd',
            field=models.DecimalField(decimal_places=2, max_digits=18, null=True,
                                      verbose_name='美元离岸价'),
        ),
        migrations.AlterField(
            model_name='reviewedline',
            name='fob_cny',
            field=models.DecimalField(decimal_places=2, max_digits=18, null=True,
                                      verbose_name='人民币离岸价'),
        ),
        migrations.RunPython(columns_to_figures, figures_to_columns),
        *(migrations.RemoveField(model_name='reviewrecord', name=n) for n in REVIEW),
        *(migrations.RemoveField(model_name='reviewedline', name=n) for n in LINE),
        migrations.AlterField(
            model_name='reviewedline',
            name='item_key',
            field=models.CharField(blank=True, max_length=21, verbose_name='关联单证号'),
        ),
    ]

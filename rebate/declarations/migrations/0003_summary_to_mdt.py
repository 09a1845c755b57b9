"""The 汇总表 models now belong to rebate.mdt (its 0001): dropped from the engine's state only,
the tables and their rows stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('declarations', '0002_batch_unsigned'),
        ('mdt', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='SummaryLine'),
                migrations.DeleteModel(name='Summary'),
            ],
            database_operations=[],
        ),
    ]

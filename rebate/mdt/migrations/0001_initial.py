"""The 免抵退 汇总表 moves from the engine (declarations) into the family's app.

State only: the tables keep their names (declarations_summary, declarations_summaryline), their
rows, indexes and constraints; declarations 0003 drops the models from the engine's state.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('accounts', '0001_initial'),
        ('declarations', '0002_batch_unsigned'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='Summary',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                    ('family', models.CharField(max_length=20, verbose_name='业务')),
                    ('period', models.CharField(max_length=6, verbose_name='所属期')),
                    ('vat_transfer_out', models.DecimalField(decimal_places=2, default=0, help_text='增值税纳税申报表的进项税额转出（不得抵扣税额）累加', max_digits=18, verbose_name='不得抵扣税额累加')),
                    ('ending_credit', models.DecimalField(decimal_places=2, help_text='增值税纳税申报表期末留抵税额（第17栏）', max_digits=18, verbose_name='期末留底税额')),
                    ('line_count', models.PositiveIntegerField(default=0, verbose_name='明细条数')),
                    ('batch', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='summary', to='declarations.declarationbatch', verbose_name='申报数据')),
                    ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.enterprise', verbose_name='企业')),
                    ('generated_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'declarations_summary',
                    'verbose_name': '免抵退税申报汇总表',
                    'verbose_name_plural': '免抵退税申报汇总表',
                    'ordering': ['-period', '-id'],
                },
            ),
            migrations.CreateModel(
                name='SummaryLine',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='创建时间')),
                    ('updated_at', models.DateTimeField(auto_now=True, verbose_name='修改时间')),
                    ('row', models.PositiveSmallIntegerField(verbose_name='栏次')),
                    ('current', models.DecimalField(decimal_places=2, max_digits=18, verbose_name='当期')),
                    ('year_to_date', models.DecimalField(decimal_places=2, max_digits=18, verbose_name='本年累计')),
                    ('vat_difference', models.DecimalField(blank=True, decimal_places=2, max_digits=18, null=True, verbose_name='与增值税纳税申报表差额')),
                    ('enterprise', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.enterprise', verbose_name='企业')),
                    ('summary', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='mdt.summary')),
                ],
                options={
                    'db_table': 'declarations_summaryline',
                    'verbose_name': '汇总表栏次',
                    'verbose_name_plural': '汇总表栏次',
                    'ordering': ['summary', 'row'],
                },
            ),
            migrations.AddConstraint(
                model_name='summary',
                constraint=models.UniqueConstraint(condition=models.Q(('batch__isnull', True)), fields=('enterprise', 'family', 'period'), name='declarations_one_draft_summary_per_period'),
            ),
            migrations.AddConstraint(
                model_name='summaryline',
                constraint=models.UniqueConstraint(fields=('summary', 'row'), name='declarations_summary_row'),
            ),
            ],
            database_operations=[],
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    """Tokens are kept encrypted; plain ones stored before are dropped (onboard again: make run's
    bootstrap_demo does on every start)."""

    dependencies = [("integrations", "0001_initial")]

    operations = [
        migrations.RemoveField(model_name="partycredential", name="token"),
        migrations.AddField(
            model_name="partycredential",
            name="sealed_token",
            field=models.TextField(default="", verbose_name="接入凭证（密文）"),
            preserve_default=False,
        ),
    ]

from django.db import migrations


def load(apps, schema_editor):
    from taxonomy.services import terms_sync

    terms_sync(term_model=apps.get_model("taxonomy", "Term"))


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_cooperation_modes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""The needs' cooperation modes as they were when this migration was written; its own data,
not vocabularies.py's."""

from django.db import migrations

TERMS = {
    "cooperation_mode": [
        ("transfer", "技术转让", "Technology transfer"),
        ("licence", "技术许可", "Licence"),
        ("joint-development", "合作开发", "Joint development"),
        ("commissioned", "委托开发", "Commissioned development"),
        ("service", "技术服务", "Technical service"),
    ],
}


def load(apps, schema_editor):
    Term = apps.get_model("taxonomy", "Term")
    for vocabulary, entries in TERMS.items():
        for position, (code, name_zh, name_en) in enumerate(entries):
            Term.objects.update_or_create(
                vocabulary=vocabulary,
                code=code,
                defaults={"name_zh": name_zh, "name_en": name_en, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0003_cooperation_modes")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

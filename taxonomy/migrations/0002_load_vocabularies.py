"""The vocabularies as they were when this migration was written (vocabularies.py at the
portal's first commit); a data migration carries its own data, so it gives the same rows
whatever vocabularies.py says later."""

from django.db import migrations

TERMS = {
    "tech_field": [
        ("electronic-information", "电子信息", "Electronic information"),
        ("biomedicine", "生物与新医药", "Biotechnology and new medicine"),
        ("aerospace", "航空航天", "Aerospace"),
        ("new-materials", "新材料", "New materials"),
        ("high-tech-services", "高技术服务", "High-tech services"),
        ("new-energy", "新能源与节能", "New energy and energy saving"),
        ("resources-environment", "资源与环境", "Resources and environment"),
        ("advanced-manufacturing", "先进制造与自动化", "Advanced manufacturing and automation"),
    ],
    "industry": [
        ("auto-parts-electrics", "汽车零部件与电子电器", "Auto parts and electrical appliances"),
        ("clean-energy-materials", "清洁能源与新材料", "Clean energy and new materials"),
        ("green-food", "绿色食品", "Green food"),
        ("magnesium", "镁精深加工", "Magnesium deep processing"),
        ("optoelectronics", "光电子", "Optoelectronics"),
    ],
    "maturity": [
        ("research", "研发阶段", "Research and development"),
        ("lab", "小试", "Laboratory trial"),
        ("pilot", "中试", "Pilot trial"),
        ("industrial", "产业化", "Industrialisation"),
    ],
    "transfer_mode": [
        ("transfer", "转让", "Transfer"),
        ("licence", "许可", "Licence"),
        ("equity", "作价入股", "Equity investment"),
        ("joint-development", "合作开发", "Joint development"),
        ("service", "技术服务", "Technical service"),
    ],
    "district": [
        ("410602", "鹤山区", "Heshan District"),
        ("410603", "山城区", "Shancheng District"),
        ("410611", "淇滨区", "Qibin District"),
        ("410621", "浚县", "Xun County"),
        ("410622", "淇县", "Qi County"),
        ("410600-etdz", "鹤壁经济技术开发区", "Hebi Economic and Technological Development Zone"),
        ("410600-urz", "城乡一体化示范区", "Urban-Rural Integration Demonstration Zone"),
        ("410600-bscz", "宝山循环经济产业集聚区", "Baoshan Circular Economy Industrial Cluster"),
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
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

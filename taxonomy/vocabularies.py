"""The market's shared vocabularies, from the plan and national standards.

Each vocabulary is a list of (code, Chinese name, English name). Codes are stable identifiers used
in URLs, the API and imports; names are what people read.
"""

TECH_FIELD = "tech_field"
INDUSTRY = "industry"
MATURITY = "maturity"
TRANSFER_MODE = "transfer_mode"
DISTRICT = "district"
COOPERATION_MODE = "cooperation_mode"

VOCABULARIES: dict[str, list[tuple[str, str, str]]] = {
    # 国家重点支持的高新技术领域
    TECH_FIELD: [
        ("electronic-information", "电子信息", "Electronic information"),
        ("biomedicine", "生物与新医药", "Biotechnology and new medicine"),
        ("aerospace", "航空航天", "Aerospace"),
        ("new-materials", "新材料", "New materials"),
        ("high-tech-services", "高技术服务", "High-tech services"),
        ("new-energy", "新能源与节能", "New energy and energy saving"),
        ("resources-environment", "资源与环境", "Resources and environment"),
        ("advanced-manufacturing", "先进制造与自动化", "Advanced manufacturing and automation"),
    ],
    # 鹤壁市主导产业
    INDUSTRY: [
        ("auto-parts-electrics", "汽车零部件与电子电器", "Auto parts and electrical appliances"),
        ("clean-energy-materials", "清洁能源与新材料", "Clean energy and new materials"),
        ("green-food", "绿色食品", "Green food"),
        ("magnesium", "镁精深加工", "Magnesium deep processing"),
        ("optoelectronics", "光电子", "Optoelectronics"),
    ],
    # 成熟度
    MATURITY: [
        ("research", "研发阶段", "Research and development"),
        ("lab", "小试", "Laboratory trial"),
        ("pilot", "中试", "Pilot trial"),
        ("industrial", "产业化", "Industrialisation"),
    ],
    # 成果转化方式
    TRANSFER_MODE: [
        ("transfer", "转让", "Transfer"),
        ("licence", "许可", "Licence"),
        ("equity", "作价入股", "Equity investment"),
        ("joint-development", "合作开发", "Joint development"),
        ("service", "技术服务", "Technical service"),
    ],
    # 技术需求的合作方式
    COOPERATION_MODE: [
        ("transfer", "技术转让", "Technology transfer"),
        ("licence", "技术许可", "Licence"),
        ("joint-development", "合作开发", "Joint development"),
        ("commissioned", "委托开发", "Commissioned development"),
        ("service", "技术服务", "Technical service"),
    ],
    # 鹤壁市辖区 (GB/T 2260) and the city's functional zones
    DISTRICT: [
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

VOCABULARY_NAMES = {
    TECH_FIELD: ("技术领域", "Technical field"),
    INDUSTRY: ("鹤壁主导产业", "Hebi leading industry"),
    MATURITY: ("成熟度", "Maturity"),
    TRANSFER_MODE: ("转化方式", "Transfer mode"),
    DISTRICT: ("所在区县", "District"),
    COOPERATION_MODE: ("合作方式", "Cooperation mode"),
}

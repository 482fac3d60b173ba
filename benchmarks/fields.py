"""The portal's technical field of a CSL paper, from its discipline.

An outcome on the portal declares one of eight technical fields (国家重点支持的高新技术领域,
taxonomy.vocabularies), never one of the 67 disciplines. The CSL title and lead tasks grade by
discipline, so a paper handed its discipline as a field hands a ranker the answer; the benchmarks
give each paper the field an institution's editor would pick instead. Social sciences and the
humanities go to 高技术服务 (consulting, education, culture), farming and food to 生物与新医药,
as the national catalogue files them.
"""

DISCIPLINE_FIELDS: dict[str, str] = {
    # 电子信息
    "信息与通信工程": "electronic-information",
    "电子科学与技术": "electronic-information",
    "计算机科学与技术": "electronic-information",
    "光学工程": "electronic-information",
    "测绘科学与技术": "electronic-information",
    # 生物与新医药
    "中医学/中药学": "biomedicine",
    "公共卫生与预防医学": "biomedicine",
    "口腔医学": "biomedicine",
    "基础医学/临床医学": "biomedicine",
    "药学": "biomedicine",
    "生物学/生物科学与工程": "biomedicine",
    "畜牧学/兽医学": "biomedicine",
    "作物学": "biomedicine",
    "园艺学": "biomedicine",
    "植物保护": "biomedicine",
    "水产": "biomedicine",
    "食品科学与工程": "biomedicine",
    # 航空航天
    "航空宇航科学与技术": "aerospace",
    "兵器科学与技术": "aerospace",
    "军事学": "aerospace",
    "天文学": "aerospace",
    # 新材料
    "材料科学与工程": "new-materials",
    "冶金工程": "new-materials",
    "化学/化学工程与技术": "new-materials",
    "纺织科学与工程": "new-materials",
    # 新能源与节能
    "动力工程及工程热物理": "new-energy",
    "电气工程": "new-energy",
    "核科学与技术": "new-energy",
    "石油与天然气工程": "new-energy",
    # 资源与环境
    "环境科学与工程": "resources-environment",
    "地质学/地质资源与地质工程": "resources-environment",
    "地理学": "resources-environment",
    "地球物理学": "resources-environment",
    "大气科学": "resources-environment",
    "海洋科学": "resources-environment",
    "水利工程": "resources-environment",
    "矿业工程": "resources-environment",
    "农业资源利用": "resources-environment",
    "林学/林业工程": "resources-environment",
    # 先进制造与自动化
    "机械工程": "advanced-manufacturing",
    "控制科学与工程": "advanced-manufacturing",
    "交通运输工程": "advanced-manufacturing",
    "土木工程": "advanced-manufacturing",
    "建筑学": "advanced-manufacturing",
    "船舶与海洋工程": "advanced-manufacturing",
    "力学": "advanced-manufacturing",
    "农业工程": "advanced-manufacturing",
    "物理学": "advanced-manufacturing",
    # 高技术服务
    "数学": "high-tech-services",
    "工商管理": "high-tech-services",
    "公共管理": "high-tech-services",
    "农林经济管理": "high-tech-services",
    "图书馆、情报与档案管理": "high-tech-services",
    "应用经济学": "high-tech-services",
    "理论经济学": "high-tech-services",
    "新闻传播学": "high-tech-services",
    "中国语言文学": "high-tech-services",
    "艺术学": "high-tech-services",
    "教育学": "high-tech-services",
    "体育学": "high-tech-services",
    "心理学": "high-tech-services",
    "历史学": "high-tech-services",
    "哲学": "high-tech-services",
    "法学": "high-tech-services",
    "政治学": "high-tech-services",
    "社会学": "high-tech-services",
    "民族学": "high-tech-services",
}


def tech_field(paper: dict) -> str:
    """The portal's technical field for a paper ("" when its discipline is not mapped)."""
    return DISCIPLINE_FIELDS.get(paper.get("discipline") or "", "")

"""The partner institutions named in the plan, and the market's own offices.

Credit codes are built from a 17-character prefix and their computed check character; they are
shaped like real ones but belong to no real organization.
"""

INSTITUTIONS = [
    {
        "name": "中科院半导体研究所",
        "slug": "semi-cas",
        "kind": "institute",
        "prefix": "12100000400012345",
        "website": "http://www.semi.ac.cn",
        "description": "我国半导体科学技术的综合性研究机构，在光电子器件、硅基光互连和半导体材料方面积累深厚。",
    },
    {
        "name": "中科院大连化学物理研究所",
        "slug": "dicp-cas",
        "kind": "institute",
        "prefix": "12100000400023456",
        "website": "http://www.dicp.ac.cn",
        "description": "以催化化学、能源化学和化学激光见长，面向清洁能源与新材料产业开展技术转移。",
    },
    {
        "name": "中科院化学研究所",
        "slug": "iccas",
        "kind": "institute",
        "prefix": "12100000400034567",
        "website": "http://www.iccas.ac.cn",
        "description": "在高分子材料、有机功能材料和绿色化学方向承担大量国家任务，成果可许可或合作开发。",
    },
    {
        "name": "浙江大学",
        "slug": "zju",
        "kind": "university",
        "prefix": "12100000470045678",
        "website": "https://www.zju.edu.cn",
        "description": "浙江大学技术转移中心与鹤壁市共建合作平台，覆盖电子信息、先进制造、农业与食品等领域。",
    },
    {
        "name": "北京航空航天大学",
        "slug": "buaa",
        "kind": "university",
        "prefix": "12100000400056789",
        "website": "https://www.buaa.edu.cn",
        "description": "在航空航天、智能制造与自动化、可靠性工程方面具有优势，面向鹤壁汽车零部件企业开展对接。",
    },
    {
        "name": "郑州大学",
        "slug": "zzu",
        "kind": "university",
        "prefix": "12410000415801234",
        "website": "https://www.zzu.edu.cn",
        "description": "河南省属重点大学，材料、化工、食品与医药方向成果丰富，服务省内产业转型。",
    },
    {
        "name": "天津大学",
        "slug": "tju",
        "kind": "university",
        "prefix": "12100000401359876",
        "website": "https://www.tju.edu.cn",
        "description": "化工、精密仪器与建筑工程见长，天津大学技术转移中心与鹤壁定期举办对接活动。",
    },
    {
        "name": "河南省农业科学院",
        "slug": "hnagri",
        "kind": "institute",
        "prefix": "12410000415804321",
        "website": "http://www.hnagri.org.cn",
        "description": "面向现代农业和绿色食品产业，在小麦育种、节水灌溉、农产品加工等方面成果突出。",
    },
]

OFFICES = [
    {
        "name": "鹤壁市科技大市场服务中心",
        "slug": "hebi-techmarket",
        "kind": "agency",
        "prefix": "12410600MB1234567",
        "district": "410611",
        "description": "科技大市场的运营机构，技术经纪人在这里审核需求、促成对接、组织对接活动。",
    },
    {
        "name": "鹤壁市技术合同登记处",
        "slug": "hebi-contract-office",
        "kind": "government",
        "prefix": "11410600MB2345678",
        "district": "410611",
        "description": "负责技术合同认定登记，核定技术交易额。",
    },
    {
        "name": "鹤壁市科学技术局",
        "slug": "hebi-stb",
        "kind": "government",
        "prefix": "11410600005123456",
        "district": "410611",
        "description": "全市科技工作主管部门，制定年度技术合同登记目标并督导科技大市场建设。",
    },
]

"""The demo's public front: notices and policy news (通知公告、政策法规), the home page's service
guide, the footer's contact details, institution logos and profiles. Each step looks before it
writes, so a second run changes nothing."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from cms.models import ArticleIndexPage, ArticlePage, HomePage, InstitutionPage, MarketSettings
from cms.services import article_columns_ensure, article_publish
from portal.demo.images import logo_for

MARKET_CONTACT = {
    "address": "河南省鹤壁市淇滨区九州路科技大厦一楼 鹤壁市科技大市场服务大厅",
    "phone": "0392-3312345",
    "email": "service@techmarket.hebi.example",
    "hours": "工作日 8:30–12:00，14:30–17:30（法定节假日除外）",
    "icp_number": "豫ICP备20260123号-1",
}

# (column, days ago, title, issuer, document number, summary, paragraphs)
ARTICLES = [
    (
        "notices",
        3,
        "关于征集2026年第四季度企业技术需求的通知",
        "鹤壁市科技大市场服务中心",
        "",
        "面向全市企业征集技术需求，经审核后在科技大市场发布并推荐匹配成果。",
        [
            "各县区科技主管部门、各有关企业：",
            "为做好产学研对接工作，现面向全市企业征集2026年第四季度技术需求。企业可登录鹤壁科技大市场，"
            "在“发布需求”栏目在线填写，也可下载需求征集表，填写后交技术经纪人批量导入。",
            "需求应写明要解决的技术问题、现有基础、预期指标、预算区间和截止日期。经审核发布后，"
            "平台将自动推荐匹配的科技成果，技术经纪人将在10个工作日内联系企业。",
            "征集截止时间：2026年12月20日。咨询电话：0392-3312345。",
        ],
    ),
    (
        "notices",
        9,
        "鹤壁—浙江大学镁合金与汽车零部件专场对接会报名通知",
        "鹤壁市科技大市场服务中心",
        "",
        "专场对接会设一对一洽谈，报名企业可在平台上预约约见高校团队。",
        [
            "为推动浙江大学相关科技成果在鹤落地转化，定于近期举办镁合金与汽车零部件专场对接会。",
            "参会企业请登录鹤壁科技大市场，在“对接活动”中报名，并选择本单位已发布的技术需求。"
            "报名确认后可向参会高校团队发出约见请求，日程发布后可在“我的日程”查看洽谈时间和桌号。",
            "名额有限，以报名确认先后为准。",
        ],
    ),
    (
        "notices",
        21,
        "技术合同认定登记网上办理指引",
        "鹤壁市技术合同登记处",
        "",
        "技术合同由卖方在网上提交，登记处在10个工作日内完成审核。",
        [
            "技术开发、技术转让、技术许可、技术咨询和技术服务合同，由研究开发人、让与人、许可人或受托人"
            "一方在科技大市场“技术合同”栏目在线提交登记申请。",
            "需准备：合同文本扫描件、合同双方统一社会信用代码、合同金额及技术交易额构成说明。"
            "合同金额1000万元以上的技术开发或技术转让合同，需经第二名登记员复核。",
            "登记通过的合同取得登记编号，可打印登记证明；退回修改的合同可修改后重新提交。",
        ],
    ),
    (
        "notices",
        40,
        "2026年第三季度技术合同登记情况通报",
        "鹤壁市技术合同登记处",
        "",
        "第三季度全市登记技术合同成交额较上年同期增长，技术开发类合同占比最高。",
        [
            "2026年第三季度，全市共认定登记技术合同一百余项，成交额较上年同期有所增长。"
            "其中技术开发合同占比最高，技术转让与许可合同数量稳步增加。",
            "淇滨区、鹤壁经济技术开发区登记额位居前列。各县区请继续做好技术合同登记的宣传和服务工作。",
        ],
    ),
    (
        "policies",
        6,
        "鹤壁市科技创新券管理办法（试行）政策解读",
        "鹤壁市科学技术局",
        "",
        "创新券支持科技型中小企业购买高校院所的研发设计、检验检测和技术转让服务。",
        [
            "一、支持对象：在本市注册、已入库的科技型中小企业，购买的服务应与企业主营业务相关。",
            "二、支持范围：技术开发、技术转让、检验检测、研发设计、中试和技术咨询等服务，"
            "不含法定强制检验和已获其他财政资金支持的项目。",
            "三、支持标准：创新券按服务合同金额的50%抵扣，每家企业每年最高20万元，有效期12个月。",
            "四、兑付方式：服务完成后，由服务机构持合同、发票、付款凭证和服务报告申请兑付，按季度集中拨付。",
        ],
    ),
    (
        "policies",
        30,
        "关于促进技术转移转化的若干措施",
        "鹤壁市人民政府办公室",
        "鹤政办〔2026〕15号",
        "对企业购买技术成果并在本市转化的，按技术交易额给予一定比例奖补。",
        [
            "为加快科技成果在本市转移转化，结合我市实际，制定以下措施。",
            "（一）企业购买高校院所技术成果并在本市实施转化的，经技术合同认定登记后，"
            "按技术交易额的10%给予奖补，单个企业每年最高100万元。",
            "（二）对年度促成技术合同成交额排名靠前的技术转移机构和技术经纪人给予奖励。",
            "（三）支持高校院所在鹤设立技术转移分中心，定期举办专场对接活动，每季度不少于2次。",
        ],
    ),
    (
        "policies",
        75,
        "技术合同认定登记管理办法（摘要）",
        "科学技术部",
        "",
        "技术合同认定登记的范围、程序和技术交易额核定的主要规定。",
        [
            "技术合同认定登记实行按地域一次登记制度。技术开发、技术转让、技术许可、技术咨询和技术服务合同"
            "可申请认定登记，口头合同不予登记。",
            "登记机构应当对申请认定登记的合同是否属于技术合同及其分类进行审查，并核定技术交易额。"
            "技术交易额为合同成交额扣除购置设备、仪器、零部件、原材料等非技术性费用后的金额。",
        ],
    ),
]

# The home page's service guide: (title, what it is, what to prepare, link, link text)
SERVICES = [
    (
        "成果发布",
        "合作高校和科研院所在本单位栏目中录入科技成果，经本单位审核人审核后公开发布。",
        [
            "成果名称、简介和技术指标",
            "成熟度、应用领域和合作方式",
            "专利号等知识产权信息",
            "联系人及联系方式",
        ],
        "/outcomes/",
        "查看科技成果",
    ),
    (
        "需求发布",
        "企业在线发布技术需求，技术经纪人审核后公开，平台自动推荐匹配成果。",
        [
            "企业统一社会信用代码（注册时核验）",
            "需解决的技术问题和预期指标",
            "预算区间和截止日期",
            "保密级别",
        ],
        "/needs/new/",
        "发布技术需求",
    ),
    (
        "技术合同登记",
        "技术合同卖方在线提交认定登记申请，登记处10个工作日内完成审核并出具登记证明。",
        ["合同文本扫描件", "买卖双方统一社会信用代码", "合同金额及非技术性费用说明"],
        "/contracts/",
        "办理合同登记",
    ),
    (
        "对接活动",
        "技术经纪人组织高校院所与企业的专场对接会，参会单位可预约一对一洽谈。",
        ["本单位已发布的需求或成果", "希望约见的单位或方向", "参会人员姓名和联系方式"],
        "/events/",
        "查看对接活动",
    ),
]

PROFILES = {
    "semi-cas": "研究所设有集成光电子学、半导体材料科学等国家重点实验室，在硅基光电子芯片、"
    "半导体激光器和宽禁带半导体材料方面形成了完整的研发链条，近年来与鹤壁光电子企业开展了芯片封装测试合作。",
    "dicp-cas": "研究所以催化化学、工程化学和能源化学为重点方向，多项煤化工、燃料电池技术已实现产业化，"
    "可为鹤壁清洁能源与新材料企业提供中试放大与工艺包服务。",
    "iccas": "研究所在高分子科学、有机固体和绿色印刷方向具有优势，可提供材料配方许可、测试表征和联合开发。",
    "zju": "浙江大学技术转移中心与鹤壁市共建合作平台，覆盖电子信息、先进制造、农业与食品等领域，"
    "每季度在鹤举办专场对接活动，常驻技术经理人负责成果推介和需求对接。",
    "buaa": "学校在航空航天、智能制造、可靠性工程和机器人方面具有优势，面向鹤壁汽车零部件企业开展检测与工艺改进合作。",
    "zzu": "学校材料、化工、食品和医药学科实力雄厚，省内产学研合作基础好，可提供技术开发、检测和人才培训。",
    "tju": "学校化工、精密仪器和电气工程见长，天津大学技术转移中心与鹤壁定期举办对接活动。",
    "hnagri": "学院面向现代农业和绿色食品产业，在小麦育种、节水灌溉、农产品加工与保鲜方面成果突出，"
    "可开展品种许可、技术服务和示范基地共建。",
}


def seed_front(*, report) -> None:
    """Notices, policies, the service guide, the footer setting, logos and profiles."""
    home = HomePage.objects.first()
    columns = article_columns_ensure(home=home)
    today = timezone.localdate()
    for column, days_ago, title, issuer, number, summary, paragraphs in ARTICLES:
        index = columns[ArticleIndexPage.Column(column)]
        if ArticlePage.objects.child_of(index).filter(title=title).exists():
            continue
        article_publish(
            column=index,
            data={
                "title": title,
                "date": today - datetime.timedelta(days=days_ago),
                "issuer": issuer,
                "document_number": number,
                "summary": summary,
                "body": "".join(f"<p>{p}</p>" for p in paragraphs),
            },
        )
        report.add("articles")
    if not home.services:
        home.services = [
            (
                "service",
                {
                    "title": title,
                    "description": description,
                    "prepare": prepare,
                    "link_url": url,
                    "link_text": text,
                },
            )
            for title, description, prepare, url, text in SERVICES
        ]
        home.save_revision().publish()
        report.add("service guide")
    site = Site.objects.filter(is_default_site=True).first()
    contact = MarketSettings.for_site(site)
    if not contact.address:
        for name, value in MARKET_CONTACT.items():
            setattr(contact, name, value)
        contact.full_clean()
        contact.save()
        report.add("contact details")
    for n, section in enumerate(
        InstitutionPage.objects.select_related("organization").order_by("path")
    ):
        if section.logo_id and (section.profile or section.organization.slug not in PROFILES):
            continue
        section.logo = section.logo or logo_for(section.organization.slug, n)
        if not section.profile and section.organization.slug in PROFILES:
            section.profile = f"<p>{PROFILES[section.organization.slug]}</p>"
        section.save_revision().publish()
        report.add("institution profiles")

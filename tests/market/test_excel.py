"""The 需求征集表: its template, an all-or-nothing import, and an export that keeps secrets."""

import datetime
import io
import re
import time
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from accounts.roles import Role
from accounts.services import membership_grant
from market.needs import excel
from market.needs.models import Need, NeedEvent
from market.needs.services import need_create
from taxonomy import vocabularies as vocab
from tests.factories import OrganizationFactory, UserFactory, term

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _future(days: int = 60) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def enterprise(db):
    return OrganizationFactory(kind="enterprise", verified=True, name="鹤壁天海电器有限公司")


@pytest.fixture
def other_enterprise(db):
    return OrganizationFactory(kind="enterprise", verified=True, name="鹤壁仕佳光电有限公司")


@pytest.fixture
def member(enterprise):
    user = UserFactory(username="firm_member")
    membership_grant(user=user, organization=enterprise, role=Role.ENTERPRISE_MEMBER)
    return user


@pytest.fixture
def broker(db):
    agency = OrganizationFactory(kind="agency", name="鹤壁市技术转移中心")
    user = UserFactory(username="broker")
    membership_grant(user=user, organization=agency, role=Role.BROKER)
    return user


def good_row(organization, **overrides) -> dict:
    row = {
        "企业名称": organization.name,
        "统一社会信用代码": organization.credit_code,
        "需求名称": "镁合金压铸件表面防腐处理",
        "公开摘要": "寻求镁合金压铸件的环保防腐工艺。",
        "需求描述": "现用工艺盐雾试验仅48小时，需提高到240小时以上，年产200万件。",
        "技术领域": "新材料",
        "鹤壁主导产业": "镁精深加工",
        "合作方式": "合作开发、技术服务",
        "所在区县": "淇滨区",
        "预算下限（万元）": 50,
        "预算上限（万元）": "120.5",
        "截止日期": _future(),
        "联系人": "张工",
        "联系电话": "0392-3312345",
        "联系邮箱": "zhang@example.com",
        "保密级别": "会员可见",
    }
    row.update(overrides)
    return row


def sheet_upload(rows: list[dict], name: str = "需求征集表.xlsx") -> SimpleUploadedFile:
    """The downloaded template, filled in from row 3 on like a person would."""
    workbook = load_workbook(io.BytesIO(excel.needs_template()))
    sheet = workbook[excel.SHEET_NEEDS]
    positions = {cell.value: cell.column for cell in sheet[1]}
    for number, row in enumerate(rows, start=excel.FIRST_DATA_ROW):
        for header, value in row.items():
            sheet.cell(row=number, column=positions[header], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def where(result) -> set[tuple[int, str]]:
    return {(error.row, error.column) for error in result.errors}


# --- template ---------------------------------------------------------------------------------


def test_the_template_has_the_header_notes_and_drop_down_lists(db):
    workbook = load_workbook(io.BytesIO(excel.needs_template()))
    assert workbook.sheetnames[0] == "需求征集表"
    assert {"说明", "选项"} <= set(workbook.sheetnames)
    sheet = workbook["需求征集表"]

    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "企业名称",
        "统一社会信用代码",
        "需求名称",
        "公开摘要",
        "需求描述",
        "技术领域",
        "鹤壁主导产业",
        "合作方式",
        "所在区县",
        "预算下限（万元）",
        "预算上限（万元）",
        "截止日期",
        "联系人",
        "联系电话",
        "联系邮箱",
        "保密级别",
    ]
    assert all(cell.font.bold for cell in sheet[1])
    assert all(cell.value for cell in sheet[2]), "every column explains its format"
    assert "YYYY-MM-DD" in sheet.cell(row=2, column=headers.index("截止日期") + 1).value
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["D"].width > 10

    options = workbook["选项"]
    assert options.sheet_state == "hidden"
    option_values = {cell.value for column in options.iter_cols() for cell in column}
    assert {"新材料", "镁精深加工", "淇滨区", "公开", "会员可见", "仅经纪人"} <= option_values

    listed = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type == "list":
            assert validation.formula1.startswith("'选项'!")
            for cell_range in validation.sqref.ranges:
                listed[headers[cell_range.min_col - 1]] = validation.formula1
    assert set(listed) == {"技术领域", "鹤壁主导产业", "所在区县", "保密级别"}

    # the list a drop-down points at holds the vocabulary's Chinese names
    reference = listed["技术领域"].split("!", 1)[1].replace("$", "")
    names = {cell.value for (cell,) in options[reference]}
    assert names == {name for _code, name, _en in vocab.VOCABULARIES[vocab.TECH_FIELD]}

    assert "填写说明" in workbook["说明"]["A1"].value


# --- import -----------------------------------------------------------------------------------


def test_three_good_rows_become_three_imported_drafts(member, enterprise):
    upload = sheet_upload(
        [
            good_row(enterprise),
            good_row(
                enterprise,
                需求名称="淇河鲫鱼冷链保鲜技术",
                技术领域="advanced-manufacturing",  # a code works as well as a name
                鹤壁主导产业=None,
                合作方式="委托开发,技术转让",
                截止日期=_future(90).isoformat(),  # typed as text
                保密级别="公开",
                **{"预算下限（万元）": None, "预算上限（万元）": None},
            ),
            good_row(enterprise, 需求名称="光纤连接器自动检测", 保密级别="仅经纪人"),
        ]
    )
    result = excel.needs_import(file=upload, user=member)

    assert result.errors == []
    assert len(result.created) == 3
    needs = Need.objects.filter(organization=enterprise).order_by("pk")
    assert needs.count() == 3
    assert {need.status for need in needs} == {Need.Status.DRAFT}
    for need in needs:
        assert list(need.events.values_list("action", flat=True)) == [NeedEvent.Action.IMPORTED]
        assert need.created_by == member

    first, second, third = needs
    assert first.budget_min_wan == Decimal("50.00")
    assert first.budget_max_wan == Decimal("120.50")
    assert first.tech_field == term(vocab.TECH_FIELD, "new-materials")
    assert first.industry == term(vocab.INDUSTRY, "magnesium")
    assert first.district == term(vocab.DISTRICT, "410611")
    assert first.confidentiality == Need.Confidentiality.MEMBERS
    assert first.deadline == _future()
    assert {t.code for t in first.cooperation_modes.all()} == {"joint-development", "service"}

    assert second.tech_field.code == "advanced-manufacturing"
    assert second.industry is None
    assert second.budget_is_negotiable
    assert second.deadline == _future(90)
    assert second.confidentiality == Need.Confidentiality.PUBLIC
    assert {t.code for t in second.cooperation_modes.all()} == {"commissioned", "transfer"}

    assert third.confidentiality == Need.Confidentiality.BROKERS


def test_one_bad_row_stops_the_whole_sheet_and_every_bad_row_is_reported(member, enterprise):
    upload = sheet_upload(
        [
            good_row(enterprise),  # row 3
            good_row(enterprise, 技术领域="量子通信"),  # row 4
            good_row(enterprise, **{"预算下限（万元）": 200, "预算上限（万元）": 100}),  # row 5
            good_row(enterprise, 统一社会信用代码="91410611MA00000001"),  # row 6
            good_row(enterprise, 截止日期=timezone.localdate() - datetime.timedelta(days=1)),
            good_row(enterprise, 需求名称=None),  # row 8
            good_row(enterprise, 需求名称="光电子器件封装"),  # row 9
            good_row(enterprise, 保密级别=None),  # row 10: no silent default to public
        ]
    )
    result = excel.needs_import(file=upload, user=member)

    assert result.created == []
    assert Need.objects.count() == 0
    assert NeedEvent.objects.count() == 0
    assert where(result) == {
        (4, "技术领域"),
        (5, "预算上限（万元）"),
        (6, "统一社会信用代码"),
        (7, "截止日期"),
        (8, "需求名称"),
        (10, "保密级别"),
    }
    unknown_field = next(e for e in result.errors if e.row == 4)
    assert "新材料" in unknown_field.message, "the message lists the allowed values"


def test_a_row_refused_by_the_model_is_reported_and_rolls_back_the_rest(member, enterprise):
    upload = sheet_upload(
        [
            good_row(enterprise),
            good_row(enterprise, 需求名称="长" * 200),  # passes our checks, not the model's
            good_row(enterprise, 联系邮箱="not-an-email", 技术领域="量子通信"),
        ]
    )
    result = excel.needs_import(file=upload, user=member)

    assert Need.objects.count() == 0
    assert result.created == []
    assert where(result) == {(4, "需求名称"), (5, "联系邮箱"), (5, "技术领域")}


@pytest.mark.parametrize(
    ("amount", "ok"),
    [("12.34", True), (12.5, True), ("1,200", True), (-5, False), ("1.234", False), ("多", False)],
)
def test_budget_amounts_are_exact_decimals(member, enterprise, amount, ok):
    row = good_row(enterprise, **{"预算下限（万元）": amount, "预算上限（万元）": None})
    upload = sheet_upload([row])
    result = excel.needs_import(file=upload, user=member)
    if ok:
        assert result.errors == []
        assert isinstance(result.created[0].budget_min_wan, Decimal)
    else:
        assert where(result) == {(3, "预算下限（万元）")}
        assert Need.objects.count() == 0


def test_empty_rows_are_skipped_and_row_numbers_stay_true(member, enterprise):
    upload = sheet_upload(
        [good_row(enterprise), {"需求名称": None}, good_row(enterprise, 技术领域="量子通信")]
    )
    result = excel.needs_import(file=upload, user=member)
    assert where(result) == {(5, "技术领域")}


def test_a_member_cannot_import_for_another_enterprise(member, enterprise, other_enterprise):
    upload = sheet_upload([good_row(enterprise), good_row(other_enterprise)])
    result = excel.needs_import(file=upload, user=member)
    assert where(result) == {(4, "统一社会信用代码")}
    assert Need.objects.count() == 0


def test_a_broker_imports_for_any_enterprise(broker, enterprise, other_enterprise):
    upload = sheet_upload([good_row(enterprise), good_row(other_enterprise)])
    result = excel.needs_import(file=upload, user=broker)
    assert result.errors == []
    assert {need.organization for need in result.created} == {enterprise, other_enterprise}
    assert {need.created_by for need in result.created} == {broker}


def test_a_broker_gets_an_error_for_an_unregistered_enterprise(broker, enterprise):
    unknown = OrganizationFactory.build().credit_code  # valid, but nobody registered it
    upload = sheet_upload([good_row(enterprise, 统一社会信用代码=unknown, 企业名称=None)])
    result = excel.needs_import(file=upload, user=broker)
    assert where(result) == {(3, "统一社会信用代码")}


def test_an_enterprise_name_that_does_not_match_the_code_is_an_error(member, enterprise):
    upload = sheet_upload([good_row(enterprise, 企业名称="别的公司")])
    result = excel.needs_import(file=upload, user=member)
    assert where(result) == {(3, "企业名称")}


def test_a_text_file_gives_one_clear_error(member):
    upload = SimpleUploadedFile("needs.txt", "企业名称,需求名称\n".encode(), "text/plain")
    result = excel.needs_import(file=upload, user=member)
    assert result.created == []
    assert len(result.errors) == 1
    assert result.errors[0].row == 0


def test_a_workbook_without_the_template_header_is_refused(member):
    workbook = Workbook()
    workbook.active.append(["名称", "描述"])
    workbook.active.append(["一项需求", "说明"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = excel.needs_import(file=io.BytesIO(buffer.getvalue()), user=member)
    assert result.errors
    assert {error.row for error in result.errors} == {1}
    assert Need.objects.count() == 0


def test_an_empty_template_is_reported(member):
    result = excel.needs_import(file=sheet_upload([]), user=member)
    assert [error.row for error in result.errors] == [0]


@pytest.mark.parametrize("who", ["anonymous", "no_role", "university_editor", "unverified"])
def test_users_who_may_not_post_needs_may_not_import(db, enterprise, who):
    if who == "anonymous":
        user = AnonymousUser()
    else:
        user = UserFactory()
        if who == "university_editor":
            university = OrganizationFactory(kind="university")
            membership_grant(user=user, organization=university, role=Role.UNIVERSITY_EDITOR)
        if who == "unverified":  # a fresh sign-up whose enterprise awaits verification
            enterprise.verified = False
            enterprise.save()
            membership_grant(user=user, organization=enterprise, role=Role.ENTERPRISE_MEMBER)
    with pytest.raises(PermissionDenied):
        excel.needs_import(file=sheet_upload([good_row(enterprise)]), user=user)
    assert Need.objects.count() == 0


# --- export -----------------------------------------------------------------------------------


def _published(enterprise, user, confidentiality, title) -> Need:
    need = need_create(
        organization=enterprise,
        user=user,
        data={
            "title": title,
            "summary": f"{title}的公开摘要",
            "description": f"{title}的保密细节：盐雾240小时",
            "tech_field": term(vocab.TECH_FIELD, "new-materials"),
            "district": term(vocab.DISTRICT, "410611"),
            "budget_min_wan": Decimal("50.00"),
            "budget_max_wan": Decimal("120.50"),
            "deadline": _future(),
            "contact_name": "张工",
            "contact_phone": "13903921234",
            "contact_email": "secret@example.com",
            "confidentiality": confidentiality,
        },
        cooperation_modes=[term(vocab.COOPERATION_MODE, "joint-development")],
    )
    Need.objects.filter(pk=need.pk).update(
        status=Need.Status.PUBLISHED, published_at=timezone.now()
    )
    need.refresh_from_db()
    return need


def _exported(needs, user) -> tuple[list[str], list[dict]]:
    workbook = load_workbook(io.BytesIO(excel.needs_export(needs, user=user)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headers = list(rows[0])
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


SECRETS = ("盐雾240小时", "张工", "13903921234", "secret@example.com")


def _leaks(rows: list[dict]) -> bool:
    text = " ".join(str(value) for row in rows for value in row.values())
    return any(secret in text for secret in SECRETS)


def test_export_hides_members_only_details_from_anonymous_visitors(member, enterprise):
    need = _published(enterprise, member, Need.Confidentiality.MEMBERS, "镁合金防腐")

    headers, rows = _exported(Need.objects.filter(pk=need.pk), AnonymousUser())
    assert {"需求编号", "状态", "发布时间", "需求名称", "需求描述"} <= set(headers)
    assert len(rows) == 1
    row = rows[0]
    assert row["需求名称"] == "镁合金防腐"
    assert row["公开摘要"] == "镁合金防腐的公开摘要"
    assert row["需求编号"] == need.pk
    for column in (
        "需求描述",
        "预算下限（万元）",
        "预算上限（万元）",
        "联系人",
        "联系电话",
        "联系邮箱",
    ):
        assert row[column] == excel.MEMBERS_ONLY
    assert not _leaks(rows)


def test_export_shows_members_only_details_to_a_verified_member(
    member, enterprise, other_enterprise
):
    need = _published(enterprise, member, Need.Confidentiality.MEMBERS, "镁合金防腐")
    someone = UserFactory()  # a member of another, verified enterprise
    membership_grant(user=someone, organization=other_enterprise, role=Role.ENTERPRISE_MEMBER)
    signed_up = UserFactory()  # signed in, but of no verified organization
    _headers, rows = _exported([need], signed_up)
    assert not _leaks(rows)

    _headers, rows = _exported([need], someone)
    row = rows[0]
    assert row["需求描述"] == "镁合金防腐的保密细节：盐雾240小时"
    assert row["联系人"] == "张工"
    assert row["联系电话"] == "13903921234"
    assert row["联系邮箱"] == "secret@example.com"
    assert Decimal(str(row["预算上限（万元）"])) == Decimal("120.50")
    assert row["技术领域"] == "新材料"
    assert row["合作方式"] == "合作开发"
    assert row["截止日期"].date() == need.deadline
    assert row["发布时间"] is not None

    workbook = load_workbook(io.BytesIO(excel.needs_export([need], user=someone)))
    sheet = workbook.worksheets[0]
    budget_column = [cell.value for cell in sheet[1]].index("预算下限（万元）") + 1
    assert sheet.cell(row=2, column=budget_column).number_format == "0.00"


def test_brokers_only_needs_exported_by_mistake_do_not_leak(member, enterprise, broker):
    secret = _published(enterprise, member, Need.Confidentiality.BROKERS, "光电子封装")
    public = _published(enterprise, member, Need.Confidentiality.PUBLIC, "公开需求")
    outsider = UserFactory()

    for user in (outsider, AnonymousUser()):
        _headers, rows = _exported(Need.objects.filter(pk__in=[secret.pk, public.pk]), user)
        assert [row["需求名称"] for row in rows] == ["公开需求"]
        hidden_rows = [row for row in rows if row["需求编号"] == secret.pk]
        assert hidden_rows == []
        assert "光电子封装的保密细节" not in str(rows)

    for user in (broker, member):
        _headers, rows = _exported([secret], user)
        assert rows[0]["需求描述"] == "光电子封装的保密细节：盐雾240小时"
        assert rows[0]["联系人"] == "张工"


def test_exported_text_is_never_a_formula(member, enterprise):
    need = _published(enterprise, member, Need.Confidentiality.PUBLIC, '=HYPERLINK("x")')
    workbook = load_workbook(io.BytesIO(excel.needs_export([need], user=member)))
    sheet = workbook.worksheets[0]
    title_column = [cell.value for cell in sheet[1]].index("需求名称") + 1
    cell = sheet.cell(row=2, column=title_column)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("x")'


# --- hostile uploads ----------------------------------------------------------------------------


def _rewritten(content: bytes, changes: dict, added: dict | None = None) -> bytes:
    """The workbook with zip parts' XML changed (part -> function) and parts added."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in changes:
                data = changes[item.filename](data.decode()).encode()
            target.writestr(item.filename, data)
        for name, data in (added or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def test_a_sheet_that_claims_a_huge_range_is_read_quickly(member, enterprise):
    """A few KB declaring A1:ZZ200000, with one cell far down and right: streamed rows, capped
    columns, the declared dimension ignored; one clear error, in well under a second."""
    content = sheet_upload([good_row(enterprise)]).read()

    def claim(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:ZZ200000"', xml)
        far = (
            '<row r="200000"><c r="A200000" t="inlineStr"><is><t>x</t></is></c>'
            '<c r="ZZ200000" t="inlineStr"><is><t>x</t></is></c></row>'
        )
        return xml.replace("</sheetData>", far + "</sheetData>")

    hostile = _rewritten(content, {"xl/worksheets/sheet1.xml": claim})
    assert len(hostile) < 60_000
    started = time.monotonic()
    result = excel.needs_import(file=SimpleUploadedFile("a.xlsx", hostile), user=member)
    assert time.monotonic() - started < 3
    assert not result.created and len(result.errors) == 1
    assert "500" in result.errors[0].message  # at most 500 needs a sheet
    assert Need.objects.count() == 0


def test_huge_shared_strings_are_refused_before_reading(member, settings):
    """About 100 MB of shared strings squeezed into a small zip is refused from the zip's
    directory, before any part is parsed."""
    workbook = Workbook()
    workbook.active["A1"] = "企业名称"
    buffer = io.BytesIO()
    workbook.save(buffer)
    strings = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + ("<si><t>" + "镁" * 1000 + "</t></si>") * 35_000
        + "</sst>"
    )
    hostile = _rewritten(
        buffer.getvalue(),
        {
            "[Content_Types].xml": lambda xml: xml.replace(
                "</Types>",
                '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            ),
            "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
                "</Relationships>",
                '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                "</Relationships>",
            ),
        },
        {"xl/sharedStrings.xml": strings},
    )
    assert len(hostile) < settings.SPREADSHEET_IMPORT_MAX_BYTES
    result = excel.needs_import(file=SimpleUploadedFile("b.xlsx", hostile), user=member)
    assert [error.row for error in result.errors] == [0]
    assert "解压" in result.errors[0].message


def test_an_upload_over_the_size_limit_is_refused_unread(client, member, settings):
    settings.SPREADSHEET_IMPORT_MAX_BYTES = 1024
    upload = sheet_upload([good_row(OrganizationFactory())])
    assert upload.size > 1024
    client.force_login(member)
    response = client.post(reverse("market:needs_import"), {"file": upload})
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    assert "文件超过 1.0 KB" in page and "分成几个文件" in page
    assert Need.objects.count() == 0


def test_an_unverified_sign_up_does_not_reach_the_importer(client, enterprise):
    enterprise.verified = False
    enterprise.save()
    user = UserFactory()
    membership_grant(user=user, organization=enterprise, role=Role.ENTERPRISE_MEMBER)
    client.force_login(user)
    assert client.get(reverse("market:needs_import")).status_code == 403
    response = client.post(reverse("market:needs_import"), {"file": sheet_upload([])})
    assert response.status_code == 403
    assert "已核验" in response.content.decode()

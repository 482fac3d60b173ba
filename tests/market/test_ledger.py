"""The registration ledger (技术合同登记台账): an export with exact totals, and an all-or-nothing
import of historical registered contracts for registrars."""

import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.services import membership_grant
from market.contracts import ledger
from market.contracts.models import Contract, ContractEvent, RegistrationCounter
from tests.factories import PASSWORD, OrganizationFactory, UserFactory, credit_code

TODAY = timezone.localdate()
YEAR = TODAY.year
# The ledger import takes past years' registrations only.
PAST = YEAR - 1
PAST_REGISTERED = datetime.date(PAST, 6, 30)
SIGNED = PAST_REGISTERED - datetime.timedelta(days=15)


@pytest.fixture
def registrar(db):
    office = OrganizationFactory(kind="government", name="鹤壁市技术合同登记处", slug="office")
    user = UserFactory(username="registrar")
    membership_grant(user=user, organization=office, role=Role.REGISTRAR)
    return user


@pytest.fixture
def editor(db):
    university = OrganizationFactory(kind="university", name="郑州大学", slug="zzu-t")
    user = UserFactory(username="editor")
    membership_grant(user=user, organization=university, role=Role.UNIVERSITY_EDITOR)
    return user


def registered(n: int, amount: str, verified: str, on: datetime.date, **extra) -> Contract:
    fields = {
        "name": f"镁合金压铸工艺技术开发合同{n}",
        "contract_type": "development",
        "subtype": "commissioned",
        "seller_name": "郑州大学",
        "seller_credit_code": credit_code(),
        "seller_region": "410102",
        "seller_nature": "university",
        "buyer_name": "鹤壁天海电器有限公司",
        "buyer_credit_code": credit_code(),
        "buyer_region": "410611",
        "buyer_nature": "enterprise",
        "signed_on": on - datetime.timedelta(days=5),
        "term_start": on - datetime.timedelta(days=5),
        "term_end": on + datetime.timedelta(days=300),
        "contract_amount": Decimal(amount),
        "declared_transaction_amount": Decimal(verified),
        "transaction_amount": Decimal(verified),
        "status": Contract.Status.REGISTERED,
        "registration_point": "410600",
        "registration_year": on.year,
        "registration_serial": n,
        "registration_number": f"{on.year}410600{n:06d}",
        "registered_on": on,
    }
    fields.update(extra)
    return Contract.objects.create(**fields)


# --- export -----------------------------------------------------------------------------------


def test_the_ledger_lists_registered_contracts_with_exact_totals(db):
    start = datetime.date(YEAR, 1, 10)
    registered(1, "500000.10", "400000.05", start)
    registered(2, "1234567.89", "1000000.01", start + datetime.timedelta(days=1))
    registered(
        3,
        "0.01",
        "0.01",
        start + datetime.timedelta(days=2),
        contract_type="service",
        subtype="training",
        seller_nature="institute",
    )
    registered(
        4,
        "999999.99",
        "999999.99",
        start,
        status=Contract.Status.SUBMITTED,
        registration_number=None,
        registration_serial=None,
        registered_on=None,
    )

    content = ledger.contracts_ledger(Contract.objects.all())
    sheet = load_workbook(io.BytesIO(content))[ledger.SHEET_LEDGER]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [column.header for column in ledger.COLUMNS]
    assert len(rows) == 1 + 3 + 1  # header, three registered contracts, total
    numbers = [row[0] for row in rows[1:4]]
    assert numbers == [f"{YEAR}410600{n:06d}" for n in (1, 2, 3)]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["合同类型"] == "技术开发"
    assert first["子类型"] == "委托开发"
    assert first["卖方性质"] == "高等院校"
    assert first["买方性质"] == "企业"
    assert first["签订日期"].date() == start - datetime.timedelta(days=5)
    assert first["登记日期"].date() == start
    third = dict(zip(rows[0], rows[3], strict=True))
    assert (third["合同类型"], third["子类型"], third["卖方性质"]) == (
        "技术服务",
        "技术培训",
        "科研机构",
    )

    total = dict(zip(rows[0], rows[-1], strict=True))
    assert total["登记编号"] == "合计"
    assert total["合同名称"] == "共3项"
    assert Decimal(str(total["合同成交额（元）"])) == Decimal("1734568.00")
    assert Decimal(str(total["技术交易额（元）"])) == Decimal("1400000.07")
    assert sheet.cell(row=2, column=14).number_format == "#,##0.00"
    assert sheet.cell(row=5, column=15).number_format == "#,##0.00"
    # The totals are numbers written out exactly, not formulas Excel would compute.
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml").decode()
    assert "<v>1734568.00</v>" in xml or "<v>1734568</v>" in xml
    assert "<v>1400000.07</v>" in xml
    assert "<f>" not in xml


# --- import -----------------------------------------------------------------------------------


def good_row(number: str, **overrides) -> dict:
    row = {
        "登记编号": number,
        "合同名称": "硅基光互连芯片封装技术开发合同",
        "合同类型": "技术开发",
        "子类型": "委托开发",
        "卖方": "中科院半导体研究所",
        "卖方统一社会信用代码": credit_code(),
        "卖方地区代码": "110108",
        "卖方性质": "科研机构",
        "买方": "鹤壁仕佳光子科技有限公司",
        "买方统一社会信用代码": credit_code(),
        "买方地区代码": 410611,
        "买方性质": "企业",
        "签订日期": SIGNED,
        "合同成交额（元）": 800000,
        "技术交易额（元）": "650000.50",
        "登记日期": PAST_REGISTERED,
    }
    row.update(overrides)
    return row


def sheet_upload(rows: list[dict]) -> SimpleUploadedFile:
    """The downloaded template, filled in from row 3 on like a person would."""
    workbook = load_workbook(io.BytesIO(ledger.ledger_template()))
    sheet = workbook[ledger.SHEET_LEDGER]
    headers = [cell.value for cell in sheet[1]]
    for offset, row in enumerate(rows):
        for index, header in enumerate(headers, start=1):
            sheet.cell(row=3 + offset, column=index, value=row.get(header))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("台账.xlsx", buffer.getvalue())


def test_a_good_sheet_creates_registered_contracts(registrar):
    rows = [
        good_row(f"{PAST}410600000007"),
        good_row(
            f"{PAST}410600000012",
            合同类型="transfer",
            子类型="专利权转让",
            卖方性质="university",
            **{"合同成交额（元）": "1,200,000.00", "技术交易额（元）": 1200000},
        ),
        good_row("豫鹤技登字第0031号", 合同类型="技术服务", 子类型="技术中介", 买方性质="其他"),
    ]
    result = ledger.ledger_import(file=sheet_upload(rows), user=registrar)
    assert result.ok, result.errors
    assert len(result.created) == 3
    contracts = Contract.objects.order_by("pk")
    assert contracts.count() == 3
    assert set(contracts.values_list("status", flat=True)) == {"registered"}
    first, second, third = contracts
    assert (first.registration_point, first.registration_year, first.registration_serial) == (
        "410600",
        PAST,
        7,
    )
    assert first.transaction_amount == first.declared_transaction_amount == Decimal("650000.50")
    assert first.contract_amount == Decimal("800000.00")
    assert first.buyer_region == "410611"
    assert (first.signed_on, first.registered_on) == (SIGNED, PAST_REGISTERED)
    assert (second.contract_type, second.subtype, second.seller_nature) == (
        "transfer",
        "patent_right",
        "university",
    )
    assert second.contract_amount == Decimal("1200000.00")
    assert third.registration_number == "豫鹤技登字第0031号"
    assert (third.registration_point, third.registration_serial) == ("", None)
    assert third.registration_year == PAST
    assert (third.subtype, third.buyer_nature) == ("brokerage", "other")
    assert ContractEvent.objects.filter(action="imported", actor=registrar).count() == 3
    # Imported numbers never move the counter of the portal's own registrations.
    assert not RegistrationCounter.objects.exists()

    # The exported ledger imports again elsewhere; here its numbers are taken.
    again = ledger.ledger_import(
        file=ledger.contracts_ledger(Contract.objects.all()), user=registrar
    )
    assert not again.ok
    assert {(e.row, e.column) for e in again.errors} == {
        (2, "登记编号"),
        (3, "登记编号"),
        (4, "登记编号"),
    }


def test_a_sheet_with_mistakes_creates_nothing_and_names_each_row_and_column(registrar):
    registered(
        5,
        "300000",
        "300000",
        datetime.date(PAST, 1, 3),
        registration_year=PAST,
        registration_number=f"{PAST}410600000005",
    )
    tomorrow = TODAY + datetime.timedelta(days=1)
    rows = [
        good_row(f"{PAST}410600000100"),  # row 3: fine
        good_row(f"{PAST}410600000100"),  # row 4: the same number as row 3
        good_row(f"{PAST}410600000101", **{"技术交易额（元）": "800000.01"}),  # row 5
        good_row(f"{PAST}410600000102", 登记日期=tomorrow),  # row 6
        good_row(f"{PAST}410600000103", 卖方统一社会信用代码="91410611MA0000000X"),  # row 7
        good_row(f"{PAST}410600000104", 合同类型="技术赠与"),  # row 8
        good_row(f"{PAST}410600000005"),  # row 9: registered already
        good_row(f"{PAST}410600000106", 子类型="专利实施许可"),  # row 10: not a development
        good_row(f"{PAST}410600000107", 卖方地区代码="4106", **{"合同成交额（元）": "12.345"}),
        good_row(f"{PAST}410600000108", 签订日期=tomorrow),  # row 12
    ]
    result = ledger.ledger_import(file=sheet_upload(rows), user=registrar)
    assert not result.ok
    found = {(error.row, error.column) for error in result.errors}
    assert found == {
        (4, "登记编号"),
        (5, "技术交易额（元）"),
        (6, "登记日期"),
        (7, "卖方统一社会信用代码"),
        (8, "合同类型"),
        (9, "登记编号"),
        (10, "子类型"),
        (11, "卖方地区代码"),
        (11, "合同成交额（元）"),
        (12, "签订日期"),
    }
    messages = {(error.row, error.column): error.message for error in result.errors}
    assert "3" in messages[(4, "登记编号")]
    assert "技术赠与" in messages[(8, "合同类型")]
    assert Contract.objects.count() == 1
    assert not ContractEvent.objects.filter(action="imported").exists()
    assert not RegistrationCounter.objects.exists()


def test_this_years_contracts_large_ones_and_rows_without_a_seller_are_refused(registrar):
    """The ledger is for past years: a contract of this year counts toward this year's target
    and goes through the review, as does one that needs a second registrar."""
    rows = [
        good_row(f"{YEAR}410600000999", 登记日期=TODAY, 签订日期=TODAY),  # row 3
        good_row(f"{PAST}410600000010", 卖方=None),  # row 4
        good_row(f"{PAST}410600000011", 卖方="\u200b\u200b"),  # row 5: only invisible
        good_row(  # row 6: the second-review amount
            f"{PAST}410600000012",
            **{"合同成交额（元）": "10000000.00", "技术交易额（元）": "9000000"},
        ),
        good_row(  # row 7: 5亿元
            f"{PAST}410600000013",
            **{"合同成交额（元）": 500000000, "技术交易额（元）": 500000000},
        ),
    ]
    result = ledger.ledger_import(file=sheet_upload(rows), user=registrar)
    assert not result.ok
    messages = {(error.row, error.column): error.message for error in result.errors}
    assert set(messages) == {
        (3, "登记日期"),
        (4, "卖方"),
        (5, "卖方"),
        (6, "合同成交额（元）"),
        (7, "合同成交额（元）"),
    }
    assert "往年" in messages[(3, "登记日期")] and "登记审核" in messages[(3, "登记日期")]
    assert "复核" in messages[(6, "合同成交额（元）")]
    assert not Contract.objects.exists()
    assert not RegistrationCounter.objects.exists()


def test_imported_numbers_leave_this_years_serials_gap_free(registrar, editor):
    from market.contracts.services import contract_create, contract_register, contract_submit
    from tests.market.test_registration_numbers import contract_data

    result = ledger.ledger_import(
        file=sheet_upload([good_row(f"{PAST}410600000999")]), user=registrar
    )
    assert result.ok, result.errors
    seller = OrganizationFactory(kind="university", name="河南大学", slug="henu")
    membership_grant(user=editor, organization=seller, role=Role.UNIVERSITY_EDITOR)
    contract = contract_create(user=editor, seller=seller, data=contract_data(1))
    contract_submit(contract=contract, user=editor)
    contract = contract_register(contract=contract, user=registrar, transaction_amount="400000")
    assert contract.registration_number == f"{YEAR}410600000001"
    assert RegistrationCounter.objects.get(point="410600", year=YEAR).last_serial == 1
    assert not RegistrationCounter.objects.filter(year=PAST).exists()


def test_only_registrars_import(editor):
    with pytest.raises(PermissionDenied):
        ledger.ledger_import(file=sheet_upload([good_row(f"{PAST}410600000001")]), user=editor)
    assert not Contract.objects.exists()


def test_an_unreadable_file_is_one_error(registrar):
    result = ledger.ledger_import(file=SimpleUploadedFile("a.xlsx", b"not excel"), user=registrar)
    assert [(e.row, e.column) for e in result.errors] == [(0, "")]


# --- views ------------------------------------------------------------------------------------


def test_registrars_download_the_year_and_import(client, registrar, editor):
    registered(1, "500000", "450000", datetime.date(YEAR, 2, 1))
    registered(
        2,
        "200000",
        "200000",
        datetime.date(YEAR - 1, 12, 30),
        registration_year=YEAR - 1,
        registration_number=f"{YEAR - 1}410600000002",
    )

    client.login(username="editor", password=PASSWORD)
    assert client.get("/contracts/ledger/export.xlsx").status_code == 403
    assert client.get("/contracts/ledger/import/").status_code == 403

    client.login(username="registrar", password=PASSWORD)
    response = client.get("/contracts/ledger/export.xlsx", {"year": YEAR})
    assert response.status_code == 200
    assert (
        "%E6%8A%80%E6%9C%AF%E5%90%88%E5%90%8C%E7%99%BB%E8%AE%B0%E5%8F%B0%E8%B4%A6"
        in (response["Content-Disposition"])
    )
    assert f"-{YEAR}.xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [f"{YEAR}410600000001", "合计"]
    assert client.get("/contracts/ledger/export.xlsx", {"year": "20x6"}).status_code == 400

    assert client.get("/contracts/ledger/import/").status_code == 200
    template = client.get("/contracts/ledger/import/", {"download": "template"})
    assert template.status_code == 200 and template.content[:2] == b"PK"

    bad = sheet_upload([good_row(f"{PAST}410600000002")])
    response = client.post("/contracts/ledger/import/", {"file": bad})
    assert response.status_code == 200
    assert "登记编号" in response.content.decode()
    good = sheet_upload([good_row(f"{PAST}410600000050")])
    response = client.post("/contracts/ledger/import/", {"file": good})
    assert response.status_code == 302
    assert Contract.objects.filter(registration_number=f"{PAST}410600000050").exists()

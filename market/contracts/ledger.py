"""The registration ledger (技术合同登记台账) as a spreadsheet: its export, its template, and the
import of historical registered contracts.

Like the needs spreadsheets (market/needs/excel.py), the workbook is a Chinese form: sheet name,
headers and notes are Chinese; error messages go through gettext.

- ``contracts_ledger(contracts)``: registered contracts, one per row, and a total row with the
  exact sums (Decimal, to the fen; no Excel formulas).
- ``ledger_template()``: the header and a format row, to fill in.
- ``ledger_import(file=..., user=...)``: contracts registered in past years before the portal
  (or elsewhere), every row checked, then all of them created as registered in one transaction,
  or none. This year's contracts, and large ones that need a second registrar, go through the
  registration review (market.contracts.services) instead; imported numbers never move the
  registration counter, so this year's serials stay gap-free.
"""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from accounts.credit_code import normalize, validate_credit_code
from accounts.models import Organization
from market.contracts.models import (
    SUBTYPES,
    Contract,
    ContractEvent,
    ContractSubtype,
    ContractType,
    PartyNature,
)
from market.contracts.permissions import is_registrar
from market.contracts.services import second_review_from
from market.spreadsheets import (
    ImportResult,
    Rollback,
    RowError,
    amount_validation,
    cell,
    column_width,
    data_rows,
    exact_decimal,
    fold,
    format_column,
    header_cell,
    header_key,
    list_validation,
    note_cell,
    put,
    read_upload,
    row_errors,
    save,
    text,
    two_places,
    unknown_value,
    write_help,
)
from market.spreadsheets import date as parse_date

SHEET_LEDGER = "技术合同登记台账"

HEADER_ROW = 1
NOTE_ROW = 2


def max_rows() -> int:
    """Data rows per import (SPREADSHEET_IMPORT_MAX_ROWS): a busy point splits its year."""
    return settings.SPREADSHEET_IMPORT_MAX_ROWS


AMOUNT_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
TOTAL_LABEL = "合计"

TYPE_LABELS = {
    ContractType.DEVELOPMENT: "技术开发",
    ContractType.TRANSFER: "技术转让",
    ContractType.LICENCE: "技术许可",
    ContractType.CONSULTING: "技术咨询",
    ContractType.SERVICE: "技术服务",
}
SUBTYPE_LABELS = {
    ContractSubtype.COMMISSIONED: "委托开发",
    ContractSubtype.COOPERATIVE: "合作开发",
    ContractSubtype.PATENT_RIGHT: "专利权转让",
    ContractSubtype.PATENT_APPLICATION: "专利申请权转让",
    ContractSubtype.KNOW_HOW: "技术秘密转让",
    ContractSubtype.OTHER_TRANSFER: "其他技术转让",
    ContractSubtype.PATENT_LICENCE: "专利实施许可",
    ContractSubtype.KNOW_HOW_LICENCE: "技术秘密使用许可",
    ContractSubtype.CONSULTING: "技术咨询",
    ContractSubtype.SERVICE: "技术服务",
    ContractSubtype.TRAINING: "技术培训",
    ContractSubtype.BROKERAGE: "技术中介",
}
NATURE_LABELS = {
    PartyNature.ENTERPRISE: "企业",
    PartyNature.UNIVERSITY: "高等院校",
    PartyNature.INSTITUTE: "科研机构",
    PartyNature.OTHER: "其他",
}
# Other names people write for a party's nature.
NATURE_ALIASES = {
    "企业法人": PartyNature.ENTERPRISE,
    "高校": PartyNature.UNIVERSITY,
    "大学": PartyNature.UNIVERSITY,
    "科研院所": PartyNature.INSTITUTE,
    "研究机构": PartyNature.INSTITUTE,
    "研究院所": PartyNature.INSTITUTE,
}

# 4-digit year, 6-digit registration point (GB/T 2260), 6-digit serial: the portal's own form.
_NUMBER = re.compile(r"^(\d{4})(\d{6})(\d{6})$")
_REGION = re.compile(r"^\d{6}$")
_LARGEST = Decimal("1e14")  # max_digits=16 with 2 decimals


@dataclass(frozen=True)
class Column:
    key: str  # a Contract field name
    header: str
    width: int
    note: str


COLUMNS: tuple[Column, ...] = (
    Column(
        "registration_number", "登记编号", 20, "必填，不得与已登记合同重复，如 2026410600000001"
    ),
    Column("name", "合同名称", 36, "必填，不超过200字"),
    Column("contract_type", "合同类型", 12, "必填：技术开发/技术转让/技术许可/技术咨询/技术服务"),
    Column("subtype", "子类型", 16, "必填，须属于合同类型，见“说明”"),
    Column("seller_name", "卖方", 28, "必填，技术输出方名称"),
    Column("seller_credit_code", "卖方统一社会信用代码", 22, "必填，18位"),
    Column("seller_region", "卖方地区代码", 12, "必填，6位行政区划代码，如 410611"),
    Column("seller_nature", "卖方性质", 12, "必填：企业/高等院校/科研机构/其他"),
    Column("buyer_name", "买方", 28, "必填，技术吸纳方名称"),
    Column("buyer_credit_code", "买方统一社会信用代码", 22, "必填，18位"),
    Column("buyer_region", "买方地区代码", 12, "必填，6位行政区划代码"),
    Column("buyer_nature", "买方性质", 12, "必填：企业/高等院校/科研机构/其他"),
    Column("signed_on", "签订日期", 12, "必填，YYYY-MM-DD，不晚于登记日期"),
    Column("contract_amount", "合同成交额（元）", 18, "必填，单位元，大于0，最多两位小数"),
    Column("transaction_amount", "技术交易额（元）", 18, "必填，单位元，不超过合同成交额"),
    Column("registered_on", "登记日期", 12, "必填，YYYY-MM-DD，须在往年（本年度合同请走登记审核）"),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_FIELD_COLUMN = {column.key: column.header for column in COLUMNS}
_FIELD_COLUMN["declared_transaction_amount"] = COLUMN_BY_KEY["transaction_amount"].header
_FIELD_COLUMN["registration_serial"] = COLUMN_BY_KEY["registration_number"].header
_FIELD_COLUMN["registration_point"] = COLUMN_BY_KEY["registration_number"].header
_FIELD_COLUMN["registration_year"] = COLUMN_BY_KEY["registration_number"].header
_FIELD_COLUMN["term_start"] = COLUMN_BY_KEY["signed_on"].header
_FIELD_COLUMN["term_end"] = COLUMN_BY_KEY["signed_on"].header

_AMOUNT_KEYS = ("contract_amount", "transaction_amount")
_DATE_KEYS = ("signed_on", "registered_on")
_TEXT_KEYS = ("registration_number", "seller_credit_code", "buyer_credit_code")
_TOTAL_FONT = Font(bold=True)


def _headers(sheet) -> None:
    for index, column in enumerate(COLUMNS, start=1):
        header_cell(sheet, HEADER_ROW, index, column.header, wrap=True)
        column_width(sheet, index, column.width)


# --- export -----------------------------------------------------------------------------------


def _ledger_values(contract: Contract) -> list[tuple[object, str | None]]:
    verified = contract.transaction_amount
    if verified is None:
        verified = contract.declared_transaction_amount
    values = {
        "registration_number": (contract.registration_number or "", None),
        "name": (contract.name, None),
        "contract_type": (TYPE_LABELS.get(contract.contract_type, contract.contract_type), None),
        "subtype": (SUBTYPE_LABELS.get(contract.subtype, contract.subtype), None),
        "seller_name": (contract.seller_name, None),
        "seller_credit_code": (contract.seller_credit_code, None),
        "seller_region": (contract.seller_region, None),
        "seller_nature": (NATURE_LABELS.get(contract.seller_nature, contract.seller_nature), None),
        "buyer_name": (contract.buyer_name, None),
        "buyer_credit_code": (contract.buyer_credit_code, None),
        "buyer_region": (contract.buyer_region, None),
        "buyer_nature": (NATURE_LABELS.get(contract.buyer_nature, contract.buyer_nature), None),
        "signed_on": (contract.signed_on, DATE_FORMAT),
        "contract_amount": (contract.contract_amount, AMOUNT_FORMAT),
        "transaction_amount": (verified, AMOUNT_FORMAT),
        "registered_on": (contract.registered_on, DATE_FORMAT),
    }
    return [values[column.key] for column in COLUMNS]


def contracts_ledger(contracts) -> bytes:
    """The 技术合同登记台账 (.xlsx) of the given contracts that are registered.

    Rows follow the registration date and number (unless the queryset is ordered already);
    the last row holds the totals, summed here as Decimals so they are exact to the fen.
    """
    if isinstance(contracts, QuerySet):
        contracts = contracts.filter(status=Contract.Status.REGISTERED)
        if not contracts.query.order_by:
            contracts = contracts.order_by("registered_on", "registration_number", "pk")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_LEDGER
    _headers(sheet)

    totals = dict.fromkeys(_AMOUNT_KEYS, Decimal("0.00"))
    row = HEADER_ROW
    for contract in contracts:
        if contract.status != Contract.Status.REGISTERED:
            continue
        row += 1
        values = _ledger_values(contract)
        for index, (value, number_format) in enumerate(values, start=1):
            put(sheet, row, index, value, number_format)
        for index, column in enumerate(COLUMNS):
            if column.key in totals:
                totals[column.key] += values[index][0]
    count = row - HEADER_ROW

    total_row = row + 1
    for index, column in enumerate(COLUMNS, start=1):
        if column.key == "registration_number":
            value, number_format = TOTAL_LABEL, None
        elif column.key == "name":
            value, number_format = f"共{count}项", None
        elif column.key in totals:
            value, number_format = totals[column.key], AMOUNT_FORMAT
        else:
            continue
        put(sheet, total_row, index, value, number_format)
        sheet.cell(row=total_row, column=index).font = _TOTAL_FONT

    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    if count:
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS))}{row}"
    return save(workbook)


# --- template ---------------------------------------------------------------------------------


def ledger_template() -> bytes:
    """The empty ledger: the header, a row of format notes, drop-downs for the coded columns."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_LEDGER
    _headers(sheet)
    last_row = NOTE_ROW + max_rows()
    lists = {
        "contract_type": list(TYPE_LABELS.values()),
        "subtype": list(SUBTYPE_LABELS.values()),
        "seller_nature": list(NATURE_LABELS.values()),
        "buyer_nature": list(NATURE_LABELS.values()),
    }
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        note_cell(sheet, NOTE_ROW, index, column.note)
        cells = f"{letter}{NOTE_ROW + 1}:{letter}{last_row}"
        validation = None
        if column.key in lists:
            validation = list_validation(f'"{",".join(lists[column.key])}"', column.header)
        elif column.key in _AMOUNT_KEYS:
            validation = amount_validation("请填写大于0的金额（元），最多两位小数。")
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(cells)
        number_format = None
        if column.key in _TEXT_KEYS or column.key.endswith("_region"):
            number_format = "@"
        elif column.key in _DATE_KEYS:
            number_format = DATE_FORMAT
        elif column.key in _AMOUNT_KEYS:
            number_format = AMOUNT_FORMAT
        if number_format:
            format_column(sheet, index, NOTE_ROW + 1, last_row, number_format)
    sheet.row_dimensions[NOTE_ROW].height = 60
    sheet.freeze_panes = sheet.cell(row=NOTE_ROW + 1, column=1)

    lines = [
        "技术合同登记台账导入说明",
        "",
        f"1. 每行填写一份已登记的技术合同，从第{NOTE_ROW + 1}行开始；第{NOTE_ROW}行是格式说明，"
        "请保留，不要填写。",
        f"2. 一次最多导入{max_rows()}份合同；空行会被跳过；末尾的“{TOTAL_LABEL}”行会被忽略。",
        "3. 登记编号不得与平台已有的或表内其他行重复；形如“年份4位+登记点6位+序号6位”"
        "（如 2025410600000001）的编号按其年份、登记点和序号记录，不影响平台今后的登记序号。",
        "4. 合同类型、子类型、当事人性质可填中文名称或代码；子类型须属于所填合同类型。",
        "5. 金额单位为元，大于0，最多两位小数；技术交易额不得超过合同成交额。",
        "6. 日期格式为 YYYY-MM-DD；签订日期不得晚于登记日期。",
        "7. 任一行有错误时，整张表都不会导入；请按提示的行号和列名修改后重新上传。",
        "8. 只导入往年已登记的合同：本年度的合同，以及合同成交额达到第二名登记员复核标准"
        "的合同，须在平台提交并经登记审核，不能通过台账导入。",
        "",
        "合同类型与子类型：",
    ]
    for contract_type, subtypes in SUBTYPES.items():
        names = "、".join(SUBTYPE_LABELS[s] for s in subtypes)
        lines.append(f"{TYPE_LABELS[contract_type]}：{names}")
    lines.append("")
    lines.append(f"当事人性质：{'、'.join(NATURE_LABELS.values())}")
    write_help(workbook.create_sheet("说明"), lines)
    workbook.active = 0
    return save(workbook)


# --- import -----------------------------------------------------------------------------------


def _choice_lookup(labels: dict, aliases: dict | None = None) -> dict[str, str]:
    lookup = {}
    for value, label in labels.items():
        lookup[fold(str(value))] = str(value)
        lookup[fold(label)] = str(value)
    for alias, value in (aliases or {}).items():
        lookup.setdefault(fold(alias), str(value))
    return lookup


_TYPES = _choice_lookup(TYPE_LABELS)
_SUBTYPES = _choice_lookup(SUBTYPE_LABELS)
_NATURES = _choice_lookup(NATURE_LABELS, NATURE_ALIASES)


def _amount(value) -> Decimal:
    """A positive amount in yuan with at most two decimals; ValueError with a message otherwise."""
    amount = exact_decimal(
        value,
        not_a_number=_("Enter an amount in yuan."),
        unreadable=_("Enter an amount in yuan, e.g. 500000 or 128000.50."),
        ignore=",¥元",
    )
    if amount <= 0:
        raise ValueError(_("The amount must be above zero."))
    amount = two_places(amount)
    if amount >= _LARGEST:
        raise ValueError(_("This amount is too large."))
    return amount


def _has_visible_text(value: str) -> bool:
    """Whether a name has something to read: not only spaces and invisible format characters."""
    return any(
        not character.isspace() and unicodedata.category(character) != "Cf" for character in value
    )


def _is_total_row(values, positions) -> bool:
    """The export's last row (合计), so that an exported ledger can be imported elsewhere."""
    return header_key(cell(values, positions, "registration_number")) == TOTAL_LABEL


class _RowReader:
    """Checks one row and turns it into Contract field values."""

    def __init__(self, user, numbers: list[str]):
        self.user = user
        self.today = timezone.localdate()
        self.second_review_from = second_review_from()
        self.taken = set(
            Contract.objects.filter(registration_number__in=numbers).values_list(
                "registration_number", flat=True
            )
        )
        self.first_row: dict[str, int] = {}  # registration number -> the row that has it
        self.organizations: dict[str, Organization | None] = {}

    def _organization(self, code: str) -> Organization | None:
        if code not in self.organizations:
            self.organizations[code] = Organization.objects.filter(credit_code=code).first()
        return self.organizations[code]

    def read(self, number: int, cells: dict[str, object]):
        """(field values, errors by field)."""
        errors: dict[str, list[str]] = {}
        data: dict[str, object] = {}

        def fail(key: str, message: str) -> None:
            errors.setdefault(key, []).append(message)

        for column in COLUMNS:
            if text(cells[column.key]) == "":
                fail(column.key, _("This cell is required."))

        registration = text(cells["registration_number"]).replace(" ", "")
        if registration:
            limit = Contract._meta.get_field("registration_number").max_length
            if len(registration) > limit:
                fail(
                    "registration_number",
                    _("At most %(n)d characters.") % {"n": limit},
                )
            elif registration in self.taken:
                fail(
                    "registration_number",
                    _("A contract with this registration number is registered already."),
                )
            elif registration in self.first_row:
                fail(
                    "registration_number",
                    _("This registration number is on row %(row)d as well.")
                    % {"row": self.first_row[registration]},
                )
            else:
                self.first_row[registration] = number
                data["registration_number"] = registration

        for key in ("name", "seller_name", "buyer_name"):
            value = text(cells[key])
            limit = Contract._meta.get_field(key).max_length
            if len(value) > limit:
                fail(key, _("At most %(n)d characters.") % {"n": limit})
            elif value and not _has_visible_text(value):
                fail(key, _("This cell is required."))
            elif value:
                data[key] = value

        for prefix in ("seller", "buyer"):
            key = f"{prefix}_credit_code"
            code = normalize(text(cells[key]))
            if code:
                try:
                    validate_credit_code(code)
                except ValidationError as error:
                    for message in error.messages:
                        fail(key, message)
                else:
                    data[key] = code
                    data[f"{prefix}_organization"] = self._organization(code)
            key = f"{prefix}_region"
            region = unicodedata.normalize("NFKC", text(cells[key]))
            if region:
                if _REGION.match(region):
                    data[key] = region
                else:
                    fail(key, _("A region code has 6 digits (GB/T 2260), e.g. 410611."))
            key = f"{prefix}_nature"
            nature = text(cells[key])
            if nature:
                choice = _NATURES.get(fold(nature))
                if choice is None:
                    fail(key, unknown_value(nature, NATURE_LABELS.values()))
                else:
                    data[key] = choice

        contract_type = text(cells["contract_type"])
        if contract_type:
            choice = _TYPES.get(fold(contract_type))
            if choice is None:
                fail("contract_type", unknown_value(contract_type, TYPE_LABELS.values()))
            else:
                data["contract_type"] = choice
        subtype = text(cells["subtype"])
        if subtype:
            choice = _SUBTYPES.get(fold(subtype))
            if choice is None:
                fail("subtype", unknown_value(subtype, SUBTYPE_LABELS.values()))
            elif "contract_type" in data and choice not in SUBTYPES[data["contract_type"]]:
                allowed = [SUBTYPE_LABELS[s] for s in SUBTYPES[data["contract_type"]]]
                fail(
                    "subtype",
                    _("“%(value)s” is not a subtype of %(type)s; choose one of: %(choices)s.")
                    % {
                        "value": subtype,
                        "type": TYPE_LABELS[data["contract_type"]],
                        "choices": "、".join(allowed),
                    },
                )
            else:
                data["subtype"] = choice

        for key in _DATE_KEYS:
            if text(cells[key]):
                try:
                    data[key] = parse_date(cells[key])
                except ValueError as error:
                    fail(key, str(error))
        registered, signed = data.get("registered_on"), data.get("signed_on")
        if registered is not None and registered.year >= self.today.year:
            # This year's registrations count toward this year's target and take this year's
            # serials: they go through the review, never around it.
            fail(
                "registered_on",
                _(
                    "Only contracts registered in past years are imported; a contract of "
                    "%(year)d is submitted and registered through the registration review."
                )
                % {"year": registered.year},
            )
            del data["registered_on"]
            registered = None
        if signed is not None and registered is not None and signed > registered:
            fail("signed_on", _("The signing date is after the registration date."))

        for key in _AMOUNT_KEYS:
            if text(cells[key]):
                try:
                    data[key] = _amount(cells[key])
                except ValueError as error:
                    fail(key, str(error))
        amount, verified = data.get("contract_amount"), data.get("transaction_amount")
        if amount is not None and amount >= self.second_review_from:
            fail(
                "contract_amount",
                _(
                    "A contract of %(amount)s yuan or more needs a second registrar's review; "
                    "it cannot be imported, submit it for registration instead."
                )
                % {"amount": f"{self.second_review_from:,.2f}"},
            )
        if amount is not None and verified is not None and verified > amount:
            fail(
                "transaction_amount",
                _("The technology transaction amount cannot exceed the contract amount."),
            )

        if "registration_number" in data:
            match = _NUMBER.match(data["registration_number"])
            if match:
                year, point, serial = match.groups()
                data["registration_year"] = int(year)
                data["registration_point"] = point
                data["registration_serial"] = int(serial)
                if registered is not None and registered.year != int(year):
                    fail(
                        "registration_number",
                        _(
                            "The number is of the year %(year)s, "
                            "but the registration date is in %(date_year)d."
                        )
                        % {"year": year, "date_year": registered.year},
                    )
            elif registered is not None:
                data["registration_year"] = registered.year
        return data, errors


def _contract(user, data: dict) -> Contract:
    contract = Contract(
        status=Contract.Status.REGISTERED,
        created_by=user,
        registration_point="",
        registration_serial=None,
    )
    for name, value in data.items():
        if name != "transaction_amount":
            setattr(contract, name, value)
    if "transaction_amount" in data:
        contract.transaction_amount = data["transaction_amount"]
        contract.declared_transaction_amount = data["transaction_amount"]
    if "signed_on" in data:
        # A ledger row has no term; the signing date stands for it.
        contract.term_start = contract.term_end = data["signed_on"]
    return contract


def _model_errors(user, data: dict, skip: set[str]) -> dict[str, list[str]]:
    """What the model says about the fields that passed our own checks."""
    contract = _contract(user, data)
    exclude = {"document", "need", "outcome", *skip}
    for key in skip:
        if key == "transaction_amount":
            exclude.add("declared_transaction_amount")
        if key == "signed_on":
            exclude.update({"term_start", "term_end"})
    try:
        contract.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}


def ledger_import(*, file, user) -> ImportResult:
    """Create one registered contract per filled row of the ledger, all of them or none.

    For registrars and administrators only (PermissionDenied otherwise): the rows are
    contracts registered in past years, recorded as they were registered. A row of this year,
    without a seller, or at the second-review amount or above is refused; the registration
    counter is left alone.
    """
    if not is_registrar(user):
        raise PermissionDenied(_("Only registrars import registered contracts."))
    upload = read_upload(file, max_row=NOTE_ROW + max_rows() + 1)
    if isinstance(upload, ImportResult):
        return upload
    found = data_rows(
        upload,
        COLUMNS,
        header_row=HEADER_ROW,
        note_row=NOTE_ROW,
        max_rows=max_rows(),
        none_message=_("The sheet contains no contracts."),
        too_many_message=_("A sheet may hold at most %(n)d contracts; split it into several files.")
        % {"n": max_rows()},
        skip=_is_total_row,
    )
    if isinstance(found, ImportResult):
        return found
    positions, filled = found
    return _import_rows(positions, filled, user=user)


def _import_rows(positions: dict[str, int], filled: list[tuple[int, tuple]], *, user):
    numbers = [
        text(cell(values, positions, "registration_number")).replace(" ", "")
        for _number, values in filled
    ]
    reader = _RowReader(user, [n for n in numbers if n])
    result = ImportResult()
    checked: list[tuple[int, dict]] = []
    for number, values in filled:
        cells = {column.key: cell(values, positions, column.key) for column in COLUMNS}
        data, errors = reader.read(number, cells)
        skipped = set(errors) | {key for key in COLUMN_BY_KEY if key not in data}
        errors.update(
            {
                key: messages
                for key, messages in _model_errors(user, data, skipped).items()
                if key not in errors
            }
        )
        if errors:
            result.errors.extend(row_errors(number, errors, _FIELD_COLUMN, COLUMNS))
        else:
            checked.append((number, data))
    if result.errors:
        return result

    created: list[Contract] = []
    try:
        with transaction.atomic():
            for number, data in checked:
                contract = _contract(user, data)
                try:
                    with transaction.atomic():
                        contract.save(force_insert=True)
                except IntegrityError:
                    # Registered by someone else meanwhile, or a serial already in use.
                    result.errors.append(
                        RowError(
                            number,
                            COLUMN_BY_KEY["registration_number"].header,
                            _("A contract with this registration number is registered already."),
                        )
                    )
                    continue
                ContractEvent.objects.create(
                    contract=contract,
                    actor=user,
                    action="imported",
                    from_status="",
                    to_status=contract.status,
                    note=_("Imported from the registration ledger, row %(row)d.") % {"row": number},
                )
                created.append(contract)
            if result.errors:
                raise Rollback
    except Rollback:
        return result
    result.created = created
    return result


def ledger_year_filename(year: int) -> str:
    return f"{SHEET_LEDGER}-{year}.xlsx"

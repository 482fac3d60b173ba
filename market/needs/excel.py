"""Needs as spreadsheets: the 需求征集表 template, its import, and an export of needs.

The workbooks are Chinese forms, so their sheet names, column headers and notes are written in
Chinese; error messages go through gettext like the rest of the project.

- ``needs_template()``: the empty form with drop-down lists fed by the vocabularies.
- ``needs_import(file=..., user=...)``: every row checked, then all rows created in one
  transaction, or none of them when any row has an error.
- ``needs_export(needs, user=...)``: the needs a user may see, confidential columns filled only
  where ``market.needs.permissions.can_view_need_details`` allows.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.credit_code import normalize, validate_credit_code
from accounts.models import Organization
from accounts.permissions import is_broker, is_verified_member, organizations_of
from accounts.roles import OrganizationKind, Role
from market.needs.models import Need
from market.needs.permissions import (
    can_import_needs,
    can_view_need,
    can_view_need_contact,
    can_view_need_details,
    enterprises_posting_for,
)
from market.needs.services import need_create
from market.spreadsheets import (
    HEADER_FONT,
    ImportResult,
    Rollback,
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
from taxonomy import vocabularies as vocab
from taxonomy.models import Term

SHEET_NEEDS = "需求征集表"
SHEET_HELP = "说明"
SHEET_OPTIONS = "选项"
SHEET_EXPORT = "技术需求"

HEADER_ROW = 1
NOTE_ROW = 2
FIRST_DATA_ROW = 3
MAX_ROWS = 500  # data rows per import

MEMBERS_ONLY = "（已核验单位会员可见）"
CONFIDENTIAL = "（保密）"
SIGNED_IN_ONLY = "（登录后可见）"

CONFIDENTIALITY_LABELS = {
    Need.Confidentiality.PUBLIC: "公开",
    Need.Confidentiality.MEMBERS: "会员可见",
    Need.Confidentiality.BROKERS: "仅经纪人",
}

_SEPARATORS = re.compile(r"[、,，;；/\s]+")


@dataclass(frozen=True)
class Column:
    key: str  # a Need field name, or "enterprise_name" / "credit_code"
    header: str
    width: int
    note: str
    required: bool = False
    vocabulary: str = ""  # a drop-down list from the 选项 sheet


def _max_length(name: str) -> int:
    return Need._meta.get_field(name).max_length


COLUMNS: tuple[Column, ...] = (
    Column("enterprise_name", "企业名称", 28, "选填，仅供核对：须与信用代码对应的企业一致"),
    Column(
        "credit_code",
        "统一社会信用代码",
        22,
        "必填，18位；须为平台已注册的企业",
        required=True,
    ),
    Column("title", "需求名称", 30, f"必填，不超过{_max_length('title')}字", required=True),
    Column(
        "summary",
        "公开摘要",
        40,
        f"必填，不超过{_max_length('summary')}字；所有可见者都能看到，勿写保密内容",
        required=True,
    ),
    Column("description", "需求描述", 50, "必填，详细说明技术难题与指标", required=True),
    Column(
        "tech_field",
        "技术领域",
        20,
        "必填，从下拉列表选择",
        required=True,
        vocabulary=vocab.TECH_FIELD,
    ),
    Column("industry", "鹤壁主导产业", 22, "选填，从下拉列表选择", vocabulary=vocab.INDUSTRY),
    Column(
        "cooperation_modes",
        "合作方式",
        26,
        "必填，可填多个，用“、”或“,”分隔",
        required=True,
    ),
    Column(
        "district",
        "所在区县",
        22,
        "必填，从下拉列表选择",
        required=True,
        vocabulary=vocab.DISTRICT,
    ),
    Column("budget_min_wan", "预算下限（万元）", 16, "选填，数字，最多两位小数；上下限都空为面议"),
    Column("budget_max_wan", "预算上限（万元）", 16, "选填，数字，不低于预算下限"),
    Column("deadline", "截止日期", 14, "必填，格式 YYYY-MM-DD，须晚于今天", required=True),
    Column("contact_name", "联系人", 12, "必填", required=True),
    Column("contact_phone", "联系电话", 16, "必填", required=True),
    Column("contact_email", "联系邮箱", 26, "选填"),
    Column(
        "confidentiality",
        "保密级别",
        14,
        "选填：公开/会员可见/仅经纪人，空为公开",
        vocabulary="confidentiality",
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

# Which column a model field's errors belong to.
_FIELD_COLUMN = {column.key: column.header for column in COLUMNS}
_FIELD_COLUMN["organization"] = COLUMN_BY_KEY["credit_code"].header


# --- vocabularies -----------------------------------------------------------------------------


def _terms(vocabulary: str) -> list[Term]:
    return list(Term.objects.of(vocabulary).order_by("position", "pk"))


def _option_names(key: str) -> list[str]:
    if key == "confidentiality":
        return list(CONFIDENTIALITY_LABELS.values())
    return [term.name_zh for term in _terms(key)]


class _Lookup:
    """Terms of one vocabulary found by Chinese name or code."""

    def __init__(self, vocabulary: str):
        terms = _terms(vocabulary)
        self.names = [term.name_zh for term in terms]
        self.by_key: dict[str, Term] = {}
        for term in terms:
            self.by_key.setdefault(fold(term.code), term)
            self.by_key.setdefault(fold(term.name_zh), term)

    def get(self, value: str) -> Term | None:
        return self.by_key.get(fold(value))

    def unknown(self, value: str) -> str:
        return unknown_value(value, self.names)


# --- template ---------------------------------------------------------------------------------


def needs_template() -> bytes:
    """The empty 需求征集表 (.xlsx) with format notes and drop-down lists."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NEEDS
    help_sheet = workbook.create_sheet(SHEET_HELP)
    options = workbook.create_sheet(SHEET_OPTIONS)

    # 选项: one column per list, header in row 1.
    lists = {}
    list_keys = [c.vocabulary for c in COLUMNS if c.vocabulary] + [vocab.COOPERATION_MODE]
    for index, key in enumerate(list_keys, start=1):
        names = _option_names(key)
        letter = get_column_letter(index)
        title = "保密级别" if key == "confidentiality" else vocab.VOCABULARY_NAMES[key][0]
        options.cell(row=1, column=index, value=title).font = HEADER_FONT
        for row, name in enumerate(names, start=2):
            options.cell(row=row, column=index, value=name)
        options.column_dimensions[letter].width = 30
        last = max(len(names) + 1, 2)
        lists[key] = f"{quote_sheetname(SHEET_OPTIONS)}!${letter}$2:${letter}${last}"
    options.sheet_state = "hidden"

    last_row = FIRST_DATA_ROW + MAX_ROWS - 1
    modes = "、".join(_option_names(vocab.COOPERATION_MODE))
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        header_cell(sheet, HEADER_ROW, index, column.header)
        note_text = column.note
        if column.key == "cooperation_modes":
            note_text = f"{note_text}：{modes}"
        note_cell(sheet, NOTE_ROW, index, note_text)
        column_width(sheet, index, column.width)
        cells = f"{letter}{FIRST_DATA_ROW}:{letter}{last_row}"

        if column.vocabulary:
            validation = list_validation(lists[column.vocabulary], column.header)
        elif column.key in ("budget_min_wan", "budget_max_wan"):
            validation = amount_validation("请填写大于0的数字（万元），最多两位小数。")
        elif column.key == "credit_code":
            validation = DataValidation(
                type="textLength",
                operator="equal",
                formula1="18",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="信用代码有误",
                error="统一社会信用代码为18位。",
            )
        else:
            validation = None
        if validation is not None:
            sheet.add_data_validation(validation)
            validation.add(cells)

        if column.key in ("credit_code", "contact_phone"):
            format_column(sheet, index, FIRST_DATA_ROW, last_row, "@")
        elif column.key == "deadline":
            format_column(sheet, index, FIRST_DATA_ROW, last_row, "yyyy-mm-dd")

    sheet.row_dimensions[NOTE_ROW].height = 48
    sheet.freeze_panes = sheet.cell(row=FIRST_DATA_ROW, column=1)

    help_lines = [
        "需求征集表填写说明",
        "",
        f"1. 在“{SHEET_NEEDS}”工作表中每行填写一项技术需求，从第{FIRST_DATA_ROW}行开始；"
        f"第{NOTE_ROW}行是格式说明，请保留，不要填写。",
        f"2. 一次最多导入{MAX_ROWS}项需求；空行会被跳过。",
        "3. 统一社会信用代码须为平台已注册的企业；企业用户只能导入本企业的需求，"
        "技术经纪人和管理员可为任一企业导入。",
        "4. 技术领域、鹤壁主导产业、所在区县、保密级别请从下拉列表中选择；"
        "合作方式可填多个，用“、”或“,”分隔。",
        "5. 预算单位为万元，最多两位小数，预算上限不得低于下限；上下限都不填表示面议。",
        "6. 截止日期格式为 YYYY-MM-DD（如 2030-06-30），须晚于今天。",
        "7. 保密级别：公开＝所有人可见；会员可见＝未登录者只看到名称和公开摘要；"
        "仅经纪人＝只有技术经纪人和本企业可见。不填为公开。",
        "8. 任一行有错误时，整张表都不会导入；请按提示的行号和列名修改后重新上传。",
        "9. 导入的需求为草稿，请在“我的需求”中核对后提交审核。",
        "",
        "可选值：",
    ]
    for key in list_keys:
        title = "保密级别" if key == "confidentiality" else vocab.VOCABULARY_NAMES[key][0]
        help_lines.append(f"{title}：{'、'.join(_option_names(key))}")
    write_help(help_sheet, help_lines)

    workbook.active = 0
    return save(workbook)


# --- import -----------------------------------------------------------------------------------


def _decimal(value) -> Decimal:
    """A positive amount with at most two decimals; ValueError with a message otherwise."""
    amount = exact_decimal(
        value,
        not_a_number=_("Enter a number."),
        unreadable=_("Enter a number in 10,000 yuan, e.g. 50 or 12.5."),
    )
    if amount < 0:
        raise ValueError(_("The amount may not be negative."))
    if amount == 0:
        raise ValueError(
            _("The amount must be above zero; leave both budget cells empty for 面议.")
        )
    return two_places(amount)


class _RowReader:
    """Checks one row and turns it into need_create's arguments."""

    def __init__(self, user):
        self.user = user
        self.broker = is_broker(user)
        self.allowed = enterprises_posting_for(user, imported=True)
        self.own = list(organizations_of(user, Role.ENTERPRISE_MEMBER))
        self.enterprises: dict[str, Organization | None] = {}
        self.lookups = {
            key: _Lookup(key)
            for key in (vocab.TECH_FIELD, vocab.INDUSTRY, vocab.DISTRICT, vocab.COOPERATION_MODE)
        }
        self.today = timezone.localdate()

    def _enterprise(self, code: str) -> Organization | None:
        """The enterprise the row's credit code names, among those the user may import needs
        for (the rule of market.needs.services.need_enterprise, which need_create applies)."""
        if code not in self.enterprises:
            self.enterprises[code] = self.allowed.filter(
                kind=OrganizationKind.ENTERPRISE, credit_code=code
            ).first()
        return self.enterprises[code]

    def read(self, cells: dict[str, object]):
        """(organization, data, cooperation modes, errors by column key)."""
        errors: dict[str, list[str]] = {}
        data: dict[str, object] = {}

        def fail(key: str, message: str) -> None:
            errors.setdefault(key, []).append(message)

        for column in COLUMNS:
            if column.required and text(cells[column.key]) == "":
                fail(column.key, _("This cell is required."))

        organization = None
        code = normalize(text(cells["credit_code"]))
        if code:
            try:
                validate_credit_code(code)
            except ValidationError as error:
                for message in error.messages:
                    fail("credit_code", message)
            else:
                organization = self._enterprise(code)
                if organization is None and self.broker:
                    fail(
                        "credit_code",
                        _("No registered enterprise has this unified social credit code."),
                    )
                elif organization is None:
                    fail(
                        "credit_code",
                        _("You may import needs only for your own enterprise (%(names)s).")
                        % {"names": "、".join(o.name for o in self.own)},
                    )
        name = header_key(cells["enterprise_name"])
        if organization is not None and name:
            known = {header_key(organization.name), header_key(organization.short_name)}
            if name not in known:
                fail(
                    "enterprise_name",
                    _("The credit code belongs to “%(name)s”, not to this enterprise name.")
                    % {"name": organization.name},
                )

        for key in ("title", "summary", "description", "contact_name", "contact_phone"):
            value = text(cells[key])
            if value:
                data[key] = value
        data["contact_email"] = text(cells["contact_email"])

        for key in (vocab.TECH_FIELD, vocab.INDUSTRY, vocab.DISTRICT):
            value = text(cells[key])
            if not value:
                if key == vocab.INDUSTRY:
                    data[key] = None
                continue
            term = self.lookups[key].get(value)
            if term is None:
                fail(key, self.lookups[key].unknown(value))
            else:
                data[key] = term

        modes: list[Term] = []
        for part in _SEPARATORS.split(text(cells["cooperation_modes"])):
            if not part:
                continue
            term = self.lookups[vocab.COOPERATION_MODE].get(part)
            if term is None:
                fail("cooperation_modes", self.lookups[vocab.COOPERATION_MODE].unknown(part))
            elif term not in modes:
                modes.append(term)

        for key in ("budget_min_wan", "budget_max_wan"):
            value = cells[key]
            if text(value) == "":
                data[key] = None
                continue
            try:
                data[key] = _decimal(value)
            except ValueError as error:
                fail(key, str(error))
        low, high = data.get("budget_min_wan"), data.get("budget_max_wan")
        if low is not None and high is not None and low > high:
            fail("budget_max_wan", _("The upper end of the budget is below the lower end."))

        if text(cells["deadline"]):
            try:
                deadline = parse_date(cells["deadline"])
            except ValueError as error:
                fail("deadline", str(error))
            else:
                if deadline <= self.today:
                    fail("deadline", _("The deadline must be a date after today."))
                else:
                    data["deadline"] = deadline

        level = text(cells["confidentiality"])
        if not level:
            # No default: a firm that forgot to choose must not find its need public.
            fail("confidentiality", _("Choose the confidentiality: 公开, 会员可见 or 仅经纪人."))
        else:
            by_label = {fold(label): value for value, label in CONFIDENTIALITY_LABELS.items()}
            by_label.update({fold(value): value for value in CONFIDENTIALITY_LABELS})
            choice = by_label.get(fold(level))
            if choice is None:
                fail("confidentiality", unknown_value(level, CONFIDENTIALITY_LABELS.values()))
            else:
                data["confidentiality"] = choice

        return organization, data, modes, errors


def _model_errors(organization, user, data: dict, skip: set[str]) -> dict[str, list[str]]:
    """What the model says about the fields that passed our own checks."""
    need = Need(organization=organization, created_by=user, status=Need.Status.DRAFT)
    for name, value in data.items():
        setattr(need, name, value)
    exclude = set(skip)
    if organization is None:
        exclude.add("organization")
    try:
        need.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return error.message_dict
    return {}


def needs_import(*, file, user) -> ImportResult:
    """Create one draft need per filled row of the 需求征集表, all of them or none.

    Raises PermissionDenied unless the user is a broker (or administrator), acting for
    enterprises, or a member of a verified enterprise (market.needs.permissions.can_import_needs).
    """
    if not can_import_needs(user):
        raise PermissionDenied(
            _("Only brokers and members of verified enterprises may import needs.")
        )

    upload = read_upload(file, max_row=FIRST_DATA_ROW + MAX_ROWS + 1)
    if isinstance(upload, ImportResult):
        return upload
    found = data_rows(
        upload,
        COLUMNS,
        header_row=HEADER_ROW,
        note_row=NOTE_ROW,
        max_rows=MAX_ROWS,
        none_message=_("The sheet contains no needs."),
        too_many_message=_("A sheet may hold at most %(n)d needs; split it into several files.")
        % {"n": MAX_ROWS},
        notes_prefix=True,
    )
    if isinstance(found, ImportResult):
        return found
    positions, filled = found
    return _import_rows(positions, filled, user=user)


def _import_rows(positions: dict[str, int], filled: list[tuple[int, tuple]], *, user):
    reader = _RowReader(user)
    result = ImportResult()
    created: list[Need] = []
    try:
        with transaction.atomic():
            for number, values in filled:
                cells = {column.key: cell(values, positions, column.key) for column in COLUMNS}
                organization, data, modes, errors = reader.read(cells)
                if errors:
                    skipped = (
                        {"organization"}
                        | set(errors)
                        | {key for key in COLUMN_BY_KEY if key not in data}
                    )
                    errors.update(
                        {
                            key: messages
                            for key, messages in _model_errors(
                                organization, user, data, skipped
                            ).items()
                            if key not in errors
                        }
                    )
                    result.errors.extend(row_errors(number, errors, _FIELD_COLUMN, COLUMNS))
                    continue
                try:
                    # need_create runs in its own savepoint, so a refused row leaves the
                    # transaction usable and the remaining rows are still checked.
                    need = need_create(
                        organization=organization,
                        user=user,
                        data=data,
                        cooperation_modes=modes,
                        imported=True,
                    )
                except ValidationError as error:
                    messages = (
                        error.message_dict
                        if hasattr(error, "error_dict")
                        else {NON_FIELD_ERRORS: error.messages}
                    )
                    result.errors.extend(row_errors(number, messages, _FIELD_COLUMN, COLUMNS))
                else:
                    created.append(need)
            if result.errors:
                raise Rollback
    except Rollback:
        return result
    result.created = created
    return result


# --- export -----------------------------------------------------------------------------------


EXPORT_HEADERS = (
    "需求编号",
    *(column.header for column in COLUMNS),
    "状态",
    "发布时间",
)
_CONFIDENTIAL_KEYS = (
    "description",
    "budget_min_wan",
    "budget_max_wan",
    "contact_name",
    "contact_phone",
    "contact_email",
)
_EXPORT_WIDTHS = {"需求编号": 10, "状态": 12, "发布时间": 18}


def _export_values(need: Need, user) -> list[tuple[object, str | None]]:
    details = can_view_need_details(user, need)
    if details:
        hidden = None
    elif need.confidentiality == Need.Confidentiality.MEMBERS and not is_verified_member(user):
        hidden = MEMBERS_ONLY
    else:
        hidden = CONFIDENTIAL

    published = need.published_at
    if published is not None:
        published = timezone.localtime(published).replace(tzinfo=None)
    values: dict[str, tuple[object, str | None]] = {
        "enterprise_name": (need.organization.name, None),
        "credit_code": (need.organization.credit_code, None),
        "title": (need.title, None),
        "summary": (need.summary, None),
        "description": (need.description, None),
        "tech_field": (need.tech_field.name_zh, None),
        "industry": (need.industry.name_zh if need.industry else "", None),
        "cooperation_modes": (
            "、".join(term.name_zh for term in need.cooperation_modes.all()),
            None,
        ),
        "district": (need.district.name_zh, None),
        "budget_min_wan": (need.budget_min_wan, "0.00"),
        "budget_max_wan": (need.budget_max_wan, "0.00"),
        "deadline": (need.deadline, "yyyy-mm-dd"),
        "contact_name": (need.contact_name, None),
        "contact_phone": (need.contact_phone, None),
        "contact_email": (need.contact_email, None),
        "confidentiality": (CONFIDENTIALITY_LABELS.get(need.confidentiality, ""), None),
    }
    if hidden is not None:
        for key in _CONFIDENTIAL_KEYS:
            values[key] = (hidden, None)
    elif not can_view_need_contact(user, need):
        for key in ("contact_name", "contact_phone", "contact_email"):
            values[key] = (SIGNED_IN_ONLY, None)
    return [
        (need.pk, None),
        *(values[column.key] for column in COLUMNS),
        (str(need.get_status_display()), None),
        (published, "yyyy-mm-dd hh:mm"),
    ]


def needs_export(needs, *, user) -> bytes:
    """The given needs as an .xlsx, confidential columns filled only for those who may see them.

    A need the user may not know exists at all is left out, even if it was passed in.
    """
    if isinstance(needs, QuerySet) and not needs.query.is_sliced:
        needs = needs.select_related(
            "organization", "tech_field", "industry", "district"
        ).prefetch_related("cooperation_modes")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_EXPORT
    for index, header in enumerate(EXPORT_HEADERS, start=1):
        header_cell(sheet, 1, index, header)
        width = _EXPORT_WIDTHS.get(header)
        if width is None:
            width = next(c.width for c in COLUMNS if c.header == header)
        column_width(sheet, index, width)

    row = 1
    for need in needs:
        if not can_view_need(user, need):
            continue
        row += 1
        for index, (value, number_format) in enumerate(_export_values(need, user), start=1):
            put(sheet, row, index, value, number_format)

    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(EXPORT_HEADERS))}{row}"
    return save(workbook)

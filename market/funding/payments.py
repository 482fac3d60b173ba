"""The payment lists for the finance office, as .xlsx: approved claims (paid to providers) and
approved purchase subsidies (paid to enterprises), each row with its state (to pay or paid).

Amounts are written as numbers with two decimals and summed in a total row; the sum is computed
here from the Decimals, not left to a spreadsheet formula."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MONEY_FORMAT = "#,##0.00"


def _sheet(title: str, headers: list[str], rows: list[list], money_columns: set[int]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    totals = {column: Decimal("0.00") for column in money_columns}
    for row in rows:
        sheet.append(row)
        for column in money_columns:
            totals[column] += row[column]
    total_row = [""] * len(headers)
    total_row[0] = _("Total")
    for column, total in totals.items():
        total_row[column] = total
    sheet.append(total_row)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for column in money_columns:
        letter = get_column_letter(column + 1)
        for cell in sheet[letter][1:]:
            cell.number_format = MONEY_FORMAT
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(header) * 2 + 4)
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def claims_workbook(claims) -> bytes:
    headers = [
        _("Voucher number"),
        _("Enterprise"),
        _("Provider (payee)"),
        _("Registration number"),
        _("Invoice number"),
        _("Invoiced fee (yuan)"),
        _("Approved amount (yuan)"),
        _("State"),
        _("Paid on"),
        _("Payment reference"),
    ]
    rows = [
        [
            claim.voucher.number,
            claim.voucher.enterprise.name,
            claim.voucher.provider.organization.name,
            claim.contract.registration_number,
            claim.invoice_number,
            claim.fee,
            claim.amount,
            str(claim.get_status_display()),
            claim.paid_on.isoformat() if claim.paid_on else "",
            claim.payment_reference,
        ]
        for claim in claims
    ]
    return _sheet(_("Voucher payments"), headers, rows, {5, 6})


def subsidies_workbook(subsidies) -> bytes:
    headers = [
        _("Enterprise (payee)"),
        _("Contract"),
        _("Registration number"),
        _("Basis (yuan)"),
        _("Proposed (yuan)"),
        _("Approved amount (yuan)"),
        _("Reason for the adjustment"),
        _("State"),
        _("Paid on"),
        _("Payment reference"),
    ]
    rows = [
        [
            subsidy.enterprise.name,
            subsidy.contract.name,
            subsidy.contract.registration_number,
            subsidy.basis,
            subsidy.proposed,
            subsidy.amount,
            subsidy.adjustment_reason,
            str(subsidy.get_status_display()),
            subsidy.paid_on.isoformat() if subsidy.paid_on else "",
            subsidy.payment_reference,
        ]
        for subsidy in subsidies
    ]
    return _sheet(_("Subsidy payments"), headers, rows, {3, 4, 5})

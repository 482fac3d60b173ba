"""The registration ledger (技术合同登记台账) for registrars: its export by year, and the import
of historical registered contracts from a filled-in ledger."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from market.contracts import ledger
from market.contracts.models import Contract
from market.contracts.permissions import is_registrar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _registrar_only(user) -> None:
    if not is_registrar(user):
        raise PermissionDenied(_("Only registrars see the registration ledger."))


@login_required
@require_GET
def ledger_export(request):
    """The year's registered contracts (by registration date; this year unless ?year=)."""
    _registrar_only(request.user)
    text = request.GET.get("year", "").strip()
    if text and not (text.isascii() and text.isdigit() and len(text) == 4):
        return HttpResponseBadRequest(_("Give the year as four digits, e.g. 2026."))
    year = int(text) if text else timezone.localdate().year
    contracts = Contract.objects.filter(
        status=Contract.Status.REGISTERED, registered_on__year=year
    ).order_by("registered_on", "registration_number", "pk")
    return _xlsx_response(ledger.contracts_ledger(contracts), ledger.ledger_year_filename(year))


@login_required
@require_http_methods(["GET", "POST"])
def ledger_import_view(request):
    """GET: the upload form (``?download=template`` gives the empty ledger); POST: the import."""
    _registrar_only(request.user)
    if request.method == "GET" and request.GET.get("download") == "template":
        return _xlsx_response(ledger.ledger_template(), f"{ledger.SHEET_LEDGER}（导入模板）.xlsx")
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a filled-in registration ledger (.xlsx) to import."))
        else:
            result = ledger.ledger_import(file=upload, user=request.user)
            if result.ok:
                messages.success(
                    request,
                    _("Imported %(n)d registered contracts.") % {"n": len(result.created)},
                )
                return redirect(request.path)
    return render(
        request,
        "market/ledger_import.html",
        {"result": result, "year": timezone.localdate().year},
    )

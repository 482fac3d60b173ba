"""Pages under /vouchers/ and /subsidies/: thin, every rule is the services' (and the
selectors' for who sees what); permissions decide only which buttons and forms a page shows."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.form_errors import add_service_errors
from market.funding import payments
from market.funding import services as svc
from market.funding.forms import (
    AmountForm,
    ClaimForm,
    FaceValueForm,
    OptionalReasonForm,
    PaidForm,
    ReasonForm,
    SubsidyApplyForm,
    VoucherApplyForm,
)
from market.funding.models import Claim, Scheme, Subsidy, Voucher
from market.funding.permissions import (
    can_claim,
    can_decide_claim,
    can_decide_subsidy,
    can_decide_voucher,
    can_record_payment,
    can_withdraw_voucher,
    enterprises_of,
    is_bureau,
)
from market.funding.selectors import (
    claims_visible_to,
    history_of,
    subsidies_visible_to,
    subsidy_payments,
    voucher_payments,
    vouchers_visible_to,
)

PAGE_SIZE = 20
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ACTIONS = {
    "applied": gettext_lazy("Applied"),
    "issued": gettext_lazy("Issued"),
    "rejected": gettext_lazy("Not approved"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "expired": gettext_lazy("Expired; the unused value returned to the budget"),
    "claimed": gettext_lazy("Claim submitted"),
    "claim_approved": gettext_lazy("Claim approved"),
    "claim_rejected": gettext_lazy("Claim not approved"),
    "used": gettext_lazy("Voucher used"),
    "approved": gettext_lazy("Approved"),
    "paid": gettext_lazy("Paid"),
}


CHANGE_LABELS = {
    "number": gettext_lazy("Voucher number"),
    "face_value": gettext_lazy("Face value (yuan)"),
    "returned": gettext_lazy("Returned to the budget (yuan)"),
    "fee": gettext_lazy("Invoiced fee (yuan)"),
    "proposed": gettext_lazy("Proposed (yuan)"),
    "basis": gettext_lazy("Basis (yuan)"),
    "amount": gettext_lazy("Approved amount (yuan)"),
    "used": gettext_lazy("Used (yuan)"),
    "claim": gettext_lazy("Invoice number"),
    "paid_on": gettext_lazy("Paid on"),
    "reference": gettext_lazy("Payment reference"),
}


def _history(**subject) -> list[dict]:
    """Each step with who, when, what, the note and the values it set, labelled for people."""
    return [
        {
            "at": event.at,
            "actor": event.actor,
            "action": ACTIONS.get(event.action, event.action),
            "values": [
                (CHANGE_LABELS.get(key, key), value) for key, value in event.changes.items()
            ],
            "note": event.note,
        }
        for event in history_of(**subject)
    ]


def _filtered_page(request, queryset, statuses) -> dict:
    """A list's page of rows in the status asked for (?status=, any other value: all), with what
    its template's filter and pagination links need."""
    status = request.GET.get("status", "")
    if status in statuses.values:
        queryset = queryset.filter(status=status)
    else:
        status = ""
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return {
        "page_obj": page_obj,
        "status": status,
        "querystring": f"status={status}" if status else "",
    }


def _take_step(request, obj: Model, steps: dict, forms: dict, step: str | None) -> bool:
    """A bureau's or enterprise's step posted from a detail page: ``steps`` maps each step to
    its form, the service call and the message on success. True when the service did it;
    else its refusal is on the step's form (``forms[step]``)."""
    if step not in steps:
        raise Http404
    form_class, run, done = steps[step]
    form = form_class(request.POST, auto_id=forms[step].auto_id)
    forms[step] = form
    if not form.is_valid():
        return False
    try:
        run(obj, request.user, form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        add_service_errors(form, error)
        return False
    messages.success(request, done)
    return True


def _payment_list(request, rows, statuses, **context):
    listed = _filtered_page(request, rows, statuses)
    return render(
        request,
        "funding/payment_list.html",
        {
            **listed,
            "rows": listed["page_obj"].object_list,
            "statuses": [(statuses.APPROVED, _("To pay")), (statuses.PAID, _("Paid"))],
            **context,
        },
    )


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _current_scheme():
    return Scheme.objects.filter(year=timezone.localdate().year).first()


# --- vouchers ------------------------------------------------------------------------------------


@login_required
@require_GET
def voucher_list(request):
    listed = _filtered_page(request, vouchers_visible_to(request.user), Voucher.Status)
    return render(
        request,
        "funding/voucher_list.html",
        {
            **listed,
            "vouchers": listed["page_obj"].object_list,
            "statuses": Voucher.Status.choices,
            "scheme": _current_scheme(),
            "can_apply": enterprises_of(request.user).exists(),
            "is_bureau": is_bureau(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def voucher_apply(request):
    enterprises = svc.voucher_enterprises(request.user)
    scheme = _current_scheme()
    form = VoucherApplyForm(request.POST or None, enterprises=enterprises, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            voucher = svc.voucher_apply(
                user=request.user,
                enterprise=data.get("enterprise"),
                provider=data["provider"],
                category=data["category"],
                purpose=data["purpose"],
                estimate=data["estimate"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error, renamed={"organization": "enterprise"})
        else:
            messages.success(request, _("Applied. The science bureau will review it."))
            return redirect("vouchers:detail", pk=voucher.pk)
    return render(request, "funding/voucher_apply.html", {"form": form, "scheme": scheme})


def _voucher_or_404(user, pk: int) -> Voucher:
    return get_object_or_404(vouchers_visible_to(user), pk=pk)


VOUCHER_STEPS = {
    "approve": (
        FaceValueForm,
        lambda v, u, d: svc.voucher_approve(
            voucher=v, user=u, face_value=d["face_value"], note=d["note"]
        ),
        gettext_lazy("Issued."),
    ),
    "reject": (
        ReasonForm,
        lambda v, u, d: svc.voucher_reject(voucher=v, user=u, reason=d["reason"]),
        gettext_lazy("Not approved; the enterprise sees your reason."),
    ),
    "withdraw": (
        OptionalReasonForm,
        lambda v, u, d: svc.voucher_withdraw(voucher=v, user=u, reason=d["reason"]),
        gettext_lazy("Withdrawn."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def voucher_detail(request, pk: int, step: str | None = None):
    voucher = _voucher_or_404(request.user, pk)
    user = request.user
    forms = {
        "approve": FaceValueForm(initial={"face_value": svc.voucher_suggestion(voucher)}),
        "reject": ReasonForm(auto_id="id_reject_%s"),
        "withdraw": OptionalReasonForm(auto_id="id_withdraw_%s"),
    }
    if request.method == "POST" and _take_step(request, voucher, VOUCHER_STEPS, forms, step):
        return redirect("vouchers:detail", pk=voucher.pk)
    return render(
        request,
        "funding/voucher_detail.html",
        {
            "voucher": voucher,
            "forms": forms,
            "can_decide": can_decide_voucher(user, voucher),
            "suggestion": svc.voucher_suggestion(voucher),
            "can_withdraw": can_withdraw_voucher(user, voucher),
            "can_claim": can_claim(user, voucher),
            "claims": voucher.claims.select_related("contract").order_by("created_at", "pk"),
            "history": _history(voucher=voucher),
            "is_bureau": is_bureau(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim_create(request, pk: int):
    voucher = _voucher_or_404(request.user, pk)
    svc.claimant_check(voucher=voucher, user=request.user)
    form = ClaimForm(request.POST or None, voucher=voucher)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = svc.claim_submit(
                voucher=voucher,
                user=request.user,
                contract_id=data["contract"].pk,
                invoice_number=data["invoice_number"],
                fee=data["fee"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Claim submitted. The science bureau will review it."))
            return redirect("vouchers:claim", pk=claim.pk)
    return render(request, "funding/claim_form.html", {"form": form, "voucher": voucher})


CLAIM_STEPS = {
    "approve": (
        AmountForm,
        lambda c, u, d: svc.claim_approve(claim=c, user=u, amount=d["amount"], note=d["note"]),
        gettext_lazy("Approved; the claim is on the payment list."),
    ),
    "reject": (
        ReasonForm,
        lambda c, u, d: svc.claim_reject(claim=c, user=u, reason=d["reason"]),
        gettext_lazy("Not approved; the provider sees your reason."),
    ),
    "paid": (
        PaidForm,
        lambda c, u, d: svc.claim_mark_paid(
            claim=c, user=u, paid_on=d["paid_on"], reference=d["reference"]
        ),
        gettext_lazy("Marked as paid."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def claim_detail(request, pk: int, step: str | None = None):
    claim = get_object_or_404(claims_visible_to(request.user), pk=pk)
    voucher = claim.voucher
    user = request.user
    forms = {
        "approve": AmountForm(auto_id="id_approve_%s"),
        "reject": ReasonForm(auto_id="id_reject_%s"),
        "paid": PaidForm(auto_id="id_paid_%s", initial={"paid_on": timezone.localdate()}),
    }
    if request.method == "POST" and _take_step(request, claim, CLAIM_STEPS, forms, step):
        return redirect("vouchers:claim", pk=claim.pk)
    return render(
        request,
        "funding/claim_detail.html",
        {
            "claim": claim,
            "voucher": voucher,
            "forms": forms,
            "payable_now": svc.claim_payable(voucher, claim.fee),
            "can_decide": can_decide_claim(user, claim),
            "can_pay": can_record_payment(user, claim),
            "history": _history(claim=claim),
        },
    )


@login_required
@require_GET
def voucher_payment_list(request):
    return _payment_list(
        request,
        voucher_payments(request.user),
        Claim.Status,
        heading=_("Voucher payments"),
        kind="claims",
        xlsx_url="vouchers:payments_xlsx",
    )


@login_required
@require_GET
def voucher_payment_xlsx(request):
    rows = voucher_payments(request.user)
    today = timezone.localdate().isoformat()
    return _xlsx(payments.claims_workbook(rows), f"创新券兑付清单-{today}.xlsx")


# --- subsidies -----------------------------------------------------------------------------------


@login_required
@require_GET
def subsidy_list(request):
    listed = _filtered_page(request, subsidies_visible_to(request.user), Subsidy.Status)
    return render(
        request,
        "funding/subsidy_list.html",
        {
            **listed,
            "subsidies": listed["page_obj"].object_list,
            "statuses": Subsidy.Status.choices,
            "scheme": _current_scheme(),
            "can_apply": enterprises_of(request.user).exists(),
            "is_bureau": is_bureau(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def subsidy_apply(request):
    svc.subsidy_enterprises(request.user)
    form = SubsidyApplyForm(request.POST or None, contracts=svc.subsidy_contracts_of(request.user))
    if request.method == "POST" and form.is_valid():
        contract = form.cleaned_data["contract"]
        try:
            subsidy = svc.subsidy_apply(
                user=request.user,
                contract_id=contract.pk,
                paid_to_seller=form.cleaned_data["paid_to_seller"],
            )
        except (ValidationError, PermissionDenied) as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Applied. The rules propose %(amount)s yuan; the science bureau will review it.")
                % {"amount": f"{subsidy.proposed:,.2f}"},
            )
            return redirect("subsidies:detail", pk=subsidy.pk)
    return render(
        request, "funding/subsidy_apply.html", {"form": form, "scheme": _current_scheme()}
    )


SUBSIDY_STEPS = {
    "approve": (
        AmountForm,
        lambda s, u, d: svc.subsidy_approve(
            subsidy=s, user=u, amount=d["amount"], reason=d["note"]
        ),
        gettext_lazy("Approved; the subsidy is on the payment list."),
    ),
    "reject": (
        ReasonForm,
        lambda s, u, d: svc.subsidy_reject(subsidy=s, user=u, reason=d["reason"]),
        gettext_lazy("Not approved; the enterprise sees your reason."),
    ),
    "paid": (
        PaidForm,
        lambda s, u, d: svc.subsidy_mark_paid(
            subsidy=s, user=u, paid_on=d["paid_on"], reference=d["reference"]
        ),
        gettext_lazy("Marked as paid."),
    ),
}


@login_required
@require_http_methods(["GET", "POST"])
def subsidy_detail(request, pk: int, step: str | None = None):
    subsidy = get_object_or_404(subsidies_visible_to(request.user), pk=pk)
    user = request.user
    forms = {
        "approve": AmountForm(auto_id="id_approve_%s", initial={"amount": subsidy.proposed}),
        "reject": ReasonForm(auto_id="id_reject_%s"),
        "paid": PaidForm(auto_id="id_paid_%s", initial={"paid_on": timezone.localdate()}),
    }
    if request.method == "POST" and _take_step(request, subsidy, SUBSIDY_STEPS, forms, step):
        return redirect("subsidies:detail", pk=subsidy.pk)
    return render(
        request,
        "funding/subsidy_detail.html",
        {
            "subsidy": subsidy,
            "forms": forms,
            "can_decide": can_decide_subsidy(user, subsidy),
            "can_pay": can_record_payment(user, subsidy),
            "history": _history(subsidy=subsidy),
        },
    )


@login_required
@require_GET
def subsidy_payment_list(request):
    return _payment_list(
        request,
        subsidy_payments(request.user),
        Subsidy.Status,
        heading=_("Subsidy payments"),
        kind="subsidies",
        xlsx_url="subsidies:payments_xlsx",
    )


@login_required
@require_GET
def subsidy_payment_xlsx(request):
    rows = subsidy_payments(request.user)
    today = timezone.localdate().isoformat()
    return _xlsx(payments.subsidies_workbook(rows), f"技术交易奖补清单-{today}.xlsx")

"""Pages for technology contracts: the seller's own contracts and form, the registrars' queue
and review, the detail page with its history, the registration certificate and the PDF."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.form_errors import add_service_errors
from accounts.permissions import organizations_of
from market.contracts import services
from market.contracts.forms import ContractForm, ReasonForm, RegisterForm
from market.contracts.models import Contract
from market.contracts.permissions import (
    EDITABLE,
    IN_REVIEW,
    can_edit_contract,
    can_review_contract,
    contracts_visible_to,
    is_registrar,
    is_seller_member,
    seller_organizations_of,
)
from market.contracts.services import contract_document_replace

PAGE_SIZE = 20

ACTIONS = {
    "created": gettext_lazy("Created"),
    "updated": gettext_lazy("Edited"),
    "submitted": gettext_lazy("Submitted for registration"),
    "first_approval": gettext_lazy("First approval; sent to a second registrar"),
    "registered": gettext_lazy("Registered"),
    "returned": gettext_lazy("Returned for correction"),
    "rejected": gettext_lazy("Not registered"),
}
MONEY_FIELDS = ("contract_amount", "declared_transaction_amount", "transaction_amount")

FORM_GROUPS = (
    (
        gettext_lazy("The contract"),
        ("seller", "name", "contract_type", "subtype", "need", "outcome"),
    ),
    (
        gettext_lazy("The buyer"),
        (
            "buyer_organization",
            "buyer_name",
            "buyer_credit_code",
            "buyer_region",
            "buyer_nature",
        ),
    ),
    (
        gettext_lazy("Dates and amounts"),
        (
            "signed_on",
            "term_start",
            "term_end",
            "contract_amount",
            "declared_transaction_amount",
        ),
    ),
    (gettext_lazy("Signed contract"), ("document",)),
)


# --- formatting ----------------------------------------------------------------------------------


def yuan_display(value) -> str:
    """1234567.8 -> 1,234,567.80"""
    return f"{Decimal(value):,.2f}"


def wan_display(value) -> str:
    """Yuan shown exactly in 万元, with at least 2 decimals: 1234567.80 -> 123.45678."""
    text = f"{Decimal(value) / 10000:,.6f}".rstrip("0")
    whole, _dot, decimals = text.partition(".")
    return f"{whole}.{decimals.ljust(2, '0')}"


def _field_label(name: str) -> str:
    try:
        return str(Contract._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _value_display(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name in MONEY_FIELDS:
        try:
            return _("%(amount)s yuan") % {"amount": yuan_display(value)}
        except (ArithmeticError, ValueError):
            return str(value)
    return str(value)


def contract_history(contract: Contract) -> list[dict]:
    """Each event with who, when, what and the old → new values, labelled for people."""
    statuses = dict(Contract.Status.choices)
    rows = []
    for event in contract.events.select_related("actor").order_by("at", "pk"):
        changes = []
        for name, pair in (event.changes or {}).items():
            old, new = [*pair, None, None][:2]
            old_text = _value_display(name, old)
            if name == "transaction_amount" and old in (None, ""):
                old_text = _("%(amount)s (declared)") % {
                    "amount": _value_display(name, contract.declared_transaction_amount)
                }
            changes.append(
                {
                    "field": name,
                    "label": _field_label(name),
                    "old": old_text,
                    "new": _value_display(name, new),
                }
            )
        rows.append(
            {
                "at": event.at,
                "actor": event.actor,
                "action": ACTIONS.get(event.action, event.action),
                "from_status": statuses.get(event.from_status, ""),
                "to_status": statuses.get(event.to_status, ""),
                "changes": changes,
                "note": event.note,
            }
        )
    return rows


# --- helpers -------------------------------------------------------------------------------------


def _visible_or_404(user, pk: int) -> Contract:
    return get_object_or_404(contracts_visible_to(user), pk=pk)


def _require_registrar(user) -> None:
    if not is_registrar(user):
        raise PermissionDenied(_("Only registrars review contracts."))


def _page(request, contracts):
    page_obj = Paginator(contracts, PAGE_SIZE).get_page(request.GET.get("page"))
    return page_obj, page_obj.object_list


# --- the seller side -----------------------------------------------------------------------------


@login_required
def my_contracts(request):
    """The contracts whose seller side is one of the user's organizations."""
    contracts = (
        Contract.objects.filter(seller_organization__in=organizations_of(request.user))
        .select_related("seller_organization")
        .order_by("-updated_at", "-pk")
    )
    page_obj, rows = _page(request, contracts)
    return render(
        request,
        "market/contracts/contract_list.html",
        {
            "heading": _("My contracts"),
            "page_obj": page_obj,
            "contracts": rows,
            "can_create": seller_organizations_of(request.user).exists(),
            "is_registrar": is_registrar(request.user),
            "mine": True,
        },
    )


def _save(request, form: ContractForm, contract: Contract | None) -> Contract:
    """Create or update through the services, then attach a new PDF; all or nothing."""
    data = form.service_data()
    with transaction.atomic():
        if contract is None:
            return services.contract_create(
                user=request.user, seller=form.cleaned_data["seller"], data=data
            )
        # a new PDF goes through contract_document_replace (the update's history is JSON)
        data.pop("document", None)
        contract = services.contract_update(contract=contract, user=request.user, data=data)
        document = form.new_document()
        if document is not None:
            contract = contract_document_replace(
                contract=contract, user=request.user, uploaded=document
            )
    return contract


@login_required
@require_http_methods(["GET", "POST"])
def contract_edit(request, pk: int | None = None):
    contract = None
    if pk is not None:
        contract = _visible_or_404(request.user, pk)
        if not can_edit_contract(request.user, contract):
            raise PermissionDenied(_("Only the seller side edits a draft or returned contract."))
    elif not seller_organizations_of(request.user).exists():
        raise PermissionDenied(_("Only members of an enterprise, university or institute do."))
    form = ContractForm(
        request.POST or None, request.FILES or None, instance=contract, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save(request, form, contract)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "submit" in request.POST:
                return _submit(request, saved)
            messages.success(request, _("Saved as a draft. Submit it when it is ready."))
            return redirect("contracts:detail", pk=saved.pk)
    groups = [
        (title, [form[name] for name in names if name in form.fields])
        for title, names in FORM_GROUPS
    ]
    return render(
        request,
        "market/contracts/contract_form.html",
        {"form": form, "groups": groups, "contract": contract},
    )


def _submit(request, contract: Contract):
    try:
        services.contract_submit(contract=contract, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted. A registrar will review the contract."))
    return redirect("contracts:detail", pk=contract.pk)


@login_required
@require_POST
def contract_submit(request, pk: int):
    return _submit(request, _visible_or_404(request.user, pk))


# --- registrars ----------------------------------------------------------------------------------


@login_required
def review_queue(request):
    _require_registrar(request.user)
    contracts = (
        Contract.objects.filter(status__in=IN_REVIEW)
        .select_related("seller_organization", "first_reviewer")
        .order_by("submitted_at", "pk")
    )
    page_obj, rows = _page(request, contracts)
    return render(
        request,
        "market/contracts/review_queue.html",
        {"page_obj": page_obj, "contracts": rows},
    )


@login_required
def all_contracts(request):
    _require_registrar(request.user)
    contracts = Contract.objects.select_related("seller_organization")
    status = request.GET.get("status", "")
    if status in Contract.Status.values:
        contracts = contracts.filter(status=status)
    page_obj, rows = _page(request, contracts)
    return render(
        request,
        "market/contracts/contract_list.html",
        {
            "heading": _("All contracts"),
            "page_obj": page_obj,
            "contracts": rows,
            "statuses": Contract.Status.choices,
            "status": status,
            "is_registrar": True,
            "querystring": f"status={status}" if status else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contract_review(request, pk: int, step: str | None = None):
    """The review page; POSTed to with ``step`` register, return or reject."""
    _require_registrar(request.user)
    contract = _visible_or_404(request.user, pk)
    if contract.status not in IN_REVIEW:
        messages.error(
            request,
            _("This contract is “%(status)s”; it is not waiting for review.")
            % {"status": contract.get_status_display()},
        )
        return redirect("contracts:detail", pk=contract.pk)
    initial = {
        "transaction_amount": contract.transaction_amount or contract.declared_transaction_amount
    }
    register_form = RegisterForm(initial=initial)
    return_form = ReasonForm(auto_id="id_return_%s")
    reject_form = ReasonForm(auto_id="id_reject_%s")
    if request.method == "POST":
        if step == "register":
            register_form = RegisterForm(request.POST)
            form = register_form
        elif step == "return":
            return_form = ReasonForm(request.POST, auto_id="id_return_%s")
            form = return_form
        elif step == "reject":
            reject_form = ReasonForm(request.POST, auto_id="id_reject_%s")
            form = reject_form
        else:
            raise Http404
        if form.is_valid():
            try:
                done = _review_step(request, contract, step, form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                add_service_errors(form, error)
            else:
                messages.success(request, done)
                if contract.status in IN_REVIEW:
                    return redirect("contracts:queue")
                return redirect("contracts:detail", pk=contract.pk)
    return render(
        request,
        "market/contracts/contract_review.html",
        {
            "contract": contract,
            "register_form": register_form,
            "return_form": return_form,
            "reject_form": reject_form,
            "second_review": contract.status == Contract.Status.SECOND_REVIEW,
            "needs_second_review": contract.contract_amount >= services.second_review_from(),
            "history": contract_history(contract),
        },
    )


def _review_step(request, contract: Contract, step: str, data: dict) -> str:
    user = request.user
    if step == "register":
        saved = services.contract_register(
            contract=contract, user=user, transaction_amount=data["transaction_amount"]
        )
        contract.status = saved.status
        if saved.status == Contract.Status.SECOND_REVIEW:
            return _("Approved. A second registrar will review and register this contract.")
        return _("Registered as %(number)s.") % {"number": saved.registration_number}
    if step == "return":
        saved = services.contract_return(contract=contract, user=user, reason=data["reason"])
        contract.status = saved.status
        return _("Returned to the seller with your reason.")
    saved = services.contract_reject(contract=contract, user=user, reason=data["reason"])
    contract.status = saved.status
    return _("Not registered; the seller sees your reason.")


# --- everyone who may see the contract -----------------------------------------------------------


@login_required
def contract_detail(request, pk: int):
    contract = _visible_or_404(request.user, pk)
    user = request.user
    is_seller = is_seller_member(user, contract)
    return render(
        request,
        "market/contracts/contract_detail.html",
        {
            "contract": contract,
            "can_edit": is_seller and contract.status in EDITABLE,
            "can_review": can_review_contract(user, contract),
            "is_registrar": is_registrar(user),
            "history": contract_history(contract),
            "amounts": _amounts(contract),
        },
    )


def _amounts(contract: Contract) -> list[dict]:
    rows = [
        (_("Contract amount"), contract.contract_amount),
        (_("Declared technology transaction amount"), contract.declared_transaction_amount),
        (_("Verified technology transaction amount"), contract.transaction_amount),
    ]
    return [
        {"label": label, "yuan": yuan_display(value), "wan": wan_display(value)}
        for label, value in rows
        if value is not None
    ]


@login_required
def contract_certificate(request, pk: int):
    """技术合同登记证明: printable, for registered contracts only."""
    contract = _visible_or_404(request.user, pk)
    if contract.status != Contract.Status.REGISTERED:
        raise Http404
    return render(
        request,
        "market/contracts/certificate.html",
        {
            "contract": contract,
            "contract_amount": {
                "yuan": yuan_display(contract.contract_amount),
                "wan": wan_display(contract.contract_amount),
            },
            "transaction_amount": {
                "yuan": yuan_display(contract.transaction_amount),
                "wan": wan_display(contract.transaction_amount),
            },
        },
    )


@login_required
def contract_document(request, pk: int):
    contract = _visible_or_404(request.user, pk)
    if not contract.document:
        raise Http404
    filename = f"{contract.registration_number or contract.pk}-{contract.name}.pdf"
    return FileResponse(
        contract.document.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )

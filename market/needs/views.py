"""Pages for needs: the public listing and detail, the enterprise's own, the broker's queue."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.form_errors import add_service_errors
from market.needs import excel, permissions, selectors, services
from market.needs.filters import NeedFilter
from market.needs.forms import NeedForm, ReturnForm
from market.needs.models import Need, NeedAttachment

PAGE_SIZE = 12


def _visible_or_404(user, pk: int) -> Need:
    need = get_object_or_404(selectors.needs_visible_to(user), pk=pk)
    if not permissions.can_view_need(user, need):
        raise Http404
    return need


def need_list(request):
    visible = selectors.needs_listed_for(request.user)
    need_filter = NeedFilter(request.GET, queryset=visible)
    needs = need_filter.qs if need_filter.is_valid() else Need.objects.none()
    page_obj = Paginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "market/need_list.html",
        {
            "filter": need_filter,
            "page_obj": page_obj,
            "needs": page_obj.object_list,
            "result_count": page_obj.paginator.count,
            "facet_counts": selectors.need_facet_counts(visible),
            "querystring": query.urlencode(),
            "is_filtered": any(v for k, v in request.GET.items() if k not in ("page", "order")),
            "can_post": permissions.can_post_need(request.user),
            "can_review": permissions.can_review_need(request.user),
        },
    )


def need_detail(request, pk: int):
    need = _visible_or_404(request.user, pk)
    user = request.user
    context = {
        "need": need,
        "show_details": permissions.can_view_need_details(user, need),
        "show_contact": permissions.can_view_need_contact(user, need),
        "can_edit": permissions.can_edit_need(user, need),
        "can_submit": permissions.can_submit_need(user, need),
        "awaits_verification": permissions.awaits_verification(user, need),
        "can_withdraw": permissions.can_withdraw_need(user, need),
        "can_solve": permissions.can_close_need(user, need),
        "can_review": permissions.can_review_need(user, need),
        "return_form": ReturnForm(),
    }
    if context["can_edit"] or context["can_review"] or permissions.can_withdraw_need(user, need):
        context["history"] = selectors.need_history(need)
    return render(request, "market/need_detail.html", context)


def _save_need(request, form: NeedForm, need: Need | None):
    """Create or update through the services, then attach files; all or nothing."""
    data = form.service_data()
    modes = form.cleaned_data["cooperation_modes"]
    with transaction.atomic():
        if need is None:
            need = services.need_create(
                organization=form.cleaned_data.get("organization"),
                user=request.user,
                data=data,
                cooperation_modes=modes,
            )
        else:
            need = services.need_update(
                need=need, user=request.user, data=data, cooperation_modes=modes
            )
        for uploaded in form.cleaned_data.get("attachments") or []:
            services.attachment_add(need=need, user=request.user, uploaded=uploaded)
    return need


@login_required
@require_http_methods(["GET", "POST"])
def need_edit(request, pk: int | None = None):
    need = None
    if pk is not None:
        need = _visible_or_404(request.user, pk)
        if not permissions.can_edit_need(request.user, need):
            raise PermissionDenied(_("This need cannot be edited now."))
    elif not permissions.can_post_need(request.user):
        raise PermissionDenied(_("Only enterprise members post needs."))
    form = NeedForm(
        request.POST or None,
        request.FILES or None,
        instance=need,
        enterprises=None if need else permissions.enterprises_posting_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = _save_need(request, form, need)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if "submit" in request.POST:
                return _submit(request, saved)
            messages.success(request, _("Saved as a draft. Submit it when it is ready."))
            return redirect("market:need_detail", pk=saved.pk)
    return render(request, "market/need_form.html", {"form": form, "need": need})


def _submit(request, need: Need):
    try:
        services.need_submit(need=need, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Submitted. A broker will review it; you will get an email."))
    return redirect("market:need_detail", pk=need.pk)


def _step(request, pk: int, step, success: str, **kwargs):
    need = _visible_or_404(request.user, pk)
    try:
        step(need=need, user=request.user, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("market:need_detail", pk=need.pk)


@login_required
@require_POST
def need_submit(request, pk: int):
    return _submit(request, _visible_or_404(request.user, pk))


@login_required
@require_POST
def need_withdraw(request, pk: int):
    return _step(request, pk, services.need_withdraw, _("The need is withdrawn."))


@login_required
@require_POST
def need_solve(request, pk: int):
    return _step(request, pk, services.need_mark_solved, _("Marked as solved. Congratulations!"))


@login_required
@require_POST
def need_publish(request, pk: int):
    return _step(request, pk, services.need_publish, _("Published."))


@login_required
@require_POST
def need_return(request, pk: int):
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the enterprise should change."))
        return redirect("market:need_detail", pk=pk)
    return _step(
        request,
        pk,
        services.need_return,
        _("Returned to the enterprise with your reason."),
        reason=form.cleaned_data["reason"],
    )


@login_required
def my_needs(request):
    if not permissions.can_post_need(request.user):
        raise PermissionDenied(_("Only enterprise members post needs."))
    needs = selectors.needs_of_user(request.user)
    page_obj = Paginator(needs, 20).get_page(request.GET.get("page"))
    return render(
        request, "market/my_needs.html", {"page_obj": page_obj, "needs": page_obj.object_list}
    )


@login_required
def review_queue(request):
    if not permissions.can_review_need(request.user):
        raise PermissionDenied(_("Only brokers review needs."))
    needs = selectors.needs_awaiting_review()
    page_obj = Paginator(needs, 20).get_page(request.GET.get("page"))
    return render(
        request, "market/review_queue.html", {"page_obj": page_obj, "needs": page_obj.object_list}
    )


def attachment_download(request, pk: int, attachment_id: int):
    need = _visible_or_404(request.user, pk)
    if not permissions.can_view_need_details(request.user, need):
        raise Http404
    attachment = get_object_or_404(NeedAttachment, pk=attachment_id, need=need)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=not attachment.content_type.startswith("image/"),
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    need = _visible_or_404(request.user, pk)
    attachment = get_object_or_404(NeedAttachment, pk=attachment_id, need=need)
    services.attachment_remove(attachment=attachment, user=request.user)
    messages.success(request, _("The file is removed."))
    return redirect("market:need_edit", pk=need.pk)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def needs_template_download(request):
    return _xlsx_response(excel.needs_template(), "需求征集表.xlsx")


def needs_export(request):
    """The listing's needs with its filters, as the user may see them, to .xlsx."""
    visible = selectors.needs_listed_for(request.user)
    need_filter = NeedFilter(request.GET, queryset=visible)
    needs = need_filter.qs if need_filter.is_valid() else Need.objects.none()
    stamp = timezone.localdate().isoformat()
    return _xlsx_response(excel.needs_export(needs, user=request.user), f"技术需求-{stamp}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def needs_import(request):
    if not permissions.can_import_needs(request.user):
        raise PermissionDenied(
            _("Only brokers and members of verified enterprises may import needs.")
        )
    result = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a filled-in 需求征集表 (.xlsx) to import."))
        else:
            result = excel.needs_import(file=upload, user=request.user)
            if result.ok:
                messages.success(
                    request,
                    _("Imported %(n)d needs as drafts. Check them and submit them for review.")
                    % {"n": len(result.created)},
                )
                return redirect(
                    "market:my_needs"
                    if permissions.can_post_need(request.user)
                    else "market:need_list"
                )
    return render(request, "market/need_import.html", {"result": result})

"""Pages for matches: the broker's queue, a match with its timeline, and "my matches"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.form_errors import add_service_errors
from cms import selectors as outcome_selectors
from matching import permissions, selectors, services
from matching.forms import AdvanceForm, InterestForm, NoteForm
from matching.models import Match, Suggestion

PAGE_SIZE = 20
SUGGESTIONS_SHOWN = 10  # a page of suggestions, the strongest first; the rest on further pages


# The service names the contract, the form its registration number.
CONTRACT_FIELD = {"contract": "contract_number"}


def _visible_or_404(user, pk: int) -> Match:
    return get_object_or_404(selectors.matches_visible_to(user), pk=pk)


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def match_queue(request):
    if not permissions.can_manage_match(request.user):
        raise PermissionDenied(_("Only brokers follow the matches queue."))
    page_obj = _page(request, selectors.broker_queue(today=timezone.localdate()))
    suggestions = Paginator(selectors.new_strong_suggestions(), SUGGESTIONS_SHOWN).get_page(
        request.GET.get("suggestions_page")
    )
    return render(
        request,
        "matching/match_queue.html",
        {
            "page_obj": page_obj,
            "matches": page_obj.object_list,
            "suggestions": list(suggestions.object_list),
            "suggestions_page": suggestions,
            "suggestion_count": suggestions.paginator.count,
        },
    )


@login_required
@require_POST
def suggestion_start(request, pk: int):
    """A broker turns a stored suggestion into a match (the service refuses anyone else)."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("need", "outcome"), pk=pk)
    try:
        match = services.match_start_from_suggestion(suggestion=suggestion, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("matching:queue")
    messages.success(request, _("The match is started. Introduce the parties next."))
    return redirect("matching:detail", pk=match.pk)


@login_required
def my_matches(request):
    page_obj = _page(request, selectors.matches_of_user(request.user))
    return render(
        request,
        "matching/my_matches.html",
        {"page_obj": page_obj, "matches": page_obj.object_list},
    )


def _detail(request, match: Match, *, advance_form=None, note_form=None, status=200):
    can_manage = permissions.can_manage_match(request.user, match)
    context = {
        "match": match,
        "timeline": selectors.match_timeline(match),
        "can_manage": can_manage,
        "today": timezone.localdate(),
    }
    if can_manage and match.is_open:
        context["advance_form"] = advance_form or AdvanceForm()
        context["note_form"] = note_form or NoteForm()
    return render(request, "matching/match_detail.html", context, status=status)


@login_required
def match_detail(request, pk: int):
    return _detail(request, _visible_or_404(request.user, pk))


@login_required
@require_POST
def match_advance(request, pk: int):
    match = _visible_or_404(request.user, pk)
    form = AdvanceForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.match_advance(
                match=match,
                user=request.user,
                status=data["status"],
                note=data["note"],
                next_step=data["next_step"],
                due_date=data["due_date"],
                contract=data["contract_number"],
                close_reason=data["close_reason"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed=CONTRACT_FIELD)
        else:
            messages.success(request, _("The match is updated."))
            return redirect("matching:detail", pk=match.pk)
    for error in form.errors.values():
        for message in error:
            messages.error(request, message)
    return _detail(request, match, advance_form=form, status=400)


@login_required
@require_POST
def match_note(request, pk: int):
    match = _visible_or_404(request.user, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.match_add_note(
                match=match,
                user=request.user,
                note=data["note"],
                next_step=data["next_step"],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            add_service_errors(form, error, renamed=CONTRACT_FIELD)
        else:
            messages.success(request, _("The note is saved."))
            return redirect("matching:detail", pk=match.pk)
    return _detail(request, match, note_form=form, status=400)


@login_required
@require_POST
def match_interest(request, outcome_id: int):
    outcome = get_object_or_404(outcome_selectors.outcomes_published(), pk=outcome_id)
    needs = permissions.interest_needs(request.user)
    if not needs.exists():
        raise PermissionDenied(_("Only enterprises with a published need ask for introductions."))
    form = InterestForm(request.POST, needs=needs)
    if not form.is_valid():
        messages.error(request, _("Choose one of your published needs."))
    else:
        try:
            services.match_express_interest(
                need=form.cleaned_data["need"], outcome=outcome, user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Thank you. A broker will contact you to arrange an introduction.")
            )
    target = request.POST.get("next") or outcome.url or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = outcome.url or "/"
    return redirect(target)

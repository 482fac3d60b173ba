"""Digests of new strong suggestions, sent once a publication's suggestions are refreshed.

The enterprise of a just-published need hears of outcomes for it; the editors and approvers of
a just-published outcome's institution hear of needs for it, each only of the needs they may see
(market.needs.permissions). Each party is told of a pair once
(``Suggestion.enterprise_notified_at``, ``institution_notified_at``); nothing new, no email.
"""

from django.conf import settings
from django.core.mail import send_mass_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from accounts.models import User
from cms import selectors as outcome_selectors
from cms.models import OutcomePage
from market.needs.models import Need
from market.needs.notifications import enterprise_emails, render_email, site_url
from market.needs.permissions import visible_needs_q
from matching.models import Suggestion
from matching.permissions import INSTITUTION_ROLES


def _need_url(need_id: int) -> str:
    return site_url(reverse("market:need_detail", args=[need_id]))


def _render(template: str, context: dict) -> tuple[str, str]:
    with override(settings.LANGUAGE_CODE):
        return render_email(f"matching/email/{template}", context)


def need_digest(need: Need) -> int:
    """Email the need's enterprise the outcomes newly suggested for it; returns emails sent."""
    if need.status != Need.Status.PUBLISHED:
        return 0
    rows = list(
        need.suggestions.filter(
            enterprise_notified_at__isnull=True,
            confidence=Suggestion.Confidence.STRONG,
            outcome__in=OutcomePage.objects.live().public().values("pk"),
        )
        .select_related("outcome")
        .order_by("-score", "pk")
    )
    recipients = sorted(set(enterprise_emails(need)))
    if not rows or not recipients:
        return 0
    items = [
        {
            "title": row.outcome.title,
            "score": row.score,
            "url": site_url(row.outcome.get_url() or ""),
            "reasons": row.reasons,
        }
        for row in rows
    ]
    subject, body = _render(
        "need_suggestions", {"need": need, "need_url": _need_url(need.pk), "items": items}
    )
    sent = send_mass_mail(
        [(subject, body, settings.DEFAULT_FROM_EMAIL, [to]) for to in recipients],
        fail_silently=False,
    )
    Suggestion.objects.filter(pk__in=[row.pk for row in rows]).update(
        enterprise_notified_at=timezone.now()
    )
    return sent


def institution_users(outcome: OutcomePage):
    """The active editors and approvers, with an email, of the outcome's institution."""
    institution = outcome_selectors.institution_of(outcome)
    if institution is None:
        return User.objects.none()
    return (
        User.objects.filter(
            is_active=True,
            memberships__organization=institution,
            memberships__role__in=INSTITUTION_ROLES,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def outcome_digest(outcome: OutcomePage) -> int:
    """Email the outcome's institution the needs newly suggested for it; each recipient reads
    only the needs they may see (never another enterprise's brokers-only need)."""
    rows = list(
        outcome.suggestions.filter(
            institution_notified_at__isnull=True,
            need__status=Need.Status.PUBLISHED,
            confidence=Suggestion.Confidence.STRONG,
        ).order_by("-score", "pk")
    )
    if not rows:
        return 0
    need_ids = [row.need_id for row in rows]
    needs = Need.objects.in_bulk(need_ids)
    messages, told, addressed = [], set(), set()
    for user in institution_users(outcome):
        if user.email in addressed:
            continue
        visible = set(
            Need.objects.filter(visible_needs_q(user), pk__in=need_ids).values_list("pk", flat=True)
        )
        shown = [row for row in rows if row.need_id in visible]
        if not shown:
            continue
        items = [
            {
                "title": needs[row.need_id].title,
                "score": row.score,
                "url": _need_url(row.need_id),
                "reasons": row.reasons,
            }
            for row in shown
        ]
        subject, body = _render(
            "outcome_suggestions",
            {"outcome": outcome, "outcome_url": site_url(outcome.get_url() or ""), "items": items},
        )
        messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
        addressed.add(user.email)
        told.update(row.pk for row in shown)
    if not messages:
        return 0
    sent = send_mass_mail(messages, fail_silently=False)
    Suggestion.objects.filter(pk__in=told).update(institution_notified_at=timezone.now())
    return sent

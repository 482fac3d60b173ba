"""Matches: a need and an outcome a broker brings together, and what happened since."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from market.history import HistoryEntry


class Match(models.Model):
    """A need paired with an outcome, followed by a broker until signed or closed."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        INTRODUCED = "introduced", _("Introduced")
        MEETING = "meeting", _("Meeting")
        NEGOTIATING = "negotiating", _("Negotiating")
        SIGNED = "signed", _("Signed")
        CLOSED = "closed", _("Closed")

    need = models.ForeignKey(
        "market.Need", verbose_name=_("need"), on_delete=models.CASCADE, related_name="matches"
    )
    outcome = models.ForeignKey(
        "cms.OutcomePage",
        verbose_name=_("outcome"),
        on_delete=models.CASCADE,
        related_name="matches",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUGGESTED
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("broker"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_step = models.TextField(_("next step"), blank=True)
    due_date = models.DateField(_("follow up by"), null=True, blank=True)
    close_reason = models.TextField(_("closed because"), blank=True)
    contract = models.ForeignKey(
        "market.Contract",
        verbose_name=_("contract"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="matches",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "outcome"], name="match_need_outcome_unique")
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.outcome}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.SIGNED, self.Status.CLOSED)


class MatchEvent(HistoryEntry):
    """One entry of a match's timeline: who did what, when."""

    subject_field = "match"

    class Action(models.TextChoices):
        INTEREST = "interest", _("Interest expressed")
        CREATED = "created", _("Created by a broker")
        ADVANCED = "advanced", _("Status changed")
        NOTE = "note", _("Note")

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("match history entry")
        verbose_name_plural = _("match history")

    def __str__(self) -> str:
        return f"{self.match_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def get_from_status_display(self) -> str:
        return dict(Match.Status.choices).get(self.from_status, self.from_status)

    def get_to_status_display(self) -> str:
        return dict(Match.Status.choices).get(self.to_status, self.to_status)


class Suggestion(models.Model):
    """A strong or medium suggestion of the engine for a published need and a published
    outcome, stored so the brokers' queue, the digests (strong ones) and the events' whom to
    meet read it instead of ranking on a page request.

    Score, parts, shared terms and reasons are those of the need's ranking of outcomes (what the
    need's page shows); matching.refresh says why, and when rows are recomputed.
    """

    need = models.ForeignKey(
        "market.Need", verbose_name=_("need"), on_delete=models.CASCADE, related_name="suggestions"
    )
    outcome = models.ForeignKey(
        "cms.OutcomePage",
        verbose_name=_("outcome"),
        on_delete=models.CASCADE,
        related_name="suggestions",
    )

    class Confidence(models.TextChoices):
        STRONG = "strong", _("strong match")
        MEDIUM = "medium", _("medium match")

    score = models.FloatField(_("score"))
    # strong: queued for brokers and emailed to the owners; medium: kept for what reads pairs
    # beyond those (whom to meet at an event)
    confidence = models.CharField(
        _("confidence"), max_length=8, choices=Confidence.choices, default=Confidence.STRONG
    )
    parts = models.JSONField(_("parts of the score"), default=dict, blank=True)
    shared_terms = models.JSONField(_("shared terms"), default=list, blank=True)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    created_at = models.DateTimeField(_("first suggested at"), auto_now_add=True)
    computed_at = models.DateTimeField(_("computed at"))
    # Each party hears of a pair once: the enterprise after its need is published, the
    # institution after its outcome is (matching.notifications).
    enterprise_notified_at = models.DateTimeField(_("enterprise told at"), null=True, blank=True)
    institution_notified_at = models.DateTimeField(_("institution told at"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "-created_at", "-pk"]
        verbose_name = _("stored suggestion")
        verbose_name_plural = _("stored suggestions")
        constraints = [
            models.UniqueConstraint(
                fields=["need", "outcome"], name="suggestion_need_outcome_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.need} ↔ {self.outcome} ({self.score:.2f})"


class TextVector(models.Model):
    """The sentence-embedding vector of a published need or outcome (search.semantic), kept
    so the engine never encodes while a page is served. ``digest`` is that of the text it was
    computed from: a changed text gets a new vector."""

    class Kind(models.TextChoices):
        NEED = "need", _("need")
        OUTCOME = "outcome", _("outcome")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    object_id = models.CharField(_("object id"), max_length=64)
    model = models.CharField(_("model"), max_length=64)
    digest = models.CharField(_("text digest"), max_length=64)
    vector = models.BinaryField(_("vector"))
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    class Meta:
        verbose_name = _("text vector")
        verbose_name_plural = _("text vectors")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="textvector_kind_object_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id} ({self.model})"

"""Enterprise technology needs (技术需求): what they ask, who may see it, what happened to it."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.text import DESCRIPTION_MAX, REASON_MAX, max_chars, tidy
from market.attachments import private_storage
from market.history import HistoryEntry
from taxonomy import vocabularies as vocab

# A need looks for an answer within five years at most.
DEADLINE_MAX_DAYS = 5 * 366


class Need(models.Model):
    """An enterprise's technology need, reviewed by a broker before it is published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned for changes")
        PUBLISHED = "published", _("Published")
        CLOSED = "closed", _("Closed")

    class Confidentiality(models.TextChoices):
        PUBLIC = "public", _("Public: everyone sees it")
        MEMBERS = "members", _("Members: details for signed-in members, a summary for others")
        BROKERS = "brokers", _("Brokers only: only brokers and our enterprise see it")

    class CloseReason(models.TextChoices):
        SOLVED = "solved", _("Solved")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(
        _("public summary"),
        max_length=300,
        help_text=_("Shown to everyone who may see the need; keep confidential details out."),
    )
    description = models.TextField(
        _("detailed description"),
        validators=[max_chars(DESCRIPTION_MAX)],
        help_text=_("The problem, current state, targets and constraints."),
    )
    tech_field = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("technical field"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.TECH_FIELD},
    )
    industry = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("Hebi industry"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"vocabulary": vocab.INDUSTRY},
    )
    cooperation_modes = models.ManyToManyField(
        "taxonomy.Term",
        verbose_name=_("cooperation modes"),
        related_name="needs_by_mode",
        limit_choices_to={"vocabulary": vocab.COOPERATION_MODE},
    )
    district = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.DISTRICT},
    )
    budget_min_wan = models.DecimalField(
        _("budget from (10,000 yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    budget_max_wan = models.DecimalField(
        _("budget up to (10,000 yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("In 万元. Leave both empty for 面议 (budget on negotiation)."),
    )
    deadline = models.DateField(_("deadline"))
    contact_name = models.CharField(_("contact person"), max_length=60)
    contact_phone = models.CharField(_("contact phone"), max_length=32)
    contact_email = models.EmailField(_("contact email"), blank=True)
    confidentiality = models.CharField(
        _("confidentiality"),
        max_length=16,
        choices=Confidentiality.choices,
        default=Confidentiality.PUBLIC,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    close_reason = models.CharField(
        _("closed because"), max_length=16, choices=CloseReason.choices, blank=True
    )
    return_reason = models.TextField(
        _("reason for return"),
        blank=True,
        validators=[max_chars(REASON_MAX)],
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_min_wan__isnull=True)
                | Q(budget_max_wan__isnull=True)
                | Q(budget_min_wan__lte=F("budget_max_wan")),
                name="need_budget_range_ordered",
                violation_error_message=_("The upper end of the budget is below the lower end."),
            ),
            models.CheckConstraint(
                condition=(Q(status="closed") & ~Q(close_reason=""))
                | (~Q(status="closed") & Q(close_reason="")),
                name="need_closed_has_reason",
                violation_error_message=_("A closed need says why it was closed."),
            ),
        ]
        indexes = [models.Index(fields=["status", "confidentiality", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        latest = timezone.localdate() + datetime.timedelta(days=DEADLINE_MAX_DAYS)
        if self.deadline and self.deadline > latest:
            raise ValidationError(
                {
                    "deadline": _("Choose a deadline at most five years ahead, by %(latest)s.")
                    % {"latest": latest.isoformat()}
                }
            )
        tidy(
            self,
            lines=("title", "summary", "contact_name", "contact_phone"),
            texts=("description",),
        )

    @property
    def budget_is_negotiable(self) -> bool:
        return self.budget_min_wan is None and self.budget_max_wan is None

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class NeedAttachment(models.Model):
    """A file that explains a need: PDF, Word or an image, checked by type and size."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="needs/%Y/%m/", storage=private_storage)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class NeedEvent(HistoryEntry):
    """One entry of a need's history: who did what, when, and what changed."""

    subject_field = "need"

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        IMPORTED = "imported", _("Imported from a spreadsheet")
        UPDATED = "updated", _("Edited")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for changes")
        CLOSED = "closed", _("Closed")
        ATTACHMENT_ADDED = "attachment_added", _("Attachment added")
        ATTACHMENT_REMOVED = "attachment_removed", _("Attachment removed")

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24, choices=Action.choices)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta(HistoryEntry.Meta):
        verbose_name = _("need history entry")
        verbose_name_plural = _("need history")

    def __str__(self) -> str:
        return f"{self.need_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

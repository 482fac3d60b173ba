"""What every history table shares: who did it, when, the status before and after, a note;
and the two steps every workflow service takes: lock the row in an allowed status, record.

NeedEvent, ContractEvent (market) and MatchEvent (matching) each add the object they follow
(named by ``subject_field``), their own ``action`` choices and, where they keep them, the
changed values.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def locked_in_status(instance, allowed, message: str):
    """The row again, locked until the transaction ends, and its status, if that is one of
    ``allowed``; else a ValidationError: ``message`` with the status's name as ``%(status)s``."""
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if locked.status not in allowed:
        raise ValidationError(message % {"status": locked.get_status_display()})
    return locked, locked.status


class HistoryEntry(models.Model):
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    subject_field = ""  # the foreign key to the object the table follows

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    @classmethod
    def subject_field_of(cls, subject) -> str:
        """The foreign key that names ``subject`` (a table following several kinds says which)."""
        return cls.subject_field

    @classmethod
    def record(cls, subject, actor, action: str, *, before: str = "", note: str = "", **fields):
        """``actor`` did ``action`` to ``subject``, whose status went from ``before`` to the one
        it has now; ``fields``: what the table adds (the changed values)."""
        return cls.objects.create(
            **{cls.subject_field_of(subject): subject},
            actor=actor,
            action=action,
            from_status=before,
            to_status=subject.status,
            note=note,
            **fields,
        )

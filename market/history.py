"""What every history table shares: who did it, when, the status before and after, a note.

NeedEvent, ContractEvent (market) and MatchEvent (matching) each add the object they follow,
their own ``action`` choices and, where they keep them, the changed values.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

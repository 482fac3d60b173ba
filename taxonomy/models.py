"""One model for every shared vocabulary: fields, industries, maturity, modes, districts."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from taxonomy import vocabularies as v


class TermQuerySet(models.QuerySet):
    def of(self, vocabulary: str) -> "TermQuerySet":
        return self.filter(vocabulary=vocabulary)


class Term(models.Model):
    """A named entry of one vocabulary, e.g. 新材料 in the high-tech fields."""

    class Vocabulary(models.TextChoices):
        TECH_FIELD = v.TECH_FIELD, _("Technical field")
        INDUSTRY = v.INDUSTRY, _("Hebi leading industry")
        MATURITY = v.MATURITY, _("Maturity")
        TRANSFER_MODE = v.TRANSFER_MODE, _("Transfer mode")
        DISTRICT = v.DISTRICT, _("District")
        COOPERATION_MODE = v.COOPERATION_MODE, _("Cooperation mode")

    vocabulary = models.CharField(_("vocabulary"), max_length=32, choices=Vocabulary.choices)
    code = models.CharField(_("code"), max_length=40)
    name_zh = models.CharField(_("Chinese name"), max_length=60)
    name_en = models.CharField(_("English name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["vocabulary", "position"]
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (Chinese unless English is chosen)."""
        language = get_language() or ""
        return self.name_en if language.startswith("en") else self.name_zh

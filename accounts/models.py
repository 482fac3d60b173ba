"""Identity: users, the organizations they act for, and their roles there."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.credit_code import normalize, validate_credit_code
from accounts.roles import ROLE_KINDS, OrganizationKind, Role
from taxonomy import vocabularies as vocab


class User(AbstractUser):
    """A person with a login. What they may do comes from their memberships."""

    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = f"{self.last_name}{self.first_name}".strip()
        return full or self.username


class Organization(models.Model):
    """An enterprise, university, institute, service agency or government office."""

    kind = models.CharField(_("kind"), max_length=16, choices=OrganizationKind.choices)
    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 characters, GB 32100-2015."),
    )
    district = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.DISTRICT},
        help_text=_("For organizations in Hebi."),
    )
    industry = models.ForeignKey(
        "taxonomy.Term",
        verbose_name=_("industry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": vocab.INDUSTRY},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True, editable=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.credit_code = normalize(self.credit_code)

    @property
    def is_institution(self) -> bool:
        return self.kind in (OrganizationKind.UNIVERSITY, OrganizationKind.RESEARCH_INSTITUTE)


class Membership(models.Model):
    """A user holds a role at an organization."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization} · {self.get_role_display()}"

    def clean(self) -> None:
        allowed = ROLE_KINDS.get(self.role, ())
        if self.organization_id and self.organization.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("The role %(role)s cannot be held at a %(kind)s.")
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organization.get_kind_display(),
                    }
                }
            )


class RoleGroup(models.Model):
    """The Django group that carries one role's permissions at one organization.

    Wagtail grants page, image and document permissions to groups; one group per
    (organization, role) lets each university's editors and approvers act on their own section only.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="role_group")

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")
        constraints = [
            models.UniqueConstraint(fields=["organization", "role"], name="rolegroup_unique_role"),
        ]

    def __str__(self) -> str:
        return self.group.name

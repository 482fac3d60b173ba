"""Admin wiring for identity: organizations (with verification) and memberships."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import StatusFlagColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from accounts import services
from accounts.models import Membership, Organization


class OrganizationEditView(generic.EditView):
    """Ticking 'verified' goes through the service, which records who verified and when."""

    def save_instance(self):
        was_verified = Organization.objects.filter(pk=self.object.pk, verified=True).exists()
        instance = super().save_instance()
        if instance.verified != was_verified:
            services.organization_set_verified(
                organization=instance, verified=instance.verified, by=self.request.user
            )
        return instance


class OrganizationViewSet(ModelViewSet):
    model = Organization
    name = "organizations"
    icon = "group"
    edit_view_class = OrganizationEditView
    list_display = [
        "name",
        "kind",
        "credit_code",
        "district",
        # a status word, not Python's True/False
        StatusFlagColumn(
            "verified",
            label=_("verified"),
            true_label=_("Verified"),
            false_label=_("Awaiting verification"),
        ),
        "created_at",
    ]
    list_filter = ["kind", "verified", "district"]
    search_fields = ["name", "short_name", "credit_code"]
    form_fields = [
        "kind",
        "name",
        "short_name",
        "slug",
        "credit_code",
        "district",
        "industry",
        "address",
        "website",
        "description",
        "verified",
    ]
    copy_view_enabled = False
    inspect_view_enabled = True


class MembershipCreateView(generic.CreateView):
    """New memberships go through the service so the user joins the role's group."""

    def save_instance(self):
        data = self.form.cleaned_data
        return services.membership_grant(
            user=data["user"], organization=data["organization"], role=data["role"]
        )


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        services.membership_revoke(membership=self.object)


class MembershipViewSet(ModelViewSet):
    model = Membership
    name = "memberships"
    add_view_class = MembershipCreateView
    delete_view_class = MembershipDeleteView
    icon = "user"
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "organization__name"]
    form_fields = ["user", "organization", "role"]
    copy_view_enabled = False


class IdentityGroup(ViewSetGroup):
    menu_label = _("Organizations")
    menu_icon = "group"
    menu_order = 200
    items = (OrganizationViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_identity_viewsets():
    return IdentityGroup()

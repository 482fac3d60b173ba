"""Workbench wiring for contracts: administrators see and set the years' targets."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.models import User
from accounts.permissions import is_administrator
from accounts.roles import Role
from market.contracts.models import YearTarget


class AdministratorsOnlyPolicy(ModelPermissionPolicy):
    """Only administrators see and set the years' targets."""

    def user_has_permission(self, user, action):
        return is_administrator(user)

    def user_has_any_permission(self, user, actions):
        return is_administrator(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return is_administrator(user)

    def users_with_any_permission(self, actions):
        return User.objects.filter(
            Q(is_superuser=True) | Q(memberships__role=Role.ADMINISTRATOR), is_active=True
        ).distinct()


register_permission_policy(YearTarget, AdministratorsOnlyPolicy(YearTarget))


class YearTargetViewSet(ModelViewSet):
    model = YearTarget
    name = "year_targets"
    icon = "crosshairs"
    menu_label = _("Years' targets")
    menu_order = 230
    add_to_admin_menu = True
    list_display = ["year", "amount_target", "events_per_quarter"]
    form_fields = ["year", "amount_target", "events_per_quarter"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_year_target_viewset():
    return YearTargetViewSet()

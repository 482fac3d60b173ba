"""Workbench wiring: brokers and administrators list and inspect needs (changes go through the
front-end pages and the services, which keep the history)."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from accounts.permissions import is_broker
from market.needs.models import Need
from market.needs.selectors import needs_visible_to


class ViewOnlyPolicy(ModelPermissionPolicy):
    """In the workbench needs are listed and inspected; every change goes through the
    services (front-end pages, API, import), which check the workflow and keep the history."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


register_permission_policy(Need, ViewOnlyPolicy(Need))


# The workbench lists and opens only the needs the site would show the same user
# (market.needs.permissions): a broker never sees an enterprise's draft here either.


class VisibleNeedIndexView(generic.IndexView):
    def get_base_queryset(self):
        return needs_visible_to(self.request.user)


class VisibleNeedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(needs_visible_to(self.request.user), pk=unquote(str(self.pk)))


class VisibleNeedHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return needs_visible_to(self.request.user)


class VisibleNeedUsageView(UsageView):
    def get_base_object_queryset(self):
        return needs_visible_to(self.request.user)


class NeedViewSet(ModelViewSet):
    model = Need
    index_view_class = VisibleNeedIndexView
    inspect_view_class = VisibleNeedInspectView
    history_view_class = VisibleNeedHistoryView
    usage_view_class = VisibleNeedUsageView
    name = "needs"
    icon = "form"
    menu_label = _("Technology needs")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "organization", "status", "confidentiality", "deadline", "updated_at"]
    list_filter = ["status", "confidentiality", "tech_field", "industry"]
    search_fields = ["title", "summary", "organization__name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "organization",
        "status",
        "confidentiality",
        "summary",
        "description",
        "tech_field",
        "industry",
        "district",
        "budget_min_wan",
        "budget_max_wan",
        "deadline",
        "contact_name",
        "contact_phone",
        "contact_email",
        "return_reason",
        "submitted_at",
        "published_at",
        "closed_at",
    ]
    form_fields = ["title"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_need_viewset():
    return NeedViewSet()


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request):
        return is_broker(request.user)


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return ReviewQueueMenuItem(
        _("Needs to review"), reverse("market:review_queue"), icon_name="tasks", order=211
    )

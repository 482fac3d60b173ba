"""/api/v1/: one router that every app's API joins."""

from django.urls import include, path, re_path
from rest_framework.routers import DefaultRouter

from cms.api import OutcomeViewSet
from market.contracts.api import ContractViewSet
from market.contracts.api_targets import YearTargetsView
from market.funding.api import SubsidyViewSet, VoucherViewSet
from market.needs.api import NeedViewSet
from matching.api import (
    MatchViewSet,
    NeedSuggestionsView,
    OutcomeSuggestionsView,
    SuggestionViewSet,
    TextHintsView,
)
from matching.events.api import (
    EventViewSet,
    MeetingRequestViewSet,
    MeetingViewSet,
    RegistrationViewSet,
)
from portal.api.auth import ObtainTokenView
from portal.api.schema import NotFoundView
from portal.converters import ID_PATTERN


class Router(DefaultRouter):
    """Detail URLs take ids of up to 18 digits (what a 64-bit column holds); others are 404."""

    def get_lookup_regex(self, viewset, lookup_prefix=""):
        name = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
        value = getattr(viewset, "lookup_value_regex", ID_PATTERN)
        return f"(?P<{lookup_prefix}{name}>{value})"


router = Router()
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("needs", NeedViewSet, basename="need")
router.register("contracts", ContractViewSet, basename="contract")
router.register("matches", MatchViewSet, basename="match")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
router.register("events", EventViewSet, basename="event")
router.register("event-registrations", RegistrationViewSet, basename="event-registration")
router.register("meeting-requests", MeetingRequestViewSet, basename="meeting-request")
router.register("event-meetings", MeetingViewSet, basename="event-meeting")
router.register("vouchers", VoucherViewSet, basename="voucher")
router.register("subsidies", SubsidyViewSet, basename="subsidy")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("targets/<int:year>/", YearTargetsView.as_view(), name="api-targets"),
    path("needs/<id:pk>/suggestions/", NeedSuggestionsView.as_view(), name="api-need-suggestions"),
    path("text-hints/", TextHintsView.as_view(), name="api-text-hints"),
    path(
        "outcomes/<id:pk>/suggestions/",
        OutcomeSuggestionsView.as_view(),
        name="api-outcome-suggestions",
    ),
    path("", include(router.urls)),
    re_path(r"", NotFoundView.as_view()),  # last: anything else is a JSON 404
]

"""/api/v1/: one router that every app's API joins."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from cms.api import OutcomeViewSet
from market.api import NeedViewSet
from portal.api.auth import ObtainTokenView

router = DefaultRouter()
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("needs", NeedViewSet, basename="need")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="api-token"),
    path("", include(router.urls)),
]

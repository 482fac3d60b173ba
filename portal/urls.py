"""The site's URLs: accounts, the API, the Wagtail admin, and Wagtail's page tree last."""

from django.conf import settings
from django.conf.urls.static import static
from django.urls import include, path
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.dashboard import dashboard
from portal.health import healthz
from portal.search_views import search_page

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", include("portal.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("search/", search_page, name="search"),
    path("dashboard/", dashboard, name="dashboard"),
    path("needs/", include("market.needs.urls")),
    path("contracts/", include("market.contracts.urls")),
    path("matches/", include("matching.urls")),
    path("events/", include("matching.events.urls")),
    path("", include("market.funding.urls")),  # /vouchers/ and /subsidies/
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

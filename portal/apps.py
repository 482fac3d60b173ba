from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import converters

        converters.register()
        _connect_cache_generation()


# The models whose writes can change a figure the portal caches (portal.caching).
CACHED_FROM = (
    "market.Contract",
    "market.YearTarget",
    "market.Need",
    "cms.OutcomePage",
    "events.Event",
    "events.Meeting",
    "matching.Match",
    "funding.Scheme",
    "funding.Voucher",
    "funding.Claim",
    "funding.Subsidy",
)


def _connect_cache_generation() -> None:
    from django.apps import apps
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished

    from portal.caching import bump

    for label in CACHED_FROM:
        model = apps.get_model(label)
        post_save.connect(bump, sender=model, dispatch_uid=f"cache-generation-save-{label}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"cache-generation-delete-{label}")
    page_published.connect(bump, dispatch_uid="cache-generation-published")
    page_unpublished.connect(bump, dispatch_uid="cache-generation-unpublished")

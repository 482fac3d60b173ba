from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketConfig(AppConfig):
    name = "market"
    verbose_name = _("Technology needs and contracts")

    def ready(self) -> None:
        from market.needs import receivers, search  # noqa: F401

        search.connect()

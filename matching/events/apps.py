from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "matching.events"
    label = "events"
    verbose_name = _("Matchmaking events")

    def ready(self) -> None:
        from market.contracts.selectors import events_counter_register
        from matching.events.selectors import events_held_by_quarter

        events_counter_register(events_held_by_quarter)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "market.funding"
    label = "funding"
    verbose_name = _("Vouchers and subsidies")

    def ready(self) -> None:
        from accounts.signals import role_group_created
        from market.funding.services import bureau_group_permissions

        role_group_created.connect(bureau_group_permissions, dispatch_uid="funding-bureau-rights")

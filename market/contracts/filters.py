"""The contracts' filter of /api/v1/contracts/."""

import django_filters

from market.contracts.models import Contract


class ContractFilter(django_filters.FilterSet):
    """``status``: only contracts in this status (submitted and second_review oldest first); a
    status that does not exist is a 400 that lists the ones that do."""

    status = django_filters.ChoiceFilter(choices=Contract.Status.choices)

    class Meta:
        model = Contract
        fields: list[str] = []

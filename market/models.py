"""The models of the app `market`, for Django: they live in its two rooms, needs and contracts.

Code of ours imports a model from its room (``market.needs.models``, ``market.contracts.models``);
this module only gathers them so the one app label `market` (and its migrations) keeps them all.
``private_storage`` stays reachable here because the migrations name it by this path.
"""

from market.attachments import private_storage
from market.contracts.models import Contract, ContractEvent, RegistrationCounter, YearTarget
from market.needs.models import Need, NeedAttachment, NeedEvent

__all__ = [
    "Contract",
    "ContractEvent",
    "Need",
    "NeedAttachment",
    "NeedEvent",
    "RegistrationCounter",
    "YearTarget",
    "private_storage",
]

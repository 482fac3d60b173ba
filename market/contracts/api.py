"""/api/v1/contracts/: technology contracts, drafted by the seller side and registered by
registrars.

Each user sees what they may (the seller side its own, registrars and administrators all,
others nothing). Writes and lifecycle steps go through market.contracts.services, which decide
who may do what and when: their ValidationError is HTTP 400 and their PermissionDenied HTTP 403
(portal.api.errors, for the whole API). Amounts are yuan, as strings.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from accounts.credit_code import normalize as normalize_credit_code
from accounts.credit_code import validate_credit_code
from accounts.models import Organization
from market.contracts import services
from market.contracts.filters import ContractFilter
from market.contracts.forms import check_contract_pdf
from market.contracts.models import Contract
from market.contracts.permissions import IN_REVIEW, contracts_visible_to, is_registrar
from market.contracts.services import contract_document_replace
from market.needs.models import Need
from market.needs.permissions import can_view_need

BUYER_FIELDS = ("buyer_name", "buyer_credit_code", "buyer_region", "buyer_nature")


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


# --- output ------------------------------------------------------------------------------------


@extend_schema_serializer(component_name="ContractParty")
class PartySerializer(serializers.Serializer):
    organization = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    credit_code = serializers.CharField()
    region = serializers.CharField()
    nature = serializers.CharField()


def _party(contract: Contract, prefix: str) -> dict:
    return {
        "organization": getattr(contract, f"{prefix}_organization_id"),
        "name": getattr(contract, f"{prefix}_name"),
        "credit_code": getattr(contract, f"{prefix}_credit_code"),
        "region": getattr(contract, f"{prefix}_region"),
        "nature": getattr(contract, f"{prefix}_nature"),
    }


class ContractSerializer(serializers.ModelSerializer):
    title = serializers.CharField(source="name", read_only=True)
    url = serializers.SerializerMethodField()
    seller = serializers.SerializerMethodField()
    buyer = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    certificate = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "title",
            "url",
            "contract_type",
            "subtype",
            "status",
            "seller",
            "buyer",
            "signed_on",
            "term_start",
            "term_end",
            "contract_amount",
            "declared_transaction_amount",
            "transaction_amount",
            "need",
            "outcome",
            "document",
            "review_note",
            "registration_number",
            "registration_point",
            "registered_on",
            "certificate",
            "submitted_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return _absolute(self.context.get("request"), reverse("contracts:detail", args=[obj.pk]))

    @extend_schema_field(PartySerializer)
    def get_seller(self, obj) -> dict:
        return _party(obj, "seller")

    @extend_schema_field(PartySerializer)
    def get_buyer(self, obj) -> dict:
        return _party(obj, "buyer")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document(self, obj) -> str | None:
        """Where the signed PDF downloads (permission-checked), or null."""
        if not obj.document:
            return None
        path = reverse("contracts:document", args=[obj.pk])
        return _absolute(self.context.get("request"), path)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_certificate(self, obj) -> str | None:
        """The printable registration certificate of a registered contract, or null."""
        if obj.status != Contract.Status.REGISTERED:
            return None
        path = reverse("contracts:certificate", args=[obj.pk])
        return _absolute(self.context.get("request"), path)


# --- input -------------------------------------------------------------------------------------


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, min_value=Decimal("0.01"), **kwargs
    )


class ContractWriteSerializer(serializers.ModelSerializer):
    """What the seller side fills in; amounts in yuan (strings or numbers, at most 2 decimals).

    The buyer is either ``buyer_organization`` (an organization on the portal) or typed in:
    ``buyer_name``, ``buyer_credit_code``, ``buyer_region``, ``buyer_nature``. The signed PDF
    goes as ``document`` in a multipart request.
    """

    seller = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=(
            "One of your organizations; may be left out when you belong to only one (create only)."
        ),
    )
    name = serializers.CharField(max_length=200)
    buyer_credit_code = serializers.CharField(max_length=40, required=False, allow_blank=True)
    contract_amount = _money()
    declared_transaction_amount = _money()
    document = serializers.FileField(required=False)
    need = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Contract
        fields = ["seller", *services.CONTRACT_FIELDS]
        extra_kwargs = {
            "buyer_name": {"required": False, "allow_blank": True},
            "buyer_region": {"required": False, "allow_blank": True},
            "buyer_nature": {"required": False, "allow_blank": True},
        }

    def validate_seller(self, value):
        if self.instance is not None and value.pk != self.instance.seller_organization_id:
            raise serializers.ValidationError(_("The seller of a contract cannot be changed."))
        return value

    def validate_need(self, value):
        if value is not None and not can_view_need(self.context["request"].user, value):
            raise serializers.ValidationError(_("No such need."))
        return value

    def validate_outcome(self, value):
        if value is not None and not value.live:
            raise serializers.ValidationError(_("No such outcome."))
        return value

    def validate_document(self, value):
        try:
            check_contract_pdf(value)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages) from error
        return value

    def validate_buyer_credit_code(self, value):
        return normalize_credit_code(value)

    def validate(self, attrs):
        organization = attrs.get("buyer_organization")
        if organization is not None:
            attrs.update(services.party_from_organization(organization, "buyer"))
            return attrs
        if self.partial and not any(name in attrs for name in BUYER_FIELDS):
            return attrs
        errors = {}
        for name in BUYER_FIELDS:
            if not attrs.get(name):
                errors[name] = [_("Give the buyer's details, or choose buyer_organization.")]
        code = attrs.get("buyer_credit_code")
        if code:
            try:
                validate_credit_code(code)
            except DjangoValidationError as error:
                errors["buyer_credit_code"] = error.messages
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class RegisterSerializer(serializers.Serializer):
    transaction_amount = _money(help_text="The verified technology transaction amount in yuan.")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


# --- the viewset -------------------------------------------------------------------------------


REVIEW_STEPS = ("register", "return_", "reject")


class RegistrarsOnly(BasePermission):
    """The review steps answer 403 to anyone but registrars before looking the contract up, so
    they never tell whether a contract exists; the services check the rest."""

    message = gettext_lazy("Only registrars review contracts.")

    def has_permission(self, request, view) -> bool:
        return view.action not in REVIEW_STEPS or is_registrar(request.user)


@extend_schema_view(
    list=extend_schema(
        description=(
            "Contracts you may see: your organizations' as the seller side; all for registrars."
        ),
    ),
    create=extend_schema(request=ContractWriteSerializer, responses={201: ContractSerializer}),
    update=extend_schema(request=ContractWriteSerializer, responses=ContractSerializer),
    partial_update=extend_schema(request=ContractWriteSerializer, responses=ContractSerializer),
)
class ContractViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Technology contracts and their registration (技术合同认定登记)."""

    serializer_class = ContractSerializer
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    permission_classes = [*viewsets.GenericViewSet.permission_classes, RegistrarsOnly]

    filterset_class = ContractFilter

    def get_queryset(self):
        queryset = contracts_visible_to(self.request.user)
        if self.action == "list" and self.request.query_params.get("status") in IN_REVIEW:
            return queryset.order_by("submitted_at", "pk")
        return queryset.order_by("-updated_at", "-pk")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return ContractWriteSerializer
        return ContractSerializer

    def _render(self, contract: Contract, **kwargs) -> Response:
        data = ContractSerializer(contract, context=self.get_serializer_context()).data
        return Response(data, **kwargs)

    # --- writes --------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        seller = data.pop("seller", None)
        contract = services.contract_create(user=request.user, seller=seller, data=data)
        return self._render(contract, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        contract = self.get_object()
        serializer = self.get_serializer(contract, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("seller", None)
        document = data.pop("document", None)
        with transaction.atomic():
            contract = services.contract_update(contract=contract, user=request.user, data=data)
            if document is not None:
                contract = contract_document_replace(
                    contract=contract, user=request.user, uploaded=document
                )
        return self._render(contract)

    # --- lifecycle -----------------------------------------------------------------------------

    def _review(self, run, body) -> Response:
        """403 unless a registrar (RegistrarsOnly, before anything else), 404 if unseen, 400 on
        a bad body; else the service ``run(contract, body_data)``, which refuses the rest."""
        contract = self.get_object()
        serializer = body(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return self._render(run(contract, serializer.validated_data))

    @extend_schema(request=None, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The seller side sends a draft or returned contract (with its PDF) for registration."""
        contract = services.contract_submit(contract=self.get_object(), user=request.user)
        return self._render(contract)

    @extend_schema(request=RegisterSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def register(self, request, pk=None):
        """A registrar verifies the technology transaction amount and registers the contract
        (from CONTRACT_SECOND_REVIEW_FROM yuan up, a second, different registrar registers)."""
        user = request.user
        return self._review(
            lambda contract, data: services.contract_register(
                contract=contract, user=user, transaction_amount=data["transaction_amount"]
            ),
            body=RegisterSerializer,
        )

    @extend_schema(request=ReasonSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """A registrar returns the contract to the seller side for correction."""
        user = request.user
        return self._review(
            lambda contract, data: services.contract_return(
                contract=contract, user=user, reason=data["reason"]
            ),
            body=ReasonSerializer,
        )

    @extend_schema(request=ReasonSerializer, responses=ContractSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """未予登记: a registrar does not register the contract, saying why."""
        user = request.user
        return self._review(
            lambda contract, data: services.contract_reject(
                contract=contract, user=user, reason=data["reason"]
            ),
            body=ReasonSerializer,
        )

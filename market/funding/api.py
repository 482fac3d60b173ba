"""/api/v1/vouchers/ and /api/v1/subsidies/: the same people see the same things as on the
pages (the selectors decide), and every write goes through market.funding.services, which
decide who may, in which state, with what input; the API's exception handler
(portal.api.errors) answers their ValidationError with 400 and PermissionDenied with 403.
Amounts are yuan, as strings."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.models import Organization
from market.funding import services as svc
from market.funding.models import Provider, ServiceCategory, Subsidy, Voucher
from market.funding.selectors import subsidies_visible_to, vouchers_visible_to


def _money(**kwargs):
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


class ClaimSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    registration_number = serializers.CharField(source="contract.registration_number")
    invoice_number = serializers.CharField()
    fee = _money()
    proposed = _money()
    amount = _money(allow_null=True)
    status = serializers.CharField()
    paid_on = serializers.DateField(allow_null=True)


class VoucherSerializer(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise.name")
    provider = serializers.CharField(source="provider.organization.name")
    left = _money()
    claims = ClaimSerializer(many=True)

    class Meta:
        model = Voucher
        fields = [
            "id",
            "number",
            "status",
            "enterprise",
            "provider",
            "category",
            "purpose",
            "estimate",
            "face_value",
            "used",
            "left",
            "returned",
            "valid_from",
            "valid_until",
            "decision_note",
            "claims",
            "created_at",
        ]
        read_only_fields = fields


class VoucherApplySerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text="One of your enterprises; may be left out when you belong to only one.",
    )
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text="The former name of `organization`, still accepted.",
    )
    provider = serializers.PrimaryKeyRelatedField(queryset=Provider.objects.all())
    category = serializers.ChoiceField(choices=ServiceCategory.choices)
    purpose = serializers.CharField(max_length=2000)
    estimate = serializers.CharField(max_length=24, help_text="The estimated fee in yuan.")


class FaceValueSerializer(serializers.Serializer):
    face_value = serializers.CharField(max_length=24)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class FundingReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ClaimSubmitSerializer(serializers.Serializer):
    contract = serializers.IntegerField(
        min_value=1, help_text="A registered service, consulting or development contract."
    )
    invoice_number = serializers.CharField(max_length=40)
    fee = serializers.CharField(max_length=24, help_text="The invoiced fee in yuan.")


class ClaimApproveSerializer(serializers.Serializer):
    amount = serializers.CharField(
        max_length=24,
        required=False,
        allow_blank=True,
        help_text="Leave out to approve min(share × fee, cap per claim, voucher left).",
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class SubsidySerializer(serializers.ModelSerializer):
    enterprise = serializers.CharField(source="enterprise.name")
    contract = serializers.IntegerField(source="contract_id")
    registration_number = serializers.CharField(source="contract.registration_number")

    class Meta:
        model = Subsidy
        fields = [
            "id",
            "status",
            "enterprise",
            "contract",
            "registration_number",
            "paid_to_seller",
            "basis",
            "proposed",
            "amount",
            "adjustment_reason",
            "decision_note",
            "paid_on",
            "created_at",
        ]
        read_only_fields = fields


class SubsidyApplySerializer(serializers.Serializer):
    contract = serializers.IntegerField(
        help_text="A registered transfer or licence contract; the subsidy is its buyer's."
    )
    paid_to_seller = serializers.CharField(max_length=24, help_text="What was paid, in yuan.")


class AmountSerializer(serializers.Serializer):
    amount = serializers.CharField(
        max_length=24,
        required=False,
        allow_blank=True,
        help_text="Leave out to approve the amount the rules give.",
    )
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class _Base(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsAuthenticated]

    def _body(self, serializer_class) -> dict:
        serializer = serializer_class(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _render(self, obj, **kwargs) -> Response:
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(
            self.serializer_class(obj, context=self.get_serializer_context()).data, **kwargs
        )


@extend_schema_view(
    list=extend_schema(
        description="Vouchers you may see: your enterprises' and your providers'; all for the "
        "science bureau."
    ),
)
class VoucherViewSet(_Base):
    """Innovation vouchers (科技创新券): apply, and the bureau's decisions."""

    serializer_class = VoucherSerializer

    def get_queryset(self):
        return vouchers_visible_to(self.request.user).prefetch_related("claims__contract")

    @extend_schema(request=VoucherApplySerializer, responses={201: VoucherSerializer})
    def create(self, request, *args, **kwargs):
        data = self._body(VoucherApplySerializer)
        voucher = svc.voucher_apply(
            user=request.user,
            enterprise=data.get("organization") or data.get("enterprise"),
            provider=data["provider"],
            category=data["category"],
            purpose=data["purpose"],
            estimate=data["estimate"],
        )
        return self._render(voucher, status=status.HTTP_201_CREATED)

    @extend_schema(request=FaceValueSerializer, responses=VoucherSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The science bureau issues the voucher with a face value."""
        voucher = self.get_object()
        data = self._body(FaceValueSerializer)
        voucher = svc.voucher_approve(
            voucher=voucher, user=request.user, face_value=data["face_value"], note=data["note"]
        )
        return self._render(voucher)

    @extend_schema(request=FundingReasonSerializer, responses=VoucherSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The science bureau does not approve the application, saying why."""
        voucher = self.get_object()
        data = self._body(FundingReasonSerializer)
        voucher = svc.voucher_reject(voucher=voucher, user=request.user, reason=data["reason"])
        return self._render(voucher)

    @extend_schema(request=FundingReasonSerializer, responses=VoucherSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The enterprise withdraws (or the bureau, with a reason); unused value returns."""
        voucher = self.get_object()
        data = self._body(FundingReasonSerializer)
        voucher = svc.voucher_withdraw(voucher=voucher, user=request.user, reason=data["reason"])
        return self._render(voucher)

    @extend_schema(request=ClaimSubmitSerializer, responses={201: VoucherSerializer})
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        """The voucher's provider claims with a registered contract and the invoice."""
        voucher = self.get_object()
        data = self._body(ClaimSubmitSerializer)
        svc.claim_submit(
            voucher=voucher,
            user=request.user,
            contract_id=data["contract"],
            invoice_number=data["invoice_number"],
            fee=data["fee"],
        )
        return self._render(voucher, status=status.HTTP_201_CREATED)

    @extend_schema(request=ClaimApproveSerializer, responses=VoucherSerializer)
    @action(
        detail=True,
        methods=["post"],
        url_path=r"claims/(?P<claim_id>[0-9]{1,18})/approve",
        url_name="claim-approve",
    )
    def claim_approve(self, request, pk=None, claim_id=None):
        """The science bureau approves a claim's payable amount (or less, with a note)."""
        voucher = self.get_object()
        claim = voucher.claims.get(pk=claim_id)
        data = self._body(ClaimApproveSerializer)
        svc.claim_approve(
            claim=claim, user=request.user, amount=data.get("amount"), note=data["note"]
        )
        return self._render(voucher)


@extend_schema_view(
    list=extend_schema(
        description="Purchase subsidies you may see: your enterprises'; all for the science bureau."
    ),
)
class SubsidyViewSet(_Base):
    """Purchase subsidies (技术交易奖补) on registered transfer and licence contracts."""

    serializer_class = SubsidySerializer

    def get_queryset(self):
        return subsidies_visible_to(self.request.user)

    @extend_schema(request=SubsidyApplySerializer, responses={201: SubsidySerializer})
    def create(self, request, *args, **kwargs):
        data = self._body(SubsidyApplySerializer)
        subsidy = svc.subsidy_apply(
            user=request.user,
            contract_id=data["contract"],
            paid_to_seller=data["paid_to_seller"],
        )
        return self._render(subsidy, status=status.HTTP_201_CREATED)

    @extend_schema(request=AmountSerializer, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The science bureau approves the proposed amount, or another with a reason."""
        subsidy = self.get_object()
        data = self._body(AmountSerializer)
        subsidy = svc.subsidy_approve(
            subsidy=subsidy,
            user=request.user,
            amount=data.get("amount"),
            reason=data["reason"],
        )
        return self._render(subsidy)

    @extend_schema(request=FundingReasonSerializer, responses=SubsidySerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        subsidy = self.get_object()
        data = self._body(FundingReasonSerializer)
        subsidy = svc.subsidy_reject(subsidy=subsidy, user=request.user, reason=data["reason"])
        return self._render(subsidy)

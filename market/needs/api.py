"""/api/v1/needs/: enterprises' technology needs, their posting and their review.

Reads go through what the user may see (market.needs.permissions); writes and lifecycle steps go
through market.needs.services, which decide who may do what and when: their ValidationError is
HTTP 400 and their PermissionDenied HTTP 403 (portal.api.errors, for the whole API).
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from accounts.models import Organization
from accounts.permissions import is_broker
from market.needs import selectors, services
from market.needs.filters import NeedApiFilter
from market.needs.models import Need, NeedAttachment
from market.needs.permissions import can_view_need_contact, can_view_need_details
from taxonomy import vocabularies as vocab
from taxonomy.api import TermField, TermSerializer
from taxonomy.models import Term

# --- output ------------------------------------------------------------------------------------


class NeedOrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name"]


class NeedContactSerializer(serializers.Serializer):
    name = serializers.CharField(source="contact_name", read_only=True)
    phone = serializers.CharField(source="contact_phone", read_only=True)
    email = serializers.CharField(source="contact_email", read_only=True)


class NeedAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = NeedAttachment
        fields = ["name", "size", "url"]

    def get_url(self, obj) -> str:
        path = f"/needs/{obj.need_id}/attachments/{obj.pk}/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class NeedDetailsSerializer(serializers.ModelSerializer):
    """What only users allowed to see a need's details get: description, budget, contact, files."""

    budget_negotiable = serializers.BooleanField(source="budget_is_negotiable", read_only=True)
    contact = serializers.SerializerMethodField()
    attachments = NeedAttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = Need
        fields = [
            "description",
            "budget_min_wan",
            "budget_max_wan",
            "budget_negotiable",
            "contact",
            "attachments",
        ]
        read_only_fields = fields

    @extend_schema_field(NeedContactSerializer(allow_null=True))
    def get_contact(self, obj) -> dict | None:
        """``null`` for visitors who are not signed in: contacts are for members, as on the
        need's page and on outcomes."""
        request = self.context.get("request")
        if request is None or not can_view_need_contact(request.user, obj):
            return None
        return NeedContactSerializer(obj).data


class NeedSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    tech_field = TermField()
    industry = TermField(allow_null=True)
    district = TermField()
    cooperation_modes = serializers.SerializerMethodField()
    organization = NeedOrganizationSerializer(read_only=True)
    details = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = [
            "id",
            "title",
            "url",
            "summary",
            "tech_field",
            "industry",
            "district",
            "cooperation_modes",
            "deadline",
            "confidentiality",
            "status",
            "organization",
            "published_at",
            "details",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        path = f"/needs/{obj.pk}/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    @extend_schema_field(TermSerializer(many=True))
    def get_cooperation_modes(self, obj) -> list[dict]:
        return [{"code": t.code, "name": t.name} for t in obj.cooperation_modes.all()]

    @extend_schema_field(NeedDetailsSerializer(allow_null=True))
    def get_details(self, obj) -> dict | None:
        """``null`` unless the user may see the need's details (its confidentiality decides)."""
        request = self.context.get("request")
        if request is None or not can_view_need_details(request.user, obj):
            return None
        return NeedDetailsSerializer(obj, context=self.context).data


# --- input -------------------------------------------------------------------------------------


class NeedWriteSerializer(serializers.ModelSerializer):
    """The fields an enterprise fills in; vocabulary terms by code."""

    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(),
        required=False,
        help_text=(
            "One of your enterprises; may be left out when you belong to only one (create only)."
        ),
    )
    tech_field = serializers.SlugRelatedField(
        slug_field="code", queryset=Term.objects.of(vocab.TECH_FIELD)
    )
    industry = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Term.objects.of(vocab.INDUSTRY),
        allow_null=True,
        required=False,
    )
    district = serializers.SlugRelatedField(
        slug_field="code", queryset=Term.objects.of(vocab.DISTRICT)
    )
    cooperation_modes = serializers.SlugRelatedField(
        slug_field="code", queryset=Term.objects.of(vocab.COOPERATION_MODE), many=True
    )

    class Meta:
        model = Need
        fields = ["organization", *services.EDITABLE_FIELDS, "cooperation_modes"]

    def validate_organization(self, value):
        if self.instance is not None and value.pk != self.instance.organization_id:
            raise serializers.ValidationError(_("The enterprise of a need cannot be changed."))
        return value


# The steps' bodies as the schema shows them; the services check what is sent.


class NeedReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class NeedSolveSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


@extend_schema_view(
    list=extend_schema(
        description=(
            "Published needs you may see. `mine=1`: your enterprises' needs in any status. "
            "Brokers: `status=submitted` is the review queue."
        ),
    ),
    create=extend_schema(request=NeedWriteSerializer, responses={201: NeedSerializer}),
    update=extend_schema(request=NeedWriteSerializer, responses=NeedSerializer),
    partial_update=extend_schema(request=NeedWriteSerializer, responses=NeedSerializer),
)
class NeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Technology needs. Filters: q, field, industry, district, mode, status, order, mine."""

    serializer_class = NeedSerializer
    filterset_class = NeedApiFilter

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            queryset = selectors.needs_visible_to(user)
        elif self._flag("mine"):
            queryset = selectors.needs_of_user(user)
        elif is_broker(user) and self.request.query_params.get("status"):
            queryset = selectors.needs_visible_to(user)
            if self.request.query_params["status"] == Need.Status.SUBMITTED:
                queryset = queryset.order_by("submitted_at", "pk")
            else:
                queryset = queryset.order_by("-updated_at", "-pk")
        else:
            queryset = selectors.needs_listed_for(user)
        return queryset.prefetch_related("attachments")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return NeedWriteSerializer
        return NeedSerializer

    def _flag(self, name: str) -> bool:
        # NeedApiFilter turns any other value into a 400.
        return self.request.query_params.get(name, "") in ("1", "true")

    def _render(self, need: Need, **kwargs) -> Response:
        data = NeedSerializer(need, context=self.get_serializer_context()).data
        return Response(data, **kwargs)

    # --- writes --------------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        organization = data.pop("organization", None)
        modes = data.pop("cooperation_modes")
        need = services.need_create(
            organization=organization, user=request.user, data=data, cooperation_modes=modes
        )
        return self._render(need, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        need = self.get_object()
        serializer = self.get_serializer(need, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("organization", None)
        modes = data.pop("cooperation_modes", None)
        if modes is None:
            modes = list(need.cooperation_modes.all())
        need = services.need_update(
            need=need, user=request.user, data=data, cooperation_modes=modes
        )
        return self._render(need)

    # --- lifecycle -----------------------------------------------------------------------------

    def _text(self, name: str) -> str:
        """A text of the request's body as sent; the service says what is wrong with it."""
        body = self.request.data
        value = body.get(name, "") if hasattr(body, "get") else ""
        return value if isinstance(value, str) else str(value)

    def _step(self, run) -> Response:
        """404 when the user may not see the need; else the service ``run(need)``, which
        refuses (403) who may not take the step and (400) a step at the wrong moment."""
        return self._render(run(self.get_object()))

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """The enterprise sends a draft or returned need to the brokers for review."""
        return self._step(lambda need: services.need_submit(need=need, user=request.user))

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """The enterprise takes back a submitted, returned or published need."""
        return self._step(lambda need: services.need_withdraw(need=need, user=request.user))

    @extend_schema(request=None, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """A broker publishes a submitted need."""
        return self._step(lambda need: services.need_publish(need=need, user=request.user))

    @extend_schema(request=NeedReturnSerializer, responses=NeedSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """A broker returns a submitted need to the enterprise, saying what to change."""
        reason = self._text("reason")
        return self._step(
            lambda need: services.need_return(need=need, user=request.user, reason=reason)
        )

    @extend_schema(request=NeedSolveSerializer, responses=NeedSerializer)
    @action(detail=True, methods=["post"])
    def solve(self, request, pk=None):
        """The enterprise or a broker closes a published need as solved."""
        note = self._text("note")
        return self._step(
            lambda need: services.need_mark_solved(need=need, user=request.user, note=note)
        )

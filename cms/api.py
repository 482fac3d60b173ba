"""/api/v1/outcomes/: the published catalogue, with the listing's filters."""

from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from cms import selectors
from cms.filters import OutcomeFilter
from cms.models import OutcomePage
from cms.permissions import can_view_contact
from taxonomy.api import TermField


class OutcomeSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    institution = serializers.SerializerMethodField()
    tech_field = TermField()
    maturity = TermField()
    industries = serializers.SerializerMethodField()
    transfer_modes = serializers.SerializerMethodField()
    keywords = serializers.SerializerMethodField()
    price_wan = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    price_negotiable = serializers.BooleanField(source="price_is_negotiable")
    patents = serializers.SerializerMethodField()
    contact = serializers.SerializerMethodField()

    class Meta:
        model = OutcomePage
        fields = [
            "id",
            "title",
            "url",
            "summary",
            "institution",
            "tech_field",
            "maturity",
            "industries",
            "transfer_modes",
            "keywords",
            "price_wan",
            "price_negotiable",
            "patents",
            "contact",
            "first_published_at",
        ]

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        url = obj.get_url(request=request)
        return request.build_absolute_uri(url) if request is not None else obj.get_full_url()

    def get_institution(self, obj) -> dict | None:
        institution = getattr(obj, "institution", None)
        if institution is None:
            institution = selectors.institution_of(obj)
        if institution is None:
            return None
        return {"slug": institution.slug, "name": institution.name}

    def get_industries(self, obj) -> list[dict]:
        return [{"code": t.code, "name": t.name} for t in obj.industries.all()]

    def get_transfer_modes(self, obj) -> list[dict]:
        return [{"code": t.code, "name": t.name} for t in obj.transfer_modes.all()]

    def get_keywords(self, obj) -> list[str]:
        return [item.tag.name for item in obj.tagged_items.all()]

    def get_patents(self, obj) -> list[dict]:
        return [{"kind": p.kind, "number": p.number, "title": p.title} for p in obj.patents.all()]

    def get_contact(self, obj) -> dict | None:
        """Contact details for signed-in members; ``null`` for anonymous clients."""
        request = self.context.get("request")
        if request is None or not can_view_contact(request.user):
            return None
        return {"name": obj.contact_name, "phone": obj.contact_phone, "email": obj.contact_email}


class OutcomeViewSet(viewsets.ReadOnlyModelViewSet):
    """Published research outcomes. Filters: field, industry, maturity, mode, institution, order."""

    serializer_class = OutcomeSerializer
    filterset_class = OutcomeFilter
    permission_classes = [AllowAny]
    queryset = OutcomePage.objects.none()  # the schema's model; get_queryset serves requests

    def get_queryset(self):
        return selectors.outcomes_published().prefetch_related("patents")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.attach_institutions(page) if page is not None else page

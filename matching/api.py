"""/api/v1/needs/<id>/suggestions/ and /api/v1/outcomes/<id>/suggestions/: ranked, with reasons;
/api/v1/matches/: matches as matching.permissions allows, with the brokers' advance and note."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import audiences_of
from cms import selectors as outcome_selectors
from market.contracts.models import Contract
from market.needs import selectors as need_selectors
from market.needs.permissions import can_view_need
from matching import engine, permissions
from matching import selectors as match_selectors
from matching import services as match_services
from matching.models import Match, MatchEvent, Suggestion
from search.backends import SearchUnavailable
from taxonomy.selectors import term_names


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    score = serializers.FloatField()
    confidence = serializers.ChoiceField(
        choices=["strong", "medium", "weak"],
        help_text="How sure the engine is: strong (stored, queued for brokers, emailed), "
        "medium, weak.",
    )
    confidence_label = serializers.CharField()
    parts = serializers.DictField(child=serializers.FloatField())
    shared_terms = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())

    def get_url(self, suggestion) -> str:
        return self.context["request"].build_absolute_uri(suggestion.url)


class SuggestionListSerializer(serializers.Serializer):
    """What the suggestion endpoints answer: every suggestion at once, with their number."""

    count = serializers.IntegerField()
    results = SuggestionSerializer(many=True)


SUGGESTION_RESPONSES = {
    200: SuggestionListSerializer,
    503: OpenApiResponse(
        inline_serializer("SearchUnavailable", {"detail": serializers.CharField()}),
        description="Search is unavailable; try again later.",
    ),
}


class TextHintsView(APIView):
    """GET /api/v1/text-hints/?text=…: while a need or an outcome is typed, the technical field
    and the industry its closest published outcomes share, keywords for it, and whether it says
    enough to match on."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses=inline_serializer(
            "TextHints",
            {
                "tech_field": serializers.DictField(allow_null=True),
                "industry": serializers.DictField(allow_null=True),
                "keywords": serializers.ListField(child=serializers.CharField()),
                "words": serializers.IntegerField(),
                "more_please": serializers.BooleanField(),
            },
        )
    )
    def get(self, request):
        text = request.query_params.get("text", "")[:2000]
        try:
            hints = engine.text_hints(text, audiences=audiences_of(request.user))
        except SearchUnavailable as error:
            raise SearchDown() from error
        chosen = {"tech_field": hints.tech_field, "industry": hints.industry}
        names = term_names({v: [hint[0]] for v, hint in chosen.items() if hint})

        def one(vocabulary):
            hint = chosen[vocabulary]
            if hint is None:
                return None
            code, share = hint
            return {"code": code, "name": names.get((vocabulary, code), code), "share": share}

        return Response(
            {
                "tech_field": one("tech_field"),
                "industry": one("industry"),
                "keywords": list(hints.keywords),
                "words": hints.words,
                "more_please": hints.words < MORE_WORDS,
            }
        )


# Fewer words than this and a form asks for a description: a bare title matches poorly.
MORE_WORDS = 8


class SearchDown(APIException):
    status_code = 503
    default_detail = "search is unavailable"


def _respond(request, run):
    try:
        suggestions = run()
    except SearchUnavailable as error:
        raise SearchDown() from error
    data = SuggestionSerializer(suggestions, many=True, context={"request": request}).data
    return Response({"count": len(data), "results": data})


class NeedSuggestionsView(APIView):
    """Outcomes suggested for a need: for its enterprise and for brokers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SUGGESTION_RESPONSES)
    def get(self, request, pk: int):
        need = get_object_or_404(need_selectors.needs_visible_to(request.user), pk=pk)
        visible = can_view_need(request.user, need)
        if not visible or not permissions.can_see_outcome_suggestions(request.user, need):
            raise Http404
        return _respond(request, lambda: engine.suggest_outcomes(need))


class OutcomeSuggestionsView(APIView):
    """Needs suggested for an outcome: for its institution and for brokers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SUGGESTION_RESPONSES)
    def get(self, request, pk: int):
        outcome = get_object_or_404(outcome_selectors.outcomes_published(), pk=pk)
        institution = outcome_selectors.institution_of(outcome)
        if not permissions.can_see_need_suggestions(request.user, institution):
            raise Http404
        audiences = audiences_of(request.user)
        return _respond(request, lambda: engine.suggest_needs(outcome, audiences=audiences))


# --- /api/v1/matches/ ----------------------------------------------------------------------------


class MatchPartSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class MatchEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField()

    class Meta:
        model = MatchEvent
        fields = ["action", "from_status", "to_status", "note", "actor", "at"]
        read_only_fields = fields


class MatchSerializer(serializers.ModelSerializer):
    need = MatchPartSerializer(read_only=True)
    outcome = MatchPartSerializer(read_only=True)
    broker = serializers.StringRelatedField()
    contract = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Match
        fields = [
            "id",
            "need",
            "outcome",
            "status",
            "score",
            "reasons",
            "broker",
            "next_step",
            "due_date",
            "close_reason",
            "contract",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class MatchDetailSerializer(MatchSerializer):
    events = serializers.SerializerMethodField()

    class Meta(MatchSerializer.Meta):
        fields = [*MatchSerializer.Meta.fields, "events"]
        read_only_fields = fields

    @extend_schema_field(MatchEventSerializer(many=True))
    def get_events(self, obj) -> list[dict]:
        return MatchEventSerializer(match_selectors.match_timeline(obj), many=True).data


class MatchNoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    next_step = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    due_date = serializers.DateField(required=False, allow_null=True, default=None)


class MatchAdvanceSerializer(MatchNoteSerializer):
    status = serializers.ChoiceField(choices=Match.Status.choices)
    contract = serializers.PrimaryKeyRelatedField(
        queryset=Contract.objects.all(), required=False, allow_null=True, default=None
    )
    close_reason = serializers.CharField(
        max_length=2000, required=False, allow_blank=True, default=""
    )


class MatchViewSet(viewsets.ReadOnlyModelViewSet):
    """Matches you may see: all for brokers; your needs' or outcomes' for their owners.

    Brokers move a match on with `advance` and write down what happened with `note`.
    """

    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        return match_selectors.matches_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action == "retrieve":
            return MatchDetailSerializer
        if self.action == "advance":
            return MatchAdvanceSerializer
        if self.action == "note":
            return MatchNoteSerializer
        return MatchSerializer

    def _run(self, body, run) -> Response:
        match = self.get_object()
        serializer = body(data=self.request.data)
        serializer.is_valid(raise_exception=True)
        match = run(match, serializer.validated_data)
        match = self.get_queryset().get(pk=match.pk)
        return Response(MatchDetailSerializer(match, context=self.get_serializer_context()).data)

    @extend_schema(request=MatchAdvanceSerializer, responses=MatchDetailSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move forward (introduced, meeting, negotiating, signed with a registered contract)
        or close with a reason."""
        return self._run(
            MatchAdvanceSerializer,
            lambda match, data: match_services.match_advance(
                match=match, user=request.user, **data
            ),
        )

    @extend_schema(request=MatchNoteSerializer, responses=MatchDetailSerializer)
    @action(detail=True, methods=["post"])
    def note(self, request, pk=None):
        """Write down what happened, and the next step and its date."""
        return self._run(
            MatchNoteSerializer,
            lambda match, data: match_services.match_add_note(
                match=match, user=request.user, **data
            ),
        )


class StoredSuggestionSerializer(serializers.ModelSerializer):
    need = MatchPartSerializer(read_only=True)
    outcome = MatchPartSerializer(read_only=True)
    enterprise = serializers.CharField(source="need.organization.name", read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "need",
            "outcome",
            "enterprise",
            "score",
            "parts",
            "shared_terms",
            "reasons",
            "created_at",
            "computed_at",
        ]
        read_only_fields = fields


class IsBroker(BasePermission):
    message = _("Only brokers see the stored suggestions and start matches from them.")

    def has_permission(self, request, view) -> bool:
        return permissions.can_manage_match(request.user)


class SuggestionViewSet(viewsets.ReadOnlyModelViewSet):
    """New strong suggestions no broker has taken up yet, strongest first (brokers only).

    `start` turns one into a match ("suggested"), as the queue's button does.
    """

    permission_classes = [IsAuthenticated, IsBroker]
    serializer_class = StoredSuggestionSerializer
    queryset = Suggestion.objects.none()  # the schema's model; get_queryset serves requests

    def get_queryset(self):
        return match_selectors.new_strong_suggestions()

    @extend_schema(request=None, responses={200: MatchDetailSerializer, 201: MatchDetailSerializer})
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start a match from this suggestion; 201 with the match (200 if the pair had one)."""
        # Any stored suggestion, not only the listed ones: one whose need has closed since, or
        # whose pair already has a match, gets a clear answer rather than a 404.
        suggestion = get_object_or_404(Suggestion.objects.select_related("need", "outcome"), pk=pk)
        existed = Match.objects.filter(
            need_id=suggestion.need_id, outcome_id=suggestion.outcome_id
        ).exists()
        match = match_services.match_start_from_suggestion(suggestion=suggestion, user=request.user)
        match = match_selectors.matches_visible_to(request.user).get(pk=match.pk)
        data = MatchDetailSerializer(match, context=self.get_serializer_context()).data
        return Response(data, status=200 if existed else 201)

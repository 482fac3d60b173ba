"""/api/v1/needs/<id>/suggestions/ and /api/v1/outcomes/<id>/suggestions/: ranked, with reasons."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import audiences_of
from cms import selectors as outcome_selectors
from market import selectors as need_selectors
from market.permissions import can_view_need
from matching import engine, permissions
from search.backends import SearchUnavailable


class SuggestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    score = serializers.FloatField()
    parts = serializers.DictField(child=serializers.FloatField())
    shared_terms = serializers.ListField(child=serializers.CharField())
    reasons = serializers.ListField(child=serializers.CharField())

    def get_url(self, suggestion) -> str:
        return self.context["request"].build_absolute_uri(suggestion.url)


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

    @extend_schema(responses=SuggestionSerializer(many=True))
    def get(self, request, pk: int):
        need = get_object_or_404(need_selectors.needs_visible_to(request.user), pk=pk)
        visible = can_view_need(request.user, need)
        if not visible or not permissions.can_see_outcome_suggestions(request.user, need):
            raise Http404
        return _respond(request, lambda: engine.suggest_outcomes(need))


class OutcomeSuggestionsView(APIView):
    """Needs suggested for an outcome: for its institution and for brokers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=SuggestionSerializer(many=True))
    def get(self, request, pk: int):
        outcome = get_object_or_404(outcome_selectors.outcomes_published(), pk=pk)
        institution = outcome_selectors.institution_of(outcome)
        if not permissions.can_see_need_suggestions(request.user, institution):
            raise Http404
        audiences = audiences_of(request.user)
        return _respond(request, lambda: engine.suggest_needs(outcome, audiences=audiences))

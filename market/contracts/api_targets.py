"""/api/v1/targets/<year>/: a year's registered technology contracts against its targets.

Public: the headline figures only (no contract names or breakdowns). Money is yuan as a string
with 2 decimals ("50000000.00"); ``progress`` is the fraction of the amount target reached.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from market.contracts.selectors import year_allowed, year_progress


def _money(**kwargs):
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, coerce_to_string=True, **kwargs
    )


class QuarterEventsSerializer(serializers.Serializer):
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    held = serializers.IntegerField(help_text="Matchmaking events held (0 until events exist).")
    target = serializers.IntegerField(help_text="The year's target of events per quarter.")


class YearTargetsSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount_target = _money(help_text="Registered contract amount target, yuan.")
    registered_amount = _money(help_text="Sum of registered contracts' amounts, yuan.")
    transaction_amount_total = _money(
        help_text="Sum of registered contracts' verified technology transaction amounts, yuan."
    )
    registered_count = serializers.IntegerField()
    progress = serializers.FloatField(help_text="registered_amount / amount_target, e.g. 0.4123.")
    events_per_quarter = serializers.IntegerField()
    events_by_quarter = QuarterEventsSerializer(many=True)


class YearTargetsView(APIView):
    """The year's target, registered contract amount and count, progress and events."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: YearTargetsSerializer, 404: None})
    def get(self, request, year: int):
        if not year_allowed(year):
            raise Http404
        progress = year_progress(year, detail=False)
        data = {**progress, "progress": round(float(progress["progress"]), 4)}
        return Response(YearTargetsSerializer(data).data)

"""The OpenAPI schema at /api/schema/: our API only, with the error answers it really gives.

drf-spectacular documents each view's success; ``PortalAutoSchema`` adds, once for every
operation, the errors DRF and our services produce: 400 (a body or query parameter that is not
valid: the body names each field and why), 401 and 403 (no, or a wrong, token or session; or a
role that may not do this), 404 (no such object, or not one you may see; a page past the end).
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

PUBLIC_PREFIX = "/api/v1/"


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in the user's language.")


# field name (or "detail", "non_field_errors") -> messages
VALIDATION_ERRORS = {
    "type": "object",
    "additionalProperties": {},
    "description": "Each field that is not valid, with its messages.",
}


class PortalAutoSchema(AutoSchema):
    def _error_codes(self) -> list[str]:
        writes = self.method in ("POST", "PUT", "PATCH")
        listing = self.method == "GET" and self._is_list_view()
        codes = ["401", "403"]
        if writes or listing:
            codes.insert(0, "400")
        # A write may name an object (in its body) that does not exist or is not yours to see.
        if "{" in self.path or listing or writes:
            codes.append("404")
        return codes

    def _get_paginator(self):
        # DRF pages a viewset's list only; an action that answers many objects answers them all.
        if getattr(self.view, "action", None) != "list":
            return None
        return super()._get_paginator()

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # DRF drops allow_blank from read-only model choice fields: say "" where the model
        # allows it (a meeting without a result yet, a need not closed).
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and "" not in schema.get("enum", [""])
            and _model_field_blank(field)
        ):
            schema["enum"] = [*schema["enum"], ""]
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        answers = {
            "400": OpenApiResponse(VALIDATION_ERRORS, description="Not valid."),
            "401": OpenApiResponse(ErrorSerializer, description="Not authenticated."),
            "403": OpenApiResponse(ErrorSerializer, description="Not allowed."),
            "404": OpenApiResponse(ErrorSerializer, description="Not found."),
        }
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(answers[code], code)
        return responses


def _model_field_blank(field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    try:
        return bool(model and model._meta.get_field(field.source).blank)
    except FieldDoesNotExist:
        return False


def local_times(result, **_kwargs):
    """Postprocessing hook: a TimeField is written 09:00:00, with no UTC offset, which the
    "time" format (RFC 3339) does not allow; describe it by a pattern instead."""

    def visit(node):
        if isinstance(node, dict):
            if node.get("format") == "time" and node.get("type") == "string":
                del node["format"]
                node["pattern"] = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(result)
    return result


def public_api_only(endpoints, **_kwargs):
    """Preprocessing hook: the schema lists /api/v1/ only, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]


class NotFoundView(APIView):
    """Any other URL under /api/v1/ (an id that is no number, say): a JSON 404 like the rest of
    the API, not the site's HTML page."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    schema = None

    def handle(self, request, *args, **kwargs):
        raise NotFound()

    get = post = put = patch = delete = head = options = handle

"""The OpenAPI schema at /api/schema/: our API only, with the error answers it really gives.

drf-spectacular documents each view's success; ``PortalAutoSchema`` adds, once for every
operation, the errors DRF and our services produce: 400 (a body or query parameter that is not
valid: the body names each field and why), 401 and 403 (no, or a wrong, token or session; or a
role that may not do this), 404 (no such object, or not one you may see; a page past the end).
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

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
        if "{" in self.path or listing:
            codes.append("404")
        return codes

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


def public_api_only(endpoints, **_kwargs):
    """Preprocessing hook: the schema lists /api/v1/ only, not Wagtail's admin API."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIX)]

"""POST /api/v1/auth/token/ with username and password returns {"token": ...}.

The password is checked through django-axes like every log-in (too many wrong ones block the
username from that address for a while), and a token expires API_TOKEN_TTL_DAYS after it was
issued; asking again then gives a new one.
"""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response

from accounts.services import api_token_issue


class ObtainTokenView(ObtainAuthToken):
    def get_serializer_context(self):
        # django-axes marks a refused log-in on the Django request, where its middleware
        # turns it into the lockout answer; DRF's wrapper would hide the mark.
        return {**super().get_serializer_context(), "request": self.request._request}

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            {"username": serializers.CharField(), "password": serializers.CharField()},
        ),
        responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}),
    )
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key})

"""How the API shows a vocabulary term, for every app's serializers."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


class TermSerializer(serializers.Serializer):
    """A vocabulary term as ``{"code": ..., "name": ...}`` (name in the active language)."""

    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


@extend_schema_field(TermSerializer)
class TermField(serializers.Field):
    """A Term field (foreign key) shown as ``{"code": ..., "name": ...}``."""

    def to_representation(self, value):
        return {"code": value.code, "name": value.name}

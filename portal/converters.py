"""URL converters shared by every app's URLs (registered once, in PortalConfig.ready).

``<id:pk>`` takes a database id: 1 to 18 digits, so a number too large for a 64-bit column
(``/needs/4246133145809526800434652361261056/``) is an ordinary 404 at the URL, never a
database error.
"""

from django.urls import register_converter

ID_PATTERN = "[0-9]{1,18}"


class IdConverter:
    regex = ID_PATTERN

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")

"""What a person sees when django-axes refuses a login after too many wrong passwords."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKED_OUT_STATUS = 429


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many wrong passwords: logging in is blocked for %(minutes)d minutes, even with "
        "the right password. Try again later, or reset your password."
    ) % {"minutes": minutes}


def lockout_response(request, original_response=None, credentials=None):
    """The API gets JSON in DRF's shape; pages (the site's and the workbench's log-in) a page."""
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": message},
            status=LOCKED_OUT_STATUS,
            json_dumps_params={"ensure_ascii": False},
        )
    return render(
        request, "accounts/locked_out.html", {"message": message}, status=LOCKED_OUT_STATUS
    )

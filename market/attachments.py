"""Uploaded files of needs and contracts: where they are kept, and the checks on a need's
attachments (the type by name and by content, and the size)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def private_storage() -> Storage:
    """Need attachments and signed contracts live outside MEDIA_ROOT (settings.STORAGES'
    ``private``: PRIVATE_MEDIA_ROOT, no URL) and are served only through a permission check.

    A callable, so migrations name this function rather than a machine's folder.
    """
    return storages["private"]


# extension -> (content type, the file's first bytes)
ALLOWED = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "doc": ("application/msword", (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (b"PK\x03\x04",),
    ),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def check_attachment(uploaded) -> str:
    """The content type of an acceptable upload, or a ValidationError saying what is wrong."""
    name = uploaded.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(
            _("“%(name)s” is not accepted: attach PDF, Word (.doc, .docx) or images (.jpg, .png).")
            % {"name": name},
            code="type",
        )
    limit = settings.NEED_ATTACHMENT_MAX_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s; attachments may be at most %(limit)s.")
            % {"name": name, "size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name}, code="empty")
    content_type, signatures = ALLOWED[extension]
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if not any(head.startswith(signature) for signature in signatures):
        raise ValidationError(
            _("“%(name)s” does not look like a .%(extension)s file; please check it.")
            % {"name": name, "extension": extension},
            code="content",
        )
    return content_type

"""Matching's part in Wagtail's editor: while an outcome is typed, the field, industry and
keywords its closest outcomes point to (matching/static/matching/editor_hints.js)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks


@hooks.register("insert_editor_js")
def outcome_text_hints():
    return format_html(
        '<script src="{}" defer data-url="{}" data-lead="{}" data-field-label="{}" '
        'data-industry-label="{}" data-keyword-label="{}" data-more-please="{}"></script>',
        static("matching/editor_hints.js"),
        reverse("api-text-hints"),
        _("From what you wrote, the closest outcomes suggest:"),
        _("Technical field: "),
        _("Industry: "),
        _("Keyword: "),
        _(
            "Say more in the summary (what it does, its figures, where it is used): "
            "a bare title matches poorly."
        ),
    )

"""Workbench wiring that concerns pages of every kind.

Starting a page again with a title already used under the same parent (often a draft that
Wagtail's autosave kept when the editor left the first try) used to stop at Wagtail's English
"The slug '…' is already in use within the parent page.". The new page now gets the next free
address (…-2, …-3) and the editor a Chinese message linking to the page that had it.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail import hooks


def _free_slug(siblings, slug: str) -> str:
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


@hooks.register("before_create_page")
def new_page_gets_a_free_slug(request, parent_page, page_class):
    if request.method != "POST":
        return None
    slug = (request.POST.get("slug") or "").strip() or slugify(
        request.POST.get("title") or "", allow_unicode=True
    )
    siblings = parent_page.get_children()
    existing = siblings.filter(slug=slug).specific().first() if slug else None
    if existing is None:
        return None
    free = _free_slug(siblings, slug)
    request.POST = request.POST.copy()
    request.POST["slug"] = free
    if request.accepts("text/html"):
        state = _("a draft, never published") if not existing.live else _("published")
        messages.warning(
            request,
            format_html(
                _(
                    "“{title}” ({state}) already uses the address “{slug}” here, so this page "
                    'got “{free}”. To go on with the earlier one, <a href="{url}">open it</a>.'
                ),
                title=existing.title,
                state=state,
                slug=slug,
                free=free,
                url=reverse("wagtailadmin_pages:edit", args=[existing.pk]),
            ),
        )
    return None

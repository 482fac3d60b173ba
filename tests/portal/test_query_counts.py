"""List pages run the same number of queries with 2 rows as with 10 (no query per row), for a
member and for a visitor: what keeps them fast as the market grows (issue 17)."""

import io

import PIL.Image
import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from tests.factories import make_need, make_outcome

MEMBER_PAGES = [
    "/",
    "/outcomes/",
    "/needs/",
    "/search/?q=镁合金",
    "/events/",
    "/dashboard/",
    "/needs/mine/",
    "/matches/mine/",
    "/vouchers/",
    "/subsidies/",
]
VISITOR_PAGES = ["/", "/outcomes/", "/needs/", "/search/?q=镁合金", "/events/", "/dashboard/"]


def picture(n: int):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", (64, 32), (n * 20 % 255, 90, 160)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=f"图{n}", file=ImageFile(buffer, name=f"outcome-{n}.png")
    )


def queries(client, url: str) -> int:
    client.get(url)  # warm caches of the first request (site root, settings rows)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


@pytest.fixture
def market(
    site,
    section_a,
    section_b,
    firm_a,
    member_a,
    broker,
    embedded_search,
    django_capture_on_commit_callbacks,
):
    made = 0

    def grow(count: int) -> None:
        nonlocal made
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(made, made + count):
                make_outcome(
                    section_a if n % 2 else section_b,
                    title=f"镁合金压铸技术{n}",
                    slug=f"mg-{n}",
                    keywords=("镁合金", f"压铸{n}"),
                    image=picture(n),  # cards show it: its rendition must not cost a query
                )
                make_need(
                    firm_a, member_a, status="published", broker=broker, title=f"镁合金需求{n}"
                )
        made += count

    return grow


@pytest.mark.parametrize("who", ["member", "visitor"])
def test_list_pages_do_not_query_per_row(client, market, member_a, who):
    pages = MEMBER_PAGES if who == "member" else VISITOR_PAGES
    if who == "member":
        client.force_login(member_a)
    market(2)
    few = {url: queries(client, url) for url in pages}
    market(8)
    many = {url: queries(client, url) for url in pages}
    grew = {url: (few[url], many[url]) for url in pages if many[url] > few[url]}
    assert grew == {}, f"queries with 2 rows, with 10: {grew}"

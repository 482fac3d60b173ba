"""Starting a page again with the same title works (issue 14, item 8): the new page gets a free
address and a Chinese message links to the page that had it, instead of Wagtail's English
"The slug … is already in use within the parent page."."""

from cms.models import OutcomePage
from tests.cms.test_moderation import add_url, outcome_form


def test_the_same_title_again_gets_a_free_slug_and_a_link(client, section_a, editor_a):
    client.force_login(editor_a)
    client.post(add_url(section_a), outcome_form("镁合金半固态压铸", "semi-solid", "action-save"))
    first = OutcomePage.objects.get(slug="semi-solid")
    assert not first.live

    response = client.post(
        add_url(section_a),
        outcome_form("镁合金半固态压铸", "semi-solid", "action-save"),
        follow=True,
    )
    html = response.content.decode()
    assert "is already in use" not in html
    second = OutcomePage.objects.exclude(pk=first.pk).get(title="镁合金半固态压铸")
    assert second.slug == "semi-solid-2"
    assert f'href="/admin/pages/{first.pk}/edit/"' in html
    assert "从未发布的草稿" in html and "semi-solid-2" in html

    client.post(add_url(section_a), outcome_form("镁合金半固态压铸", "semi-solid", "action-save"))
    assert OutcomePage.objects.filter(slug="semi-solid-3").exists()

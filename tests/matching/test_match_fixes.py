"""Matches in words people read, and every stored suggestion reachable (issue 14, items 2, 4)."""

from django.utils import timezone

from matching import services
from matching.models import Suggestion
from tests.factories import make_need, make_outcome


def test_the_timeline_names_statuses_in_chinese(client, section_a, firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    outcome = make_outcome(section_a, slug="mg")
    match = services.match_express_interest(need=need, outcome=outcome, user=member_a)
    services.match_advance(match=match, user=broker, status="introduced")
    services.match_advance(match=match, user=broker, status="meeting")
    client.force_login(broker)
    html = client.get(f"/matches/{match.pk}/").content.decode()
    assert "推荐 → 已引荐" in html
    assert "已引荐 → 洽谈会面" in html
    for english in ("suggested →", "→ introduced", "→ meeting"):
        assert english not in html


def test_every_strong_suggestion_is_reachable(client, section_a, firm_a, member_a, broker):
    need = make_need(firm_a, member_a, status="published", broker=broker)
    now = timezone.now()
    for n in range(13):
        outcome = make_outcome(section_a, title=f"推荐成果{n:02d}", slug=f"s{n}")
        Suggestion.objects.create(
            need=need, outcome=outcome, score=0.9 - n / 100, computed_at=now, reasons=[]
        )
    client.force_login(broker)
    first = client.get("/matches/")
    assert len(first.context["suggestions"]) == 10
    html = first.content.decode()
    assert "?suggestions_page=2" in html
    second = client.get("/matches/?suggestions_page=2")
    titles = [s.outcome.title for s in second.context["suggestions"]]
    assert titles == ["推荐成果10", "推荐成果11", "推荐成果12"]

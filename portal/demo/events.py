"""Demo matchmaking events: two held last quarter (so the dashboard counts them), with
check-ins, meetings and their results, and one coming up in two weeks where demo_enterprise and
demo_university are registered and a meeting request waits for demo_university's answer.

Everything goes through matching.events.services (with the moment each step happened), and an
event already present by its title is left alone, so a second run changes nothing.
"""

import datetime

from django.utils import timezone

from accounts.models import Organization, User
from market.needs.models import Need
from matching.events import selectors, services
from matching.events.models import Event
from matching.models import Suggestion
from portal.demo.enterprises import enterprise_user
from taxonomy import vocabularies as vocab
from taxonomy.models import Term


def _quarter_before(today: datetime.date) -> tuple[int, int]:
    """(year, first month) of the quarter before today's."""
    first_month = (today.month - 1) // 3 * 3 + 1
    if first_month == 1:
        return today.year - 1, 10
    return today.year, first_month - 3


def _aware(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _event(broker: User, *, title: str, day: datetime.date, partners, industries, **extra):
    data = {
        "title": title,
        "date": day,
        "starts_at": datetime.time(9, 0),
        "ends_at": datetime.time(17, 0),
        "venue": "鹤壁市科技大市场一楼路演厅（淇滨区）",
        "capacity": 60,
        "registration_deadline": _aware(day - datetime.timedelta(days=4), 18),
        "requests_close_at": _aware(day - datetime.timedelta(days=2), 18),
        "meetings_start": datetime.time(14, 0),
        "slot_minutes": 20,
        "slot_count": 8,
        "break_slots": [4],
        "tables": 12,
        **extra,
    }
    return services.event_create(
        user=broker,
        data=data,
        publish=True,
        partners=Organization.objects.filter(name__in=partners),
        industries=Term.objects.filter(vocabulary=vocab.INDUSTRY, code__in=industries),
    )


def _people(users: dict[str, User]) -> dict[str, tuple[User, Organization]]:
    """demo_enterprise, demo_university and the members of three more enterprises."""
    people = {}
    for username in ("demo_enterprise", "demo_university"):
        user = users[username]
        people[username] = (user, user.memberships.get().organization)
    firms = Organization.objects.filter(kind="enterprise", verified=True).exclude(
        pk=people["demo_enterprise"][1].pk
    )
    for firm in firms.order_by("name")[:3]:
        people[firm.slug] = (enterprise_user(firm, users), firm)
    return people


def _brought(organization: Organization, wanted: Need | None = None) -> dict:
    """A firm brings its first published need participants may see; an institution the
    outcome the engine suggests most strongly for ``wanted`` (else its first outcome)."""
    need = (
        Need.objects.filter(organization=organization, status=Need.Status.PUBLISHED)
        .exclude(confidentiality=Need.Confidentiality.BROKERS)
        .order_by("pk")
        .first()
    )
    if need is not None:
        return {"need": need}
    outcomes = selectors.outcomes_of(organization)
    suggested = Suggestion.objects.filter(need=wanted, outcome__in=outcomes).order_by("-score")
    best = suggested.first()
    outcome = best.outcome if best is not None else outcomes.first()
    return {"outcome": outcome} if outcome is not None else {}


def _register_all(event: Event, people, *, now) -> dict:
    wanted = _brought(people["demo_enterprise"][1]).get("need")
    return {
        key: services.registration_create(
            event=event,
            user=user,
            organization=organization,
            wants_to_meet="高校院所的成果转化团队" if organization.kind == "enterprise" else "",
            brings="",
            now=now,
            **_brought(organization, wanted),
        )
        for key, (user, organization) in people.items()
    }


def _held(broker: User, people, *, title: str, day: datetime.date, partners, industries):
    event = _event(broker, title=title, day=day, partners=partners, industries=industries)
    registrations = _register_all(event, people, now=event.registration_deadline)
    asked = event.requests_close_at - datetime.timedelta(days=1)
    university = registrations["demo_university"]
    for key, registration in registrations.items():
        if key == "demo_university":
            continue
        request = services.meeting_request_create(
            sender=registration,
            recipient=university,
            user=registration.user,
            message="希望了解成果的中试条件和合作方式。",
            now=asked,
        )
        services.meeting_request_answer(
            request=request, user=university.user, accept=True, now=asked
        )
    services.event_schedule_meetings(event=event, user=broker, time_limit=2)
    services.event_schedule_publish(event=event, user=broker)
    for registration in registrations.values():
        services.registration_check_in(
            registration=registration, user=broker, now=_aware(day, 8, 45)
        )
    after = _aware(day, 17, 30)
    for n, meeting in enumerate(selectors.meetings_of_event(event)):
        result = ("follow_up", "not_interested", "follow_up")[n % 3]
        services.meeting_record_outcome(
            meeting=meeting,
            user=broker,
            outcome=result,
            note="双方约定两周内到实验室现场考察。" if result == "follow_up" else "",
            now=after,
        )
    return event


def seed_events(*, users: dict[str, User], report) -> None:
    broker = users["demo_broker"]
    today = timezone.localdate()
    year, month = _quarter_before(today)
    people = _people(users)
    held = [
        (
            "浙江大学先进材料与智能制造成果对接会",
            datetime.date(year, month, 18),
            ["浙江大学"],
            ["magnesium", "auto-parts-electrics"],
        ),
        (
            "天津大学、北京航空航天大学光电子专场对接会",
            datetime.date(year, month + 1, 22),
            ["天津大学", "北京航空航天大学"],
            ["optoelectronics"],
        ),
    ]
    for title, day, partners, industries in held:
        if Event.objects.filter(title=title).exists():
            continue
        _held(broker, people, title=title, day=day, partners=partners, industries=industries)
        report.add("events")

    title = "鹤壁市镁精深加工与清洁能源产学研对接会"
    if Event.objects.filter(title=title).exists():
        return
    day = today + datetime.timedelta(days=14)
    event = _event(
        broker,
        title=title,
        day=day,
        partners=["浙江大学", "郑州大学", "中科院大连化学物理研究所"],
        industries=["magnesium", "clean-energy-materials"],
        theme="镁合金深加工、氢能与储能技术的一对一洽谈",
        description="上午为高校院所成果路演，下午为企业与成果团队的一对一洽谈。请在报名时选择带来的需求或成果，并写明想见的人。",
    )
    now = timezone.now()
    registrations = _register_all(event, people, now=now)
    enterprise, university = registrations["demo_enterprise"], registrations["demo_university"]
    services.meeting_request_create(
        sender=enterprise,
        recipient=university,
        user=enterprise.user,
        message="我们的需求与贵校成果方向接近，想当面请教。",
        now=now,
    )
    others = [
        r for key, r in registrations.items() if key not in ("demo_enterprise", "demo_university")
    ]
    request = services.meeting_request_create(
        sender=others[0],
        recipient=enterprise,
        user=others[0].user,
        message="想了解贵公司的产线配套需求。",
        now=now,
    )
    services.meeting_request_answer(request=request, user=enterprise.user, accept=True, now=now)
    report.add("events")

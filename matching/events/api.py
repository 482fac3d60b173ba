"""/api/v1/events/, /api/v1/event-registrations/, /api/v1/meeting-requests/: the same rules as the
pages (matching.events.permissions and the services decide; errors come back as 400 and 403)."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response

from accounts.models import Organization
from cms.models import OutcomePage
from market.needs.models import Need
from matching.events import permissions, selectors, services
from matching.events.models import Event, Meeting, MeetingRequest, Registration
from matching.events.services import EVENT_FIELDS


class EventSerializer(serializers.ModelSerializer):
    industries = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    partners = serializers.StringRelatedField(many=True, read_only=True)
    slots = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id",
            *EVENT_FIELDS,
            "status",
            "industries",
            "partners",
            "slots",
            "schedule_published_at",
        ]
        read_only_fields = [
            "id",
            "status",
            "industries",
            "partners",
            "slots",
            "schedule_published_at",
        ]

    def get_slots(self, event) -> list[dict]:
        return [
            {
                "number": s["number"],
                "starts": s["starts"].isoformat(),
                "ends": s["ends"].isoformat(),
                "is_break": s["is_break"],
            }
            for s in event.slots
        ]


class PartySerializer(serializers.ModelSerializer):
    user = serializers.StringRelatedField()
    organization = serializers.StringRelatedField()

    class Meta:
        model = Registration
        fields = ["id", "user", "organization", "need", "outcome", "brings", "wants_to_meet"]
        read_only_fields = fields


class RegistrationSerializer(serializers.ModelSerializer):
    user = serializers.StringRelatedField(read_only=True)
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    need = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.all(), required=False, allow_null=True
    )
    outcome = serializers.PrimaryKeyRelatedField(
        queryset=OutcomePage.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Registration
        fields = [
            "id",
            "event",
            "user",
            "organization",
            "status",
            "need",
            "outcome",
            "brings",
            "wants_to_meet",
            "unavailable_slots",
            "checked_in_at",
            "created_at",
        ]
        read_only_fields = ["id", "event", "user", "status", "checked_in_at", "created_at"]


class MeetingRequestSerializer(serializers.ModelSerializer):
    sender = PartySerializer(read_only=True)
    recipient = PartySerializer(read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "sender",
            "recipient",
            "message",
            "status",
            "created_at",
            "answered_at",
        ]
        read_only_fields = fields

    def get_status(self, obj) -> str:
        return obj.effective_status()


class MeetingRequestCreateSerializer(serializers.Serializer):
    event = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    recipient = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text="The registration id of the person to meet."
    )
    message = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MeetingSerializer(serializers.ModelSerializer):
    request = MeetingRequestSerializer(read_only=True)
    starts = serializers.SerializerMethodField()
    ends = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = ["id", "slot", "table", "starts", "ends", "locked", "outcome", "request"]
        read_only_fields = fields

    def get_starts(self, obj) -> str:
        return obj.event.slot_start(obj.slot).isoformat()

    def get_ends(self, obj) -> str:
        return obj.event.slot_end(obj.slot).isoformat()


ScheduleSerializer = inline_serializer(
    "EventSchedule",
    {
        "published": serializers.BooleanField(),
        "report": serializers.DictField(),
        "meetings": MeetingSerializer(many=True),
    },
)


class ScheduleRunSerializer(serializers.Serializer):
    suggestions = serializers.BooleanField(
        default=False, help_text="Also propose the pairs the matching engine suggests."
    )


class EventViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Matchmaking events: published and past events for everyone, drafts for brokers.

    Brokers create events (a draft; `publish` opens it), run the `schedule` (POST) and
    `publish_schedule`. Members `register`; confirmed participants and brokers see the
    `participants` and, once published, the schedule (a participant: their own meetings).
    """

    serializer_class = EventSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        if permissions.can_manage_events(self.request.user):
            events = selectors.events_for_organisers()
        else:
            events = selectors.events_visible().prefetch_related("industries", "partners")
        return events.order_by("-date", "-pk")

    def perform_create(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in EVENT_FIELDS}
        serializer.instance = services.event_create(user=self.request.user, data=data)

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Open a draft for registration (brokers)."""
        event = services.event_publish(event=self.get_object(), user=request.user)
        return Response(EventSerializer(event).data)

    @extend_schema(request=RegistrationSerializer, responses={201: RegistrationSerializer})
    @action(detail=True, methods=["post"], permission_classes=[IsAuthenticated])
    def register(self, request, pk=None):
        """Register yourself for one of your organizations (confirmed, or awaiting approval)."""
        event = self.get_object()
        body = RegistrationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        registration = services.registration_create(
            event=event,
            user=request.user,
            organization=data["organization"],
            need=data.get("need"),
            outcome=data.get("outcome"),
            brings=data.get("brings", ""),
            wants_to_meet=data.get("wants_to_meet", ""),
            unavailable_slots=data.get("unavailable_slots") or [],
        )
        return Response(RegistrationSerializer(registration).data, status=201)

    @extend_schema(responses=PartySerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def participants(self, request, pk=None):
        """Who comes: for confirmed participants and brokers."""
        event = self.get_object()
        if not permissions.can_see_participants(request.user, event):
            raise PermissionDenied(_("Only confirmed participants see who comes."))
        return Response(PartySerializer(selectors.participants(event), many=True).data)

    @extend_schema(methods=["get"], request=None, responses=ScheduleSerializer)
    @extend_schema(methods=["post"], request=ScheduleRunSerializer, responses=ScheduleSerializer)
    @action(detail=True, methods=["get", "post"], permission_classes=[IsAuthenticated])
    def schedule(self, request, pk=None):
        """GET: the schedule (brokers: every meeting; participants: theirs, once published).
        POST (brokers): place the accepted requests, keeping locked meetings."""
        event = self.get_object()
        if request.method == "POST":
            body = ScheduleRunSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            services.event_schedule_meetings(
                event=event, user=request.user, suggestions=body.validated_data["suggestions"]
            )
            event.refresh_from_db()
        if permissions.can_manage_events(request.user):
            meetings = selectors.meetings_of_event(event)
        else:
            registration = selectors.registration_of(request.user, event)
            if registration is None or not registration.is_confirmed:
                raise NotFound
            meetings = selectors.agenda(registration) if event.is_schedule_published else []
        return Response(
            {
                "published": event.is_schedule_published,
                "report": event.schedule_report
                if permissions.can_manage_events(request.user)
                else {},
                "meetings": MeetingSerializer(meetings, many=True).data,
            }
        )

    @extend_schema(request=None, responses=EventSerializer)
    @action(detail=True, methods=["post"], url_path="publish-schedule")
    def publish_schedule(self, request, pk=None):
        """Publish the schedule to the participants (brokers)."""
        event = services.event_schedule_publish(event=self.get_object(), user=request.user)
        return Response(EventSerializer(event).data)


class MeetingMoveSerializer(serializers.Serializer):
    slot = serializers.IntegerField(min_value=1, max_value=32767)
    table = serializers.IntegerField(min_value=1, max_value=32767)


class MeetingResultSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Meeting.Outcome.choices)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    """The meetings of the schedules (brokers; `?event=<id>` for one event's). Brokers `move`
    a meeting (it is then locked), `lock` or `unlock` it, and record its `result` after the
    event starts (a follow-up creates or advances the match)."""

    serializer_class = MeetingSerializer
    permission_classes = [IsAuthenticated]
    queryset = Meeting.objects.none()  # the schema's model; get_queryset serves requests

    def get_queryset(self):
        if not permissions.can_manage_events(self.request.user):
            raise PermissionDenied(_("Only the organisers change the schedule."))
        meetings = selectors.meetings_of_any()
        event = self.request.query_params.get("event", "")
        if event.isdigit() and len(event) <= 18:
            meetings = meetings.filter(event_id=int(event))
        return meetings

    def _run(self, run):
        meeting = run(self.get_object())
        return Response(MeetingSerializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(request=MeetingMoveSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        body = MeetingMoveSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._run(
            lambda meeting: services.meeting_move(
                meeting=meeting, user=request.user, **body.validated_data
            )
        )

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def lock(self, request, pk=None):
        return self._run(
            lambda meeting: services.meeting_lock(meeting=meeting, user=request.user, locked=True)
        )

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def unlock(self, request, pk=None):
        return self._run(
            lambda meeting: services.meeting_lock(meeting=meeting, user=request.user, locked=False)
        )

    @extend_schema(request=MeetingResultSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        body = MeetingResultSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._run(
            lambda meeting: services.meeting_record_outcome(
                meeting=meeting, user=request.user, **body.validated_data
            )
        )


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    """Your registrations (brokers: all). Brokers `approve`, `decline` and `check_in`."""

    serializer_class = RegistrationSerializer
    permission_classes = [IsAuthenticated]
    queryset = Registration.objects.none()  # the schema's model; get_queryset serves requests

    def get_queryset(self):
        registrations = Registration.objects.select_related("user", "organization")
        if not permissions.can_manage_events(self.request.user):
            registrations = registrations.filter(user=self.request.user)
        return registrations.order_by("-created_at", "-pk")

    def _decide(self, approve: bool):
        registration = services.registration_decide(
            registration=self.get_object(), user=self.request.user, approve=approve
        )
        return Response(RegistrationSerializer(registration).data)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(True)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(False)

    @extend_schema(request=None, responses=RegistrationSerializer)
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        registration = services.registration_check_in(
            registration=self.get_object(), user=request.user
        )
        return Response(RegistrationSerializer(registration).data)


class MeetingRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Meeting requests you sent or received (brokers: all), with their status computed now
    (unanswered ones expire when the event's requests close). POST `/events/<id>/...`: see
    `create`; the person asked may `accept` or `decline`."""

    serializer_class = MeetingRequestSerializer
    permission_classes = [IsAuthenticated]
    queryset = MeetingRequest.objects.none()  # the schema's model; get_queryset serves requests

    def get_queryset(self):
        requests = MeetingRequest.objects.select_related(*selectors.REQUEST_RELATED)
        user = self.request.user
        if not permissions.can_manage_events(user):
            requests = requests.filter(Q(sender__user=user) | Q(recipient__user=user))
        return requests.order_by("-created_at", "-pk")

    @extend_schema(
        request=MeetingRequestCreateSerializer, responses={201: MeetingRequestSerializer}
    )
    def create(self, request):
        """Ask another confirmed participant of the same event for a meeting."""
        body = MeetingRequestCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = get_object_or_404(selectors.events_visible(), pk=body.validated_data["event"])
        created = services.meeting_request_send(
            event=event,
            user=request.user,
            recipient_id=body.validated_data["recipient"],
            message=body.validated_data["message"],
        )
        return Response(MeetingRequestSerializer(created).data, status=201)

    def _answer(self, accept: bool):
        answered = services.meeting_request_answer(
            request=self.get_object(), user=self.request.user, accept=accept
        )
        return Response(MeetingRequestSerializer(answered).data)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._answer(True)

    @extend_schema(request=None, responses=MeetingRequestSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._answer(False)

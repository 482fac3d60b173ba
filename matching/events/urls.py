from django.urls import path

from matching.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<id:pk>/", views.event_detail, name="detail"),
    path("<id:pk>/edit/", views.event_edit, name="edit"),
    path("<id:pk>/publish/", views.event_publish, name="publish"),
    path("<id:pk>/cancel-event/", views.event_cancel, name="cancel_event"),
    path("<id:pk>/register/", views.registration_create, name="register"),
    path("<id:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<id:pk>/requests/", views.meeting_request_create, name="request"),
    path("requests/<id:pk>/answer/", views.meeting_request_answer, name="answer"),
    path("<id:pk>/agenda/", views.agenda, name="agenda"),
    path("<id:pk>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<id:pk>/manage/", views.event_manage, name="manage"),
    path(
        "<id:pk>/registrations/<id:registration_id>/decide/",
        views.registration_decide,
        name="decide",
    ),
    path(
        "<id:pk>/registrations/<id:registration_id>/check-in/",
        views.registration_check_in,
        name="check_in",
    ),
    path("<id:pk>/check-in/", views.registration_check_in_by_code, name="check_in_code"),
    path("<id:pk>/schedule/", views.event_schedule, name="schedule"),
    path("<id:pk>/schedule/publish/", views.event_schedule_publish, name="schedule_publish"),
    path("meetings/<id:pk>/move/", views.meeting_move, name="move"),
    path("meetings/<id:pk>/lock/", views.meeting_lock, name="lock"),
    path("meetings/<id:pk>/result/", views.meeting_result, name="result"),
]

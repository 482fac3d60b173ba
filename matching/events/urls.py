from django.urls import path

from matching.events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/register/", views.registration_create, name="register"),
    path("<int:pk>/cancel/", views.registration_cancel, name="cancel"),
    path("<int:pk>/requests/", views.meeting_request_create, name="request"),
    path("requests/<int:pk>/answer/", views.meeting_request_answer, name="answer"),
    path("<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<int:pk>/agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("<int:pk>/manage/", views.event_manage, name="manage"),
    path(
        "<int:pk>/registrations/<int:registration_id>/decide/",
        views.registration_decide,
        name="decide",
    ),
    path(
        "<int:pk>/registrations/<int:registration_id>/check-in/",
        views.registration_check_in,
        name="check_in",
    ),
    path("<int:pk>/schedule/", views.event_schedule, name="schedule"),
    path("<int:pk>/schedule/publish/", views.event_schedule_publish, name="schedule_publish"),
    path("meetings/<int:pk>/move/", views.meeting_move, name="move"),
    path("meetings/<int:pk>/lock/", views.meeting_lock, name="lock"),
    path("meetings/<int:pk>/result/", views.meeting_result, name="result"),
]

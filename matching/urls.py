from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.match_queue, name="queue"),
    path("mine/", views.my_matches, name="mine"),
    path("interest/<id:outcome_id>/", views.match_interest, name="interest"),
    path("suggestions/<id:pk>/start/", views.suggestion_start, name="suggestion_start"),
    path("<id:pk>/", views.match_detail, name="detail"),
    path("<id:pk>/advance/", views.match_advance, name="advance"),
    path("<id:pk>/note/", views.match_note, name="note"),
]

from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.match_queue, name="queue"),
    path("mine/", views.my_matches, name="mine"),
    path("interest/<int:outcome_id>/", views.match_interest, name="interest"),
    path("suggestions/<int:pk>/start/", views.suggestion_start, name="suggestion_start"),
    path("<int:pk>/", views.match_detail, name="detail"),
    path("<int:pk>/advance/", views.match_advance, name="advance"),
    path("<int:pk>/note/", views.match_note, name="note"),
]

from django.urls import path

from matching import views

app_name = "matching"

urlpatterns = [
    path("", views.match_queue, name="queue"),
    path("mine/", views.my_matches, name="mine"),
    path("interest/<int:outcome_id>/", views.match_interest, name="interest"),
    path("<int:pk>/", views.match_detail, name="detail"),
    path("<int:pk>/advance/", views.match_advance, name="advance"),
    path("<int:pk>/note/", views.match_note, name="note"),
]

from django.urls import path

from market.needs import views

app_name = "market"

urlpatterns = [
    path("", views.need_list, name="need_list"),
    path("new/", views.need_edit, name="need_create"),
    path("mine/", views.my_needs, name="my_needs"),
    path("review/", views.review_queue, name="review_queue"),
    path("template.xlsx", views.needs_template_download, name="needs_template"),
    path("export.xlsx", views.needs_export, name="needs_export"),
    path("import/", views.needs_import, name="needs_import"),
    path("<id:pk>/", views.need_detail, name="need_detail"),
    path("<id:pk>/edit/", views.need_edit, name="need_edit"),
    path("<id:pk>/submit/", views.need_submit, name="need_submit"),
    path("<id:pk>/withdraw/", views.need_withdraw, name="need_withdraw"),
    path("<id:pk>/solve/", views.need_solve, name="need_solve"),
    path("<id:pk>/publish/", views.need_publish, name="need_publish"),
    path("<id:pk>/return/", views.need_return, name="need_return"),
    path(
        "<id:pk>/attachments/<id:attachment_id>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<id:pk>/attachments/<id:attachment_id>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
]

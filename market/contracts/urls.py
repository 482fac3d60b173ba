from django.urls import path

from market.contracts import ledger_views, views

app_name = "contracts"

urlpatterns = [
    path("", views.my_contracts, name="mine"),
    path("new/", views.contract_edit, name="create"),
    path("review/", views.review_queue, name="queue"),
    path("all/", views.all_contracts, name="all"),
    path("ledger/export.xlsx", ledger_views.ledger_export, name="ledger_export"),
    path("ledger/import/", ledger_views.ledger_import_view, name="ledger_import"),
    path("<id:pk>/", views.contract_detail, name="detail"),
    path("<id:pk>/edit/", views.contract_edit, name="edit"),
    path("<id:pk>/submit/", views.contract_submit, name="submit"),
    path("<id:pk>/review/", views.contract_review, name="review"),
    path("<id:pk>/register/", views.contract_review, {"step": "register"}, name="register"),
    path("<id:pk>/return/", views.contract_review, {"step": "return"}, name="return"),
    path("<id:pk>/reject/", views.contract_review, {"step": "reject"}, name="reject"),
    path("<id:pk>/certificate/", views.contract_certificate, name="certificate"),
    path("<id:pk>/document/", views.contract_document, name="document"),
]

from django.urls import path

from market import contract_views as views
from market import ledger_views

app_name = "contracts"

urlpatterns = [
    path("", views.my_contracts, name="mine"),
    path("new/", views.contract_edit, name="create"),
    path("review/", views.review_queue, name="queue"),
    path("all/", views.all_contracts, name="all"),
    path("ledger/export.xlsx", ledger_views.ledger_export, name="ledger_export"),
    path("ledger/import/", ledger_views.ledger_import_view, name="ledger_import"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/edit/", views.contract_edit, name="edit"),
    path("<int:pk>/submit/", views.contract_submit, name="submit"),
    path("<int:pk>/review/", views.contract_review, name="review"),
    path("<int:pk>/register/", views.contract_review, {"step": "register"}, name="register"),
    path("<int:pk>/return/", views.contract_review, {"step": "return"}, name="return"),
    path("<int:pk>/reject/", views.contract_review, {"step": "reject"}, name="reject"),
    path("<int:pk>/certificate/", views.contract_certificate, name="certificate"),
    path("<int:pk>/document/", views.contract_document, name="document"),
]

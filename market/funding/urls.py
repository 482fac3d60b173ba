"""/vouchers/ (app ``vouchers``) and /subsidies/ (app ``subsidies``)."""

from django.urls import include, path

from market.funding import views

voucher_patterns = (
    [
        path("", views.voucher_list, name="list"),
        path("apply/", views.voucher_apply, name="apply"),
        path("payments/", views.voucher_payment_list, name="payments"),
        path("payments.xlsx", views.voucher_payment_xlsx, name="payments_xlsx"),
        path("<id:pk>/", views.voucher_detail, name="detail"),
        path("<id:pk>/approve/", views.voucher_detail, {"step": "approve"}, name="approve"),
        path("<id:pk>/reject/", views.voucher_detail, {"step": "reject"}, name="reject"),
        path("<id:pk>/withdraw/", views.voucher_detail, {"step": "withdraw"}, name="withdraw"),
        path("<id:pk>/claim/", views.claim_create, name="claim_create"),
        path("claims/<id:pk>/", views.claim_detail, name="claim"),
        path(
            "claims/<id:pk>/approve/", views.claim_detail, {"step": "approve"}, name="claim_approve"
        ),
        path("claims/<id:pk>/reject/", views.claim_detail, {"step": "reject"}, name="claim_reject"),
        path("claims/<id:pk>/paid/", views.claim_detail, {"step": "paid"}, name="claim_paid"),
    ],
    "vouchers",
)

subsidy_patterns = (
    [
        path("", views.subsidy_list, name="list"),
        path("apply/", views.subsidy_apply, name="apply"),
        path("payments/", views.subsidy_payment_list, name="payments"),
        path("payments.xlsx", views.subsidy_payment_xlsx, name="payments_xlsx"),
        path("<id:pk>/", views.subsidy_detail, name="detail"),
        path("<id:pk>/approve/", views.subsidy_detail, {"step": "approve"}, name="approve"),
        path("<id:pk>/reject/", views.subsidy_detail, {"step": "reject"}, name="reject"),
        path("<id:pk>/paid/", views.subsidy_detail, {"step": "paid"}, name="paid"),
    ],
    "subsidies",
)

urlpatterns = [
    path("vouchers/", include(voucher_patterns)),
    path("subsidies/", include(subsidy_patterns)),
]

"""Sign-up, sign-in and the member's own account page."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts import selectors, services
from accounts.forms import EnterpriseSignupForm


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("accounts:profile")
    form = EnterpriseSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = services.enterprise_signup(
            username=data["username"],
            email=data["email"],
            password=data["password1"],
            organization_name=data["organization_name"],
            credit_code=data["credit_code"],
            district=data["district"],
            industry=data["industry"],
            contact_name=data["contact_name"],
            phone=data["phone"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request,
            _(
                "Welcome! Your enterprise is registered and awaits verification by an administrator."  # noqa: E501
            ),
        )
        return redirect("accounts:profile")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {"memberships": selectors.memberships_of(request.user)},
    )

"""Route the account pages under /accounts/."""

from django.urls import path

from hub.ratelimits import rate_limited

from . import views
from .lockout import sign_in_limited

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/done/", views.signup_done, name="signup_done"),
    path(
        "confirm/resend/",
        rate_limited(group="confirmation", keys=("ip", "post:email"))(views.resend_confirmation),
        name="resend_confirmation",
    ),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("login/", sign_in_limited(views.LoginView.as_view()), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("data/", views.account_data, name="data"),
    path(
        "delete/",
        rate_limited(group="login", keys=("ip", "user"))(views.account_delete),
        name="delete",
    ),
    path("deleted/", views.account_deleted, name="deleted"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/reset/",
        rate_limited(group="password_reset", keys=("ip", "post:email"))(
            views.PasswordResetView.as_view()
        ),
        name="password_reset",
    ),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

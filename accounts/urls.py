from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.home, name="home"),
    # Already signed in and back on the login page (bookmark, back button): straight to the home page.
    path("login/", views.PasswordStepView.as_view(), name="login"),
    path("login/code/", views.login_code, name="login-code"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tweestapsverificatie/", views.second_factor, name="second-factor"),
    path(
        "tweestapsverificatie/herstelcodes/",
        views.second_factor_recovery_codes,
        name="second-factor-recovery-codes",
    ),
    path("wachtwoord/", views.password_change_view, name="password-change"),
    path("sessie/actief/", views.session_keepalive, name="session-keepalive"),
    path("sessie/verlopen/", views.session_expired, name="session-expired"),
    path("meldingen/", views.notifications, name="notifications"),
]

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/card/", views.card_login_view, name="card_login"),
    path("logout/", views.logout_view, name="logout"),
    path("card/", views.card_view, name="card"),
    path("card/challenge/", views.card_challenge_view, name="card_challenge"),
    path("register/", views.register_view, name="register"),
    path("password/forgot/", views.forgot_password_view, name="forgot_password"),
    path("password/reset/", views.reset_password_view, name="reset_password"),
]

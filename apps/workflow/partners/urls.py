"""Portal addresses for partners, under the language prefix (/de/partner/...)."""

from django.urls import path

from apps.workflow.partners import adoption_views
from apps.workflow.partners import views as portal_views
from cms import converters  # noqa: F401 (registers the <id:...> path converter)

app_name = "partner"

urlpatterns = [
    path("login/", portal_views.PartnerLoginView.as_view(), name="login"),
    path("logout/", portal_views.PartnerLogoutView.as_view(), name="logout"),
    path("register/", portal_views.register, name="register"),
    path("verify/<str:token>/", portal_views.verify_email, name="verify_email"),
    path(
        "verify-again/",
        portal_views.resend_verification,
        name="resend_verification",
    ),
    path(
        "invitation/<str:token>/",
        portal_views.accept_invitation,
        name="accept_invitation",
    ),
    path("submit/", portal_views.submit, name="submit"),
    path("submissions/", portal_views.my_submissions, name="submissions"),
    path("members/", portal_views.membership_requests, name="membership_requests"),
    path(
        "members/<id:pk>/<str:decision>/",
        portal_views.decide_membership,
        name="decide_membership",
    ),
    path(
        "adopt/<uuid:solution_key>/",
        adoption_views.propose_adoption,
        name="propose_adoption",
    ),
    path(
        "submissions/<id:pk>/edit/",
        portal_views.edit_submission,
        name="edit_submission",
    ),
]

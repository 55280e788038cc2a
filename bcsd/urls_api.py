"""The committee's endpoints on the paths of the API contract (shared/api.md, Committee): /api/v1/bcsd/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from bcsd.api import DecisionViewSet, HearingViewSet, MeetingViewSet, SubmissionViewSet

router = SimpleRouter()
router.register("bcsd/meetings", MeetingViewSet, basename="bcsd-meeting")
router.register("bcsd/submissions", SubmissionViewSet, basename="bcsd-submission")
router.register("bcsd/hearings", HearingViewSet, basename="bcsd-hearing")
router.register("bcsd/decisions", DecisionViewSet, basename="bcsd-decision")
urlpatterns = [
    # The contract names the files without a trailing slash, as a download link would.
    path(
        "bcsd/meetings/<str:pk>/minutes.pdf",
        MeetingViewSet.as_view({"get": "minutes"}),
        name="bcsd-meeting-minutes",
    ),
    path(
        "bcsd/hearings/<str:pk>/invitation.pdf",
        HearingViewSet.as_view({"get": "invitation"}),
        name="bcsd-hearing-invitation",
    ),
    path(
        "bcsd/decisions/<str:pk>/letter.pdf",
        DecisionViewSet.as_view({"get": "letter"}),
        name="bcsd-decision-letter",
    ),
    *router.urls,
]

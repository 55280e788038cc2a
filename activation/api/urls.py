"""The activation and GPMI endpoints on the paths of the API contract (shared/api.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from activation.api.views import DecisionTreeView, GpmiViewSet, ScreeningViewSet, TrajectoryViewSet

router = SimpleRouter()
router.register("activation/screenings", ScreeningViewSet, basename="activation-screening")
router.register("activation/trajectories", TrajectoryViewSet, basename="activation-trajectory")
router.register("gpmi", GpmiViewSet, basename="gpmi")
urlpatterns = [
    path("activation/decision-tree/", DecisionTreeView.as_view(), name="activation-decision-tree"),
    *router.urls,
]

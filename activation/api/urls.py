"""The activation and GPMI endpoints on the paths of the API contract (shared/api.md)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from activation.api.views import (
    BoardView,
    DecisionTreeView,
    GpmiViewSet,
    GroupActivityViewSet,
    ScreeningViewSet,
    TrajectoryViewSet,
)

router = SimpleRouter()
router.register("activation/screenings", ScreeningViewSet, basename="activation-screening")
router.register("activation/trajectories", TrajectoryViewSet, basename="activation-trajectory")
router.register("activation/group-activities", GroupActivityViewSet, basename="activation-group-activity")
router.register("gpmi", GpmiViewSet, basename="gpmi")
urlpatterns = [
    path("activation/decision-tree/", DecisionTreeView.as_view(), name="activation-decision-tree"),
    path("activation/board/", BoardView.as_view(), name="activation-board"),
    *router.urls,
]

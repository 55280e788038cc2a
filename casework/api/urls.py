from rest_framework.routers import SimpleRouter

from casework.api.views import ClientRecordViewSet, ContactViewSet, DossierViewSet

router = SimpleRouter()
router.register("dossiers", DossierViewSet, basename="dossier")
router.register("contacts", ContactViewSet, basename="contact")
# The full record of a client lives here, not in clients/: its access depends on the client's dossiers.
router.register("clients", ClientRecordViewSet, basename="client-record")
urlpatterns = router.urls

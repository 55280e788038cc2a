from django.db.models import QuerySet

from casework.dossiers.selectors import dossier_get
from casework.policy import Access
from casework.register.models import AidRequest
from core.errors import NotFoundError
from core.ids import uuid_or_404


def request_get(*, user, request_id, what: str = "request", minimum: Access = Access.INTAKE) -> AidRequest:
    """One request of a dossier the user may open (the front desk included); the read is logged."""
    found = AidRequest.objects.filter(pk=uuid_or_404(request_id)).values_list("dossier_id", flat=True).first()
    if found is None:
        raise NotFoundError()
    dossier = dossier_get(user=user, dossier_id=found, what=what, minimum=minimum)
    aid_request = AidRequest.objects.select_related("registered_by", "inquiry").get(pk=request_id)
    aid_request.dossier = dossier
    return aid_request


def request_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="requests")
    return AidRequest.objects.filter(dossier=dossier).select_related("dossier", "registered_by", "inquiry")

from django.db.models import QuerySet

from casework import policy
from casework.contacts.models import Channel, Contact
from casework.dossiers.selectors import dossier_get
from casework.inquiry.models import Inquiry, KszConsultation, LeefloonCalculation
from casework.policy import Access
from core.errors import NotFoundError
from core.ids import uuid_or_404


def inquiry_get(*, user, inquiry_id=None, request_id=None, what: str = "inquiry") -> Inquiry:
    """The social inquiry with what it needs to say what is missing, in a constant number of queries.
    Social reports are not for the front desk: full access only."""
    lookup = {"pk": uuid_or_404(inquiry_id)} if inquiry_id else {"request_id": uuid_or_404(request_id)}
    found = Inquiry.objects.filter(**lookup).values_list("pk", "request__dossier_id").first()
    if found is None:
        raise NotFoundError()
    dossier = dossier_get(user=user, dossier_id=found[1], what=what, minimum=Access.FULL)
    inquiry = (
        Inquiry.objects.select_related("request", "updated_by").prefetch_related("documents").get(pk=found[0])
    )
    inquiry.request.dossier = dossier
    visits = list(
        Contact.objects.filter(
            dossier=dossier, channel=Channel.HOME_VISIT, occurred_at__date__gte=inquiry.request.received_on
        ).select_related("author")
    )
    # A visit counts for completeness even when its notes are confidential to the assigned worker.
    inquiry.home_visit_count = len(visits)
    sees_confidential = policy.may_read_confidential(user, dossier)
    inquiry.home_visits = [
        v for v in visits if sees_confidential or not v.confidential or v.author_id == user.pk
    ]
    inquiry.ksz_consultations = list(
        KszConsultation.objects.filter(request=inquiry.request).select_related("consulted_by")
    )
    return inquiry


def ksz_consultation_list(*, user, dossier_id) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="ksz_consultations", minimum=Access.FULL)
    return KszConsultation.objects.filter(dossier=dossier).select_related("consulted_by", "request")


def calculations_for_inquiry(*, user, inquiry_id) -> QuerySet:
    inquiry = inquiry_get(user=user, inquiry_id=inquiry_id)
    return LeefloonCalculation.objects.filter(inquiry=inquiry).select_related("created_by")


def calculations_for_inquiry_without_log(*, inquiry: Inquiry) -> list[LeefloonCalculation]:
    """For an inquiry already read through inquiry_get (which logged it)."""
    return list(LeefloonCalculation.objects.filter(inquiry=inquiry).select_related("created_by")[:10])

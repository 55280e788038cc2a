"""The acknowledgement of receipt: an HTML template rendered to a real PDF by WeasyPrint."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from casework.register import rules
from casework.register.models import AidRequest


def receipt_pdf(aid_request: AidRequest) -> bytes:
    """The acknowledgement of receipt (ontvangstbewijs) with every mention KB 11 July 2002 asks for."""
    html = render_to_string(
        "casework/register/receipt.html",
        {
            "request": aid_request,
            "dossier": aid_request.dossier,
            "client": aid_request.dossier.client,
            "organisation_name": settings.ORGANISATION_NAME,
            "organisation_address": settings.ORGANISATION_ADDRESS,
            "decision_days": rules.DECISION_DAYS,
            "printed_on": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()

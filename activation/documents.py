"""The GPMI contract in plain Dutch: an HTML template rendered to a PDF by WeasyPrint (domain §4: a written
contract in understandable language, with the goals and the commitments of both sides,
signed by the parties)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from activation.models import Gpmi


def gpmi_contract_pdf(gpmi: Gpmi) -> bytes:
    html = render_to_string(
        "activation/gpmi_contract.html",
        {
            "gpmi": gpmi,
            "client": gpmi.dossier.client,
            "dossier": gpmi.dossier,
            "organisation_name": settings.ORGANISATION_NAME,
            "organisation_address": settings.ORGANISATION_ADDRESS,
            "printed_on": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()

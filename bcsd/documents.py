"""The committee's documents, HTML templates rendered to real PDFs by WeasyPrint (as the receipt in
casework.register): the notification letter, the hearing invitation and the minutes.

The letter is checked before it exists: a notification lacking a mandatory mention (shared/domain.md §2 step
6) does not start the appeal term, so the product refuses to generate it rather than send it."""

import re
from html import unescape

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from weasyprint import HTML

from bcsd import rules
from bcsd.models import Decision, DecisionOutcome, Hearing, Meeting
from core.errors import Conflict
from core.formats import euro

# The letter's template is versioned: the version is stored on the decision when it is notified.
LETTER_TEMPLATE_VERSION = "v1"
LETTER_TEMPLATE = f"bcsd/letters/decision_{LETTER_TEMPLATE_VERSION}.html"

# Each mandatory mention, and the phrases the letter's text must hold for it (case and spacing ignored).
STATIC_MENTIONS = {
    "appeal_labour_court": ("beroep instellen bij de arbeidsrechtbank",),
    "appeal_term": ("binnen drie maanden",),
    "how_to_appeal": ("verzoekschrift", "griffie"),
    "free_of_charge": ("kosteloos",),
    "article_728": ("artikel 728", "afgevaardigde van een representatieve werknemersorganisatie"),
    "article_1017": ("artikel 1017", "ten laste van de overheid of de instelling"),
    "no_suspensive_effect": ("schorst de uitvoering van de beslissing niet",),
    "hearing_right": ("recht om gehoord te worden",),
    "explanation": ("uitleg",),
}


def _letter_mentions(decision: Decision) -> dict[str, tuple[str, ...]]:
    dossier = decision.submission.dossier
    mentions = dict(STATIC_MENTIONS)
    mentions["decision"] = ("beslissing", str(decision.get_outcome_display()))
    mentions["motivation"] = ("motivering", decision.motivation[:120])
    mentions["legal_basis"] = ("rechtsgrond", decision.legal_basis[:120])
    mentions["court_address"] = (settings.LABOUR_COURT_NAME, settings.LABOUR_COURT_ADDRESS)
    mentions["dossier_reference"] = (dossier.reference,)
    mentions["contact_person"] = (
        "contactpersoon",
        dossier.social_worker.display_name if dossier.social_worker else "",
    )
    if (
        decision.outcome in (DecisionOutcome.APPROVED, DecisionOutcome.AMENDED)
        and decision.amount is not None
    ):
        mentions["amount_and_frequency"] = (
            f"€ {euro(decision.amount)}",
            str(decision.get_frequency_display()) if decision.frequency else _("eenmalig"),
        )
    return mentions


def html_text(html: str) -> str:
    """The visible text of an HTML document (the style block and tags dropped)."""
    html = re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def decision_letter_html(decision: Decision) -> tuple[str, str]:
    """The letter as HTML and its template version; Conflict (409) naming what is missing otherwise."""
    submission = decision.submission
    dossier = submission.dossier
    html = render_to_string(
        LETTER_TEMPLATE,
        {
            "decision": decision,
            "submission": submission,
            "dossier": dossier,
            "client": dossier.client,
            "amount": f"€ {euro(decision.amount)}" if decision.amount is not None else "",
            "granted": decision.outcome in (DecisionOutcome.APPROVED, DecisionOutcome.AMENDED),
            "organisation_name": settings.ORGANISATION_NAME,
            "organisation_address": settings.ORGANISATION_ADDRESS,
            "court_name": settings.LABOUR_COURT_NAME,
            "court_address": settings.LABOUR_COURT_ADDRESS,
            "printed_on": timezone.localdate(),
            "appeal_months": rules.APPEAL_MONTHS,
        },
    )
    if missing := rules.missing_mentions(html_text(html), _letter_mentions(decision)):
        raise Conflict(
            _("De brief mist verplichte vermeldingen: %(missing)s.") % {"missing": ", ".join(missing)},
            missing=missing,
        )
    return html, LETTER_TEMPLATE_VERSION


def decision_letter_pdf(decision: Decision) -> bytes:
    if decision.outcome == DecisionOutcome.POSTPONED:
        raise Conflict(_("Een uitstel wordt niet betekend."))
    html, _version = decision_letter_html(decision)
    return HTML(string=html).write_pdf()


def hearing_invitation_pdf(hearing: Hearing) -> bytes:
    dossier = hearing.submission.dossier
    html = render_to_string(
        "bcsd/letters/hearing_invitation.html",
        {
            "hearing": hearing,
            "dossier": dossier,
            "client": dossier.client,
            "organisation_name": settings.ORGANISATION_NAME,
            "organisation_address": settings.ORGANISATION_ADDRESS,
            "printed_on": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()


def minutes_pdf(meeting: Meeting) -> bytes:
    """The minutes: each item with its decision, by dossier reference only (no more personal data than
    needed)."""
    items = (
        meeting.items.select_related("submission__dossier").prefetch_related("decisions").order_by("position")
    )
    html = render_to_string(
        "bcsd/minutes.html",
        {
            "meeting": meeting,
            "items": [(item, next(iter(item.decisions.all()), None)) for item in items],
            "members": list(meeting.members.all()),
            "organisation_name": settings.ORGANISATION_NAME,
        },
    )
    return HTML(string=html).write_pdf()

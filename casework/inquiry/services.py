"""The social inquiry: the report and its facts, the document checklist, KSZ consultations, what still
blocks the proposal, and the leefloon calculations kept with it."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from casework import policy
from casework.contacts.models import Channel, Contact
from casework.dossiers.models import Dossier
from casework.inquiry import rules
from casework.inquiry.models import (
    Inquiry,
    InquiryDocument,
    InquiryReportDraft,
    KszConsultation,
    LeefloonCalculation,
)
from casework.leefloon.rules import LeefloonResult
from casework.leefloon.selectors import spi_period_of
from casework.leefloon.services import leefloon_calculate, spi_period_start
from clients.ledger import Purpose, access_log_record, ksz_what
from core.dates import check_event_date
from core.errors import Conflict, DomainError, NotFoundError
from core.formats import euro
from core.history import save_with_history


def inquiry_open(*, actor, aid_request, documents: list[str]) -> Inquiry:
    """The social inquiry of a request just registered, with the document checklist of its kind. Called by
    the register inside its transaction."""
    inquiry = Inquiry(request=aid_request, updated_by=actor)
    save_with_history(inquiry, actor=actor, reason="request_register", force_insert=True)
    for name in documents:
        save_with_history(InquiryDocument(inquiry=inquiry, name=name), actor=actor, reason="request_register")
    return inquiry


INQUIRY_MISSING_LABELS = {
    "home_visit": _("huisbezoek"),
    "sworn_statement": _("verklaring op eer"),
    "hearing_right_informed": _("hoorrecht meegedeeld"),
    "advice": _("advies en voorstel"),
}


def inquiry_missing_codes(inquiry: Inquiry) -> list[str]:
    """What still blocks the proposal (prefetched documents and home visits are used when present)."""
    aid_request = inquiry.request
    documents = list(inquiry.documents.all())
    has_home_visit = getattr(inquiry, "home_visit_count", None)
    if has_home_visit is None:
        has_home_visit = Contact.objects.filter(
            dossier_id=aid_request.dossier_id,
            channel=Channel.HOME_VISIT,
            occurred_at__date__gte=aid_request.received_on,
        ).exists()
    return rules.inquiry_missing(
        kind=aid_request.kind,
        documents_missing=[
            d.name for d in documents if d.received_on is None and not d.not_applicable_reason
        ],
        has_home_visit=bool(has_home_visit),
        sworn_statement=inquiry.sworn_statement_on is not None,
        hearing_right_informed=inquiry.hearing_right_informed_on is not None,
        report_sections_filled={s for s in rules.REPORT_SECTIONS if getattr(inquiry, s).strip()},
        has_advice=bool(inquiry.advice.strip()),
    )


def inquiry_missing_labels(inquiry: Inquiry) -> list[str]:
    labels = []
    for code in inquiry_missing_codes(inquiry):
        kind, _sep, name = code.partition(":")
        if kind == "document":
            labels.append(_("document: %(name)s") % {"name": name})
        elif kind == "report":
            labels.append(
                _("sociaal verslag: %(section)s") % {"section": Inquiry._meta.get_field(name).verbose_name}
            )
        else:
            labels.append(str(INQUIRY_MISSING_LABELS[code]))
    return labels


class StaleVersion(Conflict):
    def __init__(self, current: int):
        super().__init__(
            _("Iemand anders heeft dit intussen gewijzigd (versie %(version)d). Herlaad en probeer opnieuw.")
            % {"version": current},
            current_version=current,
        )


INQUIRY_EDITABLE = {*rules.INQUIRY_DATES, "means_overview", *rules.REPORT_SECTIONS, "advice"}


@transaction.atomic
def inquiry_update(*, actor, inquiry: Inquiry, version: int, **changes) -> Inquiry:
    """Edit the social report and the inquiry's facts. Two people editing the same report never silently
    overwrite each other: a write based on an older version is refused (409) and the newer text stays."""
    inquiry = Inquiry.objects.select_for_update().select_related("request__dossier").get(pk=inquiry.pk)
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    if version != inquiry.version:
        raise StaleVersion(inquiry.version)
    if unknown := set(changes) - INQUIRY_EDITABLE:
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for field in rules.INQUIRY_DATES:
        check_event_date(changes.get(field), field=field)
    for field, value in changes.items():
        setattr(inquiry, field, value)
    inquiry.version += 1
    inquiry.updated_by = actor
    save_with_history(inquiry, actor=actor, reason="inquiry_update")
    return inquiry


@transaction.atomic
def inquiry_document_mark(
    *, actor, inquiry: Inquiry, name: str, received_on=None, note: str = ""
) -> InquiryDocument:
    """Tick a document of the checklist as received (or not); a document outside the checklist is added."""
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    problem = rules.document_name_problem(name)
    if problem == "empty":
        raise DomainError(_("Geef de naam van het document."), field="name")
    if problem == "too_long":
        raise DomainError(
            _("Een documentnaam telt hoogstens %(n)d tekens.") % {"n": rules.DOCUMENT_NAME_MAX_LENGTH},
            field="name",
        )
    if problem == "nul":
        raise DomainError(_("De naam van het document bevat een ongeldig teken."), field="name")
    check_event_date(
        received_on,
        field="received_on",
        future_message=_("Een document kan niet in de toekomst ontvangen zijn."),
    )
    document = InquiryDocument.objects.filter(inquiry=inquiry, name=name.strip()).first() or InquiryDocument(
        inquiry=inquiry, name=name.strip()
    )
    document.received_on = received_on
    document.note = note.strip()
    if received_on is not None:
        document.not_applicable_reason = ""
    save_with_history(document, actor=actor, reason="inquiry_document_mark")
    return document


@transaction.atomic
def inquiry_document_not_applicable(*, actor, inquiry: Inquiry, name: str, reason: str) -> InquiryDocument:
    """A document of the checklist that does not apply to this person, with the reason (it is no longer
    missing); an empty reason makes it apply again."""
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    document = InquiryDocument.objects.select_for_update().filter(inquiry=inquiry, name=name.strip()).first()
    if document is None:
        raise NotFoundError()
    reason = reason.strip()
    if reason and len(reason) < 5:
        raise DomainError(
            _("Zeg kort waarom dit document niet van toepassing is."), field="not_applicable_reason"
        )
    document.not_applicable_reason = reason[:300]
    if reason:
        document.received_on = None
    save_with_history(document, actor=actor, reason="inquiry_document_not_applicable")
    return document


@transaction.atomic
def ksz_consultation_record(
    *, actor, dossier: Dossier, service: str, purpose: str, aid_request=None
) -> KszConsultation:
    """Record a KSZ consultation; the same fact goes to the client's access log, with its purpose."""
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    if len(purpose.strip()) < rules.KSZ_PURPOSE_MIN_LENGTH:
        raise DomainError(_("Geef het doel van de raadpleging."), field="purpose")
    if aid_request is not None and aid_request.dossier_id != dossier.pk:
        raise DomainError(_("Deze aanvraag hoort niet bij dit dossier."), field="request")
    consultation = KszConsultation(
        dossier=dossier, request=aid_request, service=service, purpose=purpose.strip(), consulted_by=actor
    )
    save_with_history(consultation, actor=actor, reason="ksz_consultation_record", force_insert=True)
    access_log_record(
        user=actor,
        client_ids=[dossier.client_id],
        what=ksz_what(consultation.service),
        purpose=Purpose.KSZ,
        purpose_text=consultation.purpose,
        dossier_ids=[dossier.pk],
    )
    return consultation


# --- The leefloon calculation kept with the inquiry (its lines become the motivation of the decision) ---


@transaction.atomic
def inquiry_calculation_store(
    *, actor, inquiry: Inquiry, kind: str = "leefloon", **inputs
) -> tuple[LeefloonResult, LeefloonCalculation]:
    """Calculate with the rates valid on the reference date and keep the calculation with the inquiry (inputs,
    rate, lines and result: never edited, a recalculation is a new row); the person's SPI period starts on its
    first use, and the person's recorded SPI months count, whatever was typed (art. 35 §1 KB)."""
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    client_id = inquiry.request.dossier.client_id
    period = spi_period_of(client_id)
    if period is not None:  # the person's recorded period counts, not what was typed
        inputs["spi_first_used_on"], inputs["spi_months_used"] = period
    outcome = leefloon_calculate(**inputs)
    if outcome.spi_applied and period is None:
        spi_period_start(
            actor=actor,
            client_id=client_id,
            started_on=inputs.get("spi_first_used_on") or inputs["reference_date"],
            months_used=inputs.get("spi_months_used", 0),
        )
    result = outcome.result
    calculation = LeefloonCalculation(
        inquiry=inquiry,
        kind=kind,
        category=result.category,
        reference_date=result.reference_date,
        rate_valid_from=result.rate_valid_from,
        inputs={
            "resources": [
                {
                    "kind": r.kind,
                    "yearly_amount": str(r.yearly_amount),
                    "description": r.description,
                    "person": r.person,
                    "counted_share": str(r.counted_share),
                    "own_home": r.own_home,
                }
                for r in inputs["resources"]
            ],
            "apply_general_exemption": inputs.get("apply_general_exemption", True),
            "count_relative_income": inputs.get("count_relative_income", False),
            "relative_income_reason": inputs.get("relative_income_reason", "").strip(),
            "apply_spi_exemption": inputs.get("apply_spi_exemption", False),
            "spi_first_used_on": (
                inputs["spi_first_used_on"].isoformat() if inputs.get("spi_first_used_on") else None
            ),
            "spi_months_used": inputs.get("spi_months_used", 0),
            "children_in_care": inputs.get("children_in_care", 0),
            "cumulate_general_and_spi": settings.LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION,
        },
        lines=[{"label": line.label, "amount": str(line.amount)} for line in result.lines],
        yearly_amount=result.yearly_amount,
        monthly_amount=result.monthly_amount,
        created_by=actor,
    )
    save_with_history(calculation, actor=actor, reason="leefloon_calculate", force_insert=True)
    return result, calculation


@transaction.atomic
def inquiry_calculation_to_report(*, actor, inquiry: Inquiry, version: int, **inputs) -> Inquiry:
    """Keep the calculation and write its lines under the report's means section, in one transaction: both
    happen or neither (a stale report keeps no orphan calculation)."""
    result, _calculation = inquiry_calculation_store(actor=actor, inquiry=inquiry, **inputs)
    lines = calculation_lines_text(result)
    return inquiry_update(
        actor=actor, inquiry=inquiry, version=version, means=f"{inquiry.means}\n\n{lines}".strip()
    )


def calculation_lines_text(result) -> str:
    """The lines of a calculation as the social report quotes them."""
    return "\n".join(f"{line.label}: € {euro(line.amount)}" for line in result.lines)


# The longest text a draft keeps per field: a report section, not a file.
DRAFT_FIELD_MAX_LENGTH = 50_000


def inquiry_draft_save(*, actor, inquiry: Inquiry, fields: dict, base_version: int) -> None:
    """Keep what the worker typed in the report, as typed (a half-typed date too), until they save it."""
    if not policy.may_work_on(actor, inquiry.request.dossier):
        raise NotFoundError()
    typed = {
        name: str(value)[:DRAFT_FIELD_MAX_LENGTH]
        for name, value in fields.items()
        if name in INQUIRY_EDITABLE
    }
    InquiryReportDraft.objects.update_or_create(
        inquiry=inquiry, user=actor, defaults={"fields": typed, "base_version": base_version}
    )


def inquiry_draft_discard(*, actor, inquiry: Inquiry) -> None:
    InquiryReportDraft.objects.filter(inquiry=inquiry, user=actor).delete()

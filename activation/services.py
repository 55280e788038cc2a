"""Every write of activation: screenings, trajectories and their phases, measures, monitoring contacts and the
GPMI. Who may act is casework's policy (the dossier's social worker, its team lead, its activation coach:
policy.may_work_on); every step lands on the dossier timeline, so the social worker follows it (journey 5)."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from activation import rules, selectors
from activation.models import (
    Gpmi,
    GpmiEvaluation,
    GpmiKind,
    GpmiStatus,
    GpmiWarning,
    GroupActivity,
    GroupAttendance,
    GroupParticipant,
    GroupSession,
    Measure,
    MeasureKind,
    MonitoringContact,
    Phase,
    PhaseChange,
    SanctionProposal,
    SanctionProposalStatus,
    Screening,
    Trajectory,
)
from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.services import dossier_coach_assign, require_open
from casework.obligations import services as obligations
from casework.timeline.services import timeline_event_record
from core.dates import check_event_date, check_planned_date
from core.errors import Conflict, DomainError, NotFoundError, PermissionDeniedError
from core.history import save_with_history

PHASE_LABELS = dict(Phase.choices)
MEASURE_LABELS = dict(MeasureKind.choices)


def _require_work(actor, dossier: Dossier) -> None:
    if not policy.may_work_on(actor, dossier):
        raise NotFoundError()
    require_open(dossier)


def _link(trajectory: Trajectory) -> str:
    return f"/activering/trajecten/{trajectory.pk}/"


def _timeline(actor, trajectory: Trajectory, kind: str, title: str, detail: str = "") -> None:
    timeline_event_record(
        actor=actor, dossier=trajectory.dossier, kind=f"activation.{kind}", title=title, detail=detail,
        link=_link(trajectory),
    )  # fmt: skip


# --- Screening ---


@transaction.atomic
def screening_record(
    *,
    actor,
    dossier: Dossier,
    answers: dict,
    chosen_phase: str | None = None,
    override_reason: str = "",
    screened_on: datetime.date | None = None,
) -> Screening:
    """Walk the tree in force with the answers; store the answers, the path, the version and the outcome. The
    coach may choose another phase, with a reason."""
    _require_work(actor, dossier)
    screened_on = screened_on or timezone.localdate()
    check_event_date(screened_on, field="screened_on")
    tree = selectors.decision_tree_in_force()
    if not all(isinstance(value, bool) for value in answers.values()):
        raise DomainError(_("Beantwoord elke vraag met ja of nee."), field="answers")
    try:
        outcome = rules.walk_tree(selectors.tree_questions(tree), answers, default_phase=tree.default_phase)
    except rules.MissingAnswer as missing:
        raise DomainError(
            _("Beantwoord de vraag '%(code)s'.") % {"code": missing.code}, field="answers"
        ) from None
    except rules.UnknownQuestion as unknown:
        raise DomainError(
            _("Deze vragen staan niet in de beslissingsboom (versie %(version)d): %(codes)s.")
            % {"version": tree.version, "codes": ", ".join(unknown.codes)},
            field="answers",
        ) from None
    chosen = chosen_phase or outcome.phase
    if chosen not in rules.PHASES:
        raise DomainError(_("Kies een van de zes fasen."), field="chosen_phase")
    override_reason = (override_reason or "").strip()
    if chosen != outcome.phase and not override_reason:
        raise DomainError(
            _("Geef een reden om van de aanbevolen fase af te wijken."), field="override_reason"
        )
    screening = Screening(
        dossier=dossier,
        tree=tree,
        answers=answers,
        path=outcome.path,
        recommended_phase=outcome.phase,
        chosen_phase=chosen,
        override_reason=override_reason if chosen != outcome.phase else "",
        screened_on=screened_on,
        screened_by=actor,
    )
    save_with_history(screening, actor=actor, reason="screening_record", force_insert=True)
    detail = _("Aanbevolen fase: %(phase)s.") % {"phase": PHASE_LABELS[outcome.phase]}
    if chosen != outcome.phase:
        detail += " " + _("Gekozen: %(phase)s (%(reason)s).") % {
            "phase": PHASE_LABELS[chosen],
            "reason": override_reason,
        }
    timeline_event_record(
        actor=actor,
        dossier=dossier,
        kind="activation.screening",
        title=_("Screening activering"),
        detail=detail,
    )
    return screening


# --- Trajectories ---


def _refresh_monitoring(trajectory: Trajectory, *, running_kinds: list[str] | None = None) -> None:
    """next_monitoring_due from the last contact (or the start of the phase), the phase and the running
    measures."""
    since = max(filter(None, [trajectory.phase_since, trajectory.last_monitored_on]))
    running = running_kinds
    if running is None:
        on = max(since, timezone.localdate())
        running = [m.kind for m in Measure.objects.filter(trajectory=trajectory) if m.running_on(on)]
    trajectory.next_monitoring_due = rules.next_monitoring_due(
        since=since, phase=trajectory.phase, running_measures=running, cadences=selectors.cadences()
    )


@transaction.atomic
def trajectory_start(
    *,
    actor,
    dossier: Dossier,
    coach,
    phase: str,
    started_on: datetime.date,
    screening: Screening | None = None,
    reason: str = "",
) -> Trajectory:
    """Start the client's trajectory in a phase with its coach; the coach becomes the dossier's activation
    coach (casework's service, which checks that the actor may name one)."""
    _require_work(actor, dossier)
    if phase not in rules.PHASES:
        raise DomainError(_("Kies een van de zes fasen."), field="phase")
    if coach is None or not coach.is_active or not coach.has_role(Role.ACTIVATION_COACH):
        raise DomainError(_("Kies een trajectbegeleider."), field="coach")
    check_event_date(started_on, field="started_on")
    if screening is not None and screening.dossier_id != dossier.pk:
        raise DomainError(_("Deze screening hoort bij een ander dossier."), field="screening")
    # One running trajectory per dossier: the unique constraint answers (the coach assignment above it is
    # rolled back with the refusal).
    dossier_coach_assign(actor=actor, dossier=dossier, coach=coach)
    dossier.activation_coach = coach  # the caller's copy says so too (the service saved its own)
    trajectory = Trajectory(
        dossier=dossier,
        coach=coach,
        screening=screening,
        phase=phase,
        phase_since=started_on,
        started_on=started_on,
    )
    _refresh_monitoring(trajectory, running_kinds=[])  # a new trajectory has no measures yet
    try:
        with transaction.atomic():
            save_with_history(trajectory, actor=actor, reason="trajectory_start", force_insert=True)
    except IntegrityError:  # a running one already, or a colleague started one at the same moment
        raise Conflict(_("Dit dossier heeft al een lopend traject.")) from None
    start = PhaseChange(
        trajectory=trajectory, from_phase="", to_phase=phase, changed_on=started_on, reason=reason.strip(),
        changed_by=actor,
    )  # fmt: skip
    save_with_history(start, actor=actor, reason="trajectory_start", force_insert=True)
    obligations.trajectory_changed(actor=actor, trajectory=trajectory)
    _timeline(
        actor,
        trajectory,
        "trajectory_start",
        _("Activeringstraject gestart: %(phase)s") % {"phase": PHASE_LABELS[phase]},
        _("Trajectbegeleider: %(coach)s.") % {"coach": coach.display_name},
    )
    return trajectory


def _locked(trajectory: Trajectory) -> Trajectory:
    locked = (
        Trajectory.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=trajectory.pk)
    )
    if locked.ended_on is not None:
        raise Conflict(_("Dit traject is beëindigd."))
    return locked


@transaction.atomic
def trajectory_phase_change(
    *, actor, trajectory: Trajectory, to_phase: str, reason: str, changed_on: datetime.date | None = None
) -> Trajectory:
    trajectory = _locked(trajectory)
    _require_work(actor, trajectory.dossier)
    try:
        rules.check_phase_change(trajectory.phase, to_phase)
    except rules.UnknownPhase:
        raise DomainError(_("Onbekende fase: kies een van de zes fasen."), field="to_phase") from None
    except rules.SamePhase:
        raise Conflict(
            _("De cliënt zit al in de fase '%(phase)s'.") % {"phase": PHASE_LABELS[to_phase]}
        ) from None
    if not (reason or "").strip():
        raise DomainError(_("Geef een reden voor de faseovergang."), field="reason")
    changed_on = changed_on or timezone.localdate()
    check_event_date(changed_on, field="changed_on")
    if changed_on < trajectory.phase_since:
        raise DomainError(
            _("Een faseovergang ligt niet voor de start van de huidige fase (%(date)s).")
            % {"date": trajectory.phase_since.strftime("%d/%m/%Y")},
            field="changed_on",
        )
    change = PhaseChange(
        trajectory=trajectory, from_phase=trajectory.phase, to_phase=to_phase, changed_on=changed_on,
        reason=reason.strip(), changed_by=actor,
    )  # fmt: skip
    save_with_history(change, actor=actor, reason="trajectory_phase_change", force_insert=True)
    from_phase = trajectory.phase
    trajectory.phase = to_phase
    trajectory.phase_since = changed_on
    _refresh_monitoring(trajectory)
    save_with_history(trajectory, actor=actor, reason="trajectory_phase_change")
    obligations.trajectory_changed(actor=actor, trajectory=trajectory)
    _timeline(
        actor,
        trajectory,
        "phase_change",
        _("Fase gewijzigd: %(from)s → %(to)s")
        % {"from": PHASE_LABELS[from_phase], "to": PHASE_LABELS[to_phase]},
        reason.strip(),
    )
    return trajectory


MEASURE_MESSAGES = {
    "unknown_kind": _("Onbekende soort maatregel."),
    "not_in_phase": _("De maatregel '%(kind)s' hoort niet bij de fase '%(phase)s'."),
    "ends_before_start": _("Het einde ligt voor de start."),
    "twe_too_long": _("Tijdelijke werkervaring (ook artikel 60 §7) duurt hoogstens %(years)d jaar."),
    "ibo_needs_end": _("Een IBO heeft een einddatum (4 tot 26 weken)."),
    "ibo_weeks": _("Een IBO duurt %(minimum)d tot %(maximum)d weken."),
    "wijk_werken_needs_hours": _("Geef het aantal uren wijk-werken per maand."),
    "wijk_werken_hours": _("Wijk-werken is hoogstens %(maximum)d uur per maand."),
    "negative_hours": _("Het aantal uren kan niet negatief zijn."),
}


@transaction.atomic
def measure_record(
    *,
    actor,
    trajectory: Trajectory,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    partner=None,
    partner_name: str = "",
    hours_per_month: int | None = None,
    interests: str = "",
    job_target: str = "",
    level: str = "",
    outcome: str = "",
) -> Measure:
    """A measure of the current phase, with its partner, dates and hours (domain §5's limits)."""
    trajectory = _locked(trajectory)
    _require_work(actor, trajectory.dossier)
    check_planned_date(started_on, field="started_on")
    check_planned_date(ended_on, field="ended_on")
    try:
        rules.check_measure(
            phase=trajectory.phase, kind=kind, started_on=started_on, ended_on=ended_on,
            hours_per_month=hours_per_month,
        )  # fmt: skip
    except rules.MeasureRefused as refused:
        params = {
            **refused.params,
            "kind": MEASURE_LABELS.get(kind, kind),
            "phase": PHASE_LABELS[trajectory.phase],
        }
        raise DomainError(MEASURE_MESSAGES[refused.code] % params, field=refused.field) from None
    if kind == "job_search" and not job_target.strip():
        raise DomainError(_("Geef het jobdoelwit."), field="job_target")
    measure = Measure(
        trajectory=trajectory,
        phase=trajectory.phase,
        kind=kind,
        partner=partner,
        partner_name=partner_name.strip(),
        started_on=started_on,
        ended_on=ended_on,
        hours_per_month=hours_per_month,
        interests=interests.strip(),
        job_target=job_target.strip(),
        level=level.strip(),
        outcome=outcome.strip(),
        recorded_by=actor,
    )
    save_with_history(measure, actor=actor, reason="measure_record", force_insert=True)
    _refresh_monitoring(trajectory)
    save_with_history(trajectory, actor=actor, reason="measure_record")
    obligations.trajectory_changed(actor=actor, trajectory=trajectory)
    label = MEASURE_LABELS[kind]
    partner_label = measure.partner_label
    _timeline(
        actor,
        trajectory,
        "measure",
        _("Maatregel: %(kind)s") % {"kind": label} + (f" ({partner_label})" if partner_label else ""),
        _("Vanaf %(date)s.") % {"date": started_on.strftime("%d/%m/%Y")},
    )
    return measure


@transaction.atomic
def monitoring_contact_record(
    *,
    actor,
    trajectory: Trajectory,
    held_on: datetime.date,
    with_whom: str,
    summary: str,
    in_person: bool = True,
) -> MonitoringContact:
    trajectory = _locked(trajectory)
    _require_work(actor, trajectory.dossier)
    check_event_date(held_on, field="held_on")
    if not with_whom.strip():
        raise DomainError(_("Met wie was het contact?"), field="with_whom")
    if not summary.strip():
        raise DomainError(_("Vat het contact samen."), field="summary")
    contact = MonitoringContact(
        trajectory=trajectory, held_on=held_on, with_whom=with_whom.strip(), summary=summary.strip(),
        in_person=in_person, recorded_by=actor,
    )  # fmt: skip
    save_with_history(contact, actor=actor, reason="monitoring_contact_record", force_insert=True)
    if trajectory.last_monitored_on is None or held_on > trajectory.last_monitored_on:
        trajectory.last_monitored_on = held_on
    _refresh_monitoring(trajectory)
    save_with_history(trajectory, actor=actor, reason="monitoring_contact_record")
    obligations.trajectory_changed(actor=actor, trajectory=trajectory, contact_on=held_on)
    _timeline(
        actor,
        trajectory,
        "monitoring",
        _("Opvolgcontact activering met %(who)s") % {"who": with_whom.strip()},
    )
    return contact


# --- GPMI ---

GPMI_TEXTS = ("social_balance", "goals", "client_commitments", "ocmw_commitments", "third_parties")


def _check_signature(gpmi: Gpmi) -> None:
    """Domain §4: a sociale balans precedes the contract; a contract states the commitments of both sides."""
    if not gpmi.social_balance.strip():
        raise DomainError(
            _("Maak eerst de sociale balans op: zonder balans kan het GPMI niet ondertekend worden."),
            field="social_balance",
        )
    if not (gpmi.client_commitments.strip() and gpmi.ocmw_commitments.strip()):
        raise DomainError(
            _("Een GPMI vermeldt de engagementen van de cliënt en van het OCMW."), field="client_commitments"
        )
    check_event_date(gpmi.signed_on, field="signed_on")
    if gpmi.signed_on < gpmi.leefloon_granted_on:
        raise DomainError(
            _("Een GPMI wordt ondertekend na de toekenning van het leefloon."), field="signed_on"
        )


def _refresh_evaluation(gpmi: Gpmi) -> None:
    gpmi.next_evaluation_due = selectors.gpmi_standing(gpmi).next_due if gpmi.signed_on else None


@transaction.atomic
def gpmi_create(
    *,
    actor,
    dossier: Dossier,
    kind: str,
    leefloon_granted_on: datetime.date,
    signed_on: datetime.date | None = None,
    **texts,
) -> Gpmi:
    _require_work(actor, dossier)
    if kind not in GpmiKind.values:
        raise DomainError(_("Kies standaard of student."), field="kind")
    check_event_date(leefloon_granted_on, field="leefloon_granted_on")
    if unknown := set(texts) - set(GPMI_TEXTS):
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    gpmi = Gpmi(
        dossier=dossier,
        kind=kind,
        leefloon_granted_on=leefloon_granted_on,
        conclusion_due=rules.gpmi_conclusion_due(leefloon_granted_on),
        created_by=actor,
        **{field: (value or "").strip() for field, value in texts.items()},
    )
    if signed_on is not None:
        gpmi.signed_on = signed_on
        gpmi.status = GpmiStatus.SIGNED
        _check_signature(gpmi)
    save_with_history(gpmi, actor=actor, reason="gpmi_create", force_insert=True)
    _refresh_evaluation(gpmi)
    save_with_history(gpmi, actor=actor, reason="gpmi_create")
    obligations.gpmi_changed(actor=actor, gpmi=gpmi)
    timeline_event_record(
        actor=actor,
        dossier=dossier,
        kind="activation.gpmi",
        title=_("GPMI ondertekend") if signed_on else _("GPMI in opmaak"),
        detail=_("Af te sluiten tegen %(date)s.") % {"date": gpmi.conclusion_due.strftime("%d/%m/%Y")},
    )
    return gpmi


@transaction.atomic
def gpmi_update(*, actor, gpmi: Gpmi, signed_on: datetime.date | None = None, **texts) -> Gpmi:
    """Write the contract (sociale balans, goals, both sides' commitments) and sign it; a signed contract
    changed later is an amendment: a new version, the history keeps the earlier one."""
    gpmi = Gpmi.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gpmi.pk)
    _require_work(actor, gpmi.dossier)
    if gpmi.status == GpmiStatus.EXEMPTED:
        raise Conflict(_("Voor deze cliënt geldt een vrijstelling van het GPMI."))
    if unknown := set(texts) - set(GPMI_TEXTS):
        raise DomainError(_("Onbekende velden: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    changed = [field for field, value in texts.items() if (value or "").strip() != getattr(gpmi, field)]
    for field in changed:
        setattr(gpmi, field, texts[field].strip())
    signing = signed_on is not None and gpmi.status == GpmiStatus.DRAFT
    if signing:
        gpmi.signed_on = signed_on
        gpmi.status = GpmiStatus.SIGNED
        _check_signature(gpmi)
    elif gpmi.status == GpmiStatus.SIGNED and changed:
        # An amendment keeps what a signed contract must hold.
        if not (gpmi.social_balance and gpmi.client_commitments and gpmi.ocmw_commitments):
            raise DomainError(
                _("Een ondertekend GPMI houdt de sociale balans en de engagementen van beide kanten."),
                field="social_balance" if not gpmi.social_balance else "client_commitments",
            )
        gpmi.version += 1
    _refresh_evaluation(gpmi)
    save_with_history(gpmi, actor=actor, reason="gpmi_sign" if signing else "gpmi_update")
    obligations.gpmi_changed(actor=actor, gpmi=gpmi)
    if signing or (changed and gpmi.status == GpmiStatus.SIGNED):
        timeline_event_record(
            actor=actor,
            dossier=gpmi.dossier,
            kind="activation.gpmi",
            title=_("GPMI ondertekend")
            if signing
            else _("GPMI gewijzigd (versie %(v)d)") % {"v": gpmi.version},
        )
    return gpmi


@transaction.atomic
def gpmi_exempt(*, actor, gpmi: Gpmi, reason: str) -> Gpmi:
    """No GPMI for health or equity reasons (domain §4; subsidy code 8), with the reason."""
    gpmi = Gpmi.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gpmi.pk)
    _require_work(actor, gpmi.dossier)
    if gpmi.status != GpmiStatus.DRAFT:
        raise Conflict(_("Een ondertekend GPMI kan niet meer vrijgesteld worden."))
    if not (reason or "").strip():
        raise DomainError(_("Geef de reden van gezondheid of billijkheid."), field="reason")
    gpmi.status = GpmiStatus.EXEMPTED
    gpmi.exemption_reason = reason.strip()
    save_with_history(gpmi, actor=actor, reason="gpmi_exempt")
    obligations.gpmi_changed(actor=actor, gpmi=gpmi)
    timeline_event_record(
        actor=actor, dossier=gpmi.dossier, kind="activation.gpmi", title=_("Vrijstelling GPMI"), detail=reason
    )
    return gpmi


@transaction.atomic
def gpmi_evaluate(
    *, actor, gpmi: Gpmi, held_on: datetime.date, in_person: bool, summary: str
) -> GpmiEvaluation:
    gpmi = Gpmi.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gpmi.pk)
    _require_work(actor, gpmi.dossier)
    if gpmi.status != GpmiStatus.SIGNED:
        raise Conflict(_("Alleen een ondertekend GPMI wordt geëvalueerd."))
    check_event_date(held_on, field="held_on")
    if held_on < gpmi.signed_on:
        raise DomainError(_("Een evaluatie ligt na de ondertekening."), field="held_on")
    if not (summary or "").strip():
        raise DomainError(_("Vat de evaluatie samen."), field="summary")
    evaluation = GpmiEvaluation(
        gpmi=gpmi, held_on=held_on, in_person=in_person, summary=summary.strip(), recorded_by=actor
    )
    save_with_history(evaluation, actor=actor, reason="gpmi_evaluate", force_insert=True)
    _refresh_evaluation(gpmi)
    save_with_history(gpmi, actor=actor, reason="gpmi_evaluate")
    obligations.gpmi_changed(actor=actor, gpmi=gpmi, evaluated_on=held_on)
    timeline_event_record(
        actor=actor,
        dossier=gpmi.dossier,
        kind="activation.gpmi_evaluation",
        title=_("Evaluatie GPMI") + (" (" + _("face to face") + ")" if in_person else ""),
        detail=summary.strip(),
    )
    return evaluation


# --- Warnings and sanction proposals ---


@transaction.atomic
def gpmi_warning_give(*, actor, gpmi: Gpmi, given_on: datetime.date, reason: str) -> GpmiWarning:
    """A formal warning for not keeping the contract: the step before any sanction proposal."""
    gpmi = Gpmi.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gpmi.pk)
    _require_work(actor, gpmi.dossier)
    if gpmi.status != GpmiStatus.SIGNED:
        raise Conflict(_("Een verwittiging geldt een ondertekend GPMI."))
    check_event_date(given_on, field="given_on")
    if not (reason or "").strip():
        raise DomainError(_("Welke afspraak werd niet nagekomen?"), field="reason")
    warning = GpmiWarning(gpmi=gpmi, given_on=given_on, reason=reason.strip(), given_by=actor)
    save_with_history(warning, actor=actor, reason="gpmi_warning_give", force_insert=True)
    timeline_event_record(
        actor=actor, dossier=gpmi.dossier, kind="activation.gpmi_warning", title=_("Verwittiging GPMI"),
        detail=reason.strip(),
    )  # fmt: skip
    return warning


@transaction.atomic
def sanction_propose(
    *, actor, gpmi: Gpmi, suspension_months: int, motivation: str, proposed_on: datetime.date | None = None
) -> SanctionProposal:
    """Propose to the committee to suspend the leefloon (up to 1 month; up to 3 on a repeat within a year),
    after a formal warning; the committee hears the client before it decides."""
    gpmi = Gpmi.objects.select_for_update(of=("self",)).select_related("dossier").get(pk=gpmi.pk)
    _require_work(actor, gpmi.dossier)
    proposed_on = proposed_on or timezone.localdate()
    check_event_date(proposed_on, field="proposed_on")
    warning = gpmi.warnings.filter(given_on__lte=proposed_on).order_by("-given_on").first()
    if warning is None:
        raise Conflict(_("Een sanctievoorstel komt na een formele verwittiging."))
    if not (motivation or "").strip():
        raise DomainError(_("Motiveer het voorstel."), field="motivation")
    earlier = SanctionProposal.objects.filter(gpmi__dossier__client_id=gpmi.dossier.client_id)
    repeat = rules.sanction_is_repeat(proposed_on, earlier.values_list("proposed_on", flat=True))
    maximum = rules.sanction_max_months(repeat)
    if not 1 <= suspension_months <= maximum:
        raise DomainError(
            _("Een schorsing duurt 1 tot %(max)d maand(en).") % {"max": maximum}, field="suspension_months"
        )
    proposal = SanctionProposal(
        gpmi=gpmi, warning=warning, proposed_on=proposed_on, suspension_months=suspension_months,
        repeat=repeat, motivation=motivation.strip(), proposed_by=actor,
    )  # fmt: skip
    save_with_history(proposal, actor=actor, reason="sanction_propose", force_insert=True)
    timeline_event_record(
        actor=actor, dossier=gpmi.dossier, kind="activation.sanction_proposal",
        title=_("Sanctievoorstel GPMI: schorsing van %(n)d maand(en)") % {"n": suspension_months},
        detail=motivation.strip(),
    )  # fmt: skip
    return proposal


@transaction.atomic
def sanction_proposal_mark_submitted(*, actor, proposal: SanctionProposal, submission_id) -> SanctionProposal:
    """Called by the committee app once it has made the submission (kind gpmi_sanction) from the proposal:
    a higher app calls the lower app's service, activation never imports bcsd."""
    proposal = SanctionProposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if proposal.status != SanctionProposalStatus.PROPOSED:
        raise Conflict(_("Dit voorstel is al aan het BCSD voorgelegd."))
    proposal.status = SanctionProposalStatus.SUBMITTED
    proposal.submission_id = submission_id
    save_with_history(proposal, actor=actor, reason="sanction_proposal_mark_submitted")
    return proposal


# --- Group activation work ---


def _require_organiser(actor, activity: GroupActivity) -> None:
    if activity.organiser_id != actor.pk:
        raise NotFoundError()


@transaction.atomic
def group_activity_create(
    *, actor, name: str, starts_on: datetime.date, description: str = ""
) -> GroupActivity:
    if not actor.has_role(Role.ACTIVATION_COACH):
        raise PermissionDeniedError()
    if not (name or "").strip():
        raise DomainError(_("Geef de activiteit een naam."), field="name")
    check_planned_date(starts_on, field="starts_on")
    activity = GroupActivity(
        name=name.strip(), description=description.strip(), organiser=actor, starts_on=starts_on
    )
    save_with_history(activity, actor=actor, reason="group_activity_create", force_insert=True)
    return activity


@transaction.atomic
def group_participant_add(*, actor, activity: GroupActivity, trajectory: Trajectory) -> GroupParticipant:
    """A client joins through their trajectory, added by someone who works in their dossier."""
    _require_organiser(actor, activity)
    trajectory = _locked(trajectory)
    _require_work(actor, trajectory.dossier)
    if GroupParticipant.objects.filter(activity=activity, trajectory=trajectory).exists():
        raise Conflict(_("Deze cliënt neemt al deel."))
    participant = GroupParticipant(activity=activity, trajectory=trajectory, added_by=actor)
    save_with_history(participant, actor=actor, reason="group_participant_add", force_insert=True)
    _timeline(
        actor,
        trajectory,
        "group",
        _("Neemt deel aan de groepsactiviteit '%(name)s'") % {"name": activity.name},
    )
    return participant


@transaction.atomic
def group_session_record(
    *, actor, activity: GroupActivity, held_on: datetime.date, topic: str, present_participant_ids
) -> GroupSession:
    """A session with the attendance of every participant (present or not)."""
    _require_organiser(actor, activity)
    check_event_date(held_on, field="held_on")
    if not (topic or "").strip():
        raise DomainError(_("Geef het onderwerp van de sessie."), field="topic")
    session = GroupSession(activity=activity, held_on=held_on, topic=topic.strip(), recorded_by=actor)
    save_with_history(session, actor=actor, reason="group_session_record", force_insert=True)
    present = {int(pk) for pk in present_participant_ids}
    for participant in activity.participants.all():
        row = GroupAttendance(session=session, participant=participant, present=participant.pk in present)
        save_with_history(row, actor=actor, reason="group_session_record", force_insert=True)
    return session


@transaction.atomic
def group_activity_evaluate(*, actor, activity: GroupActivity, evaluation: str) -> GroupActivity:
    _require_organiser(actor, activity)
    if not (evaluation or "").strip():
        raise DomainError(_("Schrijf de eindevaluatie."), field="evaluation")
    activity.final_evaluation = evaluation.strip()
    activity.evaluated_on = timezone.localdate()
    save_with_history(activity, actor=actor, reason="group_activity_evaluate")
    return activity

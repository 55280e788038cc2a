"""Activation (shared/domain.md §4, §5): the decision tree as versioned data, screenings, six-phase
trajectories with their phase history and measures, the monitoring cadence,
and the GPMI with its evaluations."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.models import Dossier, Partner


class Phase(models.TextChoices):
    CARE = "care", _("Zorg en hulpverlening")
    LANGUAGE = "language", _("Taalactivering")
    SOCIAL_ACTIVATION = "social_activation", _("Sociale activering")
    WORK_ACTIVATION = "work_activation", _("Arbeidsactivering")
    JOB_GUIDANCE = "job_guidance", _("Arbeidstoeleiding")
    WORK = "work", _("Arbeid")


class MeasureKind(models.TextChoices):
    VOLUNTEER_WORK = "volunteer_work", _("vrijwilligerswerk")
    ADAPTED_EMPLOYMENT = "adapted_employment", _("aangepaste tewerkstelling")
    TRAINING = "training", _("opleiding")
    TWE = "twe", _("tijdelijke werkervaring (TWE)")
    IBO = "ibo", _("individuele beroepsopleiding (IBO)")
    WIJK_WERKEN = "wijk_werken", _("wijk-werken")
    ARTICLE_60 = "article_60", _("artikel 60 §7")
    JOB_SEARCH = "job_search", _("zoektocht naar werk")
    LANGUAGE_COURSE = "language_course", _("cursus Nederlands")


# --- The decision tree (beslissingsboom) ---


class DecisionTree(models.Model):
    """One version of the tree. The version in force is the newest; an admin edits the tree by adding a
    version, so a stored screening keeps the version (and the questions) it was made with."""

    version = models.PositiveIntegerField(_("versie"), unique=True)
    name = models.CharField(_("naam"), max_length=150)
    default_phase = models.CharField(
        _("fase als geen vraag met ja beantwoord is"),
        max_length=30,
        choices=Phase.choices,
        default=Phase.WORK,
    )
    created_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("beslissingsboom")
        verbose_name_plural = _("beslissingsbomen")

    def __str__(self):
        return f"{self.name} (versie {self.version})"


class DecisionQuestion(models.Model):
    tree = models.ForeignKey(DecisionTree, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(_("volgorde"))
    code = models.SlugField(_("code"), max_length=60)
    text = models.CharField(_("vraag"), max_length=300)
    phase = models.CharField(_("fase bij ja"), max_length=30, choices=Phase.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["tree", "position"]
        verbose_name = _("vraag van de beslissingsboom")
        verbose_name_plural = _("vragen van de beslissingsboom")
        constraints = [
            models.UniqueConstraint(fields=["tree", "code"], name="decision_question_code_unique"),
            models.UniqueConstraint(fields=["tree", "position"], name="decision_question_position_unique"),
        ]

    def __str__(self):
        return f"{self.position}. {self.text}"


class Screening(models.Model):
    """A walk through the tree for a client: the answers, the path, the version and the outcome; the coach may
    choose another phase with a reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="screenings")
    tree = models.ForeignKey(DecisionTree, on_delete=models.PROTECT, related_name="screenings")
    answers = models.JSONField(_("antwoorden"))
    path = models.JSONField(_("gevolgde weg"))
    recommended_phase = models.CharField(_("aanbevolen fase"), max_length=30, choices=Phase.choices)
    chosen_phase = models.CharField(_("gekozen fase"), max_length=30, choices=Phase.choices)
    override_reason = models.TextField(_("reden voor een andere fase"), blank=True)
    screened_on = models.DateField(_("gescreend op"), default=timezone.localdate)
    screened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-screened_on", "-created_at"]
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self):
        return f"{self.get_recommended_phase_display()} ({self.screened_on:%d/%m/%Y})"


# --- Trajectories ---


class Trajectory(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="trajectories")
    coach = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="trajectories")
    screening = models.ForeignKey(
        Screening, null=True, blank=True, on_delete=models.PROTECT, related_name="trajectories"
    )
    phase = models.CharField(_("fase"), max_length=30, choices=Phase.choices)
    phase_since = models.DateField(_("in deze fase sinds"))
    started_on = models.DateField(_("gestart op"))
    ended_on = models.DateField(_("beëindigd op"), null=True, blank=True)
    last_monitored_on = models.DateField(_("laatste opvolgcontact"), null=True, blank=True)
    # Stored (architecture rule 6): the coach's board sorts and filters on it.
    next_monitoring_due = models.DateField(_("volgend opvolgcontact"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["next_monitoring_due", "started_on"]
        verbose_name = _("traject")
        verbose_name_plural = _("trajecten")
        constraints = [
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(ended_on__isnull=True),
                name="trajectory_one_running_per_dossier",
            )
        ]

    def __str__(self):
        return f"{self.get_phase_display()} sinds {self.phase_since:%d/%m/%Y}"


class PhaseChange(models.Model):
    """One line of the phase history; the first has no `from_phase` (the start of the trajectory)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="phase_history")
    from_phase = models.CharField(_("van"), max_length=30, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("naar"), max_length=30, choices=Phase.choices)
    changed_on = models.DateField(_("datum"))
    reason = models.TextField(_("reden"), blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["changed_on", "created_at"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")

    def __str__(self):
        return f"{self.from_phase or '-'} → {self.to_phase} ({self.changed_on:%d/%m/%Y})"


class MonitoringCadence(models.Model):
    """How often the coach has contact, in a phase or while a measure runs (seed 003: monthly with the VDAB
    consultant or employer during adapted employment, twice a month in `work`)."""

    phase = models.CharField(_("fase"), max_length=30, choices=Phase.choices, blank=True)
    measure_kind = models.CharField(_("maatregel"), max_length=30, choices=MeasureKind.choices, blank=True)
    interval_days = models.PositiveSmallIntegerField(_("elke zoveel dagen"))
    description = models.CharField(_("omschrijving"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("opvolgritme")
        verbose_name_plural = _("opvolgritmes")
        constraints = [
            models.CheckConstraint(
                condition=(Q(phase="") & ~Q(measure_kind="")) | (~Q(phase="") & Q(measure_kind="")),
                name="cadence_phase_or_measure",
            ),
            models.CheckConstraint(condition=Q(interval_days__gt=0), name="cadence_interval_positive"),
        ]

    def __str__(self):
        return f"{self.phase or self.measure_kind}: {self.interval_days} d"


class Measure(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="measures")
    phase = models.CharField(_("fase"), max_length=30, choices=Phase.choices)
    kind = models.CharField(_("soort"), max_length=30, choices=MeasureKind.choices)
    # A partner of the social map (host organisation, employer, VDAB) or, when it is not on the map, its name.
    partner = models.ForeignKey(Partner, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    partner_name = models.CharField(_("partner"), max_length=150, blank=True)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("einde"), null=True, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(_("uren per maand"), null=True, blank=True)
    interests = models.TextField(_("interesses van de cliënt"), blank=True)
    job_target = models.CharField(_("jobdoelwit"), max_length=200, blank=True)
    level = models.CharField(_("niveau"), max_length=20, blank=True)
    outcome = models.TextField(_("resultaat"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["started_on", "created_at"]
        verbose_name = _("maatregel")
        verbose_name_plural = _("maatregelen")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.started_on:%d/%m/%Y})"

    @property
    def partner_label(self) -> str:
        return self.partner.name if self.partner_id else self.partner_name

    def running_on(self, day) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on >= day)


class MonitoringContact(models.Model):
    """A follow-up contact of the coach (with the client, the VDAB consultant, the employer, the host
    organisation): it moves next_monitoring_due."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="monitoring_contacts")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("datum"))
    with_whom = models.CharField(_("met wie"), max_length=150)
    in_person = models.BooleanField(_("face to face"), default=True)
    summary = models.TextField(_("samenvatting"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("opvolgcontact")
        verbose_name_plural = _("opvolgcontacten")

    def __str__(self):
        return f"{self.with_whom} ({self.held_on:%d/%m/%Y})"


# --- GPMI ---


class GpmiKind(models.TextChoices):
    STANDARD = "standard", _("standaard")
    STUDENT = "student", _("student (voltijdse studie)")


class GpmiStatus(models.TextChoices):
    DRAFT = "draft", _("in opmaak")
    SIGNED = "signed", _("ondertekend")
    EXEMPTED = "exempted", _("vrijgesteld")


class GpmiEvaluationRule(models.Model):
    """The evaluation rule from a date on (domain §4: default 3 a year, 2 of them in person)."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    evaluations_per_year = models.PositiveSmallIntegerField(_("evaluaties per jaar"), default=3)
    in_person_minimum = models.PositiveSmallIntegerField(_("waarvan minstens face to face"), default=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("evaluatieregel GPMI")
        verbose_name_plural = _("evaluatieregels GPMI")
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluations_per_year__gt=0), name="gpmi_rule_per_year_positive"
            ),
            models.CheckConstraint(
                condition=Q(in_person_minimum__lte=models.F("evaluations_per_year")),
                name="gpmi_rule_in_person_within_total",
            ),
        ]

    def __str__(self):
        return f"{self.evaluations_per_year}/{self.in_person_minimum} vanaf {self.valid_from:%d/%m/%Y}"


class Gpmi(models.Model):
    """The geïndividualiseerd project voor maatschappelijke integratie: the written contract of client and
    OCMW. An amendment raises `version`; the history keeps every earlier text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="gpmis")
    kind = models.CharField(_("soort"), max_length=20, choices=GpmiKind.choices, default=GpmiKind.STANDARD)
    status = models.CharField(
        _("status"), max_length=20, choices=GpmiStatus.choices, default=GpmiStatus.DRAFT
    )
    leefloon_granted_on = models.DateField(_("leefloon toegekend op"))
    conclusion_due = models.DateField(_("af te sluiten tegen"), db_index=True)
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True)
    social_balance = models.TextField(_("sociale balans"), blank=True)
    goals = models.TextField(_("doelen"), blank=True)
    client_commitments = models.TextField(_("engagementen van de cliënt"), blank=True)
    ocmw_commitments = models.TextField(_("engagementen van het OCMW"), blank=True)
    third_parties = models.TextField(_("andere partijen die ondertekenen"), blank=True)
    exemption_reason = models.TextField(_("reden van vrijstelling"), blank=True)
    version = models.PositiveIntegerField(default=1)
    next_evaluation_due = models.DateField(_("volgende evaluatie"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["conclusion_due"]
        verbose_name = _("GPMI")
        verbose_name_plural = _("GPMI's")

    def __str__(self):
        return f"GPMI {self.get_kind_display()} ({self.get_status_display()})"


class GpmiEvaluation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gpmi = models.ForeignKey(Gpmi, on_delete=models.PROTECT, related_name="evaluations")
    held_on = models.DateField(_("gehouden op"))
    in_person = models.BooleanField(_("face to face"))
    summary = models.TextField(_("samenvatting"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("evaluatie GPMI")
        verbose_name_plural = _("evaluaties GPMI")

    def __str__(self):
        return f"{self.held_on:%d/%m/%Y}"


class GpmiWarning(models.Model):
    """A formal warning for not keeping the GPMI (domain §3, §4): the step before a sanction proposal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gpmi = models.ForeignKey(Gpmi, on_delete=models.PROTECT, related_name="warnings")
    given_on = models.DateField(_("gegeven op"))
    reason = models.TextField(_("reden"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-created_at"]
        verbose_name = _("verwittiging GPMI")
        verbose_name_plural = _("verwittigingen GPMI")

    def __str__(self):
        return f"{self.given_on:%d/%m/%Y}"


class SanctionProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    SUBMITTED = "submitted", _("aan het BCSD voorgelegd")


class SanctionProposal(models.Model):
    """A proposal to suspend the leefloon for not keeping the GPMI (art. 30 §2 RMI law): up to 1 month, up
    to 3 on a repeat within a year, always after a hearing. Stored here; the committee app (bcsd) reads it and
    makes a submission of kind gpmi_sanction, then marks it submitted (activation never imports bcsd)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    gpmi = models.ForeignKey(Gpmi, on_delete=models.PROTECT, related_name="sanction_proposals")
    warning = models.ForeignKey(GpmiWarning, on_delete=models.PROTECT, related_name="+")
    proposed_on = models.DateField(_("voorgesteld op"))
    suspension_months = models.PositiveSmallIntegerField(_("schorsing (maanden)"))
    repeat = models.BooleanField(_("herhaling binnen het jaar"), default=False)
    motivation = models.TextField(_("motivering"))
    status = models.CharField(
        max_length=20, choices=SanctionProposalStatus.choices, default=SanctionProposalStatus.PROPOSED
    )
    submission_id = models.UUIDField(_("voorlegging aan het BCSD"), null=True, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_on", "-created_at"]
        verbose_name = _("sanctievoorstel GPMI")
        verbose_name_plural = _("sanctievoorstellen GPMI")
        constraints = [
            models.CheckConstraint(
                condition=Q(suspension_months__gte=1, suspension_months__lte=3), name="sanction_months_1_to_3"
            )
        ]

    def __str__(self):
        return f"{self.suspension_months} m ({self.proposed_on:%d/%m/%Y})"


# --- Group activation work (seed 003: "projectmatig werken met de doelgroep ... groepswerking") ---


class GroupActivity(models.Model):
    """A group activity the coach organises (a job club, a Dutch conversation table): sessions, participants
    from trajectories, attendance per session and a final evaluation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("start"))
    final_evaluation = models.TextField(_("eindevaluatie"), blank=True)
    evaluated_on = models.DateField(_("geëvalueerd op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("groepsactiviteit")
        verbose_name_plural = _("groepsactiviteiten")

    def __str__(self):
        return self.name


class GroupParticipant(models.Model):
    activity = models.ForeignKey(GroupActivity, on_delete=models.PROTECT, related_name="participants")
    trajectory = models.ForeignKey(Trajectory, on_delete=models.PROTECT, related_name="group_participations")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["activity", "trajectory"], name="group_participant_unique")
        ]

    def __str__(self):
        return f"{self.activity_id}: {self.trajectory_id}"


class GroupSession(models.Model):
    activity = models.ForeignKey(GroupActivity, on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("datum"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on"]

    def __str__(self):
        return f"{self.topic} ({self.held_on:%d/%m/%Y})"


class GroupAttendance(models.Model):
    session = models.ForeignKey(GroupSession, on_delete=models.PROTECT, related_name="attendance")
    participant = models.ForeignKey(GroupParticipant, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("aanwezig"))

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="group_attendance_unique")
        ]

    def __str__(self):
        return f"{self.session_id}: {'aanwezig' if self.present else 'afwezig'}"

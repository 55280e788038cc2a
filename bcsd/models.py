"""The committee (Bijzonder Comité voor de Sociale Dienst, Decreet Lokaal Bestuur art. 113): meetings and
their agenda, submissions frozen for the members to read, the team lead's review, hearings (hoorrecht),
decisions, their notification and appeals (shared/domain.md §2 and §6)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    AGENDA_PUBLISHED = "agenda_published", _("agenda verstuurd")
    HELD = "held", _("gehouden")
    MINUTES_APPROVED = "minutes_approved", _("notulen goedgekeurd")


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    date = models.DateField(_("datum"))
    time = models.TimeField(_("uur"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=150, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="bcsd_meetings", blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED)
    published_on = models.DateField(_("agenda verstuurd op"), null=True, blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    # The minutes of a meeting are approved at the next one.
    minutes_approved_at = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-date", "-time"]
        verbose_name = _("zitting")
        verbose_name_plural = _("zittingen")

    def __str__(self):
        return f"BCSD {self.date:%d/%m/%Y}"


class SubmissionKind(models.TextChoices):
    LEEFLOON_GRANT = "leefloon_grant", _("leefloon: toekenning")
    LEEFLOON_REFUSAL = "leefloon_refusal", _("leefloon: weigering")
    LEEFLOON_REVISION = "leefloon_revision", _("leefloon: herziening")
    LEEFLOON_END = "leefloon_end", _("leefloon: stopzetting")
    EQUIVALENT_LEEFLOON = "equivalent_leefloon", _("equivalent leefloon")
    FINANCIAL_AID = "financial_aid", _("financiële steun")
    RENTAL_DEPOSIT = "rental_deposit", _("huurwaarborg")
    HEATING_ALLOWANCE = "heating_allowance", _("verwarmingstoelage")
    MEDICAL_CARD = "medical_card", _("medische kaart")
    ARTICLE_60 = "article_60", _("tewerkstelling art. 60 §7")
    BUDGET_MANAGEMENT = "budget_management", _("budgetbeheer")
    GPMI_SANCTION = "gpmi_sanction", _("sanctie GPMI")
    RECOVERY = "recovery", _("terugvordering")
    OTHER = "other", _("andere")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("per maand")
    ONCE = "once", _("eenmalig")
    YEARLY = "yearly", _("per jaar")


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("ingediend")
    RETURNED = "returned", _("teruggestuurd")
    READY = "ready", _("klaar voor de agenda")
    ON_AGENDA = "on_agenda", _("geagendeerd")
    DECIDED = "decided", _("beslist")


class Submission(models.Model):
    """A proposal to the committee. What the members read is frozen in `snapshot` when it is submitted (the
    social report, the calculation, the proposal) with its sha256 `snapshot_hash`; later edits of the dossier
    do not change it: a new version is a new submission."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="bcsd_submissions")
    request = models.ForeignKey(
        "casework.AidRequest",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bcsd_submissions",
    )
    calculation = models.ForeignKey(
        "casework.LeefloonCalculation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=30, choices=SubmissionKind.choices)
    proposal = models.TextField(_("ontwerpbeslissing"))
    motivation = models.TextField(_("motivering"))
    legal_basis = models.TextField(_("rechtsgrond"))
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2, null=True, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices, blank=True)
    period_start = models.DateField(_("vanaf"), null=True, blank=True)
    period_end = models.DateField(_("tot"), null=True, blank=True)
    # For submissions that do not come from a request (a GPMI sanction, a recovery): the hearing was offered.
    hearing_offered_on = models.DateField(_("hoorrecht aangeboden op"), null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    snapshot = models.JSONField(editable=False)
    snapshot_hash = models.CharField(max_length=64, editable=False)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("voorstel aan het BCSD")
        verbose_name_plural = _("voorstellen aan het BCSD")
        indexes = [
            models.Index(fields=["status"], name="bcsd_submission_status"),
            # The dashboard joins decisions to their submission's dossier and request: from the index alone,
            # not from rows wide with the social report's texts (docs/performance.md).
            models.Index(fields=["id"], include=["dossier", "request", "kind"], name="bcsd_submission_links"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.submitted_at:%d/%m/%Y})" if self.submitted_at else self.kind


class ReviewOutcome(models.TextChoices):
    APPROVED = "approved", _("goedgekeurd")
    RETURNED = "returned", _("teruggestuurd")


class Review(models.Model):
    """The four-eyes check of a proposal by the team lead before it may go on an agenda."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=ReviewOutcome.choices)
    remarks = models.TextField(_("opmerkingen"), blank=True)
    reviewed_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_at"]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.reviewed_at:%d/%m/%Y})"


class AgendaItem(models.Model):
    """An item of a meeting's agenda. `late`: added after the agenda deadline (or on an agenda published
    late): the committee decides it only with 2/3 of the members present in favour."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="agenda_items")
    position = models.PositiveIntegerField()
    late = models.BooleanField(_("laattijdig"), default=False)
    # An urgent decision of the chair, put on the agenda to be ratified.
    ratification = models.BooleanField(_("bekrachtiging"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "submission"], name="bcsd_agenda_item_unique"),
        ]

    def __str__(self):
        return f"{self.meeting} #{self.position}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("goedgekeurd")
    AMENDED = "amended", _("goedgekeurd met wijzigingen")
    REFUSED = "refused", _("geweigerd")
    POSTPONED = "postponed", _("uitgesteld")


class NotificationMethod(models.TextChoices):
    REGISTERED_MAIL = "registered_mail", _("aangetekende brief")
    RECEIPT = "receipt", _("tegen ontvangstbewijs")
    ORDINARY_MAIL = "ordinary_mail", _("gewone brief")


class Decision(models.Model):
    """A decision of the committee (or an urgent one of the chair) on a submission. A postponement is a
    decision too (recorded), after which the submission goes back to ready; at most one other decision per
    submission (a constraint, so two secretaries recording at once cannot both win)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    urgent = models.BooleanField(_("dringende beslissing van de voorzitter"), default=False)
    outcome = models.CharField(max_length=10, choices=DecisionOutcome.choices)
    motivation = models.TextField(_("motivering"))
    legal_basis = models.TextField(_("rechtsgrond"))
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2, null=True, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices, blank=True)
    period_start = models.DateField(_("vanaf"), null=True, blank=True)
    period_end = models.DateField(_("tot"), null=True, blank=True)
    decided_on = models.DateField(_("beslist op"))
    votes_in_favour = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_abstained = models.PositiveSmallIntegerField(null=True, blank=True)
    notification_due = models.DateField(_("kennisgeving uiterlijk"))
    # For the subsidy claim to the federal administration (POD MI): what it will ask of the decision.
    subsidy_category = models.CharField(max_length=30, blank=True)
    gpmi_applies = models.BooleanField(default=False)
    # A granted leefloon is reviewed at least once a year (RMI law art. 21 §2).
    review_due = models.DateField(_("herziening uiterlijk"), null=True, blank=True)
    sent_on = models.DateField(_("verstuurd op"), null=True, blank=True)
    notification_method = models.CharField(max_length=20, choices=NotificationMethod.choices, blank=True)
    notified_on = models.DateField(_("kennisgegeven op"), null=True, blank=True)
    appeal_until = models.DateField(_("beroep mogelijk tot"), null=True, blank=True)
    letter_template_version = models.CharField(max_length=20, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-decided_on", "-recorded_at"]
        verbose_name = _("beslissing")
        verbose_name_plural = _("beslissingen")
        constraints = [
            models.UniqueConstraint(
                fields=["submission"],
                condition=~models.Q(outcome="postponed"),
                name="bcsd_one_decision_per_submission",
            )
        ]
        indexes = [
            models.Index(fields=["notified_on", "notification_due"], name="bcsd_decision_notify"),
            # The head of service's dashboard (bcsd/aggregates.py): the decisions of a period, with what the
            # clocks and outcomes need, read from the index alone (docs/performance.md).
            models.Index(
                fields=["decided_on"],
                include=["submission", "outcome", "notified_on", "urgent"],
                name="bcsd_decision_decided_on",
            ),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.decided_on:%d/%m/%Y})"


class Hearing(models.Model):
    """The client's right to be heard (hoorrecht) before the committee decides, with a person of choice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="hearings")
    requested_on = models.DateField(_("gevraagd op"))
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="hearings"
    )
    scheduled_at = models.DateTimeField(_("gepland om"), null=True, blank=True)
    companion = models.CharField(_("bijgestaan door"), max_length=150, blank=True)
    held = models.BooleanField(null=True)
    notes = models.TextField(_("notities"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["scheduled_at"]

    def __str__(self):
        return f"{_('Hoorzitting')} {self.requested_on:%d/%m/%Y}"


class Appeal(models.Model):
    """An appeal against a decision before the labour court (arbeidsrechtbank)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="appeals")
    filed_on = models.DateField(_("ingediend op"))
    court = models.CharField(_("arbeidsrechtbank"), max_length=150)
    case_number = models.CharField(_("rolnummer"), max_length=50, blank=True)
    outcome = models.CharField(_("uitspraak"), max_length=200, blank=True)
    outcome_on = models.DateField(_("uitspraak op"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-filed_on"]

    def __str__(self):
        return f"{self.court} {self.case_number}"

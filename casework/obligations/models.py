"""The obligations engine: every legal clock of a dossier or a meeting, stored with its due date, who answers
for it and its state, so that one worklist gathers them (decision 0080)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Team
from casework.dossiers.models import Dossier
from casework.obligations.rules import Kind


class ObligationKind(models.TextChoices):
    DECISION_DUE = Kind.DECISION_DUE, _("beslissing nemen")
    NOTIFICATION_DUE = Kind.NOTIFICATION_DUE, _("beslissing betekenen")
    GPMI_CONCLUSION_DUE = Kind.GPMI_CONCLUSION_DUE, _("GPMI afsluiten")
    GPMI_EVALUATION_DUE = Kind.GPMI_EVALUATION_DUE, _("GPMI evalueren")
    ANNUAL_REVIEW_DUE = Kind.ANNUAL_REVIEW_DUE, _("jaarlijkse herziening leefloon")
    MONITORING_DUE = Kind.MONITORING_DUE, _("opvolgcontact traject")
    HEARING_DUE = Kind.HEARING_DUE, _("hoorzitting plannen")
    REFERRAL_FEEDBACK_DUE = Kind.REFERRAL_FEEDBACK_DUE, _("terugkoppeling doorverwijzing")
    FORWARD_DUE = Kind.FORWARD_DUE, _("aanvraag doorsturen")
    AGENDA_PUBLICATION_DUE = Kind.AGENDA_PUBLICATION_DUE, _("agenda BCSD versturen")
    APPEAL_WINDOW_END = Kind.APPEAL_WINDOW_END, _("einde beroepstermijn")
    RATIFICATION_DUE = Kind.RATIFICATION_DUE, _("dringende beslissing laten bekrachtigen")
    INSTALMENT_DUE = Kind.INSTALMENT_DUE, _("afbetaling opvolgen")
    HEATING_ALLOWANCE_APPLICATION_DUE = (
        Kind.HEATING_ALLOWANCE_APPLICATION_DUE,
        _("aanvraag verwarmingstoelage"),
    )


class ObligationState(models.TextChoices):
    OPEN = "open", _("open")
    MET = "met", _("vervuld")
    OVERDUE = "overdue", _("te laat")
    WAIVED = "waived", _("vervallen")


OPEN_STATES = (ObligationState.OPEN, ObligationState.OVERDUE)


class Obligation(models.Model):
    """One clock: what is due (kind), when, who answers for it, about which object. Created, met or moved by
    the service that changes the facts, in the same transaction; never rebuilt by a nightly job."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("soort"), max_length=40, choices=ObligationKind.choices)
    due_on = models.DateField(_("uiterlijk op"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    # Null for a meeting's obligations (the agenda, a ratification).
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="obligations"
    )
    # The object whose facts start the clock: its model ("casework.aidrequest") and its id.
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    link = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=10, choices=ObligationState.choices, default=ObligationState.OPEN)
    met_on = models.DateField(_("vervuld op"), null=True, blank=True)
    waived_reason = models.CharField(_("reden"), max_length=300, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "kind"]
        verbose_name = _("verplichting")
        verbose_name_plural = _("verplichtingen")
        constraints = [
            # One running clock per kind and object: a second call moves it instead of doubling it.
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id"],
                condition=Q(state__in=["open", "overdue"]),
                name="obligation_one_open_per_object",
            ),
            models.CheckConstraint(
                condition=~Q(state="waived") | ~Q(waived_reason=""), name="obligation_waived_has_reason"
            ),
        ]
        indexes = [
            models.Index(fields=["responsible", "state", "due_on"], name="obligation_person_due"),
            models.Index(fields=["team", "state", "due_on"], name="obligation_team_due"),
            models.Index(fields=["state", "due_on"], name="obligation_state_due"),
            models.Index(fields=["object_type", "object_id"], name="obligation_object"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.due_on:%d/%m/%Y})"


class PublicHoliday(models.Model):
    """A public holiday (data, edited in the admin): a term the Judicial Code moves does not end on it."""

    date = models.DateField(_("datum"), unique=True)
    name = models.CharField(_("naam"), max_length=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("feestdag")
        verbose_name_plural = _("feestdagen")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


class ReminderStage(models.TextChoices):
    BEFORE = "before", _("herinnering voor de vervaldag")
    OVERDUE = "overdue", _("vervaldag verstreken")
    ESCALATED = "escalated", _("gemeld aan de teamverantwoordelijke")


class ObligationReminder(models.Model):
    """A reminder sent once: the unique key (obligation, stage, recipient) makes a second scan send
    nothing."""

    obligation = models.ForeignKey(Obligation, on_delete=models.CASCADE, related_name="reminders")
    stage = models.CharField(max_length=10, choices=ReminderStage.choices)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "stage", "recipient"], name="obligation_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.obligation} · {self.stage} · {self.recipient}"

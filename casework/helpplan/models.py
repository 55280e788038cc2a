"""The help plan (hulpverleningsplan) drawn up with the client, and case conferences (cliëntoverleg)."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class ProblemDomain(models.TextChoices):
    INCOME = "income", _("inkomen")
    DEBTS = "debts", _("schulden en budget")
    HOUSING = "housing", _("huisvesting")
    WORK = "work", _("werk en activering")
    EDUCATION = "education", _("opleiding")
    HEALTH = "health", _("gezondheid")
    FAMILY = "family", _("gezin en opvoeding")
    ADMINISTRATION = "administration", _("administratie en rechten")
    SOCIAL_NETWORK = "social_network", _("sociaal netwerk")
    LANGUAGE = "language", _("taal")
    OTHER = "other", _("andere")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("gepland")
    IN_PROGRESS = "in_progress", _("bezig")
    DONE = "done", _("klaar")
    CANCELLED = "cancelled", _("geannuleerd")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    RUNNING = "running", _("lopend")
    DONE = "done", _("bereikt")
    DROPPED = "dropped", _("geschrapt")


class HelpPlan(models.Model):
    """Drawn up with the client: prioritised problem domains, goals, actions and evaluation dates."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="help_plan")
    agreed_with_client_on = models.DateField(_("besproken met de cliënt op"), null=True, blank=True)
    next_evaluation_on = models.DateField(_("volgende evaluatie"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{_('Hulpverleningsplan')} {self.dossier}"


class HelpPlanGoal(models.Model):
    plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domein"), max_length=20, choices=ProblemDomain.choices)
    description = models.TextField(_("doel"))
    priority = models.PositiveSmallIntegerField(_("prioriteit"), validators=[MinValueValidator(1)])
    target_date = models.DateField(_("streefdatum"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)

    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "id"]

    def __str__(self):
        return f"{self.priority}. {self.get_domain_display()}"


class HelpPlanAction(models.Model):
    goal = models.ForeignKey(HelpPlanGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField(_("actie"))
    # Who does it: the client, a staff member or a partner, as agreed in the plan.
    owner = models.CharField(_("wie"), max_length=150)
    due_on = models.DateField(_("tegen"), null=True, blank=True)
    status = models.CharField(max_length=15, choices=ActionStatus.choices, default=ActionStatus.PLANNED)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.description[:60]


class HelpPlanEvaluation(models.Model):
    plan = models.ForeignKey(HelpPlan, on_delete=models.CASCADE, related_name="evaluations")
    held_on = models.DateField(_("gehouden op"))
    summary = models.TextField(_("verslag"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"{self.held_on:%d/%m/%Y}"


class CaseConference(models.Model):
    """A case conference (cliëntoverleg) with internal and external participants, and what was agreed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="case_conferences")
    held_on = models.DateField(_("datum"))
    internal_participants = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    external_participants = models.TextField(_("externe deelnemers"), blank=True)
    client_present = models.BooleanField(_("cliënt aanwezig"), default=False)
    agreements = models.TextField(_("afspraken"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords(m2m_fields=[internal_participants])

    class Meta:
        ordering = ["-held_on"]

    def __str__(self):
        return f"{_('Cliëntoverleg')} {self.held_on:%d/%m/%Y}"

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Maatschappelijk werker")
    ACTIVATION_COACH = "activation_coach", _("Trajectbegeleider")
    INTAKE_OFFICER = "intake_officer", _("Onthaalmedewerker")
    TEAM_LEAD = "team_lead", _("Teamverantwoordelijke")
    HEAD_OF_SERVICE = "head_of_service", _("Afdelingshoofd sociale dienst")
    COMMITTEE_MEMBER = "committee_member", _("Lid BCSD")
    COMMITTEE_SECRETARY = "committee_secretary", _("Secretaris BCSD")
    DPO = "dpo", _("Functionaris gegevensbescherming")
    ADMIN = "admin", _("Beheerder")


class Team(models.Model):
    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("naam"), max_length=120)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A staff member. Roles are a short list kept on the user so that every permission check is free."""

    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    roles = models.JSONField(_("rollen"), default=list, blank=True)

    # Who changed whose roles is security-relevant; password hashes stay out of the history.
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Notification(models.Model):
    """A message for one staff member in the application (e.g. a team lead told of a break-the-glass)."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("bericht"), max_length=500)
    link = models.CharField(max_length=300, blank=True)
    # Makes a retried task idempotent: the same event never notifies twice.
    event_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.message

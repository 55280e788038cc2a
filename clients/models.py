import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Gender(models.TextChoices):
    MALE = "m", _("man")
    FEMALE = "f", _("vrouw")
    OTHER = "x", _("x")


class Client(models.Model):
    """A person known to the social service. INSZ is optional (a newcomer may not have one yet) but unique."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    insz = models.CharField(_("INSZ"), max_length=11, null=True, blank=True)
    first_name = models.CharField(_("voornaam"), max_length=100)
    last_name = models.CharField(_("achternaam"), max_length=100)
    birth_date = models.DateField(_("geboortedatum"))
    gender = models.CharField(_("geslacht"), max_length=1, choices=Gender.choices, blank=True)
    nationality = models.CharField(_("nationaliteit"), max_length=2, blank=True)
    language = models.CharField(_("taal"), max_length=35, blank=True)
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(_("huisnummer"), max_length=15, blank=True)
    box = models.CharField(_("bus"), max_length=15, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=4, blank=True)
    municipality = models.CharField(_("gemeente"), max_length=100, blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    # Folded names (no accents, lower case) kept by the service; a trigram index serves partial search.
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    # Two people editing the same record never silently overwrite each other (a stale version gets 409).
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(excluded_fields=["search_text", "version"])

    class Meta:
        ordering = ["last_name", "first_name", "birth_date"]
        verbose_name = _("cliënt")
        verbose_name_plural = _("cliënten")
        constraints = [
            # The database, not a check in Python, keeps one person per INSZ under concurrent creates.
            models.UniqueConstraint(
                fields=["insz"], condition=Q(insz__isnull=False), name="client_insz_unique"
            ),
        ]
        indexes = [models.Index(fields=["birth_date"], name="client_birth_date")]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"


class BankAccountChange(models.Model):
    """A change of a person's bank account, shown on their dossier until someone of the dossier has seen it:
    an IBAN changed by mistake or by fraud is caught before the next payment."""

    id = models.BigAutoField(primary_key=True)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="bank_account_changes")
    old_iban = models.CharField(max_length=34, blank=True)
    new_iban = models.CharField(max_length=34, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-changed_at"]
        indexes = [
            models.Index(
                fields=["client"], condition=Q(acknowledged_at__isnull=True), name="bank_change_unseen"
            )
        ]

    def __str__(self):
        return f"{self.client_id}: {self.old_iban} → {self.new_iban}"


class Relation(models.TextChoices):
    PARTNER = "partner", _("partner")
    CHILD = "child", _("kind")
    PARENT = "parent", _("ouder")
    SIBLING = "sibling", _("broer of zus")
    OTHER_RELATIVE = "other_relative", _("ander familielid")
    OTHER = "other", _("andere huisgenoot")


class HouseholdMember(models.Model):
    """Who lives with the client, and from when to when: household composition over time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="household")
    member = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="member_of_households")
    relation = models.CharField(_("relatie"), max_length=20, choices=Relation.choices)
    from_date = models.DateField(_("vanaf"))
    to_date = models.DateField(_("tot"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["from_date"]
        verbose_name = _("gezinslid")
        verbose_name_plural = _("gezinssamenstelling")
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=models.F("from_date")),
                name="household_period_in_order",
            ),
            models.CheckConstraint(condition=~Q(member=models.F("client")), name="household_not_self"),
        ]

    def __str__(self):
        return f"{self.member} ({self.get_relation_display()})"


class AccessLog(models.Model):
    """The privacy ledger: who consulted which data of whom, when and why (KSZ minimum security norms).
    Append-only: the database refuses updates and deletes (see migration 0004), the admin is read-only and
    the API offers no write. Time-ordered keys so that it can be partitioned by month."""

    id = models.BigAutoField(primary_key=True)
    accessed_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="access_log")
    what = models.CharField(_("wat"), max_length=200)
    purpose = models.CharField(_("waarom"), max_length=500)
    # The dossier the read was made for, by id only: the registry does not depend on casework.
    dossier_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name = _("toegangslog")
        verbose_name_plural = _("toegangslog")
        indexes = [models.Index(fields=["client", "-accessed_at"], name="accesslog_client_time")]

    def __str__(self):
        return f"{self.accessed_at:%d/%m/%Y %H:%M} {self.user} {self.what}"

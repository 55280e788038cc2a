import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
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


class ClockTimestamp(models.Func):
    """The database's own clock at the moment of the insert (clock_timestamp() on PostgreSQL, not the start of
    the transaction), so that the time of a ledger row is never the client's word."""

    template = "CURRENT_TIMESTAMP"
    output_field = models.DateTimeField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="clock_timestamp()", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Six decimals like the datetimes Django writes, so that SQLite's text comparisons order them right.
        template = "(STRFTIME('%%%%Y-%%%%m-%%%%d %%%%H:%%%%M:%%%%f', 'NOW') || '000')"
        return self.as_sql(compiler, connection, template=template, **extra_context)


class AccessLog(models.Model):
    """The privacy ledger: who consulted which data of whom, when and why (KSZ minimum security norms).

    One row per request that read personal data (clients.ledger), whatever the number of persons shown: a
    list records the ids it showed. `what` and `purpose` are language-neutral codes (shown in the reader's
    language), `purpose_text` only what a person typed (a break-the-glass reason, a KSZ purpose), `query` a
    search as typed. Dossiers by id, never by their display reference. Append-only in the database (triggers,
    and the application's role may only INSERT and SELECT); sealed into a hash chain per month by
    clients.ledger_chain. On PostgreSQL the table is partitioned by month of `accessed_at` (migration 0006);
    the primary key there is (id, accessed_at), ids come from one sequence, so they grow with time."""

    id = models.BigAutoField(primary_key=True)
    accessed_at = models.DateTimeField(db_default=ClockTimestamp(), editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Client ids as strings (JSON): a GIN index on PostgreSQL answers "who saw my data?" for one person.
    subject_ids = models.JSONField(default=list)
    what = models.CharField(_("wat"), max_length=200)
    purpose = models.CharField(_("waarom"), max_length=50)
    purpose_text = models.CharField(_("reden (getypt)"), max_length=500, blank=True, default="")
    dossier_ids = models.JSONField(default=list)
    query = models.CharField(_("zoekopdracht"), max_length=200, blank=True, default="")

    class Meta:
        ordering = ["-accessed_at", "-id"]
        verbose_name = _("toegangslog")
        verbose_name_plural = _("toegangslog")
        indexes = [
            models.Index(fields=["accessed_at"], name="accesslog_time"),
            models.Index(fields=["user", "accessed_at"], name="accesslog_user_time"),
        ]

    def __str__(self):
        return f"{self.accessed_at:%d/%m/%Y %H:%M} {self.user} {self.what}"

    @property
    def what_codes(self) -> list[str]:
        return [code for code in self.what.split(",") if code]


class AccessLogSeal(models.Model):
    """One link of the ledger's hash chain: the row `log_id` is the `seq`-th of the chain of its month, with
    hash = sha256(previous hash + the row's content + this link's place). Insert-only (triggers, grants): a
    row is sealed by adding a link, never by changing the row. `horizon`: the sealing run sealed every row
    written up to that moment, so a row that turns up later with an earlier time was back-dated."""

    id = models.BigAutoField(primary_key=True)
    chain = models.DateField()  # the first day of the row's month (UTC)
    seq = models.PositiveBigIntegerField()
    log_id = models.BigIntegerField(unique=True)
    horizon = models.DateTimeField()
    hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(db_default=ClockTimestamp(), editable=False)

    class Meta:
        ordering = ["chain", "seq"]
        verbose_name = _("zegel van het toegangslog")
        verbose_name_plural = _("zegels van het toegangslog")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="accesslogseal_chain_seq")]

    def __str__(self):
        return f"{self.chain:%Y-%m} #{self.seq}"


class AccessLogExportStatus(models.TextChoices):
    PENDING = "pending", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


class AccessLogExport(models.Model):
    """A "who saw my data?" export (PDF or CSV) made by a Celery task, so that no web request renders
    thousands of entries: the page shows its progress and, once done, a download for the person who asked
    it. The file is kept in the row (web and worker share no disk) and may be deleted after a while."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    format = models.CharField(max_length=3, choices=[("pdf", "PDF"), ("csv", "CSV")])
    status = models.CharField(
        max_length=10, choices=AccessLogExportStatus.choices, default=AccessLogExportStatus.PENDING
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export van het toegangslog")
        verbose_name_plural = _("exports van het toegangslog")

    def __str__(self):
        return f"{self.client_id} {self.format} {self.status}"

    @property
    def percent(self) -> int:
        return (
            100
            if self.status == AccessLogExportStatus.DONE
            else (self.done * 100 // self.total if self.total else 0)
        )

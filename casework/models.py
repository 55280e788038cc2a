import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Team
from clients.models import Client


class DossierStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("afgesloten")


class Dossier(models.Model):
    """The social dossier: one per client per service episode."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="dossiers")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="dossiers")
    social_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="caseload"
    )
    # Set by the activation app when a trajectory starts (a higher app calls a casework service).
    activation_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="coached"
    )
    status = models.CharField(max_length=10, choices=DossierStatus.choices, default=DossierStatus.OPEN)
    opened_on = models.DateField(default=timezone.localdate)
    closed_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=200, blank=True)
    # Sensitive dossiers (the client is a staff member or a mandatary): only the people listed may open it.
    restricted = models.BooleanField(default=False)
    restricted_to = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    history = HistoricalRecords(m2m_fields=[restricted_to])

    class Meta:
        ordering = ["-opened_on"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(status="open"), name="dossier_one_open_per_client"
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_on__isnull=True)
                | Q(status="closed", closed_on__isnull=False),
                name="dossier_closed_on_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.client} ({self.opened_on:%d/%m/%Y})"

    @property
    def reference(self) -> str:
        return f"D-{str(self.id)[:8].upper()}"


class BreakGlassAccess(models.Model):
    """Temporary access of a colleague outside the team, with the reason given. Never updated."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="break_glass")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    granted_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="breakglass_user_expiry")]

    def __str__(self):
        return f"{self.user} → {self.dossier} ({self.granted_at:%d/%m/%Y %H:%M})"


class Channel(models.TextChoices):
    OFFICE = "office", _("bureelgesprek")
    HOME_VISIT = "home_visit", _("huisbezoek")
    PHONE = "phone", _("telefoon")
    EMAIL = "email", _("e-mail")
    VIDEO = "video", _("videogesprek")
    LETTER = "letter", _("brief")
    OTHER = "other", _("andere")


class Contact(models.Model):
    """A client contact (cliëntcontact): recorded in seconds, shown on the dossier timeline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="contacts")
    occurred_at = models.DateTimeField(_("tijdstip"), default=timezone.now)
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    summary = models.TextField(_("samenvatting"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), null=True, blank=True)
    participants = models.CharField(_("deelnemers"), max_length=300, blank=True)
    # What a home visit showed (housing, children, debts): part of the social inquiry.
    findings = models.TextField(_("vaststellingen"), blank=True)
    # Confidential notes are for the assigned social worker and the team lead only (and their author).
    confidential = models.BooleanField(_("vertrouwelijk"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacten")
        indexes = [models.Index(fields=["dossier", "-occurred_at"], name="contact_dossier_time")]

    def __str__(self):
        return f"{self.get_channel_display()} {self.occurred_at:%d/%m/%Y}"


# --- Requests register (RMI law 26 May 2002, KB 11 July 2002: register, receipt, 30 days, forwarding) ---


class RequestKind(models.TextChoices):
    LEEFLOON = "leefloon", _("leefloon")
    EQUIVALENT_LEEFLOON = "equivalent_leefloon", _("equivalent leefloon")
    FINANCIAL_AID = "financial_aid", _("financiële steun")
    RENTAL_DEPOSIT = "rental_deposit", _("huurwaarborg")
    HEATING_ALLOWANCE = "heating_allowance", _("verwarmingstoelage")
    MEDICAL_CARD = "medical_card", _("medische kaart")
    BUDGET_GUIDANCE = "budget_guidance", _("budgetbegeleiding")
    BUDGET_MANAGEMENT = "budget_management", _("budgetbeheer")
    DEBT_MEDIATION = "debt_mediation", _("schuldbemiddeling")
    ADVANCE = "advance", _("voorschot")
    ARTICLE_60 = "article_60", _("tewerkstelling art. 60 §7")
    OTHER = "other", _("andere")


class RequestChannel(models.TextChoices):
    ORAL = "oral", _("mondeling")
    WRITTEN = "written", _("schriftelijk")
    EMAIL = "email", _("e-mail")


class RequestStatus(models.TextChoices):
    REGISTERED = "registered", _("geregistreerd")
    IN_INQUIRY = "in_inquiry", _("in onderzoek")
    PROPOSED = "proposed", _("voorgesteld")
    DECIDED = "decided", _("beslist")
    NOTIFIED = "notified", _("kennisgegeven")
    FORWARDED = "forwarded", _("doorgestuurd")
    WITHDRAWN = "withdrawn", _("ingetrokken")


class RegisterCounter(models.Model):
    """The last register number used per calendar year; locked while a number is taken, so numbers are
    gapless and unique even when two workers register at the same moment."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_serial = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}/{self.last_serial:06d}"


class AidRequest(models.Model):
    """An application (aanvraag), entered in the register on the day it is received."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(_("soort"), max_length=30, choices=RequestKind.choices)
    description = models.TextField(_("hulpvraag"), blank=True)
    received_on = models.DateField(_("ontvangen op"))
    channel = models.CharField(_("kanaal"), max_length=10, choices=RequestChannel.choices, default="oral")
    register_year = models.PositiveSmallIntegerField(editable=False)
    register_serial = models.PositiveIntegerField(editable=False)
    register_number = models.CharField(_("registernummer"), max_length=11, unique=True, editable=False)
    decision_due = models.DateField(_("beslissing uiterlijk"))
    status = models.CharField(max_length=15, choices=RequestStatus.choices, default=RequestStatus.REGISTERED)
    forwarded_to = models.CharField(_("doorgestuurd naar OCMW"), max_length=150, blank=True)
    forward_reasons = models.TextField(_("redenen van doorsturen"), blank=True)
    forwarded_on = models.DateField(_("doorgestuurd op"), null=True, blank=True)
    forward_due = models.DateField(_("doorsturen uiterlijk"))
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-register_year", "-register_serial"]
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        constraints = [
            models.UniqueConstraint(
                fields=["register_year", "register_serial"], name="request_register_unique"
            )
        ]
        indexes = [models.Index(fields=["status", "decision_due"], name="request_status_due")]

    def __str__(self):
        return f"{self.register_number} {self.get_kind_display()}"


class RequiredDocument(models.Model):
    """The document checklist per kind of request: configuration, edited in the admin."""

    request_kind = models.CharField(_("soort aanvraag"), max_length=30, choices=RequestKind.choices)
    name = models.CharField(_("document"), max_length=150)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["request_kind", "order", "name"]
        verbose_name = _("vereist document")
        verbose_name_plural = _("vereiste documenten")
        constraints = [
            models.UniqueConstraint(fields=["request_kind", "name"], name="required_document_unique")
        ]

    def __str__(self):
        return f"{self.get_request_kind_display()}: {self.name}"


class Inquiry(models.Model):
    """The social inquiry of one request; ends in a structured social report and an advice (proposal).
    `version` detects lost updates when two people edit the report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    request = models.OneToOneField(AidRequest, on_delete=models.PROTECT, related_name="inquiry")
    sworn_statement_on = models.DateField(_("verklaring op eer ondertekend op"), null=True, blank=True)
    authorisation_on = models.DateField(_("machtiging ondertekend op"), null=True, blank=True)
    hearing_right_informed_on = models.DateField(_("hoorrecht meegedeeld op"), null=True, blank=True)
    means_overview = models.TextField(_("overzicht bestaansmiddelen"), blank=True)
    situation = models.TextField(_("situatie en hulpvraag"), blank=True)
    household = models.TextField(_("gezinssituatie"), blank=True)
    means = models.TextField(_("bestaansmiddelen"), blank=True)
    housing = models.TextField(_("huisvesting"), blank=True)
    health = models.TextField(_("gezondheid"), blank=True)
    work_and_education = models.TextField(_("werk en opleiding"), blank=True)
    problem_analysis = models.TextField(_("probleemanalyse"), blank=True)
    advice = models.TextField(_("advies en voorstel"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sociaal onderzoek")
        verbose_name_plural = _("sociale onderzoeken")

    def __str__(self):
        return f"{_('Sociaal onderzoek')} {self.request.register_number}"


class InquiryDocument(models.Model):
    """A document of the checklist and whether (and when) it was received."""

    inquiry = models.ForeignKey(Inquiry, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(_("document"), max_length=150)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    note = models.CharField(_("opmerking"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["inquiry", "name"], name="inquiry_document_unique")]

    def __str__(self):
        return self.name


class KszService(models.TextChoices):
    NATIONAL_REGISTER = "national_register", _("Rijksregister (identiteit, adres, gezinssamenstelling)")
    INCOME = "income", _("Inkomsten en uitkeringen")
    EMPLOYMENT = "employment", _("Tewerkstelling (Dimona, DmfA)")
    UNEMPLOYMENT = "unemployment", _("Werkloosheid (RVA)")
    HEALTH_INSURANCE = "health_insurance", _("Ziekte- en invaliditeitsverzekering")
    PENSIONS = "pensions", _("Pensioenen")
    FAMILY_BENEFITS = "family_benefits", _("Gezinsbijslag (Groeipakket)")
    PROPERTY = "property", _("Kadaster (onroerende goederen)")
    DISABILITY = "disability", _("Tegemoetkomingen personen met een handicap")
    OTHER = "other", _("Andere")


class KszConsultation(models.Model):
    """A consultation of the Crossroads Bank for Social Security: who, when, which service, why. It is also
    written to the access log (KSZ minimum security norms)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="ksz_consultations")
    request = models.ForeignKey(
        AidRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="ksz_consultations"
    )
    service = models.CharField(_("dienst"), max_length=30, choices=KszService.choices)
    purpose = models.CharField(_("doel"), max_length=300)
    consulted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    consulted_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-consulted_at"]

    def __str__(self):
        return f"{self.get_service_display()} ({self.consulted_at:%d/%m/%Y})"


# --- Help plan (hulpverleningsplan) ---


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


# --- Social map (sociale kaart) and referrals ---


class Partner(models.Model):
    """An organisation of the social map. Configuration data, edited in the admin."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=150, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    website = models.URLField(blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.CharField(_("adres"), max_length=250, blank=True)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("sociale kaart")

    def __str__(self):
        return self.name


class PartnerService(models.Model):
    """A service of a partner, with the fields of an Open Referral (HSDS) service record."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="services")
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"), blank=True)
    eligibility = models.TextField(_("voor wie"), blank=True)
    application_process = models.TextField(_("hoe aanvragen"), blank=True)
    required_documents = models.TextField(_("mee te brengen documenten"), blank=True)
    languages = models.CharField(_("talen"), max_length=150, blank=True)
    service_area = models.CharField(_("werkgebied"), max_length=150, blank=True)
    contact = models.CharField(_("contact"), max_length=250, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partner__name", "name"]
        constraints = [models.UniqueConstraint(fields=["partner", "name"], name="partner_service_unique")]

    def __str__(self):
        return f"{self.partner}: {self.name}"


class ReferralStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    SENT = "sent", _("verstuurd")
    ACCEPTED = "accepted", _("aanvaard")
    DECLINED = "declined", _("geweigerd")
    COMPLETED = "completed", _("afgerond")


class Referral(models.Model):
    """A warm, closed-loop referral: proposed, sent, answered by the partner, completed with feedback."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="referrals")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="referrals")
    service = models.ForeignKey(
        PartnerService, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reden"))
    status = models.CharField(max_length=15, choices=ReferralStatus.choices, default=ReferralStatus.PROPOSED)
    feedback = models.TextField(_("terugkoppeling van de partner"), blank=True)
    feedback_due = models.DateField(_("terugkoppeling verwacht tegen"), null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "feedback_due"], name="referral_status_due")]

    def __str__(self):
        return f"{self.partner} ({self.get_status_display()})"


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


# --- Budget guidance, budget management and debt mediation ---


class DebtStatus(models.TextChoices):
    OPEN = "open", _("openstaand")
    IN_PLAN = "in_plan", _("in afbetalingsplan")
    DISPUTED = "disputed", _("betwist")
    SETTLED = "settled", _("afgelost")


class Debt(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="debts")
    creditor = models.CharField(_("schuldeiser"), max_length=150)
    reference = models.CharField(_("referentie"), max_length=100, blank=True)
    amount = models.DecimalField(
        _("bedrag"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    status = models.CharField(max_length=10, choices=DebtStatus.choices, default=DebtStatus.OPEN)
    noted_on = models.DateField(_("genoteerd op"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        ordering = ["creditor"]

    def __str__(self):
        return f"{self.creditor}: € {self.amount}"


class PaymentPlanStatus(models.TextChoices):
    PROPOSED = "proposed", _("voorgesteld")
    AGREED = "agreed", _("akkoord")
    DEFAULTED = "defaulted", _("niet nageleefd")
    COMPLETED = "completed", _("afgerond")


class PaymentPlan(models.Model):
    """A payment plan agreed with the client and a creditor; its instalments follow from it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    debt = models.ForeignKey(Debt, on_delete=models.PROTECT, related_name="payment_plans")
    instalment_amount = models.DecimalField(
        _("afbetaling"), max_digits=10, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    first_due_on = models.DateField(_("eerste vervaldag"))
    agreed_with_client_on = models.DateField(null=True, blank=True)
    agreed_with_creditor_on = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=PaymentPlanStatus.choices, default=PaymentPlanStatus.PROPOSED
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.debt.creditor}: € {self.instalment_amount}/maand"


class Instalment(models.Model):
    plan = models.ForeignKey(PaymentPlan, on_delete=models.CASCADE, related_name="instalments")
    due_on = models.DateField(_("vervaldag"))
    amount = models.DecimalField(_("bedrag"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("betaald op"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on"]
        constraints = [models.UniqueConstraint(fields=["plan", "due_on"], name="instalment_unique_due")]

    def __str__(self):
        return f"{self.due_on:%d/%m/%Y} € {self.amount}"


# --- Leefloon and aid calculation (domain §3, §7): rates are dated data, a new indexation is a new row ---


class LeefloonCategory(models.IntegerChoices):
    COHABITING = 1, _("categorie 1: samenwonende")
    SINGLE = 2, _("categorie 2: alleenstaande")
    FAMILY = 3, _("categorie 3: persoon met gezin ten laste")


class LeefloonRate(models.Model):
    """The yearly leefloon amount of a category from a date on (art. 14 §1 RMI law, indexed)."""

    valid_from = models.DateField(_("geldig vanaf"))
    category = models.PositiveSmallIntegerField(_("categorie"), choices=LeefloonCategory.choices)
    yearly_amount = models.DecimalField(_("jaarbedrag"), max_digits=10, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "category"]
        verbose_name = _("leefloonbedrag")
        verbose_name_plural = _("leefloonbedragen")
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "category"], name="leefloon_rate_unique")
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.valid_from:%d/%m/%Y}: € {self.yearly_amount}"


class GeneralExemption(models.Model):
    """The general exemption on resources per category (art. 22 §2 KB 11 July 2002), yearly."""

    valid_from = models.DateField(_("geldig vanaf"))
    category = models.PositiveSmallIntegerField(_("categorie"), choices=LeefloonCategory.choices)
    yearly_amount = models.DecimalField(_("jaarbedrag"), max_digits=10, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from", "category"]
        verbose_name = _("algemene vrijstelling")
        verbose_name_plural = _("algemene vrijstellingen")
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "category"], name="general_exemption_unique")
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.valid_from:%d/%m/%Y}: € {self.yearly_amount}"


class SpiExemption(models.Model):
    """The socio-professional integration exemption on earned income (art. 35 KB), indexed, yearly."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    yearly_amount = models.DecimalField(_("jaarbedrag"), max_digits=10, decimal_places=2)
    source = models.CharField(_("bron"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("SPI-vrijstelling")
        verbose_name_plural = _("SPI-vrijstellingen")

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}: € {self.yearly_amount}"


class SpiExemptionPeriod(models.Model):
    """When a person first received the SPI exemption: it applies for at most 3 years from then."""

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="spi_exemption_period")
    started_on = models.DateField(_("eerste toepassing"))

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.client_id}: {self.started_on:%d/%m/%Y}"


class HeatingAllowanceParameters(models.Model):
    """Sociaal Verwarmingsfonds: yearly litre cap and the flat amount for fuel bought at the pump."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    max_litres_per_year = models.PositiveIntegerField(_("maximum liter per jaar"))
    pump_flat_amount = models.DecimalField(
        _("forfait bij aankoop aan de pomp"), max_digits=8, decimal_places=2
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("parameters verwarmingstoelage")
        verbose_name_plural = _("parameters verwarmingstoelage")

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}"


class HeatingAllowanceBand(models.Model):
    """The allowance per litre for a price band: from `price_from` (per litre, VAT included) upwards."""

    parameters = models.ForeignKey(HeatingAllowanceParameters, on_delete=models.CASCADE, related_name="bands")
    price_from = models.DecimalField(_("prijs per liter vanaf"), max_digits=6, decimal_places=3)
    allowance_per_litre = models.DecimalField(_("toelage per liter"), max_digits=6, decimal_places=3)

    history = HistoricalRecords()

    class Meta:
        ordering = ["price_from"]
        constraints = [
            models.UniqueConstraint(fields=["parameters", "price_from"], name="heating_band_unique")
        ]

    def __str__(self):
        return f"≥ € {self.price_from}: € {self.allowance_per_litre}/l"


class LeefloonCalculation(models.Model):
    """A calculation kept with a request's inquiry, so that a committee submission carries the calculation
    it was based on: its inputs, the rate used, every line and the result."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="calculations")
    kind = models.CharField(max_length=30, default="leefloon")
    category = models.PositiveSmallIntegerField(choices=LeefloonCategory.choices)
    reference_date = models.DateField()
    rate_valid_from = models.DateField()
    inputs = models.JSONField()
    lines = models.JSONField()
    yearly_amount = models.DecimalField(max_digits=10, decimal_places=2)
    monthly_amount = models.DecimalField(max_digits=10, decimal_places=2)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_category_display()} {self.reference_date:%d/%m/%Y}: € {self.monthly_amount}/maand"

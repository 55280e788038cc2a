"""Leefloon and heating allowance parameters (domain §3, §7): dated data, a new indexation is a new row."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clients.models import Client


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
    """When a person first received the SPI exemption and how many months of it they have used, across
    dossiers: it applies for at most 36 months of use within 6 years from the first use (art. 35 §1 KB)."""

    client = models.OneToOneField(Client, on_delete=models.PROTECT, related_name="spi_exemption_period")
    started_on = models.DateField(_("eerste toepassing"))
    months_used = models.PositiveSmallIntegerField(
        _("gebruikte maanden"),
        default=0,
        help_text=_("Maanden waarin de SPI-vrijstelling al werd toegekend (maximum 36 binnen 6 jaar)."),
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.client_id}: {self.started_on:%d/%m/%Y}"


class MeansTestParameters(models.Model):
    """The amounts of art. 25 KB (immovable property, non-indexed cadastral income) and art. 27 KB (movable
    capital) from a date on. Read from secondary sources (PrimaBook, a Brussels social workers' guide), not
    yet from the KB's own text: an admin corrects them with a new or edited row (decision 0062)."""

    valid_from = models.DateField(_("geldig vanaf"), unique=True)
    capital_exempt_up_to = models.DecimalField(_("kapitaal vrijgesteld tot"), max_digits=10, decimal_places=2)
    capital_middle_up_to = models.DecimalField(
        _("eerste schijf kapitaal tot"), max_digits=10, decimal_places=2
    )
    capital_middle_rate = models.DecimalField(_("percentage eerste schijf"), max_digits=5, decimal_places=2)
    capital_top_rate = models.DecimalField(_("percentage daarboven"), max_digits=5, decimal_places=2)
    own_home_exempt = models.DecimalField(
        _("vrijgesteld kadastraal inkomen eigen woning"), max_digits=10, decimal_places=2
    )
    own_home_exempt_per_child = models.DecimalField(
        _("bijkomend vrijgesteld per kind ten laste"), max_digits=10, decimal_places=2
    )
    cadastral_multiplier = models.DecimalField(
        _("vermenigvuldiging kadastraal inkomen"), max_digits=5, decimal_places=2
    )
    other_property_exempt = models.DecimalField(
        _("vrijgesteld kadastraal inkomen ander onroerend goed (niet geverifieerd)"),
        max_digits=10,
        decimal_places=2,
    )
    other_property_multiplier = models.DecimalField(
        _("vermenigvuldiging ander onroerend goed (niet geverifieerd)"), max_digits=5, decimal_places=2
    )
    source = models.CharField(_("bron"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("parameters middelenonderzoek (art. 25 en 27 KB)")
        verbose_name_plural = _("parameters middelenonderzoek (art. 25 en 27 KB)")

    def __str__(self):
        return f"{self.valid_from:%d/%m/%Y}"


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

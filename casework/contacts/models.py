"""Client contacts: every phone call, e-mail and visit, recorded in seconds."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from casework.dossiers.models import Dossier


class Channel(models.TextChoices):
    OFFICE = "office", _("bureelgesprek")
    HOME_VISIT = "home_visit", _("huisbezoek")
    PHONE = "phone", _("telefoon")
    EMAIL = "email", _("e-mail")
    VIDEO = "video", _("videogesprek")
    LETTER = "letter", _("brief")
    OTHER = "other", _("andere")


_CHANNEL_LABELS: dict[str | None, dict[str, str]] = {}


def channel_label(channel: str) -> str:
    """The channel's name in the active language, translated once per language (not once per row: a lazy
    gettext per contact was most of the time of a long timeline)."""
    language = get_language()
    labels = _CHANNEL_LABELS.get(language)
    if labels is None:
        labels = _CHANNEL_LABELS[language] = {value: str(label) for value, label in Channel.choices}
    return labels.get(channel, channel)


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

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

"""Reminders of the daily scan: before the due date (the kind's lead time), on the day it passes, and to the
team lead when overdue; in the application and by e-mail (through the outbox). A second scan sends nothing."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from casework.obligations import services
from casework.obligations.models import Obligation, ObligationReminder
from tests.casework.test_obligations import make

TODAY = timezone.localdate()


@pytest.fixture
def week(social_worker, team_lead):
    social_worker.email, team_lead.email = "sofie@ocmw.test", "els@ocmw.test"
    social_worker.save()
    team_lead.save()
    return {
        "soon": make(social_worker, days=2, kind="monitoring_due"),  # within the default 3 days
        "late": make(social_worker, days=-1),
        "far": make(social_worker, days=20, kind="monitoring_due"),
        "decision_in_a_week": make(social_worker, days=7),  # decision_due: 7 days' lead time
    }


def test_the_scan_reminds_before_on_the_day_and_escalates(
    week, social_worker, team_lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = services.obligations_scan(today=TODAY)

    assert sent == 4
    stages = set(
        ObligationReminder.objects.values_list("obligation__object_id", "stage", "recipient__username")
    )
    assert stages == {
        (week["soon"].object_id, "before", "sofie"),
        (week["decision_in_a_week"].object_id, "before", "sofie"),
        (week["late"].object_id, "overdue", "sofie"),
        (week["late"].object_id, "escalated", "els"),
    }
    assert Obligation.objects.get(pk=week["late"].pk).state == "overdue"
    assert Notification.objects.filter(recipient=social_worker).count() == 3
    lead_message = Notification.objects.get(recipient=team_lead).message
    assert lead_message.startswith("Te laat in uw team: beslissing nemen")
    assert social_worker.display_name in lead_message
    assert sorted(m.to[0] for m in mail.outbox) == ["els@ocmw.test"] + ["sofie@ocmw.test"] * 3
    assert "El" not in mail.outbox[0].body  # no client name in a mail: the kind, the date, the dossier number


def test_a_second_scan_sends_nothing_twice(week, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.obligations_scan(today=TODAY)
    notifications, mails = Notification.objects.count(), len(mail.outbox)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.obligations_scan(today=TODAY) == 0
    assert (Notification.objects.count(), len(mail.outbox)) == (notifications, mails)
    # The next day, the one due in two days is still "before": nothing new for it either.
    services.obligations_scan(today=TODAY + datetime.timedelta(days=1))

    assert ObligationReminder.objects.filter(stage="before", obligation=week["soon"]).count() == 1
    assert Notification.objects.filter(event_key__contains=str(week["soon"].pk)).count() == 1


def test_the_reminder_mail_is_sent_once(week, social_worker):
    services.obligations_scan(today=TODAY)
    reminder = ObligationReminder.objects.filter(recipient=social_worker).first()
    assert services.reminder_mail(reminder_id=reminder.pk) is True
    assert services.reminder_mail(reminder_id=reminder.pk) is False  # a retried or doubled task
    assert len(mail.outbox) == 1


def test_met_obligations_are_not_reminded(week, social_worker):
    services.obligation_meet(actor=social_worker, kind="decision_due", obj=week["late"].dossier)
    services.obligations_scan(today=TODAY)
    assert not ObligationReminder.objects.filter(obligation=week["late"]).exists()

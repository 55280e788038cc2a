"""`manage.py seed_scale` at a small scale: valid, deterministic data on which every page answers."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from stdnum.be import iban as be_iban
from stdnum.be import nn

from accounts.models import User
from activation import rules as activation_rules
from activation.models import Gpmi, GpmiEvaluation, Measure, Trajectory
from bcsd import rules as bcsd_rules
from bcsd.models import Appeal, Decision, Hearing, Meeting, Submission
from casework.models import Contact, Dossier
from clients.models import AccessLog, Client
from clients.rules import is_bis_number, search_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def scale_dataset():
    out = StringIO()
    call_command("seed_scale", scale=0.004, seed=7, stdout=out)
    return out.getvalue()


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT md5(string_agg(id::text || insz || search_text, ',' ORDER BY id)) FROM clients_client "
            "WHERE insz IS NOT NULL"
        )
        clients = cursor.fetchone()[0]
        cursor.execute(
            "SELECT md5(string_agg(id::text || occurred_at::text, ',' ORDER BY id)) FROM casework_contact"
        )
        contacts = cursor.fetchone()[0]
        cursor.execute(
            "SELECT md5(string_agg(id::text || outcome || decided_on::text || "
            "coalesce(notified_on::text, ''), ',' ORDER BY id)) FROM bcsd_decision"
        )
        return clients + contacts + cursor.fetchone()[0]


def test_the_scale_dataset_is_valid_and_every_page_answers_on_it(scale_dataset, client, api):
    assert "access-log rows" in scale_dataset
    assert Client.objects.count() == 200
    assert Dossier.objects.filter(status="open").exists()
    assert AccessLog.objects.count() >= 1000
    people = list(Client.objects.all())
    for person in people:
        assert person.search_text == search_text(person.first_name, person.last_name)
        if person.insz and not is_bis_number(person.insz):
            assert nn.is_valid(person.insz), person.insz
        if person.iban:
            assert be_iban.is_valid(person.iban), person.iban
    assert sum(1 for person in people if person.insz) > 180

    worker = User.objects.get(username="mw001")
    bench_dossier = max(
        Dossier.objects.filter(social_worker=worker, status="open"), key=lambda d: d.contacts.count()
    )
    assert Contact.objects.filter(dossier=bench_dossier).count() == 1200
    client.force_login(worker)
    for url in ["/dossiers/", f"/dossiers/{bench_dossier.pk}/", "/clienten/?q=peet"]:
        assert client.get(url).status_code == 200, url
    token_client = api(worker)
    for url in [
        "/api/v1/dossiers/",
        f"/api/v1/dossiers/{bench_dossier.pk}/",
        f"/api/v1/contacts/?dossier={bench_dossier.pk}",
        "/api/v1/clients/?q=peet",
    ]:
        assert token_client.get(url).status_code == 200, url
    lead = User.objects.get(username=f"tl-{worker.team.code}")
    client.force_login(lead)
    assert client.get(f"/toegangslog/{bench_dossier.client_id}/").status_code == 200


def test_the_scale_activation_is_valid_and_the_coach_pages_answer_on_it(scale_dataset, client, api):
    """Trajectories over the six phases with their history, measures within their phase and legal limits,
    GPMIs with their deadlines as the services compute them, some overdue; the coach's pages answer."""
    today = datetime.date.today()
    trajectories = list(
        Trajectory.objects.select_related("dossier").prefetch_related("phase_history", "measures")
    )
    assert len(trajectories) >= 12
    assert {t.phase for t in trajectories} == set(activation_rules.MEASURES_BY_PHASE)
    for trajectory in trajectories:
        assert trajectory.dossier.status == "open"
        assert trajectory.dossier.activation_coach_id == trajectory.coach_id
        history = list(trajectory.phase_history.all())
        assert history[0].from_phase == "" and history[0].changed_on == trajectory.started_on
        assert history[-1].to_phase == trajectory.phase and history[-1].changed_on == trajectory.phase_since
        assert trajectory.next_monitoring_due is not None
        for measure in trajectory.measures.all():
            activation_rules.check_measure(
                phase=measure.phase,
                kind=measure.kind,
                started_on=measure.started_on,
                ended_on=measure.ended_on,
                hours_per_month=measure.hours_per_month,
            )
    assert any(t.next_monitoring_due < today for t in trajectories)
    assert Measure.objects.exists()
    gpmis = list(Gpmi.objects.all())
    assert gpmis and GpmiEvaluation.objects.exists()
    for gpmi in gpmis:
        assert gpmi.conclusion_due == activation_rules.gpmi_conclusion_due(gpmi.leefloon_granted_on)
        if gpmi.status == "signed":
            assert gpmi.social_balance and gpmi.client_commitments and gpmi.ocmw_commitments
            assert gpmi.next_evaluation_due is not None
    assert Trajectory.history.count() == len(trajectories)
    assert Gpmi.history.count() == len(gpmis)

    coach = User.objects.get(pk=trajectories[0].coach_id)
    own = [t for t in trajectories if t.coach_id == coach.pk]
    client.force_login(coach)
    board = client.get("/activering/")
    assert board.status_code == 200
    for trajectory in own:  # every trajectory of the coach is on the board
        assert f"/activering/trajecten/{trajectory.pk}/" in board.content.decode()
    for trajectory in own[:3]:
        assert client.get(f"/activering/trajecten/{trajectory.pk}/").status_code == 200
    gpmi = next(g for g in gpmis if g.dossier_id in {t.dossier_id for t in own})
    assert client.get(f"/activering/gpmi/{gpmi.pk}/").status_code == 200
    token_client = api(coach)
    assert token_client.get(f"/api/v1/activation/trajectories/{own[0].pk}/").status_code == 200
    assert token_client.get(f"/api/v1/gpmi/{gpmi.pk}/").status_code == 200


def test_the_scale_dataset_has_the_obligations_of_its_requests_and_the_worklist_renders(
    scale_dataset, client, api
):
    from casework.models import AidRequest, Obligation

    assert Obligation.objects.filter(kind="decision_due").count() == AidRequest.objects.count()
    assert Obligation.objects.filter(kind="annual_review_due").exists()
    # activation's and the committee's clocks, as their services leave them
    kinds = set(Obligation.objects.values_list("kind", flat=True))
    assert {"monitoring_due", "gpmi_evaluation_due", "notification_due"} <= kinds
    assert Obligation.objects.filter(state="met").exists()
    assert Obligation.objects.filter(state__in=["open", "overdue"]).exists()
    assert Obligation.history.count() == Obligation.objects.count()
    worker = User.objects.get(username="mw001")
    client.force_login(worker)
    assert client.get("/").status_code == 200
    assert client.get("/mijn-werk/").status_code == 200
    response = api(worker).get("/api/v1/worklist/")
    assert response.status_code == 200 and response.json()["count"] > 0
    lead = User.objects.get(username=f"tl-{worker.team.code}")
    assert api(lead).get(f"/api/v1/worklist/?team={worker.team.code}").json()["count"] > 0


def test_the_scale_committee_is_valid_and_its_pages_and_the_dashboard_answer_on_it(
    scale_dataset, client, api, django_assert_max_num_queries
):
    """Meetings every other week with their members, a frozen submission (its sha256 verifies) and a decision
    for the notified requests of two years, the terms as the services compute them; the secretary's pages,
    the letter and the head of service's dashboard answer, with decision figures, the dashboard in as many
    queries as on the hand-made dataset (tests/reporting/test_views.py)."""
    today = datetime.date.today()
    meetings = list(Meeting.objects.prefetch_related("members"))
    assert len(meetings) > 40 and all(m.members.exists() for m in meetings)
    assert {m.status for m in meetings} == {"planned", "held", "minutes_approved"}
    for submission in Submission.objects.all():
        assert bcsd_rules.snapshot_hash(submission.snapshot) == submission.snapshot_hash
        assert submission.status == "decided" and submission.reviews.filter(outcome="approved").exists()
    decisions = list(Decision.objects.select_related("submission__request", "agenda_item__meeting"))
    assert {d.outcome for d in decisions} == {"approved", "amended", "refused", "postponed"}
    for decision in decisions:
        assert decision.decided_on == decision.agenda_item.meeting.date < today
        assert decision.agenda_item.submission_id == decision.submission_id
        assert decision.notification_due == bcsd_rules.notification_due(decision.decided_on)
        if decision.notified_on:
            assert decision.notified_on == bcsd_rules.notified_on(
                decision.sent_on, decision.notification_method, 3
            )
            assert decision.appeal_until == bcsd_rules.appeal_until(decision.notified_on)
        if decision.outcome != "postponed":
            request = decision.submission.request
            assert request.status == ("notified" if decision.sent_on else "decided")
            assert decision.decided_on > request.received_on
    final = [d for d in decisions if d.outcome != "postponed"]
    assert any((d.decided_on - d.submission.request.received_on).days > 30 for d in final)
    assert any(d.notified_on and d.notified_on > d.notification_due for d in final)
    assert Hearing.objects.exists()
    for hearing in Hearing.objects.select_related("meeting"):
        assert hearing.requested_on < hearing.meeting.date and hearing.held is not None
    appeals = list(Appeal.objects.select_related("decision"))
    assert appeals and any(a.outcome for a in appeals)
    for appeal in appeals:
        assert appeal.decision.outcome == "refused" and appeal.filed_on > appeal.decision.notified_on

    secretary = User.objects.get(username="bcsd-secretaris")
    client.force_login(secretary)
    meeting = next(m for m in meetings if m.status == "held")
    assert client.get("/bcsd/").status_code == 200
    assert client.get(f"/bcsd/zittingen/{meeting.pk}/").status_code == 200
    decision = next(d for d in final if d.notified_on)
    assert client.get(f"/bcsd/voorstellen/{decision.submission_id}/").status_code == 200
    letter = client.get(f"/bcsd/beslissingen/{decision.pk}/brief.pdf")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"

    head = User.objects.get(username="hoofd")
    client.force_login(head)
    for period in ("quarter", "year"):
        with django_assert_max_num_queries(25):
            assert client.get(f"/cijfers/?periode={period}").status_code == 200
    response = api(head).get("/api/v1/reporting/kpis/")
    assert response.status_code == 200
    kpis = {kpi["code"]: kpi for kpi in response.json()["kpis"]}
    assert kpis["decisions_within_30_days"]["denominator"] > 0
    assert kpis["notifications_within_8_days"]["denominator"] > 0


def test_the_same_seed_gives_the_same_rows(scale_dataset):
    first = _fingerprint()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE accounts_team, accounts_user, clients_client, clients_accesslog CASCADE")
    call_command("seed_scale", scale=0.004, seed=7, stdout=StringIO())
    assert _fingerprint() == first

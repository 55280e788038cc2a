"""An export of 10,000 rows through the real broker and a real worker: progress is visible while it runs,
the XLSX opens in openpyxl, and every text cell is neutralised against formulas (issue 16's acceptance)."""

import datetime
import io
import os
import time

import pytest
from celery.contrib.testing.worker import start_worker

from casework.register.models import AidRequest
from config.celery import app
from reporting.models import ReportExport
from tests.conftest import api_client_for, point_celery_at
from tests.factories import DossierFactory, TeamFactory, UserFactory

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
ROWS = 10_000


@pytest.fixture
def redis_worker(settings):
    # The broker on the Redis database the tests are given (REDIS_URL): parallel runs on other indexes never
    # consume each other's tasks.
    broker = REDIS_URL
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "result_backend")}
    point_celery_at(broker_url=broker, task_always_eager=False, result_backend=None)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield
    finally:
        point_celery_at(**saved)


def _requests(dossier, registered_by, count):
    received = datetime.date(2026, 2, 1)
    AidRequest.objects.bulk_create(
        AidRequest(
            dossier=dossier,
            kind="financial_aid",
            received_on=received,
            register_year=2026,
            register_serial=500_000 + n,
            register_number=f"2026/{500_000 + n:06d}",
            decision_due=received + datetime.timedelta(days=30),
            forward_due=received + datetime.timedelta(days=5),
            registered_by=registered_by,
        )
        for n in range(count)
    )


@pytest.mark.django_db(transaction=True)
def test_an_export_of_10000_rows_completes_through_celery_with_progress_and_a_valid_xlsx(redis_worker):
    from openpyxl import load_workbook

    team = TeamFactory(code="noord", name="Noord")
    worker = UserFactory(
        username="an", team=team, roles=["social_worker"], first_name="=HYPERLINK(1)", last_name=""
    )
    head = UserFactory(username="hilde", team=team, roles=["head_of_service"])
    _requests(DossierFactory(team=team, social_worker=worker), worker, ROWS)

    asked = api_client_for(head).post(
        "/api/v1/reporting/exports/",
        {"kind": "requests", "from": "2026-01-01", "to": "2026-03-31", "format": "xlsx"},
        format="json",
    )
    assert asked.status_code == 202
    url = f"/api/v1/reporting/exports/{asked.json()['id']}/"
    seen, deadline = set(), time.monotonic() + 120
    while time.monotonic() < deadline:
        state = api_client_for(head).get(url).json()
        seen.add(state["progress"])
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.05)

    assert state["status"] == "done", state
    assert any(0 < progress < 100 for progress in seen), seen  # the progress moved while it ran
    export = ReportExport.objects.get()
    assert export.total == export.done == ROWS
    workbook = load_workbook(io.BytesIO(api_client_for(head).get(url + "download/").content), read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 1 + ROWS
    assert rows[0][0] == "registernummer"
    assert rows[1][3] == "'=HYPERLINK(1)"  # the worker's name, neutralised


@pytest.mark.django_db
def test_csv_cells_are_neutralised_against_formulas(django_capture_on_commit_callbacks):
    team = TeamFactory(code="noord", name="=cmd|' /C calc'!A0")
    worker = UserFactory(
        username="an", team=team, roles=["social_worker"], first_name="@SUM(A1)", last_name=""
    )
    head = UserFactory(username="hilde", team=team, roles=["head_of_service"])
    _requests(DossierFactory(team=team, social_worker=worker), worker, 3)

    with django_capture_on_commit_callbacks(execute=True):
        asked = api_client_for(head).post(
            "/api/v1/reporting/exports/",
            {"kind": "requests", "from": "2026-01-01", "to": "2026-03-31", "format": "csv"},
            format="json",
        )
    text = api_client_for(head).get(f"/api/v1/reporting/exports/{asked.json()['id']}/download/").content
    lines = text.decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    cells = lines[1].split(";")
    assert cells[2] == "'=cmd|' /C calc'!A0" and cells[3] == "'@SUM(A1)"


@pytest.mark.django_db
def test_exports_are_removed_after_the_retention_period(settings):
    from django.utils import timezone

    from reporting.services import report_exports_cleanup

    settings.REPORTING_EXPORT_RETENTION_HOURS = 24
    head = UserFactory(roles=["head_of_service"])
    old = ReportExport.objects.create(
        requested_by=head, kind="kpis", format="csv", date_from="2026-01-01", date_to="2026-03-31"
    )
    ReportExport.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    young = ReportExport.objects.create(
        requested_by=head, kind="kpis", format="csv", date_from="2026-01-01", date_to="2026-03-31"
    )

    assert report_exports_cleanup() == 1
    assert list(ReportExport.objects.values_list("pk", flat=True)) == [young.pk]
    assert "reporting-exports-cleanup" in settings.CELERY_BEAT_SCHEDULE

"""What operations rely on (api.md, Operations outside HTTP): the health check the load balancer polls,
the published API schema, and Celery's two modes: eager in the demo without a broker, a worker on Redis."""

import json
import os
import subprocess
import sys
from pathlib import Path

import kombu.pools
import pytest
import redis
import yaml
from celery.contrib.testing.worker import start_worker
from django.db import OperationalError
from drf_spectacular.validation import validate_schema

from config.celery import app

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
REDIS_TEST_DB = REDIS_URL.rsplit("/", 1)[0] + "/15"  # a database of its own: the test may empty it
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def real_redis():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        # Only for a laptop without Redis: `make test` starts it, and CI fails on any skipped test.
        pytest.skip(f"Redis does not answer at {REDIS_URL} ({error})")


# --- /healthz -----------------------------------------------------------------------------------------------


def test_healthz_all_ok_with_the_real_redis(client, db, settings, real_redis):
    settings.REDIS_URL = REDIS_URL

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]  # a cached "ok" would hide an outage


def test_healthz_reports_a_broker_outage_without_failing(client, db, settings):
    """Writes do not depend on the broker (side effects are retried), so the node stays in the pool."""
    settings.REDIS_URL = UNREACHABLE_REDIS

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "down"}


def test_healthz_in_the_demo_without_broker_is_ok(client, db, settings):
    settings.REDIS_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = True

    assert client.get("/healthz").json() == {"database": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_database_is_down(client, db, settings, monkeypatch, real_redis):
    settings.REDIS_URL = REDIS_URL

    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("config.health.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"database": "down", "broker": "ok"}


def test_healthz_needs_no_login_and_reveals_nothing_else(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert set(response.json()) == {"database", "broker"}


# --- API schema and docs ------------------------------------------------------------------------------------


def test_api_schema_is_valid_openapi_3_with_the_contract_paths(client, social_worker):
    client.force_login(social_worker)  # the schema is for staff only
    response = client.get("/api/schema/")

    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # raises on an invalid OpenAPI document
    assert {"/api/v1/auth/token/", "/api/v1/clients/"} <= set(schema["paths"])
    assert {"get", "post"} <= set(schema["paths"]["/api/v1/clients/"])


def test_api_schema_as_json(client, social_worker):
    client.force_login(social_worker)
    response = client.get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    assert json.loads(response.content)["info"]["title"] == "Casework API"


def test_api_schema_documents_the_error_answers_of_the_clients_endpoint(client, social_worker):
    client.force_login(social_worker)
    schema = yaml.safe_load(client.get("/api/schema/").content)
    operations = schema["paths"]["/api/v1/clients/"]

    assert {"200", "400", "401", "403"} <= set(operations["get"]["responses"])
    assert {"201", "400", "401", "403", "409"} <= set(operations["post"]["responses"])
    assert {"403"} <= set(schema["paths"]["/api/v1/auth/token/"]["post"]["responses"])  # the lockout


def test_api_docs_page(client, social_worker):
    client.force_login(social_worker)
    response = client.get("/api/docs/")

    assert response.status_code == 200
    assert b"swagger-ui" in response.content.lower()


def test_a_value_the_database_refuses_is_a_400_not_a_500(api, social_worker):
    """Found by the schemathesis run: a NUL character in a team code reached PostgreSQL, which refuses it.
    config.drf answers such input with 400 whatever the endpoint."""
    response = api(social_worker).post(
        "/api/v1/dossiers/",
        {"client": "3f1c1a4e-0000-4000-8000-000000000000", "team": "cen\x00trum"},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.data) == {"detail"}


# --- Celery -------------------------------------------------------------------------------------------------


def settings_in_a_fresh_process(module: str, **environment) -> dict:
    """The Celery settings a deployment gets from its environment, read by a new interpreter (settings are
    computed once per process)."""
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(environment, DJANGO_SETTINGS_MODULE=module)
    program = (
        "import json, django; django.setup(); from django.conf import settings; "
        "from config.celery import app; "
        "print(json.dumps({'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
        "'app_eager': app.conf.task_always_eager, 'app_broker': app.conf.broker_url}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_redis_url_tasks_run_eagerly_in_the_demo():
    demo = settings_in_a_fresh_process("config.settings.local")

    assert demo == {"eager": True, "broker": "memory://", "app_eager": True, "app_broker": "memory://"}


@pytest.mark.parametrize("module", ["config.settings.local", "config.settings.production"])
def test_with_redis_url_tasks_are_queued_on_redis(module):
    deployment = settings_in_a_fresh_process(
        module,
        REDIS_URL="redis://broker.example:6379/0",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="casework.example",
        DATABASE_URL="postgres://casework@db.example/casework",
    )

    assert deployment == {
        "eager": False,
        "broker": "redis://broker.example:6379/0",
        "app_eager": False,
        "app_broker": "redis://broker.example:6379/0",
    }


@pytest.fixture
def celery_on_real_redis(real_redis):
    """config.celery.app pointed at Redis database 15 as broker and result backend, restored afterwards."""
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager")}

    def configure(**conf):
        app.conf.update(conf)
        # Connections and producers pooled for the previous broker (by this app, or by kombu for all apps,
        # closed by an earlier test's worker) must not be reused; the result backend is cached per thread.
        kombu.pools.reset()
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        app._local.__dict__.pop("backend", None)

    configure(broker_url=REDIS_TEST_DB, result_backend=REDIS_TEST_DB, task_always_eager=False)
    try:
        yield app
    finally:
        configure(**saved)
        redis.Redis.from_url(REDIS_TEST_DB).flushdb()


def test_a_real_worker_round_trips_a_task_through_redis(celery_on_real_redis):
    import celery.contrib.testing.tasks  # noqa: F401 - registers celery.ping, which the ping check sends

    # start_worker runs a worker thread consuming from Redis; perform_ping_check sends celery.ping through the
    # broker and waits for "pong" in the result backend, failing the test when the round trip does not happen.
    with start_worker(
        celery_on_real_redis, pool="solo", perform_ping_check=True, ping_task_timeout=10
    ) as worker:
        assert worker.hostname
        from celery.contrib.testing.tasks import ping

        result = ping.apply_async()
        assert result.get(timeout=10) == "pong"
        assert result.status == "SUCCESS"


def test_the_schema_generates_without_a_warning():
    """Each app names its enums (ENUM_NAME_OVERRIDES): an app whose "status" collides with another's would
    otherwise get a hashed name like StatusEf1Enum in the public contract."""
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", os.devnull)


def test_beat_schedules_every_periodic_task_and_each_is_a_registered_task(settings):
    """The outbox's relay above all: without it a message that could not be published is never retried.
    (A second `CELERY_BEAT_SCHEDULE = {...}` in the settings once replaced the first.)"""
    app.loader.import_default_modules()
    scheduled = settings.CELERY_BEAT_SCHEDULE
    expected = {"relay-the-outbox", "delete-expired-api-tokens", "access-log-seal", "access-log-partitions"}
    assert expected <= set(scheduled)
    assert {entry["task"] for entry in scheduled.values()} <= set(app.tasks)

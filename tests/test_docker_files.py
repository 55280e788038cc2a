"""The Docker files, checked without a Docker engine: the compose file parses and runs the stack the settings
expect, the Dockerfile copies what exists and the build context holds, and the production settings pass
`check --deploy` with nothing but the environment the deployment gives them."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
DOCKERFILE = (ROOT / "docker" / "Dockerfile").read_text()
# One instruction per entry: continuation lines joined, comments dropped.
INSTRUCTIONS = [
    line.strip()
    for line in re.sub(r"\\\n", " ", DOCKERFILE).splitlines()
    if line.strip() and not line.lstrip().startswith("#")
]
APP_SERVICES = ("web", "worker", "beat")
PRODUCTION_REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")


def instructions(keyword: str) -> list[str]:
    return [line.split(None, 1)[1] for line in INSTRUCTIONS if line.split(None, 1)[0] == keyword]


def variables_read_by_the_settings() -> set[str]:
    text = "".join(path.read_text() for path in (ROOT / "config" / "settings").glob("*.py"))
    return set(re.findall(r"""os\.environ(?:\.get\(|\[)\s*["']([A-Z_]+)["']""", text)) | set(
        re.findall(r"""["']([A-Z_]+)["'] not in os\.environ""", text)
    )


def test_compose_runs_web_worker_beat_postgres_and_redis():
    services = COMPOSE["services"]

    assert set(services) == {"migrate", "web", "worker", "beat", "postgres", "redis"}
    assert services["postgres"]["image"] == "postgres:16"
    assert services["redis"]["image"].startswith("redis:7")
    assert "healthcheck" in services["postgres"] and "healthcheck" in services["redis"]
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["postgres"]["volumes"])
    assert services["web"]["command"] == "gunicorn --config config/gunicorn.py config.wsgi"
    assert services["web"]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["worker"]["command"].startswith("celery -A config worker")
    assert services["beat"]["command"].startswith("celery -A config beat")
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["postgres"] == {"condition": "service_healthy"}


def test_compose_migrates_as_the_owner_and_runs_the_application_as_its_own_role():
    services = COMPOSE["services"]
    migrate = services["migrate"]

    command = migrate["command"]
    assert command.index("migrate --noinput") < command.index("grant_app_role casework_app")
    assert migrate["environment"]["DATABASE_URL"].startswith("postgres://casework:${POSTGRES_PASSWORD:?")
    assert migrate["environment"]["CASEWORK_APP_DB_PASSWORD"].startswith("${POSTGRES_APP_PASSWORD:?")
    assert "--password-env CASEWORK_APP_DB_PASSWORD" in command
    assert services["postgres"]["environment"]["POSTGRES_USER"] == "casework"
    for name in APP_SERVICES:
        assert services[name]["environment"]["DATABASE_URL"].startswith(
            "postgres://casework_app:${POSTGRES_APP_PASSWORD:?"
        )


@pytest.mark.parametrize("service", APP_SERVICES)
def test_compose_gives_the_production_settings_what_they_need(service):
    environment = COMPOSE["services"][service]["environment"]

    assert environment["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    assert set(PRODUCTION_REQUIRED) <= set(environment)
    assert (
        environment["DATABASE_URL"].startswith("postgres://")
        and "@postgres:5432/" in environment["DATABASE_URL"]
    )
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    # The local stack speaks plain HTTP; a real deployment sets it to true behind its TLS proxy.
    assert environment["DJANGO_SECURE_SSL_REDIRECT"].endswith("false}")
    # No secret is written in the file: they come from docker/.env, and compose stops when one is missing.
    assert environment["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert "${POSTGRES_APP_PASSWORD:?" in environment["DATABASE_URL"]
    # Every variable given is one the settings read (DJANGO_SETTINGS_MODULE is read by Django itself).
    assert set(environment) - {"DJANGO_SETTINGS_MODULE"} <= variables_read_by_the_settings()


def test_the_settings_read_what_the_readme_and_the_contract_promise():
    assert (
        set(PRODUCTION_REQUIRED)
        | {
            "REDIS_URL",
            "DJANGO_SECURE_SSL_REDIRECT",
            "DJANGO_CSRF_TRUSTED_ORIGINS",
            "AXES_FAILURE_LIMIT",
            "AXES_COOLOFF_MINUTES",
            "CASEWORK_ORGANISATION_NAME",
        }
        <= variables_read_by_the_settings()
    )


def test_dockerfile_builds_a_non_root_gunicorn_image_with_a_health_check():
    assert instructions("FROM") == ["python:3.11-slim"]
    packages = " ".join(line for line in instructions("RUN") if "apt-get install" in line)
    assert "libpango-1.0-0" in packages and "libpangoft2-1.0-0" in packages
    assert any("DJANGO_SETTINGS_MODULE=config.settings.production" in line for line in instructions("ENV"))
    user = instructions("USER")
    assert user and user[-1] not in ("root", "0")
    assert instructions("EXPOSE") == ["8000"]
    assert "config.wsgi" in instructions("CMD")[-1] and "config/gunicorn.py" in instructions("CMD")[-1]
    healthcheck = instructions("HEALTHCHECK")[-1]
    assert "docker/healthcheck.py" in healthcheck and (ROOT / "docker" / "healthcheck.py").is_file()
    assert "/healthz" in (ROOT / "docker" / "healthcheck.py").read_text()


def test_dockerfile_collects_static_files_with_every_variable_production_requires():
    collectstatic = next(line for line in instructions("RUN") if "collectstatic" in line)

    for name in PRODUCTION_REQUIRED:
        assert f"{name}=" in collectstatic


def test_dockerfile_copies_what_exists_and_the_build_context_keeps():
    ignored = [
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    sources = [source for line in instructions("COPY") for source in line.split()[:-1]]

    assert "pyproject.toml" in sources and "manage.py" in sources
    for app in ("config", "accounts", "clients", "casework", "activation", "bcsd", "reporting", "locale"):
        assert app in sources
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not any(source == pattern or source.startswith(f"{pattern}/") for pattern in ignored), source


def test_production_settings_pass_check_deploy_with_only_their_environment():
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CASEWORK_", "AXES_"))
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "casework.example.be",
        "DATABASE_URL": "postgres://casework@db.example.be:5432/casework",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_gunicorn_config_preloads_freezes_the_loaded_objects_and_reads_the_environment(monkeypatch):
    import gc
    import importlib

    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "20")
    config = importlib.reload(importlib.import_module("config.gunicorn"))
    assert (config.workers, config.timeout, config.preload_app) == (5, 20, True)
    assert config.bind == "0.0.0.0:8000"  # what the image EXPOSEs and the health check asks
    thresholds = gc.get_threshold()
    try:
        config.when_ready(server=None)
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == config.GC_THRESHOLDS
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)

"""The test suite: PostgreSQL through DATABASE_URL (as in CI), fast password hashing."""

import os

import dj_database_url

from .base import *  # noqa: F403

# The suite runs on PostgreSQL, never on the demo's SQLite: constraints, triggers and locks are PostgreSQL's.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/casework"),
        conn_max_age=0,
    )
    | {"OPTIONS": POSTGRESQL_OPTIONS}  # noqa: F405
}

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True  # the Redis integration test runs a real worker explicitly

"""The zero-setup demo: SQLite unless DATABASE_URL says otherwise, tasks eager unless REDIS_URL is set."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

DEBUG = True
SECRET_KEY = SECRET_KEY or "demo-only-not-secret"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost"]
# The demo mails nobody: reminders and agenda mails are printed on the console.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

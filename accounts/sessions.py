"""Django's database sessions, refusing a malformed session cookie before it reaches the database."""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    """A session key is 32 characters of [a-z0-9] (Django makes them so). Anything else in the cookie (a NUL
    byte, which PostgreSQL refuses with an error, or an over-long string) is no session: the request goes on
    without one instead of failing with a 500. The middleware of the login, the second factor and the idle
    timeout read the session on every request, the API's included."""

    def _validate_session_key(self, key):
        return bool(key) and 8 <= len(key) <= 40 and all(char in VALID_KEY_CHARS for char in key)

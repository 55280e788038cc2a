"""The container's health check: GET /healthz must answer 200 (the database answers).

The Host header is the first of DJANGO_ALLOWED_HOSTS (Django refuses any other), and the request is marked as
HTTPS, as the proxy marks it, so that the production SSL redirect does not answer instead of the view."""

import os
import sys
import urllib.error
import urllib.request

host = os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")[0].strip().lstrip(".")
if not host or "*" in host:
    host = "localhost"
request = urllib.request.Request(
    "http://127.0.0.1:8000/healthz", headers={"Host": host, "X-Forwarded-Proto": "https"}
)
try:
    with urllib.request.urlopen(request, timeout=4) as response:  # noqa: S310 - a fixed local http URL
        sys.exit(0 if response.status == 200 else 1)
except (urllib.error.URLError, OSError) as error:
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)

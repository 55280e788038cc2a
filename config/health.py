import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness for the load balancer: the database must answer; a broker outage is reported, not fatal,
    because writes do not depend on it (side effects are queued after commit and retried)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # noqa: BLE001 - any failure of the database means "down"
        database = "down"
    broker = "down"
    if settings.REDIS_URL:
        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1).ping()
            broker = "ok"
        except redis.RedisError:
            broker = "down"
    elif settings.CELERY_TASK_ALWAYS_EAGER:
        broker = "ok"  # the demo runs tasks in the request: there is no broker to be down
    return JsonResponse({"database": database, "broker": broker}, status=200 if database == "ok" else 503)

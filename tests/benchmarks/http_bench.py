"""`make bench`: Casework at Antwerp size, served like a deployment, timed over HTTP beside its own SQL.

1. The dataset: the database BENCH_DATABASE (default casework_bench) is reused when it holds a scale dataset;
   otherwise it is created, migrated and filled with `manage.py seed_scale --scale $BENCH_SCALE` (default 1).
2. gunicorn with config/gunicorn.py (2 sync workers) and the production settings, on 127.0.0.1:$BENCH_PORT.
3. Per endpoint: the queries per request (counted in-process once), then BENCH_ROUNDS interleaved rounds of
   one HTTP request and the same SQL replayed directly on PostgreSQL (in a transaction rolled back), so that
   the noise of a shared machine falls on both alike; p50/p95 of each and the ratio HTTP p50 / SQL p50.
4. A mixed load (70 % dossier reads, 20 % searches, 10 % contact saves) from BENCH_CLIENTS threads over
   BENCH_SECONDS seconds: requests per second and p95.
5. The table, the machine and the commit go to docs/performance.md between the bench markers.

It is a benchmark, not a test: nothing here is asserted, CI times nothing."""

import base64
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASE_URL = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/casework")
SERVER = BASE_URL.rsplit("/", 1)[0]
DATABASE = os.environ.get("BENCH_DATABASE", "casework_bench")
BENCH_URL = f"{SERVER}/{DATABASE}"
SCALE = os.environ.get("BENCH_SCALE", "1")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))
ENV = {
    **os.environ,
    "DATABASE_URL": BENCH_URL,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "bench-only-not-secret",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
    "GUNICORN_ACCESS_LOG": "",
}
MARK_START, MARK_END = "<!-- bench:start -->", "<!-- bench:end -->"


def manage(*args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def dataset() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    manage("migrate", "--noinput", "-v", "0")
    # Autocommit: a transaction left open here would hold a lock that seed_scale's DROP INDEX waits for.
    with psycopg.connect(BENCH_URL, autocommit=True) as conn:
        seeded = conn.execute("SELECT EXISTS (SELECT 1 FROM clients_client)").fetchone()[0]
    if not seeded:
        manage("seed_scale", "--scale", SCALE)
    manage("collectstatic", "--noinput", "-v", "0")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Bench:
    def __init__(self):
        import django

        os.environ.update(ENV)
        django.setup()
        from django.test import Client
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from accounts.models import User
        from accounts.policy import second_factor_required
        from accounts.services import api_token_issue, totp_register
        from casework.models import Dossier

        self.worker = User.objects.get(username="mw001")
        self.lead = User.objects.get(team=self.worker.team, username__startswith="tl-")
        # The coach with the most trajectories (about 245 at scale 1: activation/scale.py).
        self.coach = User.objects.get(username="coach1")
        # The head of service reads the department's figures (reporting, issue 16).
        self.head = User.objects.get(username="hoofd")
        users = (self.worker, self.lead, self.coach, self.head)
        for user in users:  # a role that needs a second factor (the head of service) has enrolled one
            if (
                second_factor_required(user)
                and not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            ):
                totp_register(user=user, secret_base32=base64.b32encode(os.urandom(20)).decode())
        self.tokens = {u.pk: api_token_issue(user=u) for u in users}
        self.web = {}
        for user in users:
            client = Client(HTTP_X_FORWARDED_PROTO="https")
            client.force_login(user)  # the login's second step, as the login view leaves the session:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is not None:
                session = client.session
                session[DEVICE_ID_SESSION_KEY] = device.persistent_id
                session.save()
            self.web[user.pk] = client
        mine = Dossier.objects.filter(social_worker=self.worker, status="open").order_by("opened_on")
        by_contacts = {d.contacts.count(): d for d in mine}
        self.d1200 = by_contacts.get(1200) or max(by_contacts.items())[1]
        self.d200 = by_contacts.get(200) or self.d1200
        self.team_dossiers = list(
            Dossier.objects.filter(team=self.worker.team, status="open", restricted=False).values_list(
                "pk", flat=True
            )
        )
        self.insz = self.d200.client.insz
        from casework import policy

        visible = Dossier.objects.filter(policy.visible_dossiers_q(self.lead)).count()
        self.lead_page = max(1, min(50, -(-visible // 50)))  # page 50, or the last one of a small dataset

    def request_args(self, user, kind):
        """Headers for the in-process client and for requests: a token (API) or the session cookie (web)."""
        if kind == "api":
            return {"Authorization": f"Token {self.tokens[user.pk]}", "X-Forwarded-Proto": "https"}, {}
        cookie = self.web[user.pk].cookies["sessionid"].value
        return {"X-Forwarded-Proto": "https"}, {"sessionid": cookie}

    def endpoints(self):
        w, lead = self.worker, self.lead
        save = {"dossier": str(self.d200.pk), "channel": "phone", "summary": "Cliënt belde (bench)."}
        return [
            ("API caseload, worker with 85 open", w, "api", "GET", "/api/v1/dossiers/", None),
            (
                f"API caseload page {self.lead_page}, team lead",
                lead,
                "api",
                "GET",
                f"/api/v1/dossiers/?page={self.lead_page}",
                None,
            ),
            ("web caseload, worker", w, "web", "GET", "/dossiers/", None),
            ("web dossier page, 200 contacts", w, "web", "GET", f"/dossiers/{self.d200.pk}/", None),
            ("web dossier page, 1,200 contacts", w, "web", "GET", f"/dossiers/{self.d1200.pk}/", None),
            ("API dossier detail", w, "api", "GET", f"/api/v1/dossiers/{self.d1200.pk}/", None),
            (
                "API contacts of a dossier, page 1",
                w,
                "api",
                "GET",
                f"/api/v1/contacts/?dossier={self.d1200.pk}",
                None,
            ),
            ("API contact save", w, "api", "POST", "/api/v1/contacts/", save),
            ("API search `q=peet`", w, "api", "GET", "/api/v1/clients/?q=peet", None),
            ("API search by INSZ", w, "api", "GET", f"/api/v1/clients/?q={self.insz}", None),
            ("web access log of a client", lead, "web", "GET", f"/toegangslog/{self.d200.client_id}/", None),
            ("web coach's board", self.coach, "web", "GET", "/activering/", None),
            ("API coach's board", self.coach, "api", "GET", "/api/v1/activation/board/", None),
            ("web dashboard, quarter, all teams", self.head, "web", "GET", "/cijfers/?periode=quarter", None),
            ("API KPIs, quarter, all teams", self.head, "api", "GET", "/api/v1/reporting/kpis/", None),
            ("API worklist, worker", w, "api", "GET", "/api/v1/worklist/", None),
            (
                "API worklist of the team, team lead",
                lead,
                "api",
                "GET",
                f"/api/v1/worklist/?team={lead.team.code}",
                None,
            ),
            ("web home page (Mijn werk), team lead", lead, "web", "GET", "/", None),
        ]

    def captured_sql(self, user, kind, method, path, body):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client = self.web[user.pk]
        headers = {"X-Forwarded-Proto": "https"}
        if kind == "api":
            headers["Authorization"] = f"Token {self.tokens[user.pk]}"
        with CaptureQueriesContext(connection) as queries:
            if method == "GET":
                response = client.get(path, headers=headers)
            else:
                response = client.post(path, body, content_type="application/json", headers=headers)
        # A server-side cursor (a queryset's .iterator()) is replayed as its plain query, read to the end.
        statements = [
            re.sub(
                r"^DECLARE\s+\S+\s+.*?CURSOR\s+(WITH(OUT)?\s+HOLD\s+)?FOR\s+", "", q["sql"], flags=re.S | re.I
            )
            for q in queries.captured_queries
            if not q["sql"]
            .upper()
            .startswith(("SAVEPOINT", "RELEASE", "FETCH", "CLOSE", "MOVE", "BEGIN", "COMMIT"))
        ]
        created = response.json().get("id") if method == "POST" and response.status_code == 201 else None
        return response.status_code, statements, created

    def run(self):
        import psycopg
        import requests

        rows = []
        replay = psycopg.connect(BENCH_URL)
        for label, user, kind, method, path, body in self.endpoints():
            status, statements, created = self.captured_sql(user, kind, method, path, body)
            headers, cookies = self.request_args(user, kind)
            session = requests.Session()
            http, sql = [], []
            rounds = ROUNDS if "access log" not in label else max(5, ROUNDS // 8)
            for _ in range(rounds):
                started = time.perf_counter()
                response = session.request(
                    method,
                    f"http://127.0.0.1:{PORT}{path}",
                    json=body,
                    headers=headers,
                    cookies=cookies,
                    allow_redirects=False,
                )
                http.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                with replay.transaction(force_rollback=True), replay.cursor() as cursor:
                    fresh = uuid.uuid4()  # a save replayed: the same statements for a new row
                    for statement in statements:
                        if created:
                            statement = statement.replace(created, str(fresh))
                            statement = statement.replace(created.replace("-", ""), fresh.hex)
                        cursor.execute(statement.replace("%", "%%"))
                        if cursor.description:
                            cursor.fetchall()
                sql.append((time.perf_counter() - started) * 1000)
            rows.append(
                {
                    "label": label,
                    "status": f"{status}/{response.status_code}",
                    "queries": len(statements),
                    "p50": statistics.median(http),
                    "p95": percentile(http, 95),
                    "sql": statistics.median(sql),
                }
            )
            print(f"{label}: {rows[-1]}", flush=True)
        return rows, self.mixed()

    def mixed(self):
        import requests

        api_headers, _ = self.request_args(self.worker, "api")
        web_headers, cookies = self.request_args(self.worker, "web")
        stop, lock, times, errors = time.monotonic() + SECONDS, threading.Lock(), [], []

        def loop(seed):
            rng, session = random.Random(seed), requests.Session()
            while time.monotonic() < stop:
                dossier, draw = rng.choice(self.team_dossiers), rng.random()
                base = f"http://127.0.0.1:{PORT}"
                started = time.perf_counter()
                if draw < 0.35:
                    r = session.get(f"{base}/dossiers/{dossier}/", headers=web_headers, cookies=cookies)
                elif draw < 0.7:
                    r = session.get(f"{base}/api/v1/dossiers/{dossier}/", headers=api_headers)
                elif draw < 0.9:
                    q = rng.choice(["peet", "jans", "maes", "claes", "el am", "mert", "wout"])
                    r = session.get(f"{base}/api/v1/clients/?q={q}", headers=api_headers)
                else:
                    body = {"dossier": str(dossier), "channel": "phone", "summary": "Belde (bench)."}
                    r = session.post(f"{base}/api/v1/contacts/", json=body, headers=api_headers)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    times.append(elapsed)
                    if r.status_code >= 400:
                        errors.append(r.status_code)

        threads = [threading.Thread(target=loop, args=(n,)) for n in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return {"rps": len(times) / SECONDS, "p95": percentile(times, 95), "p50": statistics.median(times),
                "requests": len(times), "errors": len(errors)}  # fmt: skip


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")), platform.processor())  # fmt: skip
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, commit {commit.stdout.strip()}"
    )


def write(rows, mixed) -> str:
    import psycopg

    with psycopg.connect(BENCH_URL) as conn:
        counts = conn.execute(
            "SELECT (SELECT count(*) FROM clients_client), (SELECT count(*) FROM casework_dossier), "
            "(SELECT count(*) FROM casework_contact), (SELECT count(*) FROM clients_accesslog), "
            "pg_size_pretty(pg_database_size(current_database())), current_setting('server_version')"
        ).fetchone()
    lines = [
        MARK_START,
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine()}; "
        f"PostgreSQL {counts[5]}; "
        f"dataset: {counts[0]:,} clients, {counts[1]:,} dossiers, {counts[2]:,} contacts, {counts[3]:,} "
        f"access-log rows ({counts[4]}); gunicorn {ENV['GUNICORN_WORKERS']} sync workers, "
        "production settings; "
        f"{ROUNDS} rounds per endpoint.",
        "",
        "| endpoint | status (in-process/HTTP) | queries | HTTP p50 / p95 ms | same SQL p50 ms | ratio |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        ratio = row["p50"] / row["sql"] if row["sql"] else 0
        lines.append(
            f"| {row['label']} | {row['status']} | {row['queries']} | {row['p50']:.1f} / {row['p95']:.1f} | "
            f"{row['sql']:.1f} | {ratio:.1f} |"
        )
    lines += [
        "",
        f"Mixed load ({CLIENTS} clients, {SECONDS} s; 70 % dossier reads, 20 % searches, "
        "10 % contact saves): "
        f"{mixed['rps']:.0f} requests/s, p50 {mixed['p50']:.0f} ms, p95 {mixed['p95']:.0f} ms, "
        f"{mixed['requests']} requests, {mixed['errors']} errors.",
        MARK_END,
    ]
    table = "\n".join(lines)
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text() if doc.exists() else f"# Performance\n\n{MARK_START}\n{MARK_END}\n"
    if MARK_START in text:
        head, rest = text.split(MARK_START, 1)
        text = head + table + rest.split(MARK_END, 1)[1]
    else:
        text += "\n" + table + "\n"
    doc.write_text(text)
    return table


def main():
    dataset()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"], cwd=ROOT, env=ENV
    )
    try:
        import requests

        for _ in range(100):
            try:
                requests.get(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        rows, mixed = Bench().run()
        print(write(rows, mixed))
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

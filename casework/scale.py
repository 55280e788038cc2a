"""The scale dataset's casework (`manage.py seed_scale`): at scale 1, 60,000 dossiers of which 6,132 open, a
caseload with a long tail (the first social worker, mw001, at 85 open dossiers while the median is about
60), 2,000,000 contacts with a long tail per dossier (up to ~1,400; mw001 has one dossier with exactly 1,200
and one with 200, for the bench), 150,000 requests in the register, timeline events, break-the-glass grants,
restricted dossiers, the history rows, and 7,500,000 access-log rows over the past twelve months.

Python decides the small plan (which dossier belongs to whom, how many contacts it has) and COPYs it into a
temporary table; PostgreSQL generates the big tables from it with generate_series."""

import datetime
import hashlib
import math
import uuid

from casework.obligations import scale as obligations_scale
from core.scale import ScaleContext, indexes_rebuilt_after

BENCH_WORKER_OPEN = 85
BENCH_DOSSIER_CONTACTS = (1200, 200)
MAX_CONTACTS = 1400
CHANNELS = ["office", "home_visit", "phone", "email", "video", "letter", "other"]
SUMMARIES = [
    "Gesprek over de aanvraag en de nodige documenten.",
    "Cliënt belde over de stand van het dossier; uitleg gegeven.",
    "Huisbezoek: woning bekeken, gezinssituatie besproken.",
    "Afspraak gemaakt met de schuldbemiddelaar.",
    "Loonfiches en rekeninguittreksels ontvangen.",
    "Opvolging van het hulpverleningsplan; doelen overlopen.",
    "Cliënt meldt een nieuwe huurovereenkomst.",
    "Doorverwijzing naar het CAW besproken.",
]
KINDS = [
    "leefloon",
    "financial_aid",
    "heating_allowance",
    "medical_card",
    "rental_deposit",
    "budget_guidance",
]


def _sid(seed: int, salt: str, i: int) -> uuid.UUID:
    """The same id as pg_temp.sid in SQL."""
    return uuid.UUID(hashlib.md5(f"{seed}:{salt}:{i}".encode()).hexdigest())  # noqa: S324 (ids, not security)


def _caseloads(ctx: ScaleContext, open_dossiers: int, workers: int) -> list[int]:
    """How many open dossiers each social worker has: the first one BENCH_WORKER_OPEN (or a third of all at a
    small scale), the others around the median with a spread."""
    first = min(BENCH_WORKER_OPEN, open_dossiers // 3)
    rng = ctx.random("caseload")
    weights = [rng.lognormvariate(0, 0.25) for _ in range(workers - 1)]
    rest = open_dossiers - first
    counts = [math.floor(rest * w / sum(weights)) for w in weights]
    for index in range(rest - sum(counts)):
        counts[index % len(counts)] += 1
    return [first, *counts]


def _plan(ctx: ScaleContext) -> list[tuple]:
    seed, today = ctx.seed, datetime.date.today()
    workers, leads, coaches = ctx.facts["workers"], ctx.facts["team_leads"], ctx.facts["coaches"]
    clients = ctx.facts["clients"]
    total = max(ctx.count(60_000), clients + 10)
    open_count = min(ctx.count(6_132), clients)
    rng = ctx.random("dossiers")
    rows = []  # (k, id, client_id, team_id, worker_id, coach_id, status, opened, closed, restricted, contacts)
    owner = [w for w, n in enumerate(_caseloads(ctx, open_count, len(workers))) for _ in range(n)]
    contacts_mu = math.log(33) - 1.2**2 / 2
    for k in range(1, total + 1):
        if k <= open_count:
            worker_id, team_id = workers[owner[k - 1]]
            client_k = k
            opened = today - datetime.timedelta(days=rng.randint(1, 3 * 365))
            closed = None
        else:
            worker_id, team_id = workers[rng.randrange(len(workers))]
            client_k = rng.randint(1, clients)
            opened = today - datetime.timedelta(days=rng.randint(400, 10 * 365))
            closed = min(
                opened + datetime.timedelta(days=rng.randint(30, 900)), today - datetime.timedelta(1)
            )
        contacts = min(MAX_CONTACTS, max(1, round(rng.lognormvariate(contacts_mu, 1.2))))
        rows.append(
            [k, _sid(seed, "dossier", k), _sid(seed, "client", client_k), team_id, worker_id,
             coaches[k % 2] if closed is None and rng.random() < 0.08 else None,
             "open" if closed is None else "closed", opened, closed, rng.random() < 0.003, contacts]
        )  # fmt: skip
    # The bench's dossiers: mw001's first two open ones, neither restricted.
    for index, contacts in enumerate(BENCH_DOSSIER_CONTACTS):
        if index < open_count:
            rows[index][10] = contacts
            rows[index][9] = False
    ctx.facts["team_leads_by_team"] = leads
    return [tuple(row) for row in rows]


def seed(ctx: ScaleContext) -> None:
    seed = ctx.seed
    plan = _plan(ctx)
    with ctx.step(f"{len(plan)} dossiers"), indexes_rebuilt_after(ctx, "casework_dossier"):
        ctx.sql(
            """
            CREATE TEMP TABLE scale_dossier (k int PRIMARY KEY, id uuid, client_id uuid, team_id bigint,
                worker_id bigint, coach_id bigint, status text, opened date, closed date, restricted bool,
                contacts int) ON COMMIT DROP
            """
        )
        columns = [
            "k",
            "id",
            "client_id",
            "team_id",
            "worker_id",
            "coach_id",
            "status",
            "opened",
            "closed",
            "restricted",
            "contacts",
        ]
        ctx.copy_rows("scale_dossier", columns, plan)
        ctx.sql("ANALYZE scale_dossier")
        ctx.sql(
            """
            INSERT INTO casework_dossier (id, status, opened_on, closed_on, closed_reason, client_id,
                social_worker_id, team_id, activation_coach_id, restricted, number, client_last_name,
                client_first_name)
            SELECT d.id, status, opened, closed,
                CASE WHEN closed IS NULL THEN '' ELSE 'hulpverlening afgerond' END,
                client_id, worker_id, team_id, coach_id, restricted,
                extract(year FROM opened)::int || '-' || lpad(row_number() OVER (
                    PARTITION BY extract(year FROM opened) ORDER BY opened, k)::text, 5, '0'),
                c.last_name, c.first_name  -- the triggers' copy (triggers are off while seeding)
            FROM scale_dossier d JOIN clients_client c ON c.id = d.client_id ORDER BY k
            """
        )
        ctx.sql(
            """
            INSERT INTO casework_dossiercounter (year, last_serial)
            SELECT split_part(number, '-', 1)::int, max(split_part(number, '-', 2)::int)
            FROM casework_dossier GROUP BY 1
            ON CONFLICT (year) DO UPDATE SET last_serial = excluded.last_serial
            """
        )
        ctx.sql(
            """
            INSERT INTO casework_dossier_restricted_to (dossier_id, user_id)
            SELECT id, worker_id FROM scale_dossier WHERE restricted
            """
        )
        ctx.sql(
            """
            INSERT INTO casework_historicaldossier (id, status, opened_on, closed_on, closed_reason,
                history_date, history_change_reason, history_type, client_id, history_user_id,
                social_worker_id, team_id, activation_coach_id, restricted, number)
            SELECT id, 'open', opened_on, NULL::date, '', opened_on, NULL::text, '+', client_id, NULL::bigint,
                social_worker_id,
                team_id, activation_coach_id, restricted, number FROM casework_dossier
            UNION ALL
            SELECT id, status, opened_on, closed_on, closed_reason, closed_on, NULL, '~', client_id, NULL,
                social_worker_id, team_id, activation_coach_id, restricted, number
            FROM casework_dossier WHERE closed_on IS NOT NULL
            """
        )
        # Break-the-glass: some social workers hold a live grant on another team's dossier, others an expired one.
        ctx.sql(
            """
            INSERT INTO casework_breakglassaccess (id, reason, granted_at, expires_at, dossier_id, user_id,
                category)
            SELECT pg_temp.sid('break_glass', d.k, %(seed)s), 'Collega afwezig, cliënt aan het onthaal',
                now() - interval '2 hours', now() + CASE WHEN d.k %% 2 = 0 THEN interval '6 hours'
                ELSE interval '-1 hour' END, d.id, w.worker_id, 'absent_colleague'
            FROM scale_dossier d
            JOIN LATERAL (SELECT worker_id FROM scale_dossier o WHERE o.team_id <> d.team_id
                          AND o.k = d.k + 7 LIMIT 1) w ON true
            WHERE d.k %% 97 = 0 AND NOT d.restricted AND d.status = 'open'
            """,
            {"seed": seed},
        )
    contacts = sum(row[10] for row in plan)
    tables = ("casework_contact", "casework_historicalcontact")
    with ctx.step(f"{contacts} contacts"), indexes_rebuilt_after(ctx, *tables):
        ctx.sql(
            f"""
            INSERT INTO casework_contact (id, occurred_at, channel, summary, duration_minutes, participants,
                confidential, created_at, author_id, dossier_id, findings)
            SELECT pg_temp.sid('contact', d.k::bigint * 10000 + g, %(seed)s), t.at,
                (%(channels)s::text[])[1 + floor(pg_temp.rnd('channel', d.k::bigint * 10000 + g, %(seed)s)
                    * {len(CHANNELS)})::int],
                (%(summaries)s::text[])[1 + floor(pg_temp.rnd('summary', d.k::bigint * 10000 + g, %(seed)s)
                    * {len(SUMMARIES)})::int],
                5 + floor(pg_temp.rnd('duration', d.k::bigint * 10000 + g, %(seed)s) * 60)::int, '',
                pg_temp.rnd('confidential', d.k::bigint * 10000 + g, %(seed)s) < 0.04, t.at, d.worker_id, d.id, ''
            FROM scale_dossier d
            CROSS JOIN LATERAL generate_series(1, d.contacts) g
            CROSS JOIN LATERAL (
                SELECT (d.opened::timestamp + interval '8 hours'
                    + interval '1 second' * floor(86400.0 * (coalesce(d.closed, current_date) - d.opened)
                        * (g - 0.5) / d.contacts)) AT TIME ZONE 'Europe/Brussels' AS at
            ) t
            """,
            {"seed": seed, "channels": CHANNELS, "summaries": SUMMARIES},
        )
        ctx.sql(
            """
            INSERT INTO casework_historicalcontact (id, occurred_at, channel, summary, duration_minutes,
                participants, confidential, created_at, history_date, history_change_reason, history_type,
                author_id, dossier_id, history_user_id, findings)
            SELECT id, occurred_at, channel, summary, duration_minutes, participants, confidential, created_at,
                created_at, NULL, '+', author_id, dossier_id, author_id, findings FROM casework_contact
            """
        )
    _requests(ctx)
    obligations_scale.seed(ctx)
    _access_log(ctx)


def _requests(ctx: ScaleContext) -> None:
    seed = ctx.seed
    tables = ("casework_aidrequest", "casework_historicalaidrequest", "casework_timelineevent")
    with ctx.step("requests and timeline events"), indexes_rebuilt_after(ctx, *tables):
        # 2.5 requests per dossier on average, received during the dossier's life.
        ctx.sql(
            f"""
            CREATE TEMP TABLE scale_request ON COMMIT DROP AS
            SELECT d.k, g, d.id AS dossier_id, d.worker_id, d.status AS dossier_status,
                d.opened + floor((coalesce(d.closed, current_date) - d.opened)
                    * pg_temp.rnd('received', d.k::bigint * 10 + g, %(seed)s))::int AS received_on,
                (%(kinds)s::text[])[1 + floor(pg_temp.rnd('kind', d.k::bigint * 10 + g, %(seed)s)
                    * {len(KINDS)})::int] AS kind
            FROM scale_dossier d
            CROSS JOIN LATERAL generate_series(1, 1 + floor(pg_temp.rnd('requests', d.k, %(seed)s) * 4)::int) g
            """,
            {"seed": seed, "kinds": KINDS},
        )
        ctx.sql(
            """
            INSERT INTO casework_aidrequest (id, kind, description, received_on, channel, register_year,
                register_serial, register_number, decision_due, status, forwarded_to, forward_reasons,
                forwarded_on, forward_due, created_at, dossier_id, registered_by_id, late_registration_reason)
            SELECT pg_temp.sid('request', r.k::bigint * 10 + r.g, %(seed)s), r.kind, 'Hulpvraag van de cliënt.',
                r.received_on, 'oral', extract(year FROM r.received_on)::int, r.serial,
                extract(year FROM r.received_on)::int || '/' || lpad(r.serial::text, 6, '0'),
                r.received_on + 30,
                CASE WHEN r.dossier_status = 'open' AND r.received_on > current_date - 30 THEN 'in_inquiry'
                     ELSE 'notified' END,
                '', '', NULL, r.received_on + 5, r.received_on::timestamp AT TIME ZONE 'Europe/Brussels',
                r.dossier_id, r.worker_id, ''
            FROM (SELECT *, row_number() OVER (PARTITION BY extract(year FROM received_on)
                                               ORDER BY received_on, k, g) AS serial
                  FROM scale_request) r
            """,
            {"seed": seed},
        )
        ctx.sql(
            """
            INSERT INTO casework_registercounter (year, last_serial)
            SELECT register_year, max(register_serial) FROM casework_aidrequest GROUP BY 1
            ON CONFLICT (year) DO UPDATE SET last_serial = excluded.last_serial
            """
        )
        ctx.sql(
            """
            INSERT INTO casework_historicalaidrequest (id, kind, description, received_on, channel,
                register_year, register_serial, register_number, decision_due, status, forwarded_to,
                forward_reasons, forwarded_on, forward_due, created_at, history_date, history_change_reason,
                history_type, dossier_id, history_user_id, registered_by_id, late_registration_reason)
            SELECT id, kind, description, received_on, channel, register_year, register_serial,
                register_number, decision_due, status, forwarded_to, forward_reasons, forwarded_on, forward_due,
                created_at, created_at, NULL, '+', dossier_id, registered_by_id, registered_by_id,
                late_registration_reason FROM casework_aidrequest
            """
        )
        ctx.sql(
            """
            INSERT INTO casework_timelineevent (id, occurred_at, kind, title, detail, link, created_at,
                dossier_id, recorded_by_id)
            SELECT pg_temp.sid('event', r.k::bigint * 10 + r.g, %(seed)s),
                (r.received_on + 25)::timestamp AT TIME ZONE 'Europe/Brussels' + interval '10 hours',
                'bcsd.decision', 'Beslissing van het BCSD', 'De aanvraag werd toegekend.', '',
                (r.received_on + 25)::timestamp AT TIME ZONE 'Europe/Brussels', r.dossier_id, r.worker_id
            FROM scale_request r WHERE r.received_on + 25 < current_date
            """,
            {"seed": seed},
        )


def _access_log(ctx: ScaleContext) -> None:
    """The reads of the past year, in time order (ids grow with time): 70 % a dossier page read by its social
    worker, 15 % a caseload list (the ids of the worker's first 25 open dossiers), 15 % a search that found
    five persons."""
    from clients.scale import access_log_load, access_log_months

    seed, total = ctx.seed, ctx.count(7_500_000, minimum=1000)
    with ctx.step(f"{total} access-log rows"):
        access_log_months(ctx, 12)
        ctx.sql(
            """
            CREATE TEMP TABLE scale_caseload ON COMMIT DROP AS
            SELECT (row_number() OVER (ORDER BY worker_id) - 1)::int AS w, worker_id,
                jsonb_agg(client_id::text ORDER BY k) AS subjects, jsonb_agg(id::text ORDER BY k) AS dossiers
            FROM (SELECT *, row_number() OVER (PARTITION BY worker_id ORDER BY k) AS n
                  FROM scale_dossier WHERE status = 'open') d
            WHERE n <= 25 GROUP BY worker_id
            """
        )
        ctx.sql("ALTER TABLE scale_caseload ADD PRIMARY KEY (w)")
        access_log_load(
            ctx,
            """
            SELECT now() - interval '1 second' * (360.0 * 86400 * (%(total)s - i) / %(total)s) AS accessed_at,
                CASE WHEN r.kind < 0.7 THEN d.worker_id ELSE c.worker_id END AS user_id,
                CASE WHEN r.kind < 0.7 THEN jsonb_build_array(d.client_id::text)
                     WHEN r.kind < 0.85 THEN c.subjects
                     ELSE (SELECT jsonb_agg(pg_temp.sid('client', 1 + (r.start + j * 7) %% %(clients)s,
                                                        %(seed)s)::text)
                           FROM generate_series(0, 4) j) END AS subject_ids,
                CASE WHEN r.kind < 0.7 THEN 'dossier_page' WHEN r.kind < 0.85 THEN 'dossier_list'
                     ELSE 'client_search' END AS what,
                CASE WHEN r.kind < 0.7 THEN 'dossier' WHEN r.kind < 0.85 THEN 'caseload' ELSE 'search' END
                    AS purpose,
                CASE WHEN r.kind < 0.7 THEN jsonb_build_array(d.id::text) WHEN r.kind < 0.85 THEN c.dossiers
                     ELSE '[]'::jsonb END AS dossier_ids,
                CASE WHEN r.kind < 0.85 THEN '' ELSE 'peet' END AS query
            FROM generate_series(1, %(total)s) i
            CROSS JOIN LATERAL (
                SELECT pg_temp.rnd('kind', i, %(seed)s) AS kind,
                    1 + floor(pg_temp.rnd('read', i, %(seed)s) * %(dossiers)s)::int AS dossier_k,
                    floor(pg_temp.rnd('reader', i, %(seed)s) * %(workers)s)::int AS w,
                    floor(pg_temp.rnd('found', i, %(seed)s) * %(clients)s)::int AS start
            ) r
            JOIN scale_dossier d ON d.k = r.dossier_k
            JOIN scale_caseload c ON c.w = r.w
            """,
            {
                "seed": seed,
                "total": total,
                "dossiers": ctx.scalar("SELECT count(*) FROM scale_dossier"),
                "workers": ctx.scalar("SELECT count(*) FROM scale_caseload"),
                "clients": ctx.facts["clients"],
            },
        )

"""The scale dataset's persons (`manage.py seed_scale`): 50,000 clients at scale 1 with valid INSZ numbers
(rijksregisternummer, a few BIS numbers, a few without), Antwerp addresses, valid Belgian IBANs, households,
and their history rows. Also the loader of the access log (`access_log_load`), which the apps above use for
the reads they simulate: rows back-dated over past months, in partitions made for them.

Names are plain ASCII, so that `search_text` computed in SQL equals clients.rules.search_text (a test checks)."""

from core.scale import ScaleContext, indexes_rebuilt_after

MALE = "Jan Luc Peter Dirk Marc Tom Bart Koen Wim Kevin Mohamed Youssef Ahmed Jonas Thomas Pieter Stijn Bram"
FEMALE = (
    "Maria Ann Els Sofie Lotte Emma Fatima Sara Nora Ines Julie Laura Leen Katrien Ilse Hanne Amal Zeynep"
)
# A long tail of family names (the first ones are common): "peet" matches Peeters (the 21st, ~1.5 %),
# Peetermans and Van Peet (rare): about 800 persons at scale 1 like the measured registry.
LAST = [
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Hermans",
    "Aerts",
    "Michiels",
    "Smets",
    "Van Damme",
    "Bogaert",
    "Desmet",
    "Vermeulen",
    "Peeters",
    "Van den Broeck",
    "Martens",
    "De Vos",
    "Segers",
    "Verstraeten",
    "Cools",
    "Van de Velde",
    "Geerts",
    "Coppens",
    "Nijs",
    "Lemmens",
    "El Amrani",
    "Benali",
    "Yilmaz",
    "Ozturk",
    "Nowak",
    "Popescu",
    "Haddad",
    "Rahimi",
    "Tesfaye",
    "Kabongo",
    "Peetermans",
    "Van Peet",
    "Diallo",
    "Sahin",
    "Kowalski",
    "Ionescu",
    "Baert",
    "Dierckx",
    "Thys",
    "Stevens",
]
STREETS = [
    "Meir",
    "Kammenstraat",
    "Lange Leemstraat",
    "Turnhoutsebaan",
    "Carnotstraat",
    "Kerkstraat",
    "Sint-Bernardsesteenweg",
    "Boomsesteenweg",
    "Bredabaan",
    "Lakenstraat",
    "Sint-Jansplein",
    "Kioskplaats",
    "Herentalsebaan",
    "Statielei",
    "Kiel",
]
PLACES = [
    ("2000", "Antwerpen"), ("2018", "Antwerpen"), ("2020", "Antwerpen"), ("2060", "Antwerpen"),
    ("2140", "Borgerhout"), ("2100", "Deurne"), ("2600", "Berchem"), ("2660", "Hoboken"),
    ("2170", "Merksem"), ("2610", "Wilrijk"),
]  # fmt: skip
NATIONALITIES = ["BE"] * 14 + ["MA", "MA", "TR", "NL", "PL", "RO", "SY", "AF", "CD", "UA"]
LANGUAGES = {"BE": "Nederlands", "NL": "Nederlands", "MA": "Arabisch", "TR": "Turks", "PL": "Pools",
             "RO": "Roemeens", "SY": "Arabisch", "AF": "Dari", "CD": "Frans", "UA": "Oekraïens"}  # fmt: skip


def _array(values) -> str:
    return "ARRAY[" + ",".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def seed(ctx: ScaleContext) -> None:
    clients = ctx.count(50_000, minimum=200)
    ctx.facts["clients"] = clients
    seed = ctx.seed
    nationality_language = ", ".join(f"('{n}', '{lang}')" for n, lang in LANGUAGES.items())
    with (
        ctx.step(f"{clients} clients"),
        indexes_rebuilt_after(ctx, "clients_client", "clients_historicalclient"),
    ):
        # Birth dates first; the day serial (odd: man, even: woman) is the rank among the same birth date, so
        # INSZ numbers are unique; the check digits as clients.rules.insz_for computes them.
        ctx.sql(
            """
            CREATE TEMP TABLE scale_client ON COMMIT DROP AS
            WITH base AS (
                SELECT i, pg_temp.sid('client', i, %(seed)s) AS id,
                    CASE WHEN pg_temp.rnd('gender', i, %(seed)s) < 0.5 THEN 'm' ELSE 'f' END AS gender,
                    date '1938-01-01' + floor(pg_temp.rnd('birth', i, %(seed)s) * 24800)::int AS birth_date,
                    pg_temp.rnd('kind', i, %(seed)s) AS kind
                FROM generate_series(1, %(n)s) i
            ), ranked AS (
                SELECT base.*, row_number() OVER (PARTITION BY birth_date, gender ORDER BY i) AS rank FROM base
            )
            SELECT ranked.*,
                to_char(birth_date, 'YY')
                || lpad((extract(month FROM birth_date)::int + CASE WHEN kind < 0.02 THEN 40 ELSE 0 END)::text,
                        2, '0')
                || to_char(birth_date, 'DD')
                || lpad((rank * 2 - CASE WHEN gender = 'm' THEN 1 ELSE 0 END)::text, 3, '0') AS insz_base
            FROM ranked
            """,
            {"seed": seed, "n": clients},
        )
        ctx.sql(
            f"""
            INSERT INTO clients_client (id, insz, first_name, last_name, birth_date, gender, nationality,
                language, street, house_number, box, postal_code, municipality, phone, email, iban,
                search_text, created_at, created_by_id, version)
            SELECT c.id, CASE WHEN c.kind > 0.97 THEN NULL ELSE c.insz_base || lpad((97 - (
                    (CASE WHEN birth_date >= date '2000-01-01' THEN '2' ELSE '' END || c.insz_base)::bigint %% 97
                ))::text, 2, '0') END,
                n.first, n.last, c.birth_date, c.gender, n.nationality,
                (SELECT language FROM (VALUES {nationality_language}) AS l (nat, language) WHERE nat = n.nationality),
                (({_array(STREETS)})[1 + floor(pg_temp.rnd('street', i, %(seed)s) * {len(STREETS)})::int]),
                (1 + floor(pg_temp.rnd('house', i, %(seed)s) * 180)::int)::text, '',
                p.postal_code, p.municipality,
                '04' || lpad(floor(pg_temp.rnd('phone', i, %(seed)s) * 1e8)::bigint::text, 8, '0'),
                CASE WHEN pg_temp.rnd('mail', i, %(seed)s) < 0.6
                    THEN lower(replace(n.first || '.' || n.last, ' ', '')) || i || '@example.be' ELSE '' END,
                CASE WHEN pg_temp.rnd('iban', i, %(seed)s) < 0.7 THEN
                    'BE' || lpad((98 - ((a.bban || '111400')::numeric %% 97))::text, 2, '0') || a.bban
                ELSE '' END,
                n.search_text, now() - make_interval(days => floor(pg_temp.rnd('since', i, %(seed)s) * 3650)::int),
                NULL, 1
            FROM scale_client c
            CROSS JOIN LATERAL (
                SELECT CASE WHEN c.gender = 'm'
                    THEN ({_array(MALE.split())})[1 + floor(pg_temp.rnd('first', i, %(seed)s) * {len(MALE.split())})::int]
                    ELSE ({_array(FEMALE.split())})[1 + floor(pg_temp.rnd('first', i, %(seed)s) * {len(FEMALE.split())})::int]
                    END AS first,
                    -- a long tail: the square of a uniform number picks the first names far more often
                    ({_array(LAST)})[1 + floor(pg_temp.rnd('last', i, %(seed)s) ^ 2 * {len(LAST)})::int] AS last,
                    ({_array(NATIONALITIES)})[1 + floor(pg_temp.rnd('nat', i, %(seed)s) * {len(NATIONALITIES)})::int]
                        AS nationality
            ) n0
            CROSS JOIN LATERAL (
                SELECT n0.*, lower(n0.first) || ' ' || lower(n0.last)
                    || CASE WHEN n0.last LIKE '%% %%' THEN ' ' || lower(replace(n0.last, ' ', '')) ELSE '' END
                    AS search_text
            ) n
            CROSS JOIN LATERAL (
                SELECT (ARRAY[{",".join(f"'{code}'" for code, _m in PLACES)}])[k] AS postal_code,
                       (ARRAY[{",".join(f"'{name}'" for _c, name in PLACES)}])[k] AS municipality
                FROM (SELECT 1 + floor(pg_temp.rnd('place', i, %(seed)s) * {len(PLACES)})::int AS k) k
            ) p
            CROSS JOIN LATERAL (
                SELECT b || lpad((CASE WHEN b::bigint %% 97 = 0 THEN 97 ELSE b::bigint %% 97 END)::text, 2, '0')
                    AS bban
                FROM (SELECT (ARRAY['001','063','068','310','363','735','751','973'])
                        [1 + floor(pg_temp.rnd('bank', i, %(seed)s) * 8)::int]
                    || lpad(floor(pg_temp.rnd('account', i, %(seed)s) * 1e7)::bigint::text, 7, '0') AS b) b
            ) a
            ORDER BY i
            """,
            {"seed": seed},
        )
        ctx.sql(
            """
            INSERT INTO clients_historicalclient (id, insz, first_name, last_name, birth_date, gender,
                nationality, language, street, house_number, box, postal_code, municipality, phone, email, iban,
                created_at, history_date, history_change_reason, history_type, created_by_id, history_user_id)
            SELECT id, insz, first_name, last_name, birth_date, gender, nationality, language, street,
                house_number, box, postal_code, municipality, phone, email, iban, created_at, created_at, NULL,
                '+', created_by_id, NULL
            FROM clients_client
            """
        )
    with ctx.step("households"):
        # One client in five lives with a partner or children who are clients too (the next keys).
        ctx.sql(
            """
            INSERT INTO clients_householdmember (id, relation, from_date, to_date, client_id, member_id)
            SELECT pg_temp.sid('household', h.i, %(seed)s), CASE WHEN h.i %% 2 = 0 THEN 'partner' ELSE 'child' END,
                date '2015-01-01' + floor(pg_temp.rnd('hh', h.i, %(seed)s) * 3000)::int, NULL, h.id, m.id
            FROM scale_client h JOIN scale_client m ON m.i = h.i + 1
            WHERE h.i %% 5 = 0
            """,
            {"seed": seed},
        )
        ctx.sql(
            """
            INSERT INTO clients_historicalhouseholdmember (id, relation, from_date, to_date, client_id,
                member_id, history_date, history_change_reason, history_type, history_user_id)
            SELECT id, relation, from_date, to_date, client_id, member_id, now(), NULL, '+', NULL
            FROM clients_householdmember
            """
        )


def access_log_months(ctx: ScaleContext, months: int) -> None:
    """Monthly partitions for the past `months` months (the scheduled task only makes those ahead)."""
    ctx.sql(
        """
        SELECT to_char(m, 'YYYY-MM-DD') FROM generate_series(
            date_trunc('month', now() AT TIME ZONE 'UTC') - make_interval(months => %s),
            date_trunc('month', now() AT TIME ZONE 'UTC'), interval '1 month') m
        """,
        [months],
    )
    for (month,) in ctx.cursor.fetchall():
        name = "clients_accesslog_" + month[:7].replace("-", "_")
        ctx.sql(
            f'CREATE TABLE IF NOT EXISTS "{name}" PARTITION OF clients_accesslog '
            "FOR VALUES FROM (%s::timestamp AT TIME ZONE 'UTC') "
            "TO ((%s::date + interval '1 month')::timestamp AT TIME ZONE 'UTC')",
            [month, month],
        )


def access_log_load(ctx: ScaleContext, select_sql: str, params: dict) -> None:
    """Insert access-log rows in the past: `select_sql` yields (accessed_at, user_id, subject_ids, what,
    purpose, dossier_ids, query), in time order. The database's own clock normally sets accessed_at (a trigger refuses any
    other time), so the triggers are off for the seeding transaction (session_replication_role, superuser):
    a scale dataset is test data, never a production ledger. Rows come in time order, so ids grow with time
    as they do in production. The rows are not sealed: the sealing task seals them as a backlog."""
    ctx.sql("SET LOCAL session_replication_role = replica")  # (seed_scale sets it for the whole load)
    ctx.sql("SET LOCAL default_toast_compression = lz4")
    with indexes_rebuilt_after(ctx, "clients_accesslog"):
        ctx.sql(
            f"""
            INSERT INTO clients_accesslog (accessed_at, user_id, subject_ids, what, purpose, purpose_text,
                dossier_ids, query)
            SELECT accessed_at, user_id, subject_ids, what, purpose, '', dossier_ids, query
            FROM ({select_sql}) rows
            """,
            params,
        )

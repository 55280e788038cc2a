"""The ledger at scale (issues 10 and 11, decision 0020): one row per request with the ids of the persons it
showed (a GIN-indexed JSON list on PostgreSQL), codes instead of Dutch text, the time set by the database
(clock_timestamp()), and on PostgreSQL a table partitioned by month. Existing rows are copied (one row per
person as they were, their Dutch text mapped to codes where it is known, kept as "legacy" text otherwise).

Not reversible: the old shape cannot hold the new rows."""

from django.db import migrations, models

import clients.models

# The Dutch `what` of the old rows and their codes.
OLD_WHAT = {
    "dossier": "dossier",
    "dossierlijst": "dossier_list",
    "dossierpagina": "dossier_page",
    "aanvraag": "request",
    "aanvragen": "requests",
    "aanvraag registreren": "request_register",
    "aanvraag wijzigen": "request_update",
    "ontvangstbewijs": "receipt",
    "sociaal onderzoek": "inquiry",
    "KSZ-raadplegingen": "ksz_consultations",
    "KSZ-raadpleging registreren": "ksz_register",
    "KSZ-raadpleging": "ksz_register",
    "contacten": "contacts",
    "contact registreren": "contact_register",
    "schuld": "debt",
    "schulden": "debts",
    "schuld noteren": "debt_register",
    "afbetalingsplan": "payment_plan",
    "afbetalingsplannen": "payment_plans",
    "afbetalingsplan opstellen": "payment_plan_create",
    "afbetalingsplan wijzigen": "payment_plan_update",
    "afbetaling registreren": "instalment_register",
    "hulpverleningsplan": "help_plan",
    "hulpverleningsplan opstellen": "help_plan_create",
    "hulpverleningsplan wijzigen": "help_plan_update",
    "hulpverleningsplan evalueren": "help_plan_evaluate",
    "cliëntoverleg": "case_conference",
    "doorverwijzing": "referral",
    "doorverwijzingen": "referrals",
    "doorverwijzing wijzigen": "referral_update",
    "break-the-glass": "break_glass",
    "volledige cliëntfiche": "client_record",
    "cliëntfiche wijzigen": "client_record_update",
    "gezinssamenstelling": "household",
    "wijzigingshistoriek": "client_history",
    "toegangslog": "access_log",
}


def _copy_statement(vendor: str) -> tuple[str, list]:
    """One INSERT … SELECT that maps the old rows to the new shape (both engines)."""
    if vendor == "postgresql":
        subjects = "jsonb_build_array(o.client_id::text)"
        dossiers = "CASE WHEN o.dossier_id IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(o.dossier_id::text) END"
    else:  # SQLite keeps UUIDs as 32 hex digits; the new lists hold them in their usual form
        def dashed(column):
            return (
                f"lower(substr({column},1,8)||'-'||substr({column},9,4)||'-'||substr({column},13,4)||'-'||"
                f"substr({column},17,4)||'-'||substr({column},21,12))"
            )

        subjects = f"json_array({dashed('o.client_id')})"
        dossiers = f"CASE WHEN o.dossier_id IS NULL THEN json_array() ELSE json_array({dashed('o.dossier_id')}) END"
    params: list = []
    what_cases = []
    for dutch, code in OLD_WHAT.items():
        what_cases.append("WHEN o.what = %s THEN %s")
        params += [dutch, code]
    what = f"CASE {' '.join(what_cases)} WHEN o.what LIKE 'KSZ: %%' THEN 'ksz_register' ELSE 'legacy' END"
    purpose = """CASE
        WHEN o.what = 'break-the-glass' THEN 'break_glass'
        WHEN o.what LIKE 'KSZ: %%' THEN 'ksz'
        WHEN o.purpose = 'eigen dossiers' THEN 'caseload'
        WHEN o.purpose = 'vraag: wie heeft mijn gegevens gezien?' THEN 'gdpr_request'
        WHEN o.dossier_id IS NOT NULL THEN 'dossier'
        ELSE 'legacy' END"""
    purpose_text = """CASE
        WHEN o.what = 'break-the-glass' THEN o.purpose
        WHEN o.what LIKE 'KSZ: %%' THEN o.what || ' — ' || o.purpose
        WHEN o.purpose = 'eigen dossiers' OR o.purpose = 'vraag: wie heeft mijn gegevens gezien?' THEN ''
        WHEN o.dossier_id IS NOT NULL THEN ''
        ELSE o.what || ' — ' || o.purpose END"""
    sql = f"""
        INSERT INTO clients_accesslog
            (id, accessed_at, user_id, subject_ids, what, purpose, purpose_text, dossier_ids, query)
        SELECT o.id, o.accessed_at, o.user_id, {subjects}, {what}, {purpose}, substr({purpose_text}, 1, 500),
               {dossiers}, ''
        FROM clients_accesslog_v1 o ORDER BY o.id
    """
    return sql, params


# --- PostgreSQL: a table partitioned by month, its partitions, indexes and triggers ---

PG_RENAME_OLD = [
    "DROP TRIGGER IF EXISTS clients_accesslog_append_only ON clients_accesslog",
    "ALTER TABLE clients_accesslog RENAME TO clients_accesslog_v1",
    "ALTER INDEX IF EXISTS clients_accesslog_pkey RENAME TO clients_accesslog_v1_pkey",
    "ALTER SEQUENCE IF EXISTS clients_accesslog_id_seq RENAME TO clients_accesslog_v1_id_seq",
]
PG_CREATE = [
    "CREATE SEQUENCE clients_accesslog_id_seq AS bigint",
    """
    CREATE TABLE clients_accesslog (
        id bigint NOT NULL DEFAULT nextval('clients_accesslog_id_seq'),
        accessed_at timestamp with time zone NOT NULL DEFAULT clock_timestamp(),
        user_id bigint NOT NULL
            CONSTRAINT clients_accesslog_user_id_fk REFERENCES accounts_user (id) DEFERRABLE INITIALLY DEFERRED,
        subject_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        what varchar(200) NOT NULL,
        purpose varchar(50) NOT NULL,
        purpose_text varchar(500) NOT NULL DEFAULT '',
        dossier_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
        query varchar(200) NOT NULL DEFAULT '',
        CONSTRAINT clients_accesslog_pkey PRIMARY KEY (id, accessed_at)
    ) PARTITION BY RANGE (accessed_at)
    """,
    "ALTER SEQUENCE clients_accesslog_id_seq OWNED BY clients_accesslog.id",
]
# Partitions are created by the owner's function, which the application's role may call (SECURITY DEFINER):
# the role that only INSERTs and SELECTs can still have next month's partition made in time.
PG_PARTITION_FUNCTION = """
CREATE OR REPLACE FUNCTION clients_accesslog_add_partitions(months_ahead integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
    first_month date := date_trunc('month', clock_timestamp() AT TIME ZONE 'UTC')::date;
    month date;
    partition_name text;
    created integer := 0;
BEGIN
    IF months_ahead < 0 OR months_ahead > 24 THEN
        RAISE EXCEPTION 'months_ahead must lie between 0 and 24';
    END IF;
    FOR i IN 0..months_ahead LOOP
        month := (first_month + make_interval(months => i))::date;
        partition_name := 'clients_accesslog_' || to_char(month, 'YYYY_MM');
        IF to_regclass(format('%%I.%%I', %(schema)s, partition_name)) IS NULL THEN
            EXECUTE format(
                'CREATE TABLE %%I.%%I PARTITION OF %%I.clients_accesslog FOR VALUES FROM (%%L) TO (%%L)',
                %(schema)s, partition_name, %(schema)s,
                month::timestamp AT TIME ZONE 'UTC',
                (month + interval '1 month')::timestamp AT TIME ZONE 'UTC'
            );
            created := created + 1;
        END IF;
    END LOOP;
    RETURN created;
END
$fn$
"""
PG_INDEXES = [
    "CREATE INDEX accesslog_time ON clients_accesslog (accessed_at)",
    "CREATE INDEX accesslog_user_time ON clients_accesslog (user_id, accessed_at)",
    # "Who saw my data?" for one person: containment in the list of ids, answered by the index.
    "CREATE INDEX accesslog_subjects ON clients_accesslog USING gin (subject_ids jsonb_path_ops)",
]
PG_AFTER_COPY = [
    "SET CONSTRAINTS ALL IMMEDIATE",
    "SELECT setval('clients_accesslog_id_seq', COALESCE((SELECT max(id) FROM clients_accesslog), 0) + 1, false)",
    "DROP TABLE clients_accesslog_v1",
    """
    CREATE OR REPLACE FUNCTION clients_accesslog_database_time() RETURNS trigger AS $$
    BEGIN
        IF NEW.accessed_at IS NULL OR abs(extract(epoch FROM clock_timestamp() - NEW.accessed_at)) > 5 THEN
            RAISE EXCEPTION 'clients_accesslog.accessed_at is set by the database, not by the client'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """CREATE TRIGGER clients_accesslog_database_time BEFORE INSERT ON clients_accesslog
    FOR EACH ROW EXECUTE FUNCTION clients_accesslog_database_time()""",
    # The function of migration 0004: any UPDATE or DELETE is refused, on every partition.
    """CREATE TRIGGER clients_accesslog_append_only BEFORE UPDATE OR DELETE ON clients_accesslog
    FOR EACH ROW EXECUTE FUNCTION clients_accesslog_append_only()""",
]

SQLITE_RENAME_OLD = [
    "DROP TRIGGER IF EXISTS clients_accesslog_no_update",
    "DROP TRIGGER IF EXISTS clients_accesslog_no_delete",
    "ALTER TABLE clients_accesslog RENAME TO clients_accesslog_v1",
]
SQLITE_AFTER_COPY = [
    "DROP TABLE clients_accesslog_v1",
    """CREATE TRIGGER clients_accesslog_no_update BEFORE UPDATE ON clients_accesslog
    BEGIN SELECT RAISE(ABORT, 'clients_accesslog is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER clients_accesslog_no_delete BEFORE DELETE ON clients_accesslog
    BEGIN SELECT RAISE(ABORT, 'clients_accesslog is append-only: DELETE refused'); END""",
    """CREATE TRIGGER clients_accesslog_database_time BEFORE INSERT ON clients_accesslog
    WHEN NEW.accessed_at IS NULL OR abs(julianday(NEW.accessed_at) - julianday('now')) * 86400 > 5
    BEGIN SELECT RAISE(ABORT, 'clients_accesslog.accessed_at is set by the database'); END""",
]

# One function for every append-only table (the seals here; the history tables in clients.database_roles).
APPEND_ONLY_FUNCTION = """
CREATE OR REPLACE FUNCTION casework_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql
"""
SEAL_POSTGRESQL = [
    APPEND_ONLY_FUNCTION,
    """CREATE TRIGGER clients_accesslogseal_append_only BEFORE UPDATE OR DELETE ON clients_accesslogseal
    FOR EACH ROW EXECUTE FUNCTION casework_append_only()""",
]
SEAL_SQLITE = [
    """CREATE TRIGGER clients_accesslogseal_no_update BEFORE UPDATE ON clients_accesslogseal
    BEGIN SELECT RAISE(ABORT, 'clients_accesslogseal is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER clients_accesslogseal_no_delete BEFORE DELETE ON clients_accesslogseal
    BEGIN SELECT RAISE(ABORT, 'clients_accesslogseal is append-only: DELETE refused'); END""",
]


def _execute(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement, params=None)  # no placeholders: "%" is PL/pgSQL or LIKE here


def rename_old(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _execute(schema_editor, {"postgresql": PG_RENAME_OLD, "sqlite": SQLITE_RENAME_OLD}.get(vendor, []))


def _pg_month_partition(schema_editor, month_start: str):
    name = "clients_accesslog_" + month_start[:7].replace("-", "_")
    schema_editor.execute(
        f"CREATE TABLE IF NOT EXISTS {schema_editor.quote_name(name)} PARTITION OF clients_accesslog "
        "FOR VALUES FROM (%s::timestamp AT TIME ZONE 'UTC') "
        "TO ((%s::date + interval '1 month')::timestamp AT TIME ZONE 'UTC')",
        params=[month_start, month_start],
    )


def create_and_copy(apps, schema_editor):
    connection = schema_editor.connection
    sql, params = _copy_statement(connection.vendor)
    if connection.vendor == "postgresql":
        _execute(schema_editor, PG_CREATE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT quote_literal(current_schema())")
            schema = cursor.fetchone()[0]
            cursor.execute(
                "SELECT DISTINCT to_char(date_trunc('month', accessed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') "
                "FROM clients_accesslog_v1"
            )
            old_months = [row[0] for row in cursor.fetchall()]
        schema_editor.execute(PG_PARTITION_FUNCTION % {"schema": schema}, params=None)
        schema_editor.execute(
            "REVOKE ALL ON FUNCTION clients_accesslog_add_partitions(integer) FROM PUBLIC", params=None
        )
        for month in old_months:
            _pg_month_partition(schema_editor, month)
        schema_editor.execute("SELECT clients_accesslog_add_partitions(1)", params=None)
        _execute(schema_editor, PG_INDEXES)
        schema_editor.execute(sql, params=params)
        _execute(schema_editor, PG_AFTER_COPY)
    elif connection.vendor == "sqlite":
        schema_editor.create_model(apps.get_model("clients", "AccessLog"))
        schema_editor.execute(sql, params=params)
        _execute(schema_editor, SQLITE_AFTER_COPY)
    else:
        schema_editor.create_model(apps.get_model("clients", "AccessLog"))


def seal_append_only(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _execute(schema_editor, {"postgresql": SEAL_POSTGRESQL, "sqlite": SEAL_SQLITE}.get(vendor, []))


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0005_search_index_fastupdate_off"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(rename_old),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="accesslog", name="accesslog_client_time"),
                migrations.RemoveField(model_name="accesslog", name="client"),
                migrations.RemoveField(model_name="accesslog", name="dossier_id"),
                migrations.AlterField(
                    model_name="accesslog",
                    name="accessed_at",
                    field=models.DateTimeField(db_default=clients.models.ClockTimestamp(), editable=False),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="purpose",
                    field=models.CharField(max_length=50, verbose_name="waarom"),
                ),
                migrations.AddField(
                    model_name="accesslog", name="subject_ids", field=models.JSONField(default=list)
                ),
                migrations.AddField(
                    model_name="accesslog",
                    name="purpose_text",
                    field=models.CharField(blank=True, default="", max_length=500, verbose_name="reden (getypt)"),
                ),
                migrations.AddField(
                    model_name="accesslog", name="dossier_ids", field=models.JSONField(default=list)
                ),
                migrations.AddField(
                    model_name="accesslog",
                    name="query",
                    field=models.CharField(blank=True, default="", max_length=200, verbose_name="zoekopdracht"),
                ),
                migrations.AddIndex(
                    model_name="accesslog", index=models.Index(fields=["accessed_at"], name="accesslog_time")
                ),
                migrations.AddIndex(
                    model_name="accesslog",
                    index=models.Index(fields=["user", "accessed_at"], name="accesslog_user_time"),
                ),
            ]
        ),
        migrations.RunPython(create_and_copy),
        migrations.CreateModel(
            name="AccessLogSeal",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("chain", models.DateField()),
                ("seq", models.PositiveBigIntegerField()),
                ("log_id", models.BigIntegerField(unique=True)),
                ("horizon", models.DateTimeField()),
                ("hash", models.CharField(max_length=64)),
                (
                    "sealed_at",
                    models.DateTimeField(db_default=clients.models.ClockTimestamp(), editable=False),
                ),
            ],
            options={
                "verbose_name": "zegel van het toegangslog",
                "verbose_name_plural": "zegels van het toegangslog",
                "ordering": ["chain", "seq"],
                "constraints": [models.UniqueConstraint(fields=("chain", "seq"), name="accesslogseal_chain_seq")],
            },
        ),
        migrations.RunPython(seal_append_only),
    ]

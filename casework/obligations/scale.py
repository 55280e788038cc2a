"""The scale dataset's obligations (`manage.py seed_scale`), generated in SQL from the facts the other tables
already hold, as the services would have left them: a request's decision clock, met when the request was
decided or notified, overdue when its 30 days have passed; the yearly review of a leefloon granted. `obligations_insert` takes any SELECT of the same
columns, so that activation's scale data (trajectories' monitoring, GPMI conclusions and evaluations) can add
its own clocks the same way when it is generated."""

from core.scale import ScaleContext, indexes_rebuilt_after

COLUMNS = (
    "id, kind, due_on, responsible_id, team_id, dossier_id, object_type, object_id, link, state, met_on, "
    "waived_reason, closed_by_id, created_at"
)


def obligations_insert(ctx: ScaleContext, select: str, params=None) -> None:
    """Insert the obligations of `select` (the columns of COLUMNS, in that order) with their history row."""
    ctx.sql(
        f"""
        WITH made AS (INSERT INTO casework_obligation ({COLUMNS}) {select} RETURNING *)
        INSERT INTO casework_historicalobligation ({COLUMNS}, history_date, history_change_reason, history_type,
            history_user_id)
        SELECT {COLUMNS}, created_at, 'obligation_open', '+', NULL FROM made
        """,
        params,
    )


def seed(ctx: ScaleContext) -> None:
    tables = ("casework_obligation", "casework_historicalobligation")
    with ctx.step("obligations"), indexes_rebuilt_after(ctx, *tables):
        obligations_insert(
            ctx,
            """
            SELECT md5('obligation:decision_due:' || r.id::text)::uuid, 'decision_due', r.decision_due,
                d.social_worker_id, d.team_id, d.id, 'casework.aidrequest', r.id::text,
                '/aanvragen/' || r.id::text || '/',
                CASE WHEN r.status IN ('decided', 'notified', 'forwarded') THEN 'met'
                     WHEN r.decision_due < current_date THEN 'overdue' ELSE 'open' END,
                CASE WHEN r.status IN ('decided', 'notified', 'forwarded')
                     THEN least(r.received_on + 25, current_date) END,
                '',
                CASE WHEN r.status IN ('decided', 'notified', 'forwarded') THEN d.social_worker_id END,
                r.created_at
            FROM casework_aidrequest r JOIN casework_dossier d ON d.id = r.dossier_id
            WHERE r.status <> 'withdrawn'
            """,
        )
        # A granted leefloon is reviewed yearly: for each open dossier, its latest leefloon request decided;
        # the review runs every year, so the next one falls somewhere in the coming year (a few just late).
        obligations_insert(
            ctx,
            """
            SELECT md5('obligation:annual_review_due:' || r.id::text)::uuid, 'annual_review_due',
                current_date + (abs(hashtext(r.id::text)) % 365) - 10,
                d.social_worker_id, d.team_id, d.id, 'casework.aidrequest', r.id::text,
                '/dossiers/' || d.id::text || '/',
                CASE WHEN abs(hashtext(r.id::text)) % 365 < 10 THEN 'overdue' ELSE 'open' END,
                NULL, '', NULL, r.created_at
            FROM (SELECT DISTINCT ON (dossier_id) * FROM casework_aidrequest
                  WHERE kind = 'leefloon' AND status = 'notified' ORDER BY dossier_id, received_on DESC) r
            JOIN casework_dossier d ON d.id = r.dossier_id AND d.status = 'open'
            """,
        )

"""The scale dataset's committee (`manage.py seed_scale`): the BCSD's work on the requests casework/scale.py
decided in the last two years, as the services would have left it.

A meeting every other Tuesday (about 55 in two years, the next one planned), the committee members of
accounts/scale.py present, the minutes of each approved at the next. Every request with status `notified`
received in that window gets a submission (frozen snapshot with its sha256, as rules.snapshot_hash computes
it), the team lead's approving review, an agenda item and a decision at a meeting: about 88 % at the last
meeting within the 30 days of the request, the rest one to three meetings later; 5 % postponed once first.
Outcomes: 78 % approved, 10 % amended, 12 % refused. The letters: most sent a day or two after the meeting
(registered mail counts three working days later), 10 % late, a few not yet sent (their request then stays
`decided`). A few hearings (held or not) and appeals against refusals, the older ones with the court's
outcome. About 45,000 decisions at scale 1, generated in SQL in a few seconds; deterministic (the seed)."""

from bcsd.models import AgendaItem, Appeal, Decision, Hearing, Meeting, Review, Submission
from casework.obligations.scale import obligations_insert
from core.scale import ScaleContext, indexes_rebuilt_after

MEETING_WEEKS = 2
MEETINGS = 55  # two years of meetings, every other week
COURT = "Arbeidsrechtbank Antwerpen"
LEGAL_BASIS = {
    "leefloon_grant": "Wet van 26 mei 2002 betreffende het recht op maatschappelijke integratie, art. 14",
    "financial_aid": "OCMW-wet van 8 juli 1976, art. 1 en 57",
    "heating_allowance": "Programmawet van 22 december 2008 (Sociaal Verwarmingsfonds)",
    "medical_card": "OCMW-wet van 8 juli 1976, art. 57",
    "rental_deposit": "OCMW-wet van 8 juli 1976, art. 57",
    "budget_management": "OCMW-wet van 8 juli 1976, art. 60 §4",
}
# The request's kind (casework/scale.py KINDS) -> the submission's kind, amount and frequency.
KIND_SQL = """
    CASE r.kind WHEN 'leefloon' THEN 'leefloon_grant' WHEN 'budget_guidance' THEN 'budget_management'
        ELSE r.kind END
"""
# Workdays after a day (rules.add_working_days): registered mail counts from the third one.
WORKDAYS_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.add_working_days(day date, n int) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT max(d)::date FROM (SELECT d FROM generate_series(day + 1, day + n + 4, interval '1 day') d
                             WHERE extract(isodow FROM d) < 6 ORDER BY d LIMIT n) w $$
"""


def _columns(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def _history(ctx: ScaleContext, model, user_column: str, date_column: str) -> None:
    """One '+' history row for each row of the model's table, as the services' first save leaves it."""
    columns = ", ".join(_columns(model))
    ctx.sql(
        f"""
        INSERT INTO {model.history.model._meta.db_table} ({columns}, history_date, history_change_reason,
            history_type, history_user_id)
        SELECT {columns}, {date_column}, 'seed_scale', '+', {user_column} FROM {model._meta.db_table}
        """
    )


def seed(ctx: ScaleContext) -> None:
    params = {
        "seed": ctx.seed,
        "meetings": MEETINGS,
        "days": 7 * MEETING_WEEKS,
        "secretary": ctx.facts["committee_secretary"],
        "members": ctx.facts["committee_members"],
        "kinds": list(LEGAL_BASIS),
        "bases": list(LEGAL_BASIS.values()),
    }
    with ctx.step("committee meetings"):
        _meetings(ctx, params)
    tables = [model._meta.db_table for model in (Submission, Review, AgendaItem, Decision)]
    tables += [model.history.model._meta.db_table for model in (Submission, Review, AgendaItem, Decision)]
    with (
        ctx.step("committee submissions, decisions, hearings and appeals"),
        indexes_rebuilt_after(ctx, *tables),
    ):
        _cases(ctx, params)
        _decisions(ctx, params)
        _hearings_and_appeals(ctx, params)
        for model, user, date in [
            (Meeting, "created_by_id", "created_at"),
            (Submission, "submitted_by_id", "submitted_at"),
            (Review, "reviewer_id", "reviewed_at"),
            (AgendaItem, "added_by_id", "added_at"),
            (Decision, "recorded_by_id", "recorded_at"),
            (Hearing, "recorded_by_id", "created_at"),
            (Appeal, "recorded_by_id", "filed_on::timestamptz"),
        ]:
            _history(ctx, model, user, date)
    with ctx.step("committee clocks"):
        # As bcsd's services leave them (casework/obligations): each decision's letter within 8 days, the
        # secretariat's work (no team), met on the day it was sent.
        obligations_insert(
            ctx,
            """
            SELECT md5('obligation:notification_due:' || x.id::text)::uuid, 'notification_due',
                x.notification_due, x.recorded_by_id, NULL, s.dossier_id, 'bcsd.decision', x.id::text,
                '/bcsd/beslissingen/' || x.id::text || '/kennisgeving/',
                CASE WHEN x.sent_on IS NOT NULL THEN 'met'
                     WHEN x.notification_due < current_date THEN 'overdue' ELSE 'open' END,
                x.sent_on, '', CASE WHEN x.sent_on IS NOT NULL THEN x.recorded_by_id END, x.recorded_at
            FROM bcsd_decision x JOIN bcsd_submission s ON s.id = x.submission_id
            WHERE x.outcome <> 'postponed'
            """,
        )
    ctx.stdout.write(
        f"  {ctx.scalar('SELECT count(*) FROM bcsd_meeting')} meetings, "
        f"{ctx.scalar('SELECT count(*) FROM bcsd_decision')} decisions"
    )


def _meetings(ctx: ScaleContext, params: dict) -> None:
    """j = 0 is the next meeting (planned, agenda not yet sent), j = 1 the last one (held, its minutes to be
    approved at the next), older ones with their minutes approved at the following one (j - 1)."""
    ctx.sql(WORKDAYS_FUNCTION)
    ctx.sql(
        """
        CREATE TEMP TABLE scale_meeting ON COMMIT DROP AS
        SELECT j, pg_temp.sid('meeting', j, %(seed)s) AS id,
            -- the first Tuesday at least a week away, then every other week back
            (current_date + 7 + (9 - extract(isodow FROM current_date + 7)::int) %% 7 - %(days)s * j)::date
                AS date
        FROM generate_series(0, %(meetings)s) j
        """,
        params,
    )
    ctx.sql("ALTER TABLE scale_meeting ADD PRIMARY KEY (j)")
    ctx.sql(
        """
        INSERT INTO bcsd_meeting (id, date, time, place, chair_id, secretary_id, status, published_on, held_on,
            minutes_approved_at_id, created_by_id, created_at)
        SELECT m.id, m.date, time '19:00', 'Raadzaal, Grote Markt 1', (%(members)s::bigint[])[1], %(secretary)s,
            CASE m.j WHEN 0 THEN 'planned' WHEN 1 THEN 'held' ELSE 'minutes_approved' END,
            CASE WHEN m.j > 0 THEN m.date - 10 END, CASE WHEN m.j > 0 THEN m.date END,
            CASE WHEN m.j > 1 THEN n.id END, %(secretary)s,
            (m.date - 42)::timestamp AT TIME ZONE 'Europe/Brussels' + interval '9 hours'
        FROM scale_meeting m LEFT JOIN scale_meeting n ON n.j = m.j - 1
        """,
        params,
    )
    ctx.sql(
        """
        INSERT INTO bcsd_meeting_members (meeting_id, user_id)
        SELECT m.id, u FROM scale_meeting m CROSS JOIN unnest(%(members)s::bigint[]) u
        """,
        params,
    )


def _cases(ctx: ScaleContext, params: dict) -> None:
    """One row per notified request of the window and where it goes. Meeting j is on D0 - 14 j: the last
    meeting within the 30 days is j = ceil((D0 - received - 30) / 14) (at least 17 days after the request);
    a late decision comes one to three meetings later (a smaller j), a postponed one a meeting before."""
    ctx.sql(
        f"""
        CREATE TEMP TABLE scale_case ON COMMIT DROP AS
        SELECT c.*, f.date AS decided_on, p.date AS postponed_on, coalesce(p.date, f.date) AS first_meeting,
            greatest(c.received_on + 1, coalesce(p.date, f.date) - 10) AS submitted_on
        FROM (
            SELECT c1.*, c1.j_in - CASE WHEN c1.r_late < 0.12 THEN 1 + floor(c1.r_late / 0.04)::int ELSE 0 END
                AS j_final
            FROM (SELECT c0.*, pg_temp.rnd('bcsd_late', c0.k, %(seed)s) AS r_late FROM (
                SELECT row_number() OVER (ORDER BY r.received_on, r.id) AS k, r.id AS request_id,
                    r.dossier_id, r.kind AS request_kind, {KIND_SQL} AS kind, r.received_on, r.register_number, r.decision_due,
                    d.team_id, d.social_worker_id, d.number AS dossier_number, t.name AS team_name,
                    cl.first_name, cl.last_name, cl.birth_date,
                    trim(coalesce(w.first_name, '') || ' ' || coalesce(w.last_name, '')) AS worker_name,
                    ceil((z.date - r.received_on - 30) / %(days)s::numeric)::int AS j_in
                FROM casework_aidrequest r
                JOIN casework_dossier d ON d.id = r.dossier_id
                JOIN accounts_team t ON t.id = d.team_id
                JOIN clients_client cl ON cl.id = d.client_id
                LEFT JOIN accounts_user w ON w.id = d.social_worker_id
                CROSS JOIN (SELECT date FROM scale_meeting WHERE j = 0) z
                WHERE r.status = 'notified'
            ) c0) c1
        ) c
        JOIN scale_meeting f ON f.j = c.j_final AND f.j >= 1
        LEFT JOIN scale_meeting p ON p.j = c.j_final + 1 AND p.date >= c.received_on + 12
            AND pg_temp.rnd('bcsd_postponed', c.k, %(seed)s) < 0.05
        """,
        params,
    )
    ctx.sql("ALTER TABLE scale_case ADD PRIMARY KEY (k)")
    ctx.sql("ANALYZE scale_case")


def _decisions(ctx: ScaleContext, params: dict) -> None:
    ctx.sql(
        """
        CREATE TEMP TABLE scale_submission ON COMMIT DROP AS
        SELECT c.*, x.amount, x.frequency, x.period_start, x.legal_basis, x.proposal,
            to_char(c.submitted_on, 'YYYY-MM-DD') || 'T10:00:00+01:00' AS submitted_at_text
        FROM scale_case c
        CROSS JOIN LATERAL (
            SELECT CASE c.kind
                    WHEN 'leefloon_grant' THEN (ARRAY[876.13, 1314.20, 1776.07])[1 + floor(pg_temp.rnd(
                        'bcsd_amount', c.k, %(seed)s) * 3)::int]
                    WHEN 'financial_aid' THEN 50 + 25 * floor(pg_temp.rnd('bcsd_amount', c.k, %(seed)s) * 20)
                    WHEN 'heating_allowance' THEN 210 + 15 * floor(pg_temp.rnd('bcsd_amount', c.k, %(seed)s) * 40)
                    WHEN 'rental_deposit' THEN 900 + 50 * floor(pg_temp.rnd('bcsd_amount', c.k, %(seed)s) * 20)
                END::numeric(10, 2) AS amount,
                CASE WHEN c.kind = 'leefloon_grant' THEN 'monthly'
                     WHEN c.kind IN ('financial_aid', 'heating_allowance', 'rental_deposit') THEN 'once'
                     ELSE '' END AS frequency,
                CASE WHEN c.kind = 'leefloon_grant' THEN c.received_on END AS period_start,
                (%(bases)s::text[])[array_position(%(kinds)s::text[], c.kind)] AS legal_basis,
                CASE c.kind WHEN 'leefloon_grant' THEN 'Leefloon toekennen vanaf de datum van de aanvraag.'
                    WHEN 'financial_aid' THEN 'Eenmalige financiële steun toekennen.'
                    WHEN 'heating_allowance' THEN 'Verwarmingstoelage toekennen.'
                    WHEN 'medical_card' THEN 'Medische kaart toekennen voor zes maanden.'
                    WHEN 'rental_deposit' THEN 'Huurwaarborg toekennen (bankwaarborg).'
                    ELSE 'Budgetbeheer opstarten op vraag van de cliënt.' END AS proposal
        ) x
        """,
        params,
    )
    # The snapshot as json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) writes it, so
    # that its sha256 is the one rules.snapshot_hash computes (the submission page checks it).
    ctx.sql(
        """
        INSERT INTO bcsd_submission (id, dossier_id, request_id, calculation_id, kind, proposal, motivation,
            legal_basis, amount, frequency, period_start, period_end, hearing_offered_on, status, snapshot,
            snapshot_hash, submitted_by_id, submitted_at)
        SELECT pg_temp.sid('submission', s.k, %(seed)s), s.dossier_id, s.request_id, NULL, s.kind, s.proposal,
            'Zie het sociaal verslag.', s.legal_basis, s.amount, s.frequency, s.period_start, NULL, NULL,
            'decided', j.text::jsonb, encode(sha256(convert_to(j.text, 'UTF8')), 'hex'), s.social_worker_id,
            s.submitted_on::timestamp AT TIME ZONE 'Europe/Brussels' + interval '10 hours'
        FROM scale_submission s
        CROSS JOIN LATERAL (SELECT
            '{"client":{"birth_date":' || coalesce(to_json(s.birth_date::text)::text, 'null')
            || ',"name":' || to_json(trim(s.first_name || ' ' || s.last_name))::text
            || '},"dossier":{"reference":' || to_json(s.dossier_number)::text
            || ',"team":' || to_json(s.team_name)::text
            || '},"format":1,"proposal":{"amount":' || coalesce(to_json(s.amount::text)::text, 'null')
            || ',"frequency":' || to_json(s.frequency)::text || ',"kind":' || to_json(s.kind)::text
            || ',"legal_basis":' || to_json(s.legal_basis)::text
            || ',"motivation":"Zie het sociaal verslag.","period_end":null,"period_start":'
            || coalesce(to_json(s.period_start::text)::text, 'null') || ',"proposal":' || to_json(s.proposal)::text
            || '},"request":{"decision_due":' || to_json(s.decision_due::text)::text
            || ',"kind":' || to_json(s.request_kind)::text || ',"received_on":' || to_json(s.received_on::text)::text
            || ',"register_number":' || to_json(s.register_number)::text
            || '},"social_worker":' || to_json(s.worker_name)::text
            || ',"submitted_at":' || to_json(s.submitted_at_text)::text
            || ',"submitted_by":' || to_json(s.worker_name)::text || '}' AS text) j
        """,
        params,
    )
    ctx.sql(
        """
        INSERT INTO bcsd_review (id, submission_id, reviewer_id, outcome, remarks, reviewed_at)
        SELECT pg_temp.sid('review', s.k, %(seed)s), pg_temp.sid('submission', s.k, %(seed)s),
            coalesce(tl.id, %(secretary)s), 'approved', '',
            (s.submitted_on + 1)::timestamp AT TIME ZONE 'Europe/Brussels' + interval '14 hours'
        FROM scale_case s
        LEFT JOIN LATERAL (SELECT id FROM accounts_user u WHERE u.team_id = s.team_id
                           AND u.roles @> '["team_lead"]'::jsonb ORDER BY id LIMIT 1) tl ON true
        """,
        params,
    )
    # Agenda items: the meeting that postponed (if any) and the one that decided, numbered per meeting.
    ctx.sql(
        """
        INSERT INTO bcsd_agendaitem (meeting_id, submission_id, position, late, ratification, added_by_id,
            added_at)
        SELECT m.id, pg_temp.sid('submission', i.k, %(seed)s),
            row_number() OVER (PARTITION BY m.id ORDER BY i.k), false, false, %(secretary)s,
            i.added_on::timestamp AT TIME ZONE 'Europe/Brussels' + interval '9 hours'
        FROM (SELECT k, postponed_on AS meeting_date, submitted_on + 2 AS added_on FROM scale_case
              WHERE postponed_on IS NOT NULL
              UNION ALL
              SELECT k, decided_on, CASE WHEN postponed_on IS NULL THEN submitted_on + 2 ELSE postponed_on + 1 END
              FROM scale_case) i
        JOIN scale_meeting m ON m.date = i.meeting_date
        """,
        params,
    )
    ctx.sql(
        """
        CREATE TEMP TABLE scale_decision ON COMMIT DROP AS
        SELECT s.*, o.outcome, o.outcome IN ('approved', 'amended') AS granted, n.method,
            CASE WHEN n.sent_on <= current_date AND n.r_unsent >= 0.01 THEN n.sent_on END AS sent_on
        FROM scale_submission s
        CROSS JOIN LATERAL (SELECT CASE WHEN r < 0.78 THEN 'approved' WHEN r < 0.88 THEN 'amended'
                                        ELSE 'refused' END AS outcome
                            FROM (SELECT pg_temp.rnd('bcsd_outcome', s.k, %(seed)s) AS r) x) o
        CROSS JOIN LATERAL (
            SELECT CASE WHEN m < 0.6 THEN 'registered_mail' WHEN m < 0.9 THEN 'receipt' ELSE 'ordinary_mail' END
                    AS method,
                s.decided_on + CASE WHEN d < 0.9 THEN 1 + floor(d / 0.45)::int
                                    ELSE 9 + floor((d - 0.9) * 200)::int END AS sent_on,
                pg_temp.rnd('bcsd_unsent', s.k, %(seed)s) AS r_unsent
            FROM (SELECT pg_temp.rnd('bcsd_method', s.k, %(seed)s) AS m,
                         pg_temp.rnd('bcsd_sent', s.k, %(seed)s) AS d) x
        ) n
        """,
        params,
    )
    ctx.sql(
        """
        INSERT INTO bcsd_decision (id, submission_id, agenda_item_id, urgent, outcome, motivation, legal_basis,
            amount, frequency, period_start, period_end, decided_on, votes_in_favour, votes_against,
            votes_abstained, notification_due, subsidy_category, gpmi_applies, review_due, sent_on,
            notification_method, notified_on, appeal_until, letter_template_version, recorded_by_id, recorded_at)
        SELECT pg_temp.sid('decision', d.k, %(seed)s), a.submission_id, a.id, false, d.outcome,
            CASE d.outcome
                WHEN 'approved' THEN 'De aanvrager voldoet aan de voorwaarden (sociaal verslag).'
                WHEN 'amended' THEN 'Toegekend voor een lager bedrag: er zijn gedeeltelijke bestaansmiddelen.'
                ELSE 'De bestaansmiddelen liggen boven de grens (sociaal verslag).' END,
            d.legal_basis,
            CASE WHEN d.outcome = 'approved' THEN d.amount WHEN d.outcome = 'amended' THEN round(d.amount * 0.8, 2)
                END,
            CASE WHEN d.granted THEN d.frequency ELSE '' END, CASE WHEN d.granted THEN d.period_start END,
            NULL::date, d.decided_on, NULL::smallint, NULL::smallint, NULL::smallint, d.decided_on + 8,
            CASE WHEN d.granted AND d.kind = 'leefloon_grant' THEN 'leefloon' ELSE '' END, false,
            CASE WHEN d.granted AND d.kind = 'leefloon_grant' THEN (d.period_start + interval '12 months')::date
                END,
            d.sent_on, CASE WHEN d.sent_on IS NOT NULL THEN d.method ELSE '' END, w.notified_on,
            (w.notified_on + interval '3 months')::date, CASE WHEN d.sent_on IS NOT NULL THEN 'v1' ELSE '' END,
            %(secretary)s, d.decided_on::timestamp AT TIME ZONE 'Europe/Brussels' + interval '21 hours'
        FROM scale_decision d
        JOIN scale_meeting m ON m.date = d.decided_on
        JOIN bcsd_agendaitem a ON a.meeting_id = m.id AND a.submission_id = pg_temp.sid('submission', d.k, %(seed)s)
        CROSS JOIN LATERAL (SELECT CASE WHEN d.method = 'registered_mail' THEN pg_temp.add_working_days(d.sent_on, 3)
                                        ELSE d.sent_on END AS notified_on) w
        UNION ALL
        SELECT pg_temp.sid('decision_postponed', d.k, %(seed)s), a.submission_id, a.id, false, 'postponed',
            'Uitgesteld: bijkomende inlichtingen over de bestaansmiddelen gevraagd.', d.legal_basis, NULL, '',
            NULL, NULL, d.postponed_on, NULL, NULL, NULL, d.postponed_on + 8, '', false, NULL, NULL, '', NULL,
            NULL, '', %(secretary)s, d.postponed_on::timestamp AT TIME ZONE 'Europe/Brussels' + interval '21 hours'
        FROM scale_decision d
        JOIN scale_meeting m ON m.date = d.postponed_on
        JOIN bcsd_agendaitem a ON a.meeting_id = m.id AND a.submission_id = pg_temp.sid('submission', d.k, %(seed)s)
        """,
        params,
    )
    # A decision whose letter is not sent yet leaves its request `decided` (decision_notify moves it on).
    for table in ("casework_aidrequest", "casework_historicalaidrequest"):
        ctx.sql(
            f"""
            UPDATE {table} r SET status = 'decided' FROM scale_decision d
            WHERE r.id = d.request_id AND d.sent_on IS NULL
            """
        )


def _hearings_and_appeals(ctx: ScaleContext, params: dict) -> None:
    ctx.sql(
        """
        INSERT INTO bcsd_hearing (id, submission_id, requested_on, meeting_id, scheduled_at, companion, held,
            notes, recorded_by_id, created_at)
        SELECT pg_temp.sid('hearing', d.k, %(seed)s), pg_temp.sid('submission', d.k, %(seed)s),
            d.submitted_on + 1, m.id,
            d.decided_on::timestamp AT TIME ZONE 'Europe/Brussels' + interval '19 hours 30 minutes',
            CASE WHEN h.r < 0.01 THEN 'Vakbondsafgevaardigde' ELSE '' END, h.r < 0.017,
            CASE WHEN h.r < 0.017 THEN 'De cliënt lichtte de situatie toe.' ELSE 'Niet opgedaagd.' END,
            %(secretary)s, (d.submitted_on + 1)::timestamp AT TIME ZONE 'Europe/Brussels' + interval '11 hours'
        FROM scale_decision d
        JOIN scale_meeting m ON m.date = d.decided_on
        CROSS JOIN LATERAL (SELECT pg_temp.rnd('bcsd_hearing', d.k, %(seed)s) AS r) h
        WHERE h.r < 0.02
        """,
        params,
    )
    ctx.sql(
        """
        INSERT INTO bcsd_appeal (id, decision_id, filed_on, court, case_number, outcome, outcome_on,
            recorded_by_id)
        SELECT pg_temp.sid('appeal', a.k, %(seed)s), a.decision_id, a.filed_on, %(court)s,
            extract(year FROM a.filed_on)::int %% 100 || '/' || lpad((a.k %% 10000)::text, 4, '0') || '/A',
            CASE WHEN a.filed_on < current_date - 180 THEN
                CASE WHEN a.r < 0.7 THEN 'Beslissing bevestigd' ELSE 'Beroep gegrond: steun toegekend' END
                ELSE '' END,
            CASE WHEN a.filed_on < current_date - 180 THEN a.filed_on + 150 END, %(secretary)s
        FROM (SELECT d.k, pg_temp.sid('decision', d.k, %(seed)s) AS decision_id,
                  x.notified_on + 20 + floor(pg_temp.rnd('bcsd_filed', d.k, %(seed)s) * 60)::int AS filed_on,
                  pg_temp.rnd('bcsd_appeal_outcome', d.k, %(seed)s) AS r
              FROM scale_decision d
              JOIN bcsd_decision x ON x.id = pg_temp.sid('decision', d.k, %(seed)s)
              WHERE d.outcome = 'refused' AND x.notified_on IS NOT NULL
                AND pg_temp.rnd('bcsd_appeal', d.k, %(seed)s) < 0.15) a
        WHERE a.filed_on <= current_date
        """,
        {**params, "court": COURT},
    )

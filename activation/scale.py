"""The scale dataset's activation (`manage.py seed_scale`): a trajectory for every open dossier that has an
activation coach (about 8 % of the open dossiers, casework/scale.py; at least MINIMUM_TRAJECTORIES, so a small
scale has a board to show), spread over the six phases with their phase history, measures that belong to the
phase, the last monitoring contact (some overdue), and a GPMI for the leefloon dossiers among them: most
signed with evaluations every four months or so (some missed, so overdue and not compliant), some still to
conclude (days left, a few past the three months), a few exempted.

The volume is small (about 490 trajectories at scale 1, 4,900 at scale 10), so Python decides every row with
the rules of activation/rules.py (the deadlines as the services compute them) and COPYs it in; the history
rows are made in SQL from the tables. Deterministic: ids from the seed, choices from ctx.random."""

import datetime
import hashlib
import uuid

from activation import rules
from activation.models import (
    Gpmi,
    GpmiEvaluation,
    Measure,
    MonitoringContact,
    PhaseChange,
    Trajectory,
)
from casework.obligations.scale import obligations_insert
from core.scale import ScaleContext

PHASES = ["care", "language", "social_activation", "work_activation", "job_guidance", "work"]
MINIMUM_TRAJECTORIES = 12
PARTNERS = [
    "Sociaal restaurant De Smaak",
    "Kringwinkel Centrum",
    "VDAB Leuven",
    "CVO Taal en Werk",
    "Wijk-werken Oost-Brabant",
    "Maatwerkbedrijf De Ploeg",
]
INTERESTS = ["koken", "tuinieren", "herstellingen", "zorg voor ouderen", "administratie", "fietsen"]
JOB_TARGETS = ["magazijnmedewerker", "keukenhulp", "schoonmaker", "kassamedewerker", "chauffeur"]
EVALUATION_SUMMARIES = [
    "Afspraken overlopen; het vrijwilligerswerk loopt goed.",
    "Aanwezigheden besproken; nieuwe doelen voor de komende maanden.",
    "Sollicitaties van de voorbije maand bekeken.",
    "Telefonische opvolging: de cursus loopt, volgende afspraak op kantoor.",
]


def _sid(seed: int, salt: str, i: int) -> uuid.UUID:
    """The same id as pg_temp.sid in SQL."""
    return uuid.UUID(hashlib.md5(f"{seed}:{salt}:{i}".encode()).hexdigest())  # noqa: S324 (ids, not security)


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=datetime.UTC)


def _columns(model) -> list[str]:
    return [field.column for field in model._meta.concrete_fields]


def _copy(ctx: ScaleContext, model, rows: list[dict]) -> None:
    """COPY rows (dicts by column name; an auto id left to its sequence) into the model's table."""
    if not rows:
        return
    columns = [column for column in _columns(model) if column in rows[0]]
    ctx.copy_rows(model._meta.db_table, columns, ([row[c] for c in columns] for row in rows))


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


def _dossiers(ctx: ScaleContext) -> list[tuple]:
    """The open dossiers that get a trajectory: (k, id, coach_id, opened, leefloon), from casework's plan."""
    ctx.sql(
        """
        SELECT d.k, d.id, d.coach_id, d.opened,
            EXISTS (SELECT 1 FROM scale_request r WHERE r.k = d.k AND r.kind = 'leefloon')
        FROM scale_dossier d WHERE d.status = 'open' AND d.coach_id IS NOT NULL ORDER BY d.k
        """
    )
    chosen = ctx.cursor.fetchall()
    if len(chosen) >= MINIMUM_TRAJECTORIES:
        return chosen
    # A small scale: a coach for more open dossiers (not the bench's two), as a trajectory's start does.
    coaches = ctx.facts["coaches"]
    ctx.sql(
        """
        SELECT d.k, d.id, d.opened,
            EXISTS (SELECT 1 FROM scale_request r WHERE r.k = d.k AND r.kind = 'leefloon')
        FROM scale_dossier d
        WHERE d.status = 'open' AND d.coach_id IS NULL AND NOT d.restricted AND d.k > 2
        ORDER BY d.k LIMIT %s
        """,
        [MINIMUM_TRAJECTORIES - len(chosen)],
    )
    extra = [
        (k, dossier_id, coaches[k % 2], opened, leefloon) for k, dossier_id, opened, leefloon in ctx.cursor
    ]
    for k, dossier_id, coach_id, _opened, _leefloon in extra:
        ctx.sql("UPDATE casework_dossier SET activation_coach_id = %s WHERE id = %s", [coach_id, dossier_id])
        ctx.sql("UPDATE scale_dossier SET coach_id = %s WHERE k = %s", [coach_id, k])
    if extra:
        ctx.sql(
            """
            INSERT INTO casework_historicaldossier (id, status, opened_on, closed_on, closed_reason,
                history_date, history_change_reason, history_type, client_id, history_user_id,
                social_worker_id, team_id, activation_coach_id, restricted, number)
            SELECT id, status, opened_on, closed_on, closed_reason, now(), 'dossier_coach_assign', '~',
                client_id, NULL, social_worker_id, team_id, activation_coach_id, restricted, number
            FROM casework_dossier WHERE id = ANY(%s)
            """,
            [[row[1] for row in extra]],
        )
    return sorted(chosen + extra)


def _cadences(ctx: ScaleContext) -> list[rules.Cadence]:
    ctx.sql("SELECT phase, measure_kind, interval_days FROM activation_monitoringcadence")
    return [
        rules.Cadence(interval_days=days, phase=phase, measure_kind=kind) for phase, kind, days in ctx.cursor
    ]


def _measure(rng, seed: int, n: int, trajectory: dict, phase: str, started_on: datetime.date, today) -> dict:
    kind = rng.choice(rules.MEASURES_BY_PHASE[phase])
    ended_on = None
    if kind == "ibo":  # 4 to 26 weeks
        ended_on = started_on + datetime.timedelta(
            weeks=rng.randint(rules.IBO_MIN_WEEKS, rules.IBO_MAX_WEEKS)
        )
    elif kind in ("twe", "article_60"):  # at most 2 years
        ended_on = rules.add_months(started_on, 12 * rules.TWE_MAX_YEARS) - datetime.timedelta(days=1)
    elif rng.random() < 0.2:
        ended_on = min(started_on + datetime.timedelta(days=rng.randint(30, 180)), today)
    return {
        "id": _sid(seed, "measure", n),
        "trajectory_id": trajectory["id"],
        "phase": phase,
        "kind": kind,
        "partner_id": None,
        "partner_name": "" if kind == "job_search" else rng.choice(PARTNERS),
        "started_on": started_on,
        "ended_on": ended_on,
        "hours_per_month": rng.randint(20, rules.WIJK_WERKEN_MAX_HOURS_PER_MONTH)
        if kind == "wijk_werken"
        else None,
        "interests": rng.choice(INTERESTS) if kind == "volunteer_work" else "",
        "job_target": rng.choice(JOB_TARGETS) if kind == "job_search" else "",
        "level": "1.1" if kind == "language_course" else "",
        "outcome": "",
        "recorded_by_id": trajectory["coach_id"],
        "created_at": _at(started_on),
    }


def _gpmi(rng, seed: int, k: int, trajectory: dict, opened: datetime.date, today, rule) -> tuple[dict, list]:
    """A GPMI and its evaluations: 80 % signed, 15 % still to conclude, 5 % exempted."""
    coach = trajectory["coach_id"]
    draw = rng.random()
    if draw < 0.15:  # to conclude: granted in the last four months (some past the three months)
        granted = max(opened, today - datetime.timedelta(days=rng.randint(5, 120)))
    else:
        granted = max(opened, trajectory["started_on"] - datetime.timedelta(days=rng.randint(0, 60)))
    gpmi = {
        "id": _sid(seed, "gpmi", k),
        "dossier_id": trajectory["dossier_id"],
        "kind": "student" if rng.random() < 0.05 else "standard",
        "status": "draft",
        "leefloon_granted_on": granted,
        "conclusion_due": rules.gpmi_conclusion_due(granted),
        "signed_on": None,
        "social_balance": "",
        "goals": "",
        "client_commitments": "",
        "ocmw_commitments": "",
        "third_parties": "",
        "exemption_reason": "",
        "version": 1,
        "next_evaluation_due": None,
        "created_by_id": coach,
        "created_at": _at(granted),
    }
    evaluations = []
    if 0.15 <= draw < 0.2:
        gpmi.update(status="exempted", exemption_reason="Langdurig ziek (attest van de huisarts).")
    elif draw >= 0.2:
        signed = min(granted + datetime.timedelta(days=rng.randint(10, 85)), today)
        gpmi.update(
            status="signed",
            signed_on=signed,
            social_balance="Alleenstaand, geen werkervaring in België, goede basiskennis Nederlands.",
            goals="Stap voor stap naar werk: eerst vrijwilligerswerk, dan een opleiding.",
            client_commitments="Komt naar de afspraken en meldt afwezigheden vooraf.",
            ocmw_commitments="Begeleiding door de activeringscoach en vergoeding van de vervoerskosten.",
        )
        # An evaluation every three to five months; one in ten is missed (a gap, so some are overdue).
        day, n = signed, 0
        while True:
            day += datetime.timedelta(days=rng.randint(90, 150))
            if day > today:
                break
            n += 1
            if rng.random() < 0.1:
                continue
            evaluations.append(
                {
                    "id": _sid(seed, "gpmi_evaluation", k * 100 + n),
                    "gpmi_id": gpmi["id"],
                    "held_on": day,
                    "in_person": rng.random() < 0.75,
                    "summary": rng.choice(EVALUATION_SUMMARIES),
                    "recorded_by_id": coach,
                    "created_at": _at(day),
                }
            )
        standing = rules.evaluation_standing(
            signed_on=signed,
            evaluations=[(e["held_on"], e["in_person"]) for e in evaluations],
            rule=rule,
            today=today,
        )
        gpmi["next_evaluation_due"] = standing.next_due
    return gpmi, evaluations


def _plan(ctx: ScaleContext, dossiers: list[tuple]) -> dict[str, list[dict]]:
    seed, today = ctx.seed, datetime.date.today()
    rng = ctx.random("activation")
    cadences = _cadences(ctx)
    rule = rules.EvaluationRule()  # the default of the migration (3 a year, 2 in person)
    plan = {
        "trajectories": [],
        "phase_changes": [],
        "measures": [],
        "contacts": [],
        "gpmis": [],
        "evaluations": [],
    }
    for index, (k, dossier_id, coach_id, opened, leefloon) in enumerate(dossiers):
        phase = PHASES[index % len(PHASES)]  # an even spread over the six phases
        started = max(opened, today - datetime.timedelta(days=rng.randint(20, 720)))
        moved = started < today - datetime.timedelta(days=30) and rng.random() < 0.6
        since = (
            started + datetime.timedelta(days=rng.randint(1, (today - started).days - 1))
            if moved
            else started
        )
        trajectory = {
            "id": _sid(seed, "trajectory", k),
            "dossier_id": dossier_id,
            "coach_id": coach_id,
            "screening_id": None,
            "phase": phase,
            "phase_since": since,
            "started_on": started,
            "ended_on": None,
            "created_at": _at(started),
        }
        first_phase = PHASES[PHASES.index(phase) - 1] if moved and phase != "care" else phase
        if moved and phase == "care":
            first_phase = "language"  # a relapse into care is real
        plan["phase_changes"].append(
            {"trajectory_id": trajectory["id"], "from_phase": "", "to_phase": first_phase, "changed_on": started,
             "reason": "", "changed_by_id": coach_id, "created_at": _at(started)}
        )  # fmt: skip
        if moved:
            plan["phase_changes"].append(
                {"trajectory_id": trajectory["id"], "from_phase": first_phase, "to_phase": phase,
                 "changed_on": since, "reason": "Evaluatie met de cliënt: klaar voor de volgende stap.",
                 "changed_by_id": coach_id, "created_at": _at(since, 11)}
            )  # fmt: skip
        measures = []
        for n in range(rng.randint(1, 2) if rules.MEASURES_BY_PHASE[phase] else 0):
            measure_start = since + datetime.timedelta(
                days=rng.randint(0, max(0, min(60, (today - since).days)))
            )
            measures.append(_measure(rng, seed, k * 10 + n, trajectory, phase, measure_start, today))
        plan["measures"] += measures
        # The last follow-up contact: mostly within the rhythm, one trajectory in five past its due date.
        running = [
            m["kind"] for m in measures if m["started_on"] <= today and (m["ended_on"] or today) >= today
        ]
        interval = rules.monitoring_interval(phase, running, cadences) or 30
        if index % 5 == 2:
            last = max(since, today - datetime.timedelta(days=interval + rng.randint(1, 20)))
        else:
            last = max(since, today - datetime.timedelta(days=rng.randint(0, interval - 1)))
        if last > since:
            plan["contacts"].append(
                {"trajectory_id": trajectory["id"], "measure_id": None, "held_on": last,
                 "with_whom": "Cliënt", "in_person": rng.random() < 0.7,
                 "summary": "Opvolggesprek: afspraken overlopen.", "recorded_by_id": coach_id,
                 "created_at": _at(last, 14)}
            )  # fmt: skip
        trajectory["last_monitored_on"] = last if last > since else None
        trajectory["next_monitoring_due"] = rules.next_monitoring_due(
            since=last, phase=phase, running_measures=running, cadences=cadences
        )
        plan["trajectories"].append(trajectory)
        if leefloon or rng.random() < 0.3:
            gpmi, evaluations = _gpmi(rng, seed, k, trajectory, opened, today, rule)
            plan["gpmis"].append(gpmi)
            plan["evaluations"] += evaluations
    return plan


def seed(ctx: ScaleContext) -> None:
    dossiers = _dossiers(ctx)
    plan = _plan(ctx, dossiers)
    label = (
        f"{len(plan['trajectories'])} trajectories, {len(plan['measures'])} measures, "
        f"{len(plan['gpmis'])} GPMIs, {len(plan['evaluations'])} GPMI evaluations"
    )
    with ctx.step(label):
        _copy(ctx, Trajectory, plan["trajectories"])
        _copy(ctx, PhaseChange, plan["phase_changes"])
        _copy(ctx, Measure, plan["measures"])
        _copy(ctx, MonitoringContact, plan["contacts"])
        _copy(ctx, Gpmi, plan["gpmis"])
        _copy(ctx, GpmiEvaluation, plan["evaluations"])
        _history(ctx, Trajectory, "coach_id", "created_at")
        _history(ctx, PhaseChange, "changed_by_id", "created_at")
        _history(ctx, Measure, "recorded_by_id", "created_at")
        _history(ctx, MonitoringContact, "recorded_by_id", "created_at")
        _history(ctx, Gpmi, "created_by_id", "created_at")
        _history(ctx, GpmiEvaluation, "recorded_by_id", "created_at")
        # What the dossier's social worker sees on the timeline: the start of each trajectory.
        ctx.sql(
            """
            INSERT INTO casework_timelineevent (id, occurred_at, kind, title, detail, link, created_at,
                dossier_id, recorded_by_id)
            SELECT md5('activation:' || t.id::text)::uuid, t.created_at, 'activation.trajectory_start',
                'Activeringstraject gestart', '', '/activering/trajecten/' || t.id || '/', t.created_at,
                t.dossier_id, t.coach_id
            FROM activation_trajectory t
            """
        )
        # Their clocks, as the services leave them (casework/obligations): each running trajectory's next
        # monitoring contact (the coach's), a draft GPMI's conclusion, a signed one's next evaluation.
        obligations_insert(
            ctx,
            """
            SELECT md5('obligation:monitoring_due:' || t.id::text)::uuid, 'monitoring_due',
                t.next_monitoring_due, t.coach_id, d.team_id, d.id, 'activation.trajectory', t.id::text,
                '/dossiers/' || d.id::text || '/',
                CASE WHEN t.next_monitoring_due < current_date THEN 'overdue' ELSE 'open' END,
                NULL::date, '', NULL::bigint, t.created_at
            FROM activation_trajectory t JOIN casework_dossier d ON d.id = t.dossier_id
            WHERE t.ended_on IS NULL AND t.next_monitoring_due IS NOT NULL
            UNION ALL
            SELECT md5('obligation:' || c.kind || ':' || g.id::text)::uuid, c.kind, c.due, d.activation_coach_id,
                d.team_id, d.id, 'activation.gpmi', g.id::text, '/dossiers/' || d.id::text || '/',
                CASE WHEN c.due < current_date THEN 'overdue' ELSE 'open' END, NULL, '', NULL, g.created_at
            FROM activation_gpmi g JOIN casework_dossier d ON d.id = g.dossier_id,
                LATERAL (SELECT CASE g.status WHEN 'draft' THEN 'gpmi_conclusion_due'
                                              ELSE 'gpmi_evaluation_due' END AS kind,
                                CASE g.status WHEN 'draft' THEN g.conclusion_due
                                              ELSE g.next_evaluation_due END AS due) c
            WHERE g.status IN ('draft', 'signed') AND c.due IS NOT NULL
            """,
        )

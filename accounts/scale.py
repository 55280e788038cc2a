"""The scale dataset's organisation (`manage.py seed_scale`): six teams of a city the size of Antwerp, about a
hundred social workers (at scale 1), a team lead per team, the front desk, the head of service, the DPO and
the committee (BCSD: a secretary and nine members).
Every login has the password SCALE_PASSWORD (a bench logs in with it; never used outside a scale dataset)."""

from django.contrib.auth.hashers import make_password

from accounts.models import Role
from core.scale import ScaleContext

SCALE_PASSWORD = "casework-scale"
COMMITTEE_MEMBERS = 9
TEAMS = [
    ("centrum", "Antwerpen Centrum"),
    ("noord", "Antwerpen Noord"),
    ("borgerhout", "Borgerhout"),
    ("deurne", "Deurne"),
    ("berchem", "Berchem"),
    ("hoboken", "Hoboken"),
]
FIRST_NAMES = (
    "An Bart Carine Dirk Els Filip Griet Hans Ilse Jan Katrien Luc Marleen Nico Olga Peter Riet Sven Tine Wim"
)
LAST_NAMES = (
    "Aerts Baert Claes De Smet Dierckx Goossens Hermans Janssens Lemmens Michiels Nys Peeters Smets Vos"
)


def seed(ctx: ScaleContext) -> None:
    password = make_password(SCALE_PASSWORD)  # one hash for every login: hashing is the slow part
    firsts, lasts = FIRST_NAMES.split(), LAST_NAMES.split()
    team_ids = []
    for code, name in TEAMS:
        team_ids.append(
            ctx.scalar("INSERT INTO accounts_team (code, name) VALUES (%s, %s) RETURNING id", [code, name])
        )
    staff = []  # (username, roles, team index or None)
    workers = ctx.count(100, minimum=len(TEAMS))
    staff += [(f"mw{n:03d}", [Role.SOCIAL_WORKER], n % len(TEAMS)) for n in range(1, workers + 1)]
    staff += [(f"tl-{code}", [Role.TEAM_LEAD], index) for index, (code, _name) in enumerate(TEAMS)]
    staff += [(f"onthaal{n}", [Role.INTAKE_OFFICER], None) for n in (1, 2)]
    staff += [(f"coach{n}", [Role.ACTIVATION_COACH], None) for n in (1, 2)]
    staff += [("hoofd", [Role.HEAD_OF_SERVICE], None), ("dpo", [Role.DPO], None)]
    # The committee (bcsd/scale.py): its secretary and nine members (the council's size for a city).
    staff += [("bcsd-secretaris", [Role.COMMITTEE_SECRETARY], None)]
    staff += [(f"bcsd-lid{n}", [Role.COMMITTEE_MEMBER], None) for n in range(1, COMMITTEE_MEMBERS + 1)]
    pick = ctx.random("staff")
    ids = {}
    for username, roles, team in staff:
        ids[username] = ctx.scalar(
            """
            INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email,
                is_staff, is_active, date_joined, roles, team_id)
            VALUES (%s, false, %s, %s, %s, %s, false, true, now(), %s::jsonb, %s) RETURNING id
            """,
            [
                password,
                username,
                pick.choice(firsts),
                pick.choice(lasts),
                f"{username}@ocmw-schaalstad.be",
                "[" + ",".join(f'"{role}"' for role in roles) + "]",
                None if team is None else team_ids[team],
            ],
        )
    ctx.facts["team_ids"] = team_ids
    ctx.facts["workers"] = [
        (ids[username], team_ids[team]) for username, roles, team in staff if roles == [Role.SOCIAL_WORKER]
    ]
    ctx.facts["team_leads"] = {team_ids[team]: ids[f"tl-{code}"] for team, (code, _n) in enumerate(TEAMS)}
    ctx.facts["coaches"] = [ids["coach1"], ids["coach2"]]
    ctx.facts["user_ids"] = ids
    ctx.facts["committee_secretary"] = ids["bcsd-secretaris"]
    ctx.facts["committee_members"] = [ids[f"bcsd-lid{n}"] for n in range(1, COMMITTEE_MEMBERS + 1)]
    ctx.stdout.write(f"  {len(TEAMS)} teams, {len(staff)} staff ({workers} social workers)")

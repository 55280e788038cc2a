"""Demo organisation: teams and staff of every role, the people of shared/journeys.md among them."""

from accounts.models import Role, User
from accounts.services import staff_upsert, team_get_or_create

DEMO_PASSWORD = "casework-demo"
TEAMS = {
    "centrum": "Centrum",
    "noord": "Noord",
    "zuid": "Zuid",
    "oost": "Oost",
    "west": "West",
    "activering": "Activering",
}
STAFF = [
    ("sofie", "Sofie", "Peeters", [Role.SOCIAL_WORKER], "centrum"),
    ("lotte", "Lotte", "Claes", [Role.SOCIAL_WORKER], "centrum"),
    ("els", "Els", "Wouters", [Role.TEAM_LEAD], "centrum"),
    ("bram", "Bram", "Jacobs", [Role.SOCIAL_WORKER], "noord"),
    ("nora", "Nora", "Maes", [Role.SOCIAL_WORKER], "zuid"),
    ("tom", "Tom", "Willems", [Role.TEAM_LEAD], "noord"),
    ("karim", "Karim", "Bouzid", [Role.ACTIVATION_COACH], "activering"),
    ("ines", "Ines", "Goossens", [Role.INTAKE_OFFICER], None),
    ("hilde", "Hilde", "Mertens", [Role.HEAD_OF_SERVICE], None),
    ("ann", "Ann", "Dubois", [Role.COMMITTEE_SECRETARY], None),
    ("marc", "Marc", "Van Damme", [Role.COMMITTEE_MEMBER], None),
    ("pieter", "Pieter", "Hermans", [Role.DPO], None),
    ("beheer", "Beheer", "Casework", [Role.ADMIN], None),
]


def seed(stdout) -> None:
    for code, name in TEAMS.items():
        team_get_or_create(code=code, name=name)
    for username, first, last, roles, team in STAFF:
        if not User.objects.filter(username=username).exists():
            staff_upsert(
                username=username,
                password=DEMO_PASSWORD,
                roles=roles,
                team_code=team,
                first_name=first,
                last_name=last,
                email=f"{username}@ocmw-demostad.be",
            )
    stdout.write(f"Medewerkers: {User.objects.count()}, teams: {len(TEAMS)}")


def logins():
    for username, first, last, roles, team in STAFF:
        yield username, f"{first} {last}", ", ".join(str(Role(r).label) for r in roles), TEAMS.get(team, "")

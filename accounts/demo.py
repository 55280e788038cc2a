"""Demo organisation: six teams and staff of every role, the people of shared/journeys.md among them.

Called by `manage.py seed_demo` before the demo data of the apps that depend on accounts. Idempotent: a user
who exists already is left alone (their password too), so a second run writes nothing, not even history.
"""

from dataclasses import dataclass

from accounts.models import Role, Team, User
from accounts.services import staff_upsert, team_get_or_create

# The one demo password, documented in the README; never used outside the demo.
DEMO_PASSWORD = "casework-demo"
DEMO_EMAIL_DOMAIN = "ocmw-demostad.be"

TEAMS = {
    "centrum": "Centrum",
    "noord": "Noord",
    "zuid": "Zuid",
    "oost": "Oost",
    "west": "West",
    "activering": "Activering",
}


@dataclass(frozen=True)
class DemoStaff:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    team: str | None = None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


STAFF = [
    # The people of the journeys.
    DemoStaff("sofie", "Sofie", "Peeters", (Role.SOCIAL_WORKER,), "centrum"),
    DemoStaff("els", "Els", "Wouters", (Role.TEAM_LEAD,), "centrum"),
    DemoStaff("karim", "Karim", "Bouzid", (Role.ACTIVATION_COACH,), "activering"),
    DemoStaff("hilde", "Hilde", "Mertens", (Role.HEAD_OF_SERVICE,)),
    DemoStaff("ann", "Ann", "Dubois", (Role.COMMITTEE_SECRETARY,)),
    DemoStaff("marc", "Marc", "Van Damme", (Role.COMMITTEE_MEMBER,)),
    DemoStaff("pieter", "Pieter", "Hermans", (Role.DPO,)),
    DemoStaff("ines", "Ines", "Goossens", (Role.INTAKE_OFFICER,)),
    # Colleagues in the other teams, so that caseloads, team access and break-the-glass can be shown.
    DemoStaff("lotte", "Lotte", "Claes", (Role.SOCIAL_WORKER,), "centrum"),
    DemoStaff("bram", "Bram", "Jacobs", (Role.SOCIAL_WORKER,), "noord"),
    DemoStaff("tom", "Tom", "Willems", (Role.TEAM_LEAD,), "noord"),
    DemoStaff("nora", "Nora", "Maes", (Role.SOCIAL_WORKER,), "zuid"),
    DemoStaff("jonas", "Jonas", "Lambrechts", (Role.SOCIAL_WORKER,), "oost"),
    DemoStaff("fatma", "Fatma", "Yilmaz", (Role.SOCIAL_WORKER,), "west"),
    DemoStaff("admin", "Beheerder", "Casework", (Role.ADMIN,)),
]


def seed(stdout) -> None:
    teams_before, staff_before = Team.objects.count(), User.objects.count()
    for code, name in TEAMS.items():
        team_get_or_create(code=code, name=name)
    existing = set(
        User.objects.filter(username__in=[s.username for s in STAFF]).values_list("username", flat=True)
    )
    for person in STAFF:
        if person.username in existing:
            continue
        staff_upsert(
            username=person.username,
            password=DEMO_PASSWORD,
            roles=list(person.roles),
            team_code=person.team,
            first_name=person.first_name,
            last_name=person.last_name,
            email=f"{person.username}@{DEMO_EMAIL_DOMAIN}",
        )
    stdout.write(
        f"accounts: {Team.objects.count() - teams_before} teams and "
        f"{User.objects.count() - staff_before} staff created "
        f"({Team.objects.count()} teams, {User.objects.count()} staff in all)"
    )


def staff(username: str) -> User:
    """A demo staff member, for the demo data of the apps that depend on accounts."""
    return User.objects.get(username=username)


def logins() -> list[tuple[str, str, str, str]]:
    """(username, name, roles, team) of every demo login, in the order of STAFF."""
    return [
        (
            person.username,
            person.name,
            ", ".join(str(Role(role).label) for role in person.roles),
            TEAMS.get(person.team, "—"),
        )
        for person in STAFF
    ]

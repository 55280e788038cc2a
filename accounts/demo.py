"""Demo organisation: six teams and staff of every role, the people of shared/journeys.md among them.

Called by `manage.py seed_demo` before the demo data of the apps that depend on accounts. Idempotent: a user
who exists already is left alone (their password too), so a second run writes nothing, not even history.
"""

from dataclasses import dataclass

from accounts.models import Role, Team, User
from accounts.policy import second_factor_required
from accounts.selectors import has_second_factor
from accounts.services import staff_upsert, team_get_or_create, totp_register

# The one demo password, documented in the README; never used outside the demo.
DEMO_PASSWORD = "casework-demo"
# The one TOTP secret of the demo logins whose role needs a second factor (admin, DPO, head of service, the
# committee), printed by seed_demo and documented in the README; `manage.py demo_totp_code` shows its code.
DEMO_TOTP_SECRET = "CASEWORKDEMO2FA7CASEWORKDEMO2FA7"
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
            # The published demo password is no real one (it resembles some names): the rules protect
            # real ones.
            check_password_rules=False,
        )
    # Also for a demo database of an earlier `make run`, whose users had no second factor yet.
    for user in User.objects.filter(username__in=[s.username for s in STAFF]):
        if second_factor_required(user) and not has_second_factor(user=user):
            totp_register(user=user, secret_base32=DEMO_TOTP_SECRET)
    stdout.write(
        f"accounts: {Team.objects.count() - teams_before} teams and "
        f"{User.objects.count() - staff_before} staff created "
        f"({Team.objects.count()} teams, {User.objects.count()} staff in all)"
    )


def staff(username: str) -> User:
    """A demo staff member, for the demo data of the apps that depend on accounts."""
    return User.objects.get(username=username)


def logins() -> list[tuple[str, str, str, str, str]]:
    """(username, name, roles, team, second factor) of every demo login, in the order of STAFF."""
    with_code = set(second_factor_logins())
    return [
        (
            person.username,
            person.name,
            ", ".join(str(Role(role).label) for role in person.roles),
            TEAMS.get(person.team, "—"),
            "TOTP" if person.username in with_code else "—",
        )
        for person in STAFF
    ]


def second_factor_logins() -> list[str]:
    """The demo logins that sign in with the demo TOTP secret."""
    users = {user.username: user for user in User.objects.filter(username__in=[s.username for s in STAFF])}
    return [s.username for s in STAFF if s.username in users and has_second_factor(user=users[s.username])]

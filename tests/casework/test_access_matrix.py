"""Every endpoint that returns personal data × every role × the dossier's relation to the caller.
Each cell asserts the status; each successful read adds exactly one access-log entry."""

import pytest

from casework.models import Dossier
from clients.models import AccessLog
from tests.factories import ClientFactory, ContactFactory, TeamFactory, UserFactory

ROLES = [
    "social_worker",
    "activation_coach",
    "intake_officer",
    "team_lead",
    "head_of_service",
    "committee_member",
    "committee_secretary",
    "dpo",
    "admin",
]
# own: the caller is the dossier's social worker (or, for a coach, its activation coach); team: a dossier of
# the caller's team assigned to a colleague; other: another team's dossier; restricted: a sensitive dossier of
# the caller's team whose list does not name the caller.
SITUATIONS = ["own", "team", "other", "restricted"]
CAN_BE_ASSIGNED = {"social_worker", "team_lead", "activation_coach"}

# Expected status of reading the dossier, the client record, its history and household.
DOSSIER_READ = {
    "social_worker": {"own": 200, "team": 200, "other": 404, "restricted": 404},
    "activation_coach": {"own": 200, "team": 404, "other": 404, "restricted": 404},
    "intake_officer": {"team": 200, "other": 200, "restricted": 404},
    "team_lead": {"own": 200, "team": 200, "other": 404, "restricted": 404},
    "head_of_service": {"team": 200, "other": 200, "restricted": 404},
    "committee_member": {"team": 404, "other": 404, "restricted": 404},
    "committee_secretary": {"team": 404, "other": 404, "restricted": 404},
    "dpo": {"team": 404, "other": 404, "restricted": 404},
    "admin": {"team": 404, "other": 404, "restricted": 404},
}
# Contact notes: as above, but the front desk never reads them.
CONTACTS_READ = {
    role: {s: (404 if role == "intake_officer" else code) for s, code in cells.items()}
    for role, cells in DOSSIER_READ.items()
}
# "Who saw my data?": the DPO and the head of service for anyone, a team lead for the team's clients;
# other roles are not allowed this kind of action at all (403, whatever the id).
ACCESS_LOG_READ = {
    role: {s: 403 for s in SITUATIONS if s != "own" or role in CAN_BE_ASSIGNED} for role in ROLES
} | {
    "dpo": {"team": 200, "other": 200, "restricted": 200},
    "head_of_service": {"team": 200, "other": 200, "restricted": 200},
    "team_lead": {"own": 200, "team": 200, "other": 404, "restricted": 404},
}

ENDPOINTS = {
    "dossier": (lambda d: f"/api/v1/dossiers/{d.pk}/", DOSSIER_READ),
    "contacts": (lambda d: f"/api/v1/contacts/?dossier={d.pk}", CONTACTS_READ),
    "client": (lambda d: f"/api/v1/clients/{d.client_id}/", DOSSIER_READ),
    "history": (lambda d: f"/api/v1/clients/{d.client_id}/history/", DOSSIER_READ),
    "household": (lambda d: f"/api/v1/clients/{d.client_id}/household/", DOSSIER_READ),
    "access-log": (lambda d: f"/api/v1/clients/{d.client_id}/access-log/", ACCESS_LOG_READ),
}

CELLS = [
    pytest.param(endpoint, role, situation, expected, id=f"{endpoint}-{role}-{situation}")
    for endpoint, (_url, table) in ENDPOINTS.items()
    for role, cells in table.items()
    for situation, expected in cells.items()
]


@pytest.fixture
def world(db):
    centrum = TeamFactory(code="centrum")
    noord = TeamFactory(code="noord")
    colleague = UserFactory(username="colleague", team=centrum, roles=["social_worker"])
    stranger = UserFactory(username="stranger", team=noord, roles=["social_worker"])
    return {"centrum": centrum, "noord": noord, "colleague": colleague, "stranger": stranger}


def make_dossier(world, caller, situation) -> Dossier:
    team = world["noord"] if situation == "other" else world["centrum"]
    worker = world["stranger"] if situation == "other" else world["colleague"]
    dossier = Dossier(client=ClientFactory(), team=team, social_worker=worker)
    if situation == "own":
        if "activation_coach" in caller.roles:
            dossier.activation_coach = caller
        else:
            dossier.social_worker = caller
    dossier.restricted = situation == "restricted"
    dossier.save()
    if dossier.restricted:
        dossier.restricted_to.set([world["colleague"]])
    ContactFactory(dossier=dossier, summary="Telefonisch contact", author=worker)
    return dossier


@pytest.mark.parametrize(("endpoint", "role", "situation", "expected"), CELLS)
def test_access_matrix(api, world, endpoint, role, situation, expected):
    caller = UserFactory(username=f"caller-{role}", team=world["centrum"], roles=[role])
    dossier = make_dossier(world, caller, situation)
    url = ENDPOINTS[endpoint][0](dossier)
    before = AccessLog.objects.count()

    response = api(caller).get(url)

    assert response.status_code == expected, response.content
    assert AccessLog.objects.count() - before == (1 if expected == 200 else 0)
    if expected == 200:
        entry = AccessLog.objects.order_by("-id").first()
        assert entry.user == caller and str(dossier.client_id) in entry.subject_ids


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("situation", SITUATIONS)
def test_anonymous_reads_nothing(api, world, endpoint, situation):
    dossier = make_dossier(world, world["colleague"], situation)
    before = AccessLog.objects.count()

    response = api().get(ENDPOINTS[endpoint][0](dossier))

    assert response.status_code == 401
    assert AccessLog.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_a_restricted_dossier_opens_for_the_people_on_its_list(api, world, role):
    caller = UserFactory(username=f"listed-{role}", team=world["noord"], roles=[role])
    dossier = make_dossier(world, caller, "restricted")
    dossier.restricted_to.add(caller)

    assert api(caller).get(f"/api/v1/dossiers/{dossier.pk}/").status_code == 200
    assert api(caller).get(f"/api/v1/clients/{dossier.client_id}/").status_code == 200


@pytest.mark.parametrize(
    ("role", "situation", "listed"),
    [
        ("social_worker", "own", True),
        ("social_worker", "team", True),
        ("social_worker", "other", False),
        ("social_worker", "restricted", False),
        ("intake_officer", "other", True),
        ("head_of_service", "other", True),
        ("head_of_service", "restricted", False),
        ("activation_coach", "own", True),
        ("activation_coach", "team", False),
        ("committee_member", "team", False),
        ("dpo", "team", False),
    ],
)
def test_dossier_list_shows_what_the_policy_allows(api, world, role, situation, listed):
    caller = UserFactory(username=f"lister-{role}", team=world["centrum"], roles=[role])
    dossier = make_dossier(world, caller, situation)
    before = AccessLog.objects.count()

    response = api(caller).get("/api/v1/dossiers/")

    assert response.status_code == 200
    assert [row["id"] for row in response.data["results"]] == ([str(dossier.pk)] if listed else [])
    assert AccessLog.objects.count() - before == (1 if listed else 0)

from tests.factories import make_insz


def test_register_and_find_a_person(api, social_worker):
    client = api(social_worker)
    insz = make_insz(__import__("datetime").date(1992, 3, 4), 124)
    created = client.post(
        "/api/v1/clients/",
        {"first_name": "Yasmina", "last_name": "El Amrani", "birth_date": "1992-03-04", "insz": insz},
        format="json",
    )
    assert created.status_code == 201, created.data
    found = client.get("/api/v1/clients/", {"q": "el amr"})
    assert [row["id"] for row in found.data["results"]] == [created.data["id"]]

"""Leefloon and heating allowance: right to the cent, explained line by line (domain §3, §7)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.leefloon import rules
from casework.models import Inquiry, LeefloonRate, SpiExemptionPeriod
from clients.models import AccessLog

D = Decimal
RATES = [
    rules.Rate(datetime.date(2020, 1, 1), 1, D("7520.85")),
    rules.Rate(datetime.date(2020, 1, 1), 2, D("11281.30")),
    rules.Rate(datetime.date(2020, 1, 1), 3, D("15246.08")),
    rules.Rate(datetime.date(2024, 5, 1), 1, D("10307.64")),
    rules.Rate(datetime.date(2024, 5, 1), 2, D("15461.52")),
    rules.Rate(datetime.date(2024, 5, 1), 3, D("20895.48")),
    rules.Rate(datetime.date(2025, 2, 1), 1, D("10513.56")),
    rules.Rate(datetime.date(2025, 2, 1), 2, D("15770.40")),
    rules.Rate(datetime.date(2025, 2, 1), 3, D("21312.84")),
]
GENERAL = {1: D("155.00"), 2: D("250.00"), 3: D("310.00")}


def calculate(category, day, resources=(), general=True, **options):
    return rules.leefloon_calculate(
        category=category,
        reference_date=day,
        rates=RATES,
        resources=[rules.Resource(kind, D(amount)) for kind, amount in resources],
        general_exemption=GENERAL[category] if general else None,
        **options,
    )


@pytest.mark.parametrize(
    ("category", "day", "valid_from", "yearly", "monthly"),
    [
        (1, datetime.date(2020, 1, 1), datetime.date(2020, 1, 1), "7520.85", "626.74"),
        (2, datetime.date(2024, 4, 30), datetime.date(2020, 1, 1), "11281.30", "940.11"),
        (3, datetime.date(2024, 4, 30), datetime.date(2020, 1, 1), "15246.08", "1270.51"),
        (1, datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), "10307.64", "858.97"),
        (2, datetime.date(2024, 5, 1), datetime.date(2024, 5, 1), "15461.52", "1288.46"),
        (3, datetime.date(2025, 1, 31), datetime.date(2024, 5, 1), "20895.48", "1741.29"),
        (1, datetime.date(2025, 2, 1), datetime.date(2025, 2, 1), "10513.56", "876.13"),
        (2, datetime.date(2026, 11, 22), datetime.date(2025, 2, 1), "15770.40", "1314.20"),
        (3, datetime.date(2025, 2, 1), datetime.date(2025, 2, 1), "21312.84", "1776.07"),
    ],
)
def test_the_category_amount_on_both_sides_of_each_valid_from(category, day, valid_from, yearly, monthly):
    result = calculate(category, day)
    assert (result.rate_valid_from, result.yearly_rate, result.monthly_rate) == (
        valid_from,
        D(yearly),
        D(monthly),
    )
    assert (result.yearly_amount, result.monthly_amount) == (D(yearly), D(monthly))


@pytest.mark.parametrize(
    ("category", "resources", "general", "yearly_amount", "monthly_amount"),
    [
        # resources just under and over the category amount (21.312,84 + 310 exemption for category 3)
        (3, [("replacement_income", "21622.83")], True, "0.01", "0.00"),
        (3, [("replacement_income", "21622.84")], True, "0.00", "0.00"),
        (3, [("replacement_income", "21622.85")], True, "0.00", "0.00"),
        (3, [("replacement_income", "21312.83")], False, "0.01", "0.00"),
        # the general exemption only lowers the counted resources, never below zero
        (2, [("maintenance_received", "100.00")], True, "15770.40", "1314.20"),
        (2, [("maintenance_received", "1000.00")], True, "15020.40", "1251.70"),
        (2, [("maintenance_received", "1000.00")], False, "14770.40", "1230.87"),
        # child benefit is never counted
        (3, [("child_benefit", "6000.00")], True, "21312.84", "1776.07"),
        (3, [("child_benefit", "6000.00"), ("maintenance_received", "2400.00")], True, "19222.84", "1601.90"),
        # the partner's income counts; relatives' income only when the worker chooses so
        (1, [("partner_income", "5000.00")], True, "5668.56", "472.38"),
        (1, [("relative_income", "5000.00")], True, "10513.56", "876.13"),
        # rounding at half a cent: 6.06 / 12 = 0.505 → 0.51 (half-up)
        (1, [("other", "10507.50")], False, "6.06", "0.51"),
        (1, [("other", "10507.56")], False, "6.00", "0.50"),
    ],
)
def test_means_test(category, resources, general, yearly_amount, monthly_amount):
    result = calculate(category, datetime.date(2025, 6, 1), resources, general)
    assert (result.yearly_amount, result.monthly_amount) == (D(yearly_amount), D(monthly_amount))


def test_relatives_income_counts_when_chosen():
    result = calculate(
        1, datetime.date(2025, 6, 1), [("relative_income", "5000.00")], count_relative_income=True
    )
    assert result.counted_resources == D("5000.00")
    assert result.yearly_amount == D("10513.56") - D("5000.00") + D("155.00")


@pytest.mark.parametrize(
    ("earned", "spi", "cumulate", "exemptions"),
    [
        ("1000.00", "2928.36", False, "1000.00"),  # SPI up to the earned income; no general exemption then
        ("5000.00", "2928.36", False, "2928.36"),
        ("5000.00", "2928.36", True, "3238.36"),  # cumulated when the deployment reads art. 22 §2 so
        ("5000.00", None, False, "310.00"),  # without SPI the general exemption applies
    ],
)
def test_spi_exemption_on_earned_income(earned, spi, cumulate, exemptions):
    result = calculate(
        3,
        datetime.date(2025, 6, 1),
        [("earned_income", earned)],
        spi_exemption=D(spi) if spi else None,
        cumulate_general_and_spi=cumulate,
    )
    assert result.exemptions == D(exemptions)


@pytest.mark.parametrize(
    ("started_on", "reference_date", "applies"),
    [
        (None, datetime.date(2025, 1, 1), True),
        (datetime.date(2022, 6, 1), datetime.date(2025, 5, 31), True),
        (datetime.date(2022, 6, 1), datetime.date(2025, 6, 1), False),
        (datetime.date(2024, 2, 29), datetime.date(2027, 2, 27), True),
        (datetime.date(2024, 2, 29), datetime.date(2027, 2, 28), False),
    ],
)
def test_the_spi_exemption_lasts_three_years(started_on, reference_date, applies):
    assert rules.spi_applies(started_on, reference_date) is applies


def test_no_rate_before_the_first_valid_from():
    with pytest.raises(rules.NoRateError):
        calculate(1, datetime.date(2019, 12, 31))


def test_every_step_is_a_labelled_line():
    result = calculate(
        3, datetime.date(2025, 6, 1), [("maintenance_received", "2400.00"), ("child_benefit", "4000")]
    )
    labels = [line.label for line in result.lines]
    assert labels[0].startswith("Leefloon categorie 3 (persoon met gezin ten laste)")
    assert "Groeipakket voor de kinderen (niet meegeteld)" in labels
    assert labels[-1].startswith("Leefloon per maand")
    assert all(isinstance(line.amount, Decimal) for line in result.lines)


money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(sorted(rules.RESOURCE_LABELS))


@settings(max_examples=300, deadline=None)
@given(
    category=st.sampled_from([1, 2, 3]),
    resources=st.lists(st.tuples(kinds, money), max_size=5),
    extra=money,
    extra_kind=kinds,
    general=st.booleans(),
    relatives=st.booleans(),
)
def test_more_counted_resources_never_yield_a_higher_leefloon(
    category, resources, extra, extra_kind, general, relatives
):
    day = datetime.date(2025, 6, 1)
    base = calculate(
        category, day, [(k, str(a)) for k, a in resources], general, count_relative_income=relatives
    )
    more = calculate(
        category,
        day,
        [(k, str(a)) for k, a in [*resources, (extra_kind, extra)]],
        general,
        count_relative_income=relatives,
    )
    assert more.yearly_amount <= base.yearly_amount
    for result in (base, more):
        assert D("0") <= result.yearly_amount <= result.yearly_rate
        assert D("0") <= result.monthly_amount <= result.monthly_rate
        assert result.monthly_amount == (result.yearly_amount / 12).quantize(
            D("0.01"), rounding="ROUND_HALF_UP"
        )


class TestCalculationApi:
    url = "/api/v1/leefloon/calculations/"

    def test_the_contract(self, api, social_worker):
        body = {
            "category": 3,
            "reference_date": "2025-06-01",
            "resources": [
                {
                    "kind": "maintenance_received",
                    "yearly_amount": "2400.00",
                    "description": "van de ex-partner",
                },
                {"kind": "child_benefit", "yearly_amount": "4000.00"},
            ],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 200, response.data
        data = response.data
        assert {k: data[k] for k in ("category", "reference_date", "rate_valid_from")} == {
            "category": 3,
            "reference_date": "2025-06-01",
            "rate_valid_from": "2025-02-01",
        }
        assert (data["yearly_rate"], data["monthly_rate"]) == ("21312.84", "1776.07")
        assert (data["counted_resources"], data["exemptions"]) == ("2400.00", "310.00")
        assert (data["yearly_amount"], data["monthly_amount"]) == ("19222.84", "1601.90")
        assert data["lines"][1] == {
            "label": "Ontvangen onderhoudsgeld: van de ex-partner (per jaar, meegeteld)",
            "amount": "2400.00",
        }

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"reference_date": "2019-12-31"}, "reference_date"),
            ({"category": 4}, "category"),
            ({"reference_date": "morgen"}, "reference_date"),
            ({"resources": [{"kind": "other", "yearly_amount": "-1.00"}]}, "resources"),
            ({"resources": [{"kind": "other", "yearly_amount": "veel"}]}, "resources"),
            ({"resources": [{"kind": "other", "yearly_amount": 1.5}]}, None),
            ({"resources": [{"kind": "lottery", "yearly_amount": "1.00"}]}, "resources"),
            ({"resources": [{"kind": "other", "yearly_amount": "1.005"}]}, "resources"),
            ({"count_relative_income": True}, "relative_income_reason"),
            ({"resources": "geen lijst"}, "resources"),
        ],
    )
    def test_bad_input_is_a_clear_400(self, api, social_worker, body, field):
        payload = {"category": 2, "reference_date": "2025-06-01"} | body
        response = api(social_worker).post(self.url, payload, format="json")
        if field is None:  # a JSON number is accepted as a decimal (no float arithmetic follows)
            assert response.status_code == 200
            return
        assert response.status_code == 400, response.data
        assert field in response.data, response.data

    def test_no_rate_message_is_dutch(self, api, social_worker):
        response = api(social_worker).post(
            self.url, {"category": 1, "reference_date": "2019-01-01"}, format="json"
        )
        assert response.data["reference_date"] == [
            "Er is geen leefloonbedrag voor categorie 1 geldig op 01/01/2019."
        ]

    def test_a_new_indexation_is_a_new_row_not_a_code_change(self, api, social_worker):
        LeefloonRate.objects.create(valid_from="2026-09-01", category=2, yearly_amount=D("16086.00"))
        response = api(social_worker).post(
            self.url, {"category": 2, "reference_date": "2026-09-01"}, format="json"
        )
        assert (response.data["rate_valid_from"], response.data["monthly_amount"]) == (
            "2026-09-01",
            "1340.50",
        )

    def test_anonymous_cannot_calculate(self, api):
        assert (
            api().post(self.url, {"category": 2, "reference_date": "2025-06-01"}, format="json").status_code
            == 401
        )


class TestStoredCalculation:
    url = "/api/v1/leefloon/calculations/"

    @pytest.fixture
    def inquiry(self, api, dossier, social_worker):
        received_on = datetime.date.today().isoformat()  # registered on the day (a late entry needs a reason)
        body = {"dossier": str(dossier.pk), "kind": "leefloon", "received_on": received_on}
        created = api(social_worker).post("/api/v1/requests/", body, format="json").data
        return Inquiry.objects.get(request_id=created["id"])

    def test_kept_with_the_inquiry_with_inputs_rate_and_lines(self, api, inquiry, social_worker):
        body = {
            "category": 2,
            "reference_date": "2026-11-02",
            "inquiry": str(inquiry.pk),
            "apply_spi_exemption": True,
            "resources": [{"kind": "earned_income", "yearly_amount": "3600.00"}],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 201, response.data
        stored = api(social_worker).get(self.url, {"inquiry": str(inquiry.pk)}).data["results"]
        assert [s["id"] for s in stored] == [response.data["id"]]
        assert stored[0]["inputs"]["resources"][0] == {
            "kind": "earned_income",
            "yearly_amount": "3600.00",
            "description": "",
        }
        assert stored[0]["rate_valid_from"] == "2025-02-01"
        assert stored[0]["monthly_amount"] == response.data["monthly_amount"]
        assert SpiExemptionPeriod.objects.get(
            client=inquiry.request.dossier.client
        ).started_on == datetime.date(2026, 11, 2)

    def test_the_three_year_spi_period_is_tracked_per_person(self, api, inquiry, social_worker):
        SpiExemptionPeriod.objects.create(client=inquiry.request.dossier.client, started_on="2023-01-01")
        body = {
            "category": 2,
            "reference_date": "2026-11-02",
            "inquiry": str(inquiry.pk),
            "apply_spi_exemption": True,
            "resources": [{"kind": "earned_income", "yearly_amount": "3600.00"}],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.data["exemptions"] == "250.00"  # SPI expired: only the general exemption

    def test_other_team_cannot_attach(self, api, inquiry, other_team_worker):
        body = {"category": 2, "reference_date": "2026-11-02", "inquiry": str(inquiry.pk)}
        assert api(other_team_worker).post(self.url, body, format="json").status_code == 404
        assert api(other_team_worker).get(self.url, {"inquiry": str(inquiry.pk)}).status_code == 404
        assert not AccessLog.objects.filter(user=other_team_worker).exists()


class TestHeatingAllowance:
    url = "/api/v1/heating-allowance/calculations/"

    @pytest.mark.parametrize(
        ("litres", "price", "already", "pump", "amount"),
        [
            ("1000", "0.900", "0", False, "140.00"),
            ("1000", "0.930", "0", False, "155.00"),
            ("1000", "1.100", "0", False, "245.00"),
            ("2000", "0.900", "0", False, "210.00"),  # capped at 1500 litres a year
            ("1000", "0.900", "1000", False, "70.00"),  # 500 litres left this year
            ("1000", "0.900", "1500", False, "0.00"),
            ("50", "1.500", "0", True, "210.00"),  # bought at the pump: flat amount
        ],
    )
    def test_allowance(self, api, social_worker, litres, price, already, pump, amount):
        body = {
            "delivered_on": "2026-01-15",
            "litres": litres,
            "price_per_litre": price,
            "litres_already_granted": already,
            "bought_at_pump": pump,
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 200, response.data
        assert response.data["amount"] == amount

    @pytest.mark.parametrize(
        "body",
        [
            {"delivered_on": "2020-01-01"},
            {"litres": "-5"},
            {"litres": "0"},
            {"price_per_litre": "gratis"},
        ],
    )
    def test_bad_input(self, api, social_worker, body):
        payload = {"delivered_on": "2026-01-15", "litres": "100", "price_per_litre": "1.000"} | body
        assert api(social_worker).post(self.url, payload, format="json").status_code == 400

"""Leefloon and heating allowance: right to the cent, explained line by line (domain §3, §7)."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
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
# Art. 25 and 27 KB as the seeded row gives them (written out here, not read from the row).
MEANS = rules.MeansParameters(
    valid_from=datetime.date(2002, 10, 1),
    capital_exempt_up_to=D("6200.00"),
    capital_middle_up_to=D("12500.00"),
    capital_middle_rate=D("6.00"),
    capital_top_rate=D("10.00"),
    own_home_exempt=D("750.00"),
    own_home_exempt_per_child=D("125.00"),
    cadastral_multiplier=D("3.00"),
    other_property_exempt=D("0.00"),
    other_property_multiplier=D("3.00"),
)


def resource(item):
    if isinstance(item, rules.Resource):
        return item
    kind, amount = item
    return rules.Resource(kind, D(amount))


def calculate(category, day, resources=(), general=True, **options):
    return rules.leefloon_calculate(
        category=category,
        reference_date=day,
        rates=RATES,
        resources=[resource(item) for item in resources],
        general_exemption=GENERAL[category] if general else None,
        means=MEANS,
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
        # a category-1 partner's income below the category 1 amount does not count (art. 34 §1 KB);
        # relatives' income only when the worker chooses so
        (1, [("partner_income", "5000.00")], True, "10513.56", "876.13"),
        (1, [("relative_income", "5000.00")], True, "10513.56", "876.13"),
        # rounding at half a cent: 6.06 / 12 = 0.505 → 0.51 (half-up)
        (1, [("other", "10507.50")], False, "6.06", "0.51"),
        (1, [("other", "10507.56")], False, "6.00", "0.50"),
    ],
)
def test_means_test(category, resources, general, yearly_amount, monthly_amount):
    result = calculate(category, datetime.date(2025, 6, 1), resources, general)
    assert (result.yearly_amount, result.monthly_amount) == (D(yearly_amount), D(monthly_amount))


def test_relatives_income_counts_when_chosen_above_the_category_1_amount():
    result = calculate(
        1, datetime.date(2025, 6, 1), [("relative_income", "15000.00")], count_relative_income=True
    )
    assert result.counted_resources == D("4486.44")  # 15.000,00 − 10.513,56
    assert result.yearly_amount == D("6182.12")  # 10.513,56 − (4.486,44 − 155,00)


@pytest.mark.parametrize(
    ("earned", "spi", "cumulate", "exemptions"),
    [
        ("1000.00", "2928.36", False, "1000.00"),  # SPI up to the earned income; no general exemption then
        ("5000.00", "2928.36", False, "2928.36"),  # the other reading (setting false): no general exemption
        ("5000.00", "2928.36", True, "3238.36"),  # cumulated, the default (POD MI's SPI page)
        ("1000.00", "2928.36", True, "1000.00"),  # nothing left after SPI: the general exemption has nothing
        ("3000.00", "2928.36", True, "3000.00"),  # 71,64 left after SPI: the general exemption up to that
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
    ("first_used_on", "months_used", "reference_date", "applies"),
    [
        (None, 0, datetime.date(2025, 1, 1), True),  # never used: this use is the first
        # 36 months of use (art. 35 §1 KB): month 35 used → one left; 36 used → none
        (datetime.date(2022, 6, 1), 35, datetime.date(2025, 6, 1), True),
        (datetime.date(2022, 6, 1), 36, datetime.date(2025, 6, 1), False),
        (datetime.date(2022, 6, 1), 37, datetime.date(2025, 6, 1), False),
        # not 3 calendar years: after 3 years with months left it still applies
        (datetime.date(2022, 6, 1), 20, datetime.date(2025, 6, 2), True),
        # within 6 years from the first use: the last day and the day after
        (datetime.date(2019, 6, 1), 20, datetime.date(2025, 5, 31), True),
        (datetime.date(2019, 6, 1), 20, datetime.date(2025, 6, 1), False),
        (datetime.date(2020, 2, 29), 0, datetime.date(2026, 2, 27), True),
        (datetime.date(2020, 2, 29), 0, datetime.date(2026, 2, 28), False),
    ],
)
def test_the_spi_exemption_is_36_months_of_use_within_6_years(
    first_used_on, months_used, reference_date, applies
):
    assert rules.spi_applies(first_used_on, months_used, reference_date) is applies


def test_no_rate_before_the_first_valid_from():
    with pytest.raises(rules.NoRateError):
        calculate(1, datetime.date(2019, 12, 31))


def test_every_step_is_a_labelled_line():
    result = calculate(
        3, datetime.date(2025, 6, 1), [("maintenance_received", "2400.00"), ("child_benefit", "4000")]
    )
    labels = [line.label for line in result.lines]
    assert labels[0].startswith("Leefloon categorie 3 (persoon met gezin ten laste)")
    assert "Groeipakket voor de kinderen (niet meegeteld, art. 22 §1 KB)" in labels
    assert labels[-1].startswith("Leefloon per maand")
    assert all(isinstance(line.amount, Decimal) for line in result.lines)


JUNE = datetime.date(2025, 6, 1)  # category 1: 10.513,56 a year; 2: 15.770,40; 3: 21.312,84


def relative(amount, person="", share="100"):
    return rules.Resource("relative_income", D(amount), person=person, counted_share=D(share))


def home(amount, own=True):
    return rules.Resource("cadastral_income", D(amount), own_home=own)


@pytest.mark.parametrize(
    ("category", "resources", "general", "yearly_amount", "monthly_amount"),
    [
        # art. 34 §1 KB, category 1: only the part above the category 1 amount (10.513,56) counts
        (1, [("partner_income", "10513.55")], False, "10513.56", "876.13"),
        (1, [("partner_income", "10513.56")], False, "10513.56", "876.13"),
        (1, [("partner_income", "10513.57")], False, "10513.55", "876.13"),
        (1, [("partner_income", "12000.00")], True, "9182.12", "765.18"),  # 1.486,44 − 155,00
        # two resources of the one partner are added before the category 1 amount is deducted
        (1, [("partner_income", "6000.00"), ("partner_income", "6000.00")], False, "9027.12", "752.26"),
        # category 3: the partner's resources in full
        (3, [("partner_income", "0.01")], False, "21312.83", "1776.07"),
        (3, [("partner_income", "5000.00")], True, "16622.84", "1385.24"),  # 5.000 − 310
    ],
)
def test_partner_art_34_1(category, resources, general, yearly_amount, monthly_amount):
    result = calculate(category, JUNE, resources, general)
    assert (result.yearly_amount, result.monthly_amount) == (D(yearly_amount), D(monthly_amount))


def test_a_single_applicant_has_no_partner():
    with pytest.raises(rules.MeansInputError):
        calculate(2, JUNE, [("partner_income", "100.00")])


@pytest.mark.parametrize(
    ("resources", "counted"),
    [
        # art. 34 §2 KB: per relative, the part above the category 1 amount (10.513,56) × the chosen share
        ([relative("10513.56")], "0.00"),
        ([relative("10513.57")], "0.01"),
        ([relative("12000.00")], "1486.44"),
        ([relative("12000.00", share="0")], "0.00"),
        ([relative("12000.00", share="50")], "743.22"),
        ([relative("12000.00", share="33.33")], "495.43"),  # 495,4304... to the cent
        # each relative separately (pooled, 21.000 − 10.513,56 would count 10.486,44)
        ([relative("12000.00", "moeder", "50"), relative("9000.00", "vader")], "743.22"),
        # one relative's resources are added first
        ([relative("8000.00", "zoon"), relative("4000.00", "zoon")], "1486.44"),
    ],
)
def test_relatives_art_34_2(resources, counted):
    result = calculate(1, JUNE, resources, general=False, count_relative_income=True)
    assert result.counted_resources == D(counted)
    assert result.yearly_amount == D("10513.56") - D(counted)


def test_relatives_not_chosen_never_count():
    result = calculate(1, JUNE, [relative("50000.00", "moeder")], general=False)
    assert result.yearly_amount == D("10513.56")


def test_one_share_per_relative():
    with pytest.raises(rules.MeansInputError):
        calculate(
            1,
            JUNE,
            [relative("8000.00", "zoon", "50"), relative("8000.00", "zoon", "60")],
            count_relative_income=True,
        )


@pytest.mark.parametrize(
    ("capital", "middle", "top"),
    [
        # art. 27 KB: 0 up to 6.200; 6 % from 6.200 to 12.500; 10 % above
        ("0.00", "0.00", "0.00"),
        ("6200.00", "0.00", "0.00"),
        ("6200.08", "0.00", "0.00"),  # 0,0048 rounds to 0,00
        ("6200.09", "0.01", "0.00"),  # 0,0054 rounds to 0,01
        ("6300.00", "6.00", "0.00"),
        ("12500.00", "378.00", "0.00"),
        ("12500.10", "378.00", "0.01"),
        ("12600.00", "378.00", "10.00"),
        ("20000.00", "378.00", "750.00"),
    ],
)
def test_capital_art_27(capital, middle, top):
    assert rules.capital_counted(D(capital), MEANS) == (D(middle), D(top))


@pytest.mark.parametrize(
    ("resources", "children", "counted"),
    [
        # art. 25 KB, own home: the cadastral income above 750 + 125 per child in care, × 3
        ([home("750.00")], 0, "0.00"),
        ([home("750.01")], 0, "0.03"),
        ([home("875.00")], 1, "0.00"),
        ([home("875.01")], 1, "0.03"),
        ([home("1000.00")], 2, "0.00"),
        ([home("1000.50")], 2, "1.50"),
        ([home("1200.00")], 1, "975.00"),  # (1.200 − 875) × 3
        # other property: no exemption, × 3 (unverified parameter, decision 0062)
        ([home("400.00", own=False)], 0, "1200.00"),
        ([home("1200.00"), home("400.00", own=False)], 1, "2175.00"),
    ],
)
def test_immovable_property_art_25(resources, children, counted):
    result = calculate(3, JUNE, resources, general=False, children_in_care=children)
    assert result.counted_resources == D(counted)
    assert result.yearly_amount == D("21312.84") - D(counted)


@pytest.mark.parametrize(
    ("resources", "yearly_amount"),
    [
        # never counted: maintenance for the children, study grants, groeipakket (art. 22 §1 KB)
        ([("maintenance_for_children", "3000.00"), ("study_grant", "4000.00")], "21312.84"),
        ([("child_benefit", "3000.00")], "21312.84"),
        # maintenance for the applicant counts: 3.000 − 310
        ([("maintenance_received", "3000.00"), ("maintenance_for_children", "3000.00")], "18622.84"),
        # capital of 20.000: 378 + 750 counted, − 310
        ([("capital", "20000.00")], "20494.84"),
    ],
)
def test_never_counted_and_capital_in_the_total(resources, yearly_amount):
    assert calculate(3, JUNE, resources).yearly_amount == D(yearly_amount)


def test_each_rule_is_a_line_of_the_motivation():
    result = calculate(
        1,
        JUNE,
        [
            ("partner_income", "12000.00"),
            relative("12000.00", "moeder", "50"),
            ("capital", "20000.00"),
            home("1200.00"),
            ("study_grant", "1000.00"),
        ],
        count_relative_income=True,
        children_in_care=1,
    )
    lines = {line.label: line.amount for line in result.lines}
    assert lines[
        "Partner: deel boven het jaarbedrag categorie 1 (€ 10.513,56), meegeteld (art. 34 §1 KB)"
    ] == D("1486.44")
    assert lines[
        "moeder: 50 % van het deel boven het jaarbedrag categorie 1 (€ 10.513,56), meegeteld (art. 34 §2 KB)"
    ] == D("743.22")
    assert lines["6 % van het kapitaal tussen € 6.200,00 en € 12.500,00 (art. 27 KB)"] == D("378.00")
    assert lines["10 % van het kapitaal boven € 12.500,00 (art. 27 KB)"] == D("750.00")
    assert lines[
        "Eigen woning: (kadastraal inkomen − € 750,00 − 1 × € 125,00 per kind ten laste = € 875,00 "
        "vrijgesteld) × 3, meegeteld (art. 25 KB)"
    ] == D("975.00")
    assert lines["Studiebeurs (niet meegeteld, art. 22 §1 KB)"] == D("0.00")
    assert result.counted_resources == D("4332.66")  # 1.486,44 + 743,22 + 1.128,00 + 975,00
    assert lines["Algemene vrijstelling categorie 1 (art. 22 §2 KB)"] == D("-155.00")


money = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from(sorted(rules.RESOURCE_LABELS))
people = st.sampled_from(["", "moeder", "zoon"])
shares = st.fixed_dictionaries(
    {p: st.decimals(min_value=0, max_value=100, places=2) for p in ["", "moeder", "zoon"]}
)
raw_resources = st.tuples(kinds, money, people, st.booleans())


def build(raw, share_of):
    kind, amount, person, own_home = raw
    return rules.Resource(
        kind,
        amount,
        person=person,
        counted_share=share_of[person],
        own_home=own_home and kind == "cadastral_income",
    )


@settings(max_examples=400, deadline=None)
@given(
    category=st.sampled_from([1, 2, 3]),
    resources=st.lists(raw_resources, max_size=6),
    extra=raw_resources,
    share_of=shares,
    general=st.booleans(),
    relatives=st.booleans(),
    children=st.integers(min_value=0, max_value=6),
    spi=st.one_of(st.none(), money),
    cumulate=st.booleans(),
)
def test_more_counted_resources_never_yield_a_higher_leefloon(
    category, resources, extra, share_of, general, relatives, children, spi, cumulate
):
    """Every kind (partner, relatives with their share, capital, cadastral income of the own home or other
    property, the never-counted kinds) with the SPI and general exemptions in either reading."""
    assume(category != 2 or all(r[0] != "partner_income" for r in [*resources, extra]))
    options = {
        "count_relative_income": relatives,
        "children_in_care": children,
        "spi_exemption": spi,
        "cumulate_general_and_spi": cumulate,
    }
    base_resources = [build(r, share_of) for r in resources]
    base = calculate(category, JUNE, base_resources, general, **options)
    more = calculate(category, JUNE, [*base_resources, build(extra, share_of)], general, **options)
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
            "label": "Ontvangen onderhoudsgeld voor de aanvrager: van de ex-partner (per jaar, meegeteld)",
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

    def test_the_means_test_fields(self, api, social_worker):
        body = {
            "category": 1,
            "reference_date": "2025-06-01",
            "count_relative_income": True,
            "relative_income_reason": "De moeder draagt bij in de kosten van het huishouden.",
            "children_in_care": 1,
            "resources": [
                {"kind": "partner_income", "yearly_amount": "12000.00"},
                {
                    "kind": "relative_income",
                    "yearly_amount": "12000.00",
                    "person": "moeder",
                    "counted_share": 50,
                },
                {"kind": "capital", "yearly_amount": "20000.00"},
                {"kind": "cadastral_income", "yearly_amount": "1200.00", "own_home": True},
                {"kind": "study_grant", "yearly_amount": "1000.00"},
                {"kind": "maintenance_for_children", "yearly_amount": "1000.00"},
            ],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 200, response.data
        # 1.486,44 + 743,22 + 378 + 750 + 975 = 4.332,66; − 155 = 4.177,66; 10.513,56 − 4.177,66 = 6.335,90
        assert (response.data["counted_resources"], response.data["yearly_amount"]) == ("4332.66", "6335.90")
        assert response.data["monthly_amount"] == "527.99"

    def test_the_other_reading_is_a_setting(self, api, social_worker, settings):
        settings.LEEFLOON_CUMULATE_GENERAL_AND_SPI_EXEMPTION = False
        body = {
            "category": 2,
            "reference_date": "2025-06-01",
            "apply_spi_exemption": True,
            "resources": [{"kind": "earned_income", "yearly_amount": "6000.00"}],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.data["exemptions"] == "3713.76"  # SPI only

    @pytest.mark.parametrize(
        ("day", "spi"),
        [
            ("2023-10-31", "2928.36"),
            ("2023-11-01", "3569.52"),
            ("2025-01-31", "3569.52"),
            ("2025-02-01", "3713.76"),
        ],
    )
    def test_the_spi_amount_valid_on_the_day(self, api, social_worker, day, spi):
        body = {
            "category": 2,
            "reference_date": day,
            "apply_spi_exemption": True,
            "apply_general_exemption": False,
            "resources": [{"kind": "earned_income", "yearly_amount": "9000.00"}],
        }
        assert api(social_worker).post(self.url, body, format="json").data["exemptions"] == spi

    def test_cumulated_exemptions_by_default(self, api, social_worker):
        body = {
            "category": 2,
            "reference_date": "2025-06-01",
            "apply_spi_exemption": True,
            "resources": [{"kind": "earned_income", "yearly_amount": "6000.00"}],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.data["exemptions"] == "3963.76"  # 309,48 × 12 = 3.713,76 + 250

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            (
                {"category": 2, "resources": [{"kind": "partner_income", "yearly_amount": "1.00"}]},
                "resources",
            ),
            (
                {"resources": [{"kind": "relative_income", "yearly_amount": "1", "counted_share": 101}]},
                "resources",
            ),
            (
                {"resources": [{"kind": "relative_income", "yearly_amount": "1", "counted_share": -1}]},
                "resources",
            ),
            ({"resources": [{"kind": "other", "yearly_amount": "1", "own_home": True}]}, "resources"),
            (
                {
                    "count_relative_income": True,
                    "relative_income_reason": "bijdrage",
                    "resources": [
                        {
                            "kind": "relative_income",
                            "yearly_amount": "1",
                            "person": "zoon",
                            "counted_share": 50,
                        },
                        {
                            "kind": "relative_income",
                            "yearly_amount": "1",
                            "person": "zoon",
                            "counted_share": 60,
                        },
                    ],
                },
                "resources",
            ),
            ({"children_in_care": -1}, "children_in_care"),
            ({"spi_months_used": "veel"}, "spi_months_used"),
            ({"spi_first_used_on": "2999-01-01"}, "spi_first_used_on"),
        ],
    )
    def test_bad_means_input_is_a_clear_400(self, api, social_worker, body, field):
        payload = {"category": 1, "reference_date": "2025-06-01"} | body
        response = api(social_worker).post(self.url, payload, format="json")
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
            "person": "",
            "counted_share": "100",
            "own_home": False,
        }
        inputs = stored[0]["inputs"]
        assert (inputs["spi_first_used_on"], inputs["spi_months_used"], inputs["children_in_care"]) == (
            None,
            0,
            0,
        )
        assert stored[0]["rate_valid_from"] == "2025-02-01"
        assert stored[0]["monthly_amount"] == response.data["monthly_amount"]
        assert SpiExemptionPeriod.objects.get(
            client=inquiry.request.dossier.client
        ).started_on == datetime.date(2026, 11, 2)

    @pytest.mark.parametrize(
        ("started_on", "months_used", "typed_months", "exemptions"),
        [
            # the person's recorded months count, not the typed ones (art. 35 §1 KB: 36 months in 6 years)
            ("2023-01-01", 36, 0, "250.00"),  # 36 months used: only the general exemption
            ("2023-01-01", 35, 36, "3600.00"),  # one month left: SPI (3.713,76 a year) covers the 3.600
            ("2020-11-02", 10, 0, "250.00"),  # 6 years after the first use
            ("2020-11-03", 10, 0, "3600.00"),
        ],
    )
    def test_the_spi_months_are_tracked_per_person(
        self, api, inquiry, social_worker, started_on, months_used, typed_months, exemptions
    ):
        SpiExemptionPeriod.objects.create(
            client=inquiry.request.dossier.client, started_on=started_on, months_used=months_used
        )
        body = {
            "category": 2,
            "reference_date": "2026-11-02",
            "inquiry": str(inquiry.pk),
            "apply_spi_exemption": True,
            "spi_months_used": typed_months,
            "resources": [{"kind": "earned_income", "yearly_amount": "3600.00"}],
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 201, response.data
        assert response.data["exemptions"] == exemptions

    def test_a_use_before_casework_is_recorded_on_the_first_stored_calculation(
        self, api, inquiry, social_worker
    ):
        body = {
            "category": 2,
            "reference_date": "2026-11-02",
            "inquiry": str(inquiry.pk),
            "apply_spi_exemption": True,
            "spi_first_used_on": "2022-03-01",
            "spi_months_used": 12,
            "resources": [{"kind": "earned_income", "yearly_amount": "3600.00"}],
        }
        assert api(social_worker).post(self.url, body, format="json").status_code == 201
        period = SpiExemptionPeriod.objects.get(client=inquiry.request.dossier.client)
        assert (period.started_on, period.months_used) == (datetime.date(2022, 3, 1), 12)

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
            # KB 6 August 2022: 14 cent below 0,97; +1 cent per 2,5 cent of price; 36 cent from 1,495
            ("1000", "0.900", "0", False, "140.00"),
            ("1000", "0.969", "0", False, "140.00"),
            ("1000", "0.970", "0", False, "150.00"),
            ("1000", "0.994", "0", False, "150.00"),
            ("1000", "0.995", "0", False, "160.00"),
            ("1000", "1.100", "0", False, "200.00"),  # band from 1,095
            ("1000", "1.494", "0", False, "350.00"),
            ("1000", "1.495", "0", False, "360.00"),
            ("1000", "2.500", "0", False, "360.00"),
            # at most 2.000 litres a heating period
            ("2000", "0.900", "0", False, "280.00"),
            ("2001", "0.900", "0", False, "280.00"),
            ("1000", "0.900", "1500", False, "70.00"),  # 500 litres left this period
            ("1000", "0.900", "2000", False, "0.00"),
            ("50", "1.500", "0", True, "456.00"),  # bought at the pump: flat amount
        ],
    )
    def test_allowance(self, api, social_worker, litres, price, already, pump, amount):
        body = {
            "delivered_on": "2026-01-15",
            "applied_on": "2026-02-01",
            "litres": litres,
            "price_per_litre": price,
            "litres_already_granted": already,
            "bought_at_pump": pump,
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == 200, response.data
        assert response.data["amount"] == amount

    @pytest.mark.parametrize(
        ("applied_on", "in_time"),
        [
            ("2026-01-15", True),  # the day of delivery
            ("2026-03-16", True),  # day 60
            ("2026-03-17", False),  # day 61
            ("2026-01-14", False),  # before the delivery
        ],
    )
    def test_the_60_day_application_term(self, api, social_worker, applied_on, in_time):
        body = {
            "delivered_on": "2026-01-15",
            "applied_on": applied_on,
            "litres": "100",
            "price_per_litre": "1.000",
        }
        response = api(social_worker).post(self.url, body, format="json")
        assert response.status_code == (200 if in_time else 400), response.data
        if not in_time:
            assert "applied_on" in response.data

    @pytest.mark.parametrize(
        "body",
        [
            {"delivered_on": "2020-01-01"},
            {"litres": "-5"},
            {"litres": "0"},
            {"price_per_litre": "gratis"},
            {"applied_on": "gisteren"},
        ],
    )
    def test_bad_input(self, api, social_worker, body):
        payload = {
            "delivered_on": "2026-01-15",
            "applied_on": "2026-02-01",
            "litres": "100",
            "price_per_litre": "1.000",
        } | body
        assert api(social_worker).post(self.url, payload, format="json").status_code == 400

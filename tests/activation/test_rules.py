"""The pure rules of activation, table-driven (architecture rule 13)."""

import datetime

import pytest

from activation import rules
from activation.rules import (
    DEFAULT_TREE,
    Cadence,
    EvaluationRule,
    MeasureRefused,
    Question,
    add_months,
    check_measure,
    check_phase_change,
    evaluation_standing,
    gpmi_conclusion_due,
    next_monitoring_due,
    walk_tree,
)

D = datetime.date
TREE = [Question(code=code, phase=phase) for code, phase, _ in DEFAULT_TREE]
CODES = [question.code for question in TREE]


def answers(*yes: str) -> dict:
    return {code: code in yes for code in CODES}


# --- The decision tree: every single answer, first match wins, all "no" → work ---


@pytest.mark.parametrize(
    ("yes", "phase", "path_length"),
    [
        ((), "work", 5),
        (("care_needs_block_work",), "care", 1),
        (("dutch_below_required_level",), "language", 2),
        (("work_limitation_or_no_experience",), "social_activation", 3),
        (("needs_skills_before_regular_work",), "work_activation", 4),
        (("needs_guidance_to_find_work",), "job_guidance", 5),
        # Combinations: the first question answered "yes" decides.
        (("care_needs_block_work", "dutch_below_required_level"), "care", 1),
        (("dutch_below_required_level", "needs_guidance_to_find_work"), "language", 2),
        (("work_limitation_or_no_experience", "needs_skills_before_regular_work"), "social_activation", 3),
        (("needs_skills_before_regular_work", "needs_guidance_to_find_work"), "work_activation", 4),
        (tuple(CODES), "care", 1),
    ],
)
def test_the_default_tree_first_match_wins(yes, phase, path_length):
    outcome = walk_tree(TREE, answers(*yes))

    assert outcome.phase == phase
    assert outcome.path == CODES[:path_length]


def test_every_combination_of_answers_gives_the_phase_of_the_first_yes():
    for mask in range(2**5):
        yes = [code for bit, code in enumerate(CODES) if mask & (1 << bit)]
        expected = TREE[CODES.index(yes[0])].phase if yes else "work"
        assert walk_tree(TREE, answers(*yes)).phase == expected


def test_questions_after_the_first_yes_need_no_answer():
    assert walk_tree(TREE, {"care_needs_block_work": True}).phase == "care"


def test_a_missing_answer_on_the_path_is_named():
    with pytest.raises(rules.MissingAnswer) as refused:
        walk_tree(TREE, {"care_needs_block_work": False})
    assert refused.value.code == "dutch_below_required_level"


def test_an_unknown_question_is_refused():
    with pytest.raises(rules.UnknownQuestion):
        walk_tree(TREE, {**answers(), "owns_a_car": True})


# --- Phase changes ---


@pytest.mark.parametrize(
    ("current", "to", "error"),
    [
        ("social_activation", "work_activation", None),
        ("work", "care", None),  # a relapse: back to care
        ("care", "care", rules.SamePhase),
        ("care", "holiday", rules.UnknownPhase),
        ("care", "", rules.UnknownPhase),
    ],
)
def test_phase_changes(current, to, error):
    if error is None:
        check_phase_change(current, to)
    else:
        with pytest.raises(error):
            check_phase_change(current, to)


# --- Month arithmetic and the GPMI's conclusion deadline ---


@pytest.mark.parametrize(
    ("granted", "due"),
    [
        (D(2026, 1, 15), D(2026, 4, 15)),
        (D(2026, 8, 31), D(2026, 11, 30)),
        (D(2027, 11, 30), D(2028, 2, 29)),  # leap year
        (D(2026, 11, 30), D(2027, 2, 28)),
        (D(2027, 11, 29), D(2028, 2, 29)),
        (D(2026, 10, 31), D(2027, 1, 31)),  # over the year's end
        (D(2026, 12, 31), D(2027, 3, 31)),
    ],
)
def test_gpmi_conclusion_due_is_three_months_after_the_grant(granted, due):
    assert gpmi_conclusion_due(granted) == due


@pytest.mark.parametrize(
    ("day", "months", "result"),
    [
        (D(2028, 2, 29), -12, D(2027, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 1), 24, D(2028, 1, 1)),
    ],
)
def test_add_months(day, months, result):
    assert add_months(day, months) == result


# --- Monitoring cadence ---

CADENCES = [
    Cadence(90, phase="care"),
    Cadence(30, phase="social_activation"),
    Cadence(30, phase="work_activation"),
    Cadence(14, phase="work"),
    Cadence(30, measure_kind="adapted_employment"),
    Cadence(7, measure_kind="ibo"),
]


@pytest.mark.parametrize(
    ("phase", "running", "due"),
    [
        ("care", [], D(2026, 4, 1)),
        ("work", [], D(2026, 1, 15)),  # twice a month
        ("work_activation", [], D(2026, 1, 31)),
        ("care", ["adapted_employment"], D(2026, 1, 31)),  # the measure's monthly contact is sooner
        ("work_activation", ["ibo"], D(2026, 1, 8)),
        ("language", [], None),  # no cadence for the phase: nothing due
        ("language", ["volunteer_work"], None),
    ],
)
def test_next_monitoring_due(phase, running, due):
    assert (
        next_monitoring_due(since=D(2026, 1, 1), phase=phase, running_measures=running, cadences=CADENCES)
        == due
    )


# --- Measures ---

START = D(2026, 3, 2)


@pytest.mark.parametrize(
    ("phase", "kind", "ended_on", "hours", "code"),
    [
        ("social_activation", "volunteer_work", None, None, None),
        ("work_activation", "ibo", START + datetime.timedelta(weeks=4), None, None),
        ("work_activation", "ibo", START + datetime.timedelta(weeks=26), None, None),
        ("work_activation", "ibo", START + datetime.timedelta(weeks=3), None, "ibo_weeks"),
        ("work_activation", "ibo", START + datetime.timedelta(weeks=27), None, "ibo_weeks"),
        ("work_activation", "ibo", None, None, "ibo_needs_end"),
        ("work_activation", "twe", D(2028, 3, 2), None, None),
        ("work_activation", "twe", D(2028, 3, 3), None, "twe_too_long"),
        ("job_guidance", "article_60", D(2028, 3, 3), None, "twe_too_long"),
        ("work_activation", "wijk_werken", None, 60, None),
        ("work_activation", "wijk_werken", None, 61, "wijk_werken_hours"),
        ("work_activation", "wijk_werken", None, None, "wijk_werken_needs_hours"),
        ("care", "volunteer_work", None, None, "not_in_phase"),
        ("social_activation", "ibo", START + datetime.timedelta(weeks=8), None, "not_in_phase"),
        ("work", "bowling", None, None, "unknown_kind"),
        ("work", "job_search", D(2026, 3, 1), None, "ends_before_start"),
    ],
)
def test_measure_limits(phase, kind, ended_on, hours, code):
    def check():
        check_measure(phase=phase, kind=kind, started_on=START, ended_on=ended_on, hours_per_month=hours)

    if code is None:
        check()
    else:
        with pytest.raises(MeasureRefused) as refused:
            check()
        assert refused.value.code == code


def test_every_phase_names_known_measures():
    assert set(rules.MEASURES_BY_PHASE) == set(rules.PHASES)
    assert {kind for kinds in rules.MEASURES_BY_PHASE.values() for kind in kinds} <= set(rules.MEASURE_KINDS)


# --- GPMI evaluations over a rolling 12 months ---

RULE = EvaluationRule(per_year=3, in_person_minimum=2)
TODAY = D(2027, 6, 1)


@pytest.mark.parametrize(
    ("signed_on", "evaluations", "rule", "count", "in_person", "next_due", "compliant"),
    [
        # A full year, three evaluations, two in person: compliant.
        (D(2026, 1, 10), [(D(2026, 9, 1), True), (D(2027, 1, 1), True), (D(2027, 4, 1), False)], RULE,
         3, 2, D(2027, 8, 1), True),
        # Three, but only one in person.
        (D(2026, 1, 10), [(D(2026, 9, 1), True), (D(2027, 1, 1), False), (D(2027, 4, 1), False)], RULE,
         3, 1, D(2027, 8, 1), False),
        # One fell out of the rolling window (1 June 2026 is not within the 12 months before 1 June 2027).
        (D(2026, 1, 10), [(D(2026, 6, 1), True), (D(2027, 1, 1), True), (D(2027, 4, 1), True)], RULE,
         2, 2, D(2027, 8, 1), False),
        # Overdue: the last one more than four months ago.
        (D(2026, 1, 10), [(D(2026, 9, 1), True), (D(2026, 12, 1), True), (D(2027, 1, 15), True)], RULE,
         3, 3, D(2027, 5, 15), False),
        # A young contract: on time is enough.
        (D(2027, 3, 1), [], RULE, 0, 0, D(2027, 7, 1), True),
        (D(2027, 1, 1), [], RULE, 0, 0, D(2027, 5, 1), False),
        # Quarterly (4 a year, 2 in person): the next one after 3 months.
        (D(2027, 4, 1), [], EvaluationRule(4, 2), 0, 0, D(2027, 7, 1), True),
        # Not signed: nothing due, not compliant.
        (None, [], RULE, 0, 0, None, False),
    ],
)  # fmt: skip
def test_evaluation_standing(signed_on, evaluations, rule, count, in_person, next_due, compliant):
    standing = evaluation_standing(signed_on=signed_on, evaluations=evaluations, rule=rule, today=TODAY)

    assert (standing.last_12_months, standing.in_person_last_12_months) == (count, in_person)
    assert standing.next_due == next_due
    assert standing.compliant is compliant


def test_the_rule_changes_the_outcome():
    evaluations = [(D(2026, 9, 1), True), (D(2027, 1, 1), True), (D(2027, 4, 1), False)]

    strict = evaluation_standing(
        signed_on=D(2026, 1, 10), evaluations=evaluations, rule=EvaluationRule(3, 3), today=TODAY
    )
    assert strict.compliant is False

"""Pure rules of activation (shared/domain.md §4 and §5): the decision-tree walk, phase changes, the
monitoring cadence, the measures' limits and the GPMI's deadlines. No ORM: the services pass in the data (the
tree version, the cadences, the evaluation rule) they read from the database."""

import calendar
import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# The six phases of the Kortenberg model (seed 003), in the order of the path towards work.
PHASES = ("care", "language", "social_activation", "work_activation", "job_guidance", "work")
# When no question of the tree is answered "yes", the client can work and search independently.
DEFAULT_PHASE = "work"

MEASURE_KINDS = (
    "volunteer_work",
    "adapted_employment",
    "training",
    "twe",
    "ibo",
    "wijk_werken",
    "article_60",
    "job_search",
    "language_course",
)
# Which measures belong to which phase (seed 003: "in elke fase is er een rol voor de specialist").
MEASURES_BY_PHASE = {
    "care": (),
    "language": ("language_course", "volunteer_work"),
    "social_activation": ("volunteer_work", "adapted_employment", "language_course", "training"),
    "work_activation": ("training", "twe", "ibo", "wijk_werken", "article_60"),
    "job_guidance": ("article_60", "twe", "training", "job_search"),
    "work": ("job_search", "training"),
}
# TWE (tijdelijke werkervaring, art. 60 §7 included) lasts at most 2 years; an IBO 4 to 26 weeks; wijk-werken
# at most 60 hours a month (domain §5).
TWE_MAX_YEARS = 2
IBO_MIN_WEEKS = 4
IBO_MAX_WEEKS = 26
WIJK_WERKEN_MAX_HOURS_PER_MONTH = 60


# --- The decision tree ---


@dataclass(frozen=True)
class Question:
    code: str
    phase: str  # the phase a "yes" leads to


@dataclass(frozen=True)
class TreeOutcome:
    phase: str
    path: list[str]  # the codes of the questions asked, in order, up to the first "yes"


class MissingAnswer(ValueError):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class UnknownQuestion(ValueError):
    def __init__(self, codes: list[str]):
        super().__init__(", ".join(codes))
        self.codes = codes


def walk_tree(
    questions: Sequence[Question], answers: Mapping[str, bool], *, default_phase: str = DEFAULT_PHASE
) -> TreeOutcome:
    """First match wins: the questions are asked in order; the first "yes" gives the phase. Every question on
    the path must be answered; answers to questions after the first "yes" are kept but do not count; an answer
    to a question the tree does not have is refused (a client of another tree version)."""
    known = {question.code for question in questions}
    if unknown := sorted(set(answers) - known):
        raise UnknownQuestion(unknown)
    path = []
    for question in questions:
        if question.code not in answers:
            raise MissingAnswer(question.code)
        path.append(question.code)
        if answers[question.code]:
            return TreeOutcome(phase=question.phase, path=path)
    return TreeOutcome(phase=default_phase, path=path)


# The default tree of domain §5, as the data migration stores it (version 1).
DEFAULT_TREE = (
    ("care_needs_block_work", "care",
     "Blokkeren zorgnoden (gezondheid, huisvesting, crisis) een traject naar werk?"),
    ("dutch_below_required_level", "language", "Is het Nederlands lager dan het nodige niveau (1.1)?"),
    ("work_limitation_or_no_experience", "social_activation",
     "Is er een arbeidsbeperking (screening VDAB) of te weinig werkervaring?"),
    ("needs_skills_before_regular_work", "work_activation",
     "Moet de cliënt nog vaardigheden en attitudes leren voor de reguliere arbeidsmarkt?"),
    ("needs_guidance_to_find_work", "job_guidance", "Heeft de cliënt begeleiding nodig om werk te vinden?"),
)  # fmt: skip


# --- Phase changes ---


class UnknownPhase(ValueError):
    pass


class SamePhase(ValueError):
    pass


def check_phase_change(current: str, to_phase: str) -> None:
    """A coach may move a client to any other phase, forwards or back (a relapse into care is a fact of the
    work); an unknown code or the phase the client is in already is refused."""
    if to_phase not in PHASES:
        raise UnknownPhase(to_phase)
    if to_phase == current:
        raise SamePhase(to_phase)


# --- Dates ---


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; a day the target month lacks becomes its last day (31 August + 3 months =
    30 November; 30 November 2027 + 3 = 29 February 2028)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Monitoring cadence ---


@dataclass(frozen=True)
class Cadence:
    """How often the coach has contact: every `interval_days` days, in a phase or while a measure runs."""

    interval_days: int
    phase: str = ""
    measure_kind: str = ""


def monitoring_interval(
    phase: str, running_measures: Iterable[str], cadences: Iterable[Cadence]
) -> int | None:
    """The shortest interval that applies: the phase's own, or a running measure's (adapted employment: the
    VDAB consultant or employer once a month); None when nothing asks for monitoring."""
    running = set(running_measures)
    intervals = [
        cadence.interval_days
        for cadence in cadences
        if (cadence.phase and cadence.phase == phase)
        or (cadence.measure_kind and cadence.measure_kind in running)
    ]
    return min(intervals, default=None)


def next_monitoring_due(
    *, since: datetime.date, phase: str, running_measures: Iterable[str], cadences: Iterable[Cadence]
) -> datetime.date | None:
    """The next contact: the last contact (or the start of the phase) plus the shortest interval that
    applies."""
    interval = monitoring_interval(phase, running_measures, cadences)
    return None if interval is None else since + datetime.timedelta(days=interval)


# --- Measures ---


class MeasureRefused(ValueError):
    def __init__(self, code: str, field: str, **params):
        super().__init__(code)
        self.code = code
        self.field = field
        self.params = params


def check_measure(
    *,
    phase: str,
    kind: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    hours_per_month: int | None = None,
) -> None:
    """The limits of a measure; raises MeasureRefused with a code the service turns into a Dutch message."""
    if kind not in MEASURE_KINDS:
        raise MeasureRefused("unknown_kind", "kind")
    if kind not in MEASURES_BY_PHASE.get(phase, ()):
        raise MeasureRefused("not_in_phase", "kind")
    if ended_on is not None and ended_on < started_on:
        raise MeasureRefused("ends_before_start", "ended_on")
    if (
        kind in ("twe", "article_60")
        and ended_on is not None
        and ended_on > add_months(started_on, 12 * TWE_MAX_YEARS)
    ):
        raise MeasureRefused("twe_too_long", "ended_on", years=TWE_MAX_YEARS)
    if kind == "ibo":
        if ended_on is None:
            raise MeasureRefused("ibo_needs_end", "ended_on")
        weeks = (ended_on - started_on).days / 7
        if not IBO_MIN_WEEKS <= weeks <= IBO_MAX_WEEKS:
            raise MeasureRefused("ibo_weeks", "ended_on", minimum=IBO_MIN_WEEKS, maximum=IBO_MAX_WEEKS)
    if kind == "wijk_werken":
        if hours_per_month is None:
            raise MeasureRefused("wijk_werken_needs_hours", "hours_per_month")
        if not 0 < hours_per_month <= WIJK_WERKEN_MAX_HOURS_PER_MONTH:
            raise MeasureRefused(
                "wijk_werken_hours", "hours_per_month", maximum=WIJK_WERKEN_MAX_HOURS_PER_MONTH
            )
    elif hours_per_month is not None and hours_per_month < 0:
        raise MeasureRefused("negative_hours", "hours_per_month")


# --- GPMI ---

# Art. 11 §1 RMI law: concluded within 3 months of the leefloon grant.
GPMI_CONCLUSION_MONTHS = 3


def gpmi_conclusion_due(leefloon_granted_on: datetime.date) -> datetime.date:
    return add_months(leefloon_granted_on, GPMI_CONCLUSION_MONTHS)


@dataclass(frozen=True)
class EvaluationRule:
    """Domain §4: at least `per_year` evaluations a year, `in_person_minimum` of them in person (default 3/2;
    older pages say quarterly, so the numbers are data)."""

    per_year: int = 3
    in_person_minimum: int = 2


@dataclass(frozen=True)
class EvaluationStanding:
    last_12_months: int
    in_person_last_12_months: int
    next_due: datetime.date | None
    compliant: bool


def evaluation_interval_end(since: datetime.date, per_year: int) -> datetime.date:
    """The latest date of the next evaluation: 12 / per_year months after the last one (in days when the
    year does not divide evenly)."""
    if 12 % per_year == 0:
        return add_months(since, 12 // per_year)
    return since + datetime.timedelta(days=365 // per_year)


def evaluation_standing(
    *,
    signed_on: datetime.date | None,
    evaluations: Iterable[tuple[datetime.date, bool]],
    rule: EvaluationRule,
    today: datetime.date,
) -> EvaluationStanding:
    """Evaluations (held on, in person) over the rolling 12 months before today. A contract that has run a
    full year complies when it has the rule's number of evaluations and in-person ones in those 12 months; a
    younger one when its next evaluation is not overdue. No signed contract: nothing is due yet, and it does
    not comply."""
    window_start = add_months(today, -12)
    held = sorted((day, in_person) for day, in_person in evaluations if day <= today)
    recent = [(day, in_person) for day, in_person in held if day > window_start]
    count = len(recent)
    in_person = sum(1 for _, was_in_person in recent if was_in_person)
    if signed_on is None:
        return EvaluationStanding(count, in_person, None, False)
    last = max([signed_on, *(day for day, _ in held)])
    next_due = evaluation_interval_end(last, rule.per_year)
    on_time = next_due >= today
    if signed_on <= window_start:
        compliant = on_time and count >= rule.per_year and in_person >= rule.in_person_minimum
    else:
        compliant = on_time
    return EvaluationStanding(count, in_person, next_due, compliant)


# --- Sanctions (art. 30 §2 RMI law, domain §3) ---

SANCTION_MAX_MONTHS = 1
SANCTION_MAX_MONTHS_ON_REPEAT = 3


def sanction_is_repeat(proposed_on: datetime.date, earlier_proposals: Iterable[datetime.date]) -> bool:
    """A repeat: an earlier sanction proposal within the year before."""
    year_before = add_months(proposed_on, -12)
    return any(year_before < day <= proposed_on for day in earlier_proposals)


def sanction_max_months(repeat: bool) -> int:
    return SANCTION_MAX_MONTHS_ON_REPEAT if repeat else SANCTION_MAX_MONTHS

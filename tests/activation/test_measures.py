"""Measures per phase, with their limits in Dutch."""

import datetime

import pytest
from django.utils import timezone

from activation import services
from casework.timeline.models import TimelineEvent
from core.errors import DomainError
from tests.factories import PartnerFactory


@pytest.fixture
def trajectory(coached_dossier, coach):
    return services.trajectory_start(
        actor=coach,
        dossier=coached_dossier,
        coach=coach,
        phase="work_activation",
        started_on=timezone.localdate(),
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"kind": "wijk_werken", "hours_per_month": 61}, "hours_per_month", "hoogstens 60 uur per maand"),
        ({"kind": "ibo", "weeks": 30}, "ended_on", "4 tot 26 weken"),
        ({"kind": "twe", "weeks": 110}, "ended_on", "hoogstens 2 jaar"),
        ({"kind": "volunteer_work"}, "kind", "hoort niet bij de fase 'Arbeidsactivering'"),
    ],
)
def test_limits_are_refused_in_dutch(trajectory, coach, fields, field, message):
    fields = dict(fields)
    start = timezone.localdate()
    if weeks := fields.pop("weeks", None):
        fields["ended_on"] = start + datetime.timedelta(weeks=weeks)

    with pytest.raises(DomainError) as refused:
        services.measure_record(actor=coach, trajectory=trajectory, started_on=start, **fields)

    assert refused.value.field == field
    assert message in str(refused.value.message)


def test_a_measure_with_a_partner_of_the_social_map_lands_on_the_timeline(trajectory, coach):
    partner = PartnerFactory(name="Logistiek Kortenberg")
    start = timezone.localdate()

    measure = services.measure_record(
        actor=coach, trajectory=trajectory, kind="ibo", started_on=start,
        ended_on=start + datetime.timedelta(weeks=12), partner=partner,
    )  # fmt: skip

    assert (measure.phase, measure.partner_label) == ("work_activation", "Logistiek Kortenberg")
    assert TimelineEvent.objects.get(kind="activation.measure").title.endswith("(Logistiek Kortenberg)")

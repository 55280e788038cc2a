"""A small hand-made dataset with known figures (issue 16's acceptance): the first quarter of 2026, two teams,
the edge cases of each deadline. The expected values are written out in tests/reporting/test_figures.py."""

import datetime
from decimal import Decimal

from activation.models import Gpmi, GpmiEvaluation, Measure, PhaseChange, Trajectory
from activation.rules import gpmi_conclusion_due
from bcsd.models import Appeal, Decision, Hearing
from bcsd.rules import notification_due
from tests.bcsd.factories import SubmissionFactory
from tests.factories import AidRequestFactory, DossierFactory, TeamFactory, UserFactory

D = datetime.date
TODAY = D(2026, 4, 15)
Q1 = (D(2026, 1, 1), D(2026, 3, 31))


class Dataset:
    def __init__(self):
        self.noord = TeamFactory(code="noord", name="Noord")
        self.zuid = TeamFactory(code="zuid", name="Zuid")
        self.hilde = UserFactory(username="hilde", team=self.noord, roles=["head_of_service"])
        self.lead_noord = UserFactory(username="els", team=self.noord, roles=["team_lead"])
        self.lead_zuid = UserFactory(username="bart", team=self.zuid, roles=["team_lead"])
        self.an = UserFactory(
            username="an", team=self.noord, roles=["social_worker"], first_name="An", last_name=""
        )
        self.bo = UserFactory(
            username="bo", team=self.noord, roles=["social_worker"], first_name="Bo", last_name=""
        )
        self.cas = UserFactory(
            username="cas", team=self.zuid, roles=["social_worker"], first_name="Cas", last_name=""
        )
        self.secretary = UserFactory(username="ann", team=None, roles=["committee_secretary"])
        # Caseload: An 6 open dossiers, Bo 3 (one restricted; median 4.5, 1.3 × 4.5 = 5.85: An stands out),
        # Cas 1.
        self.dossiers = {
            "an": [DossierFactory(team=self.noord, social_worker=self.an) for _ in range(6)],
            "bo": [DossierFactory(team=self.noord, social_worker=self.bo) for _ in range(2)],
            "cas": [DossierFactory(team=self.zuid, social_worker=self.cas)],
        }
        an, bo, cas = self.dossiers["an"][0], self.dossiers["bo"][0], self.dossiers["cas"][0]
        # A closed dossier and a restricted one: the closed one is no caseload, the restricted one counts.
        DossierFactory(team=self.noord, social_worker=self.bo, status="closed", closed_on=D(2026, 1, 5))
        self.dossiers["bo"].append(DossierFactory(team=self.noord, social_worker=self.bo, restricted=True))

        # Decisions on requests. Day 30 on time, day 31 late; notified on day 8 on time, day 9 late.
        self.decide(an, received=D(2026, 1, 1), decided=D(2026, 1, 31), notified=D(2026, 2, 8))
        self.decide(an, received=D(2026, 1, 1), decided=D(2026, 2, 1), notified=D(2026, 2, 10))
        # Zuid: on time, never notified (late by TODAY).
        self.decide(cas, received=D(2026, 2, 10), decided=D(2026, 3, 1), notified=None)
        # A postponement is no decision; a decision of December is another period.
        self.decide(bo, received=D(2026, 2, 1), decided=D(2026, 3, 5), outcome="postponed")
        self.decide(bo, received=D(2025, 11, 1), decided=D(2025, 12, 20), notified=D(2025, 12, 22))

        # Forwardings: day 5 on time, day 6 late.
        AidRequestFactory(
            dossier=an, received_on=D(2026, 1, 10), forwarded_on=D(2026, 1, 15), status="forwarded"
        )
        AidRequestFactory(
            dossier=bo, received_on=D(2026, 1, 10), forwarded_on=D(2026, 1, 16), status="forwarded"
        )

        # GPMIs due in the quarter. Granted 30 November: due 28 February, the last day of the third month;
        # signed that day: on time. Due 15 March, signed the 16th: late. Due 20 March, not signed: late.
        # An exempted one owes no contract.
        g1 = self.gpmi(an, granted=D(2025, 11, 30), signed=D(2026, 2, 28))
        self.gpmi(bo, granted=D(2025, 12, 15), signed=D(2026, 3, 16))
        self.gpmi(cas, granted=D(2025, 12, 20), signed=None, status="draft")
        self.gpmi(bo, granted=D(2025, 12, 1), signed=None, status="exempted")
        # Evaluations (3 a year: each within 4 months of the one before or of the signing).
        self.evaluate(g1, D(2026, 3, 10))  # 10 days after signing: on time
        g5 = self.gpmi(self.dossiers["an"][1], granted=D(2025, 7, 1), signed=D(2025, 10, 1))
        self.evaluate(g5, D(2026, 2, 1))  # exactly 4 months after signing: on time
        self.evaluate(g5, D(2026, 3, 15))  # after the one of 1 February: on time
        g6 = self.gpmi(self.dossiers["an"][2], granted=D(2025, 6, 1), signed=D(2025, 9, 1))
        self.evaluate(g6, D(2026, 1, 5))  # 4 months and 4 days after signing: late

        # Leefloon granted (monthly amounts) for the subsidy: An's dossier from January (GPMI signed 28
        # February: first year), Cas's from February (GPMI not signed).
        self.grant(an, start=D(2026, 1, 1), amount=Decimal("1000.00"))
        self.grant(cas, start=D(2026, 2, 1), amount=Decimal("800.00"))

        # Activation: one trajectory moving care → work_activation (February) → work (March); one in care.
        t1 = self.trajectory(an, started=D(2025, 12, 1), phases=[("", "care", D(2025, 12, 1))])
        self.move(t1, "care", "work_activation", D(2026, 2, 10))
        self.move(t1, "work_activation", "work", D(2026, 3, 20))
        self.trajectory(bo, started=D(2026, 1, 20), phases=[("", "care", D(2026, 1, 20))])
        Measure.objects.create(
            trajectory=t1, phase="work_activation", kind="ibo", started_on=D(2026, 2, 15),
            ended_on=D(2026, 3, 31), recorded_by=self.an,
        )  # fmt: skip

        # Requests per kind (besides the ones above, all leefloon): one heating allowance in March.
        AidRequestFactory(dossier=bo, kind="heating_allowance", received_on=D(2026, 3, 2))

    def decide(self, dossier, *, received, decided, notified=None, outcome="approved"):
        request = AidRequestFactory(dossier=dossier, received_on=received)
        submission = SubmissionFactory(
            dossier=dossier, request=request, kind="financial_aid", status="decided"
        )
        decision = Decision.objects.create(
            submission=submission, outcome=outcome, motivation="m", legal_basis="l", decided_on=decided,
            notification_due=notification_due(decided), notified_on=notified, recorded_by=self.secretary,
        )  # fmt: skip
        if outcome != "postponed" and dossier.team == self.zuid:
            Hearing.objects.create(
                submission=submission, requested_on=received, held=True, recorded_by=self.cas
            )
            Appeal.objects.create(
                decision=decision,
                filed_on=D(2026, 3, 20),
                court="Arbeidsrechtbank Leuven",
                recorded_by=self.cas,
            )
        return decision

    def gpmi(self, dossier, *, granted, signed, status="signed"):
        return Gpmi.objects.create(
            dossier=dossier, status=status, leefloon_granted_on=granted,
            conclusion_due=gpmi_conclusion_due(granted), signed_on=signed, created_by=self.an,
        )  # fmt: skip

    def evaluate(self, gpmi, held_on):
        GpmiEvaluation.objects.create(
            gpmi=gpmi, held_on=held_on, in_person=True, summary="s", recorded_by=self.an
        )

    def grant(self, dossier, *, start, amount):
        submission = SubmissionFactory(dossier=dossier, kind="leefloon_grant", status="decided")
        Decision.objects.create(
            submission=submission, outcome="approved", motivation="m", legal_basis="l", decided_on=start,
            notification_due=notification_due(start), notified_on=start, amount=amount, frequency="monthly",
            period_start=start, recorded_by=self.secretary,
        )  # fmt: skip

    def trajectory(self, dossier, *, started, phases):
        trajectory = Trajectory.objects.create(
            dossier=dossier, coach=self.an, phase=phases[-1][1], phase_since=phases[-1][2], started_on=started
        )
        for from_phase, to_phase, day in phases:
            self.move(trajectory, from_phase, to_phase, day)
        return trajectory

    def move(self, trajectory, from_phase, to_phase, day):
        PhaseChange.objects.create(
            trajectory=trajectory,
            from_phase=from_phase,
            to_phase=to_phase,
            changed_on=day,
            changed_by=self.an,
        )

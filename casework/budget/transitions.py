"""The statuses of a payment plan and of a debt. A debt follows its plans: in a plan when one is agreed, open
again when the plan is not kept, settled when it is paid off."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow

# proposed → agreed when the client and the creditor both agreed; a proposed plan can be paid off in full
# before the creditor confirms; "defaulted" also ends a proposal the creditor refused (there is no separate
# "refused" status), so that a new plan can be drawn up.
PAYMENT_PLAN_WORKFLOW = Workflow(
    refusal=_(
        "Een afbetalingsplan met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."
    ),
    moves={
        "proposed": ("agreed", "completed", "defaulted"),
        "agreed": ("completed", "defaulted"),
        "defaulted": (),
        "completed": (),
    },
)

DEBT_WORKFLOW = Workflow(
    refusal=_("Een schuld met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."),
    moves={
        "open": ("in_plan", "disputed", "settled"),
        "in_plan": ("open", "settled"),
        "disputed": ("open", "settled"),
        "settled": (),
    },
)
# What the debt becomes when its plan moves.
DEBT_STATUS_AFTER_PLAN = {"agreed": "in_plan", "completed": "settled", "defaulted": "open"}

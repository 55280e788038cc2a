"""The statuses of a help plan's actions: planned, running, done or dropped. A done or dropped action can be
taken up again (the plan is revised with the client); its history keeps every change."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow

ACTION_WORKFLOW = Workflow(
    refusal=_("Een actie met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."),
    moves={
        "planned": ("in_progress", "done", "cancelled"),
        "in_progress": ("done", "cancelled", "planned"),
        "done": ("in_progress",),
        "cancelled": ("planned",),
    },
)

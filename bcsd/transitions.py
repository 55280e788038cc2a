"""The statuses of a meeting and of a submission, as tables (core.workflow): the services refuse every other
move with one error; the screens ask the same tables which buttons to show."""

from django.utils.translation import gettext_lazy as _

from core.workflow import Workflow

MEETING_WORKFLOW = Workflow(
    refusal=_("Een zitting met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."),
    moves={
        "planned": ("agenda_published",),
        "agenda_published": ("held",),
        "held": ("minutes_approved",),
        "minutes_approved": (),
    },
)

SUBMISSION_WORKFLOW = Workflow(
    refusal=_("Een voorstel met status '%(current)s' kan niet naar '%(target)s'. Toegelaten: %(allowed)s."),
    moves={
        # A returned proposal stays returned: its new version is a new submission (the frozen one is kept).
        "submitted": ("ready", "returned"),
        "returned": (),
        "ready": ("on_agenda", "decided"),  # decided: an urgent decision of the chair
        "on_agenda": ("decided", "ready"),  # ready: postponed to a later meeting
        "decided": (),
    },
)

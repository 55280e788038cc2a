"""Screens ask the workflow table which moves to offer (core.workflow): a page of one subject can offer the
move of another (the inquiry page submits the request's proposal) without a Python import between them."""

from django import template

from casework.register.transitions import REQUEST_WORKFLOW

register = template.Library()


@register.simple_tag(takes_context=True)
def request_moves(context, aid_request) -> list[str]:
    """The moves of the request's workflow the current user may make now."""
    return REQUEST_WORKFLOW.moves_for(context["request"].user, aid_request, aid_request.status)

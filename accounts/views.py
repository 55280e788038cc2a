from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from accounts.models import Role
from accounts.selectors import notifications_for, unread_notification_count
from accounts.services import notifications_mark_read


@dataclass(frozen=True)
class MenuItem:
    label: str
    description: str
    url_name: str
    shown_to: Callable  # user -> bool, the app's own policy function
    position: int  # the order of the menu, whatever the order in which the apps are loaded


# The apps downstream (clients, casework, ...) add their pages here, each with its own policy function:
# accounts is the most upstream app and may not import them (dependencies run one way).
MENU: list[MenuItem] = []


def menu_add(*, label, description, url_name: str, shown_to: Callable, position: int) -> None:
    if all(item.url_name != url_name for item in MENU):
        MENU.append(MenuItem(label, description, url_name, shown_to, position))
        MENU.sort(key=lambda item: item.position)


def menu(request) -> dict:
    """The pages this user's roles give access to, for the navigation of base.html.
    Shaped as a context processor, so that settings can make it apply to every page."""
    if not request.user.is_authenticated:
        return {"menu": []}
    items = [
        {"label": item.label, "description": item.description, "url": reverse(item.url_name)}
        for item in MENU
        if item.shown_to(request.user)
    ]
    return {"menu": items, "unread_notifications": unread_notification_count(user=request.user)}


@login_required
def notifications(request):
    """A staff member's notifications (e.g. a break-the-glass in their team); opening them marks them read."""
    shown = notifications_for(user=request.user)
    response = render(request, "accounts/notifications.html", {"notifications": shown})
    notifications_mark_read(user=request.user)
    return response


@login_required
def home(request):
    role_names = [Role(code).label for code in request.user.roles if code in Role.values]
    return render(request, "accounts/home.html", {"role_names": role_names})

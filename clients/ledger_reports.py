"""The DPO's report of unusual volumes: who, on one day, opened more dossiers of other teams than
ACCESS_LOG_UNUSUAL_OTHER_TEAM_DOSSIERS, or searched the registry more often than ACCESS_LOG_UNUSUAL_SEARCHES.
A signal to ask about, not a verdict: a front-desk day or a colleague's absence explains many."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from clients.ledger import Purpose, What
from clients.models import AccessLog
from clients.policy import dossier_access, may_control_ledger
from core.errors import PermissionDeniedError


@dataclass(frozen=True)
class UnusualVolume:
    user: User
    searches: int
    other_team_dossiers: int
    searches_flagged: bool
    dossiers_flagged: bool


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def access_log_unusual_volumes(*, user, day: date) -> list[UnusualVolume]:
    if not may_control_ledger(user):
        raise PermissionDeniedError()
    start, end = _day_bounds(day)
    of_the_day = AccessLog.objects.filter(accessed_at__gte=start, accessed_at__lt=end)
    searches = dict(
        of_the_day.filter(what__contains=What.CLIENT_SEARCH)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    # Dossiers read one by one (a list page shows many: not an opening), per user.
    opened: dict[int, set] = defaultdict(set)
    reads = of_the_day.exclude(purpose=Purpose.CASELOAD).values_list("user_id", "dossier_ids")
    for user_id, dossier_ids in reads.iterator(chunk_size=5000):
        opened[user_id].update(dossier_ids)
    teams = dossier_access().dossier_teams({d for ids in opened.values() for d in ids})
    users = User.objects.in_bulk(set(searches) | set(opened))
    other_team = {
        user_id: sum(1 for d in ids if d in teams and teams[d] != users[user_id].team_id)
        for user_id, ids in opened.items()
    }
    report = []
    for user_id, reader in users.items():
        n_searches, n_other = searches.get(user_id, 0), other_team.get(user_id, 0)
        searches_flagged = n_searches > settings.ACCESS_LOG_UNUSUAL_SEARCHES
        dossiers_flagged = n_other > settings.ACCESS_LOG_UNUSUAL_OTHER_TEAM_DOSSIERS
        if searches_flagged or dossiers_flagged:
            report.append(UnusualVolume(reader, n_searches, n_other, searches_flagged, dossiers_flagged))
    return sorted(report, key=lambda row: (-row.other_team_dossiers, -row.searches, row.user.username))


UNUSUAL_VOLUME_COLUMNS = ["day", "user", "user_name", "other_team_dossiers", "searches"]


def unusual_volume_rows(day: date, report) -> list[list]:
    return [
        [f"{day:%d/%m/%Y}", row.user.username, row.user.display_name, row.other_team_dossiers, row.searches]
        for row in report
    ]

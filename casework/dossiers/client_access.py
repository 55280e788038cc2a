"""casework's answer to the registry's questions about a person's dossiers (clients.policy.DossierAccess).
Registered when the app starts: the registry asks, the one access policy (casework.policy) answers."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role
from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossiers_of_client
from casework.policy import Access
from clients.policy import RecordGrant


class DossierClientAccess:
    def has_dossier(self, user):
        return Exists(Dossier.objects.filter(client=OuterRef("pk")))

    def record_grant(self, user, client) -> RecordGrant | None:
        dossiers = dossiers_of_client(client)
        if policy.client_access(user, dossiers) is Access.NONE:
            return None
        readable = [d for d in dossiers if policy.dossier_access(user, d) > Access.NONE]
        return RecordGrant(
            dossier_ids=[d.pk for d in dossiers],
            readable_dossier_id=readable[0].pk,
            purpose=", ".join(d.reference for d in readable),
        )

    def may_read_access_log(self, user, client) -> bool:
        # A team lead reads the log of their team's clients, not of a restricted dossier's client.
        teams = set(Dossier.objects.filter(client=client, restricted=False).values_list("team_id", flat=True))
        return policy.may_read_access_log(user, teams)

    def next_steps(self, user, client_id) -> list[tuple[str, str]]:
        return [(_("Dossier openen"), f"{reverse('casework:dossier-open')}?client={client_id}")]

    def dossiers_hidden_from_log(self, user, client) -> list:
        # A restricted dossier is invisible to everyone not on its list, its ledger entries included; the
        # DPO and the head of service read the whole ledger (issue 10).
        if user.has_role(Role.DPO, Role.HEAD_OF_SERVICE):
            return []
        return list(
            Dossier.objects.filter(client=client, restricted=True)
            .exclude(restricted_to=user)
            .values_list("pk", flat=True)
        )

    def dossier_references(self, dossier_ids) -> dict:
        return {
            str(dossier.pk): dossier.reference for dossier in Dossier.objects.filter(pk__in=list(dossier_ids))
        }

    def dossier_teams(self, dossier_ids) -> dict:
        found = Dossier.objects.filter(pk__in=list(dossier_ids)).values_list("pk", "team_id")
        return {str(pk): team_id for pk, team_id in found}

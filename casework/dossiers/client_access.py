"""casework's answer to the registry's questions about a person's dossiers (clients.policy.DossierAccess).
Registered when the app starts: the registry asks, the one access policy (casework.policy) answers."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, Team
from accounts.services import notification_send
from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossiers_of_client, dossiers_of_clients
from casework.policy import Access
from clients.policy import RecordGrant
from core.errors import DomainError


class DossierClientAccess:
    def has_dossier(self, user):
        # A restricted dossier exists only for the people on its list: for anyone else it leaves no trace.
        return Exists(Dossier.objects.filter(policy.existing_dossiers_q(user), client=OuterRef("pk")))

    def record_grant(self, user, client) -> RecordGrant | None:
        """The record is readable through a dossier the user may open; the dossiers it lists are those whose
        existence the user may know (a restricted dossier only for those on its list)."""
        dossiers = [d for d in dossiers_of_client(client) if policy.may_know_of(user, d)]
        readable = [d for d in dossiers if policy.dossier_access(user, d) > Access.NONE]
        if not readable:
            return None
        return RecordGrant(dossier_ids=[d.pk for d in dossiers], readable_dossier_id=readable[0].pk)

    def may_read_access_log(self, user, client) -> bool:
        # A team lead reads the log of their team's clients, not of a restricted dossier's client.
        teams = set(Dossier.objects.filter(client=client, restricted=False).values_list("team_id", flat=True))
        return policy.may_read_access_log(user, teams)

    def next_steps(self, user, client_id) -> list[tuple[str, str]]:
        return [(_("Dossier openen"), f"{reverse('casework:dossier-open')}?client={client_id}")]

    def search_links(self, user, client_ids) -> dict:
        """The person's dossier when the user may open one; else, for whoever may ask for it, the emergency
        access of another team's dossier; else, for a person without a dossier the user may know of, opening
        one. A restricted dossier leaves no trace."""
        dossiers = [d for d in dossiers_of_clients(client_ids) if policy.may_know_of(user, d)]
        links = {}
        for dossier in dossiers:
            if dossier.client_id not in links and policy.dossier_access(user, dossier) > Access.NONE:
                url = reverse("casework:dossier", args=[dossier.pk])
                links[dossier.client_id] = (_("Naar het dossier"), url)
        for dossier in dossiers:
            if dossier.client_id not in links and policy.may_break_glass(user, dossier):
                links[dossier.client_id] = (
                    _("Noodtoegang vragen"),
                    reverse("casework:break-glass", args=[dossier.pk]),
                )
        if user.has_role(*policy.DOSSIER_OPENERS):
            with_dossier = {dossier.client_id for dossier in dossiers}
            for client_id in client_ids:
                if client_id not in with_dossier:
                    links[client_id] = (
                        _("Dossier openen"),
                        f"{reverse('casework:dossier-open')}?client={client_id}",
                    )
        return links

    def teams_to_open_dossier_for(self, user) -> list:
        if not user.is_authenticated or not user.has_role(*policy.DOSSIER_OPENERS):
            return []
        teams = [team for team in Team.objects.order_by("name") if policy.may_open_dossier(user, team)]
        teams.sort(key=lambda team: team.pk != user.team_id)  # their own team first, the default
        return [(team.code, team.name) for team in teams]

    def dossier_open_at_registration(self, actor, client, team_code) -> str:
        from casework.dossiers.services import dossier_open

        team = Team.objects.filter(code=team_code).first()
        if team is None:
            raise DomainError(_("Kies een team."), field="dossier_team")
        # Who registers the person at their own team's counter follows them up, as on the dossier-open form.
        own = actor.team_id == team.pk and actor.has_role(Role.SOCIAL_WORKER, Role.TEAM_LEAD)
        dossier = dossier_open(actor=actor, client=client, team=team, social_worker=actor if own else None)
        return reverse("casework:dossier", args=[dossier.pk])

    def may_change_identity(self, user, client) -> bool:
        # A person without a dossier yet belongs to no team: the registry's own people complete them.
        dossiers = dossiers_of_client(client)
        return not dossiers or policy.may_change_identity(user, dossiers)

    def may_change_bank_account(self, user, client) -> bool:
        return policy.may_change_bank_account(user, dossiers_of_client(client))

    def bank_account_changed(self, actor, client) -> None:
        """The assigned social workers of the person's open dossiers are told (not the one who changed it)."""
        for dossier in Dossier.objects.filter(client=client, status="open").select_related("social_worker"):
            worker = dossier.social_worker
            if worker is None or worker.pk == actor.pk:
                continue
            notification_send(
                recipient=worker,
                event_key=f"bank-account:{client.pk}:{client.version}:{worker.pk}",
                message=_("%(user)s wijzigde het rekeningnummer van %(client)s. Kijk het na in het dossier.")
                % {"user": actor.display_name, "client": f"{client.first_name} {client.last_name}"},
                link=reverse("casework:dossier", args=[dossier.pk]),
            )

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

from django.db.models import Q, QuerySet

from casework import policy
from casework.dossiers.models import Dossier
from casework.dossiers.selectors import dossier_get, dossier_of
from casework.policy import Access
from casework.socialmap.models import Partner, PartnerService, Referral
from core.errors import NotFoundError, PermissionDeniedError
from core.ids import uuid_or_404


def referral_list(*, user, dossier_id, status: str | None = None) -> QuerySet:
    dossier = dossier_get(user=user, dossier_id=dossier_id, what="referrals", minimum=Access.FULL)
    referrals = Referral.objects.filter(dossier=dossier).select_related("partner", "service", "created_by")
    return referrals.filter(status=status) if status else referrals


def referral_get(*, user, referral_id, what: str = "referral") -> Referral:
    dossier = dossier_of(Referral, referral_id, user=user, dossier_path="dossier_id", what=what)
    referral = Referral.objects.select_related("partner", "service", "created_by").get(pk=referral_id)
    referral.dossier = dossier
    return referral


def partner_list(*, user, q: str = "", language: str = "") -> QuerySet:
    """Active partners whose name, description or one of whose services matches `q`; `language` filters on
    the languages a service is offered in."""
    if not policy.may_read_social_map(user):
        raise PermissionDeniedError()
    partners = Partner.objects.filter(active=True).prefetch_related("services")
    if q := q.strip():
        matching_services = PartnerService.objects.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(eligibility__icontains=q)
        ).values("partner_id")
        partners = partners.filter(
            Q(name__icontains=q) | Q(description__icontains=q) | Q(pk__in=matching_services)
        )
    if language := language.strip():
        partners = partners.filter(
            pk__in=PartnerService.objects.filter(languages__icontains=language).values("partner_id")
        )
    return partners


def partner_get(*, user, partner_id) -> Partner:
    if not policy.may_read_social_map(user):
        raise PermissionDeniedError()
    partner = Partner.objects.prefetch_related("services").filter(pk=uuid_or_404(partner_id)).first()
    if partner is None:
        raise NotFoundError()
    return partner


def referrals_of(*, dossier: Dossier) -> list[Referral]:
    return list(Referral.objects.filter(dossier=dossier).select_related("partner", "service"))


def partners_active() -> list[Partner]:
    """The social map is not personal data."""
    return list(Partner.objects.filter(active=True).order_by("name"))

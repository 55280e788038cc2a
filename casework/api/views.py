from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from casework import selectors, services
from casework.api.serializers import (
    AccessLogEntrySerializer,
    AidRequestCreateSerializer,
    AidRequestSerializer,
    BreakGlassSerializer,
    ClientRecordSerializer,
    ContactCreateSerializer,
    ContactSerializer,
    DossierCreateSerializer,
    DossierSerializer,
    HeatingAllowanceRequestSerializer,
    HeatingAllowanceSerializer,
    HistoryEntrySerializer,
    HouseholdSerializer,
    InquiryDocumentMarkSerializer,
    InquirySerializer,
    InquiryUpdateSerializer,
    KszConsultationCreateSerializer,
    KszConsultationSerializer,
    LeefloonCalculationRequestSerializer,
    LeefloonCalculationSerializer,
    ReasonSerializer,
    RequestTransitionSerializer,
    RestrictionSerializer,
    StoredCalculationSerializer,
)
from casework.documents import receipt_pdf
from casework.models import (
    AidRequest,
    Contact,
    Dossier,
    HeatingAllowanceParameters,
    Inquiry,
    KszConsultation,
    LeefloonCalculation,
)
from casework.policy import Access
from clients.api.serializers import ClientCreateSerializer, ConflictSerializer
from clients.models import Client
from clients.selectors import client_identity_get
from clients.services import client_update, household_replace
from config.errors import DomainError
from config.openapi import ERRORS


def required_dossier(request) -> str:
    """The `?dossier=` of a list: lists of dossier content are always per dossier."""
    dossier_id = request.query_params.get("dossier")
    if not dossier_id:
        raise DomainError(_("Geef het dossier op."), field="dossier")
    return dossier_id


class DossierViewSet(viewsets.GenericViewSet):
    queryset = Dossier.objects.none()  # for the schema only: reads go through selectors
    serializer_class = DossierSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The dossiers the caller may see, their own caseload first",
        parameters=[OpenApiParameter("status", str, enum=["open", "closed"])],
        responses={200: DossierSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        page = selectors.dossier_list_page(
            user=request.user, paginate=self.paginate_queryset, status=request.query_params.get("status")
        )
        return self.get_paginated_response(DossierSerializer(page, many=True).data)

    @extend_schema(
        summary="Open a dossier for a client",
        request=DossierCreateSerializer,
        responses={201: DossierSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = DossierCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = client_identity_get(user=request.user, client_id=data["client"])
        dossier = services.dossier_open(
            actor=request.user, client=client, team=data["team"], social_worker=data.get("social_worker")
        )
        dossier.access = Access.FULL
        return Response(DossierSerializer(dossier).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One dossier (404 without access)", responses={200: DossierSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(DossierSerializer(selectors.dossier_get(user=request.user, dossier_id=pk)).data)

    @extend_schema(
        summary="Break the glass: temporary access to another team's dossier, with a reason",
        request=ReasonSerializer,
        responses={201: BreakGlassSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"], url_path="break-glass")
    def break_glass(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_for_break_glass(user=request.user, dossier_id=pk)
        grant = services.break_glass(
            actor=request.user, dossier=dossier, reason=serializer.validated_data["reason"]
        )
        return Response(BreakGlassSerializer(grant).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Restrict a sensitive dossier to a list of people (team lead, head of service)",
        request=RestrictionSerializer,
        responses={200: DossierSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def restriction(self, request, pk=None):
        serializer = RestrictionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_get(user=request.user, dossier_id=pk, minimum=Access.FULL)
        dossier = services.dossier_restrict(
            actor=request.user,
            dossier=dossier,
            restricted=serializer.validated_data["restricted"],
            allowed_users=serializer.validated_data.get("allowed", []),
        )
        dossier.access = Access.FULL
        return Response(DossierSerializer(dossier).data)

    @extend_schema(
        summary="Close the dossier with a reason",
        request=ReasonSerializer,
        responses={200: DossierSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        dossier = selectors.dossier_get(user=request.user, dossier_id=pk, minimum=Access.FULL)
        dossier = services.dossier_close(
            actor=request.user, dossier=dossier, reason=serializer.validated_data["reason"]
        )
        dossier.access = Access.FULL
        return Response(DossierSerializer(dossier).data)


class ContactViewSet(viewsets.GenericViewSet):
    queryset = Contact.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ContactSerializer

    @extend_schema(
        summary="The contacts of one dossier, newest first",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: ContactSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        _dossier, contacts = selectors.contact_list(user=request.user, dossier_id=dossier_id)
        page = self.paginate_queryset(contacts)
        return self.get_paginated_response(ContactSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a client contact",
        request=ContactCreateSerializer,
        responses={201: ContactSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = ContactCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="contact registreren", minimum=Access.FULL
        )
        contact = services.contact_record(actor=request.user, dossier=dossier, **data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)


class ClientRecordViewSet(viewsets.GenericViewSet):
    """The full client record, its history, household and access log: through the dossier access policy."""

    queryset = Client.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ClientRecordSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(summary="The full client record", responses={200: ClientRecordSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(ClientRecordSerializer(selectors.client_get(user=request.user, client_id=pk)).data)

    @extend_schema(
        summary="Change identity fields",
        request=ClientCreateSerializer,
        responses={200: ClientRecordSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        client = selectors.client_get(user=request.user, client_id=pk, what="cliëntfiche wijzigen")
        serializer = ClientCreateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = client_update(actor=request.user, client=client, **serializer.to_service_arguments())
        updated.all_dossiers = client.all_dossiers
        return Response(ClientRecordSerializer(updated).data)

    @extend_schema(
        summary="Who changed what, when", responses={200: HistoryEntrySerializer(many=True), **ERRORS}
    )
    @action(detail=True, methods=["get"])
    def history(self, request, pk=None):
        return Response(
            HistoryEntrySerializer(selectors.client_history(user=request.user, client_id=pk), many=True).data
        )

    @extend_schema(
        methods=["GET"],
        summary="Household composition over time",
        responses={200: HouseholdSerializer, **ERRORS},
    )
    @extend_schema(
        methods=["PUT"],
        summary="Replace the household composition",
        request=HouseholdSerializer,
        responses={200: HouseholdSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "put"])
    def household(self, request, pk=None):
        client, members = selectors.client_household(user=request.user, client_id=pk)
        if request.method == "PUT":
            serializer = HouseholdSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            members = household_replace(
                actor=request.user, client=client, members=serializer.validated_data["members"]
            )
        return Response(HouseholdSerializer({"members": members}).data)

    @extend_schema(
        summary="Who saw this person's data (DPO, head of service, team lead)",
        responses={200: AccessLogEntrySerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"], url_path="access-log")
    def access_log(self, request, pk=None):
        _client, entries = selectors.client_access_log(user=request.user, client_id=pk)
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(AccessLogEntrySerializer(page, many=True).data)


class AidRequestViewSet(viewsets.GenericViewSet):
    """The register of applications (aanvragen)."""

    queryset = AidRequest.objects.none()  # for the schema only: reads go through selectors
    serializer_class = AidRequestSerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The requests of one dossier",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: AidRequestSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        page = self.paginate_queryset(selectors.request_list(user=request.user, dossier_id=dossier_id))
        return self.get_paginated_response(AidRequestSerializer(page, many=True).data)

    @extend_schema(
        summary="Register a request received today (or earlier): register number and 30-day deadline",
        request=AidRequestCreateSerializer,
        responses={201: AidRequestSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = AidRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        dossier = selectors.dossier_get(
            user=request.user, dossier_id=data.pop("dossier"), what="aanvraag registreren"
        )
        aid_request = services.request_register(actor=request.user, dossier=dossier, **data)
        return Response(AidRequestSerializer(aid_request).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One request", responses={200: AidRequestSerializer, **ERRORS})
    def retrieve(self, request, pk=None):
        return Response(AidRequestSerializer(selectors.request_get(user=request.user, request_id=pk)).data)

    @extend_schema(
        summary="Move the request to its next status (one transition table)",
        request=RequestTransitionSerializer,
        responses={200: AidRequestSerializer, 409: ConflictSerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        serializer = RequestTransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        aid_request = selectors.request_get(user=request.user, request_id=pk, what="aanvraag wijzigen")
        aid_request = services.request_transition(
            actor=request.user, aid_request=aid_request, **serializer.validated_data
        )
        return Response(AidRequestSerializer(aid_request).data)

    @extend_schema(
        summary="The acknowledgement of receipt (PDF)",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS},
    )
    def receipt(self, request, pk=None):
        aid_request = selectors.request_get(user=request.user, request_id=pk, what="ontvangstbewijs")
        response = HttpResponse(receipt_pdf(aid_request), content_type="application/pdf")
        filename = f"ontvangstbewijs-{aid_request.register_number.replace('/', '-')}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response


class InquiryViewSet(viewsets.GenericViewSet):
    """The social inquiry of a request: documents, home visits, KSZ, the social report and the advice."""

    queryset = Inquiry.objects.none()  # for the schema only: reads go through selectors
    serializer_class = InquirySerializer
    lookup_value_regex = "[^/]+"

    @extend_schema(
        summary="The inquiry of one request",
        parameters=[OpenApiParameter("request", str, required=True)],
        responses={200: InquirySerializer(many=True), **ERRORS},
    )
    def list(self, request):
        request_id = request.query_params.get("request")
        if not request_id:
            raise DomainError(_("Geef de aanvraag op."), field="request")
        inquiry = selectors.inquiry_get(user=request.user, request_id=request_id)
        page = self.paginate_queryset([inquiry])
        return self.get_paginated_response(InquirySerializer(page, many=True).data)

    @extend_schema(
        summary="One inquiry with complete and missing", responses={200: InquirySerializer, **ERRORS}
    )
    def retrieve(self, request, pk=None):
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)

    @extend_schema(
        summary="Edit the social report (send the version you read: a stale version is refused)",
        request=InquiryUpdateSerializer,
        responses={200: InquirySerializer, 409: ConflictSerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        serializer = InquiryUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inquiry = selectors.inquiry_get(user=request.user, inquiry_id=pk)
        services.inquiry_update(actor=request.user, inquiry=inquiry, **serializer.validated_data)
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)

    @extend_schema(
        summary="Tick a document as received (or not)",
        request=InquiryDocumentMarkSerializer,
        responses={200: InquirySerializer, **ERRORS},
    )
    @action(detail=True, methods=["post"])
    def documents(self, request, pk=None):
        serializer = InquiryDocumentMarkSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inquiry = selectors.inquiry_get(user=request.user, inquiry_id=pk)
        services.inquiry_document_mark(actor=request.user, inquiry=inquiry, **serializer.validated_data)
        return Response(InquirySerializer(selectors.inquiry_get(user=request.user, inquiry_id=pk)).data)


class KszConsultationViewSet(viewsets.GenericViewSet):
    queryset = KszConsultation.objects.none()  # for the schema only: reads go through selectors
    serializer_class = KszConsultationSerializer

    @extend_schema(
        summary="The KSZ consultations of one dossier",
        parameters=[OpenApiParameter("dossier", str, required=True)],
        responses={200: KszConsultationSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        dossier_id = required_dossier(request)
        page = self.paginate_queryset(
            selectors.ksz_consultation_list(user=request.user, dossier_id=dossier_id)
        )
        return self.get_paginated_response(KszConsultationSerializer(page, many=True).data)

    @extend_schema(
        summary="Record a KSZ consultation (also written to the client's access log)",
        request=KszConsultationCreateSerializer,
        responses={201: KszConsultationSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = KszConsultationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        dossier = selectors.dossier_get(
            user=request.user,
            dossier_id=data["dossier"],
            what="KSZ-raadpleging registreren",
            minimum=Access.FULL,
        )
        aid_request = None
        if data.get("request"):
            aid_request = selectors.request_get(
                user=request.user, request_id=data["request"], what="KSZ-raadpleging"
            )
        consultation = services.ksz_consultation_record(
            actor=request.user,
            dossier=dossier,
            service=data["service"],
            purpose=data["purpose"],
            aid_request=aid_request,
        )
        return Response(KszConsultationSerializer(consultation).data, status=status.HTTP_201_CREATED)


class LeefloonCalculationViewSet(viewsets.GenericViewSet):
    """The leefloon (and equivalent leefloon) calculation: every step a line for the decision's motivation."""

    queryset = LeefloonCalculation.objects.none()  # for the schema only: reads go through selectors
    serializer_class = LeefloonCalculationSerializer

    @extend_schema(
        summary="Calculate a leefloon on a reference date (optionally kept with an inquiry)",
        request=LeefloonCalculationRequestSerializer,
        responses={200: LeefloonCalculationSerializer, 201: LeefloonCalculationSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = LeefloonCalculationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        inquiry = None
        if inquiry_id := serializer.validated_data["inquiry"]:
            inquiry = selectors.inquiry_get(user=request.user, inquiry_id=inquiry_id)
        result, stored = services.leefloon_calculate(
            actor=request.user, inquiry=inquiry, **serializer.to_service_arguments()
        )
        data = LeefloonCalculationSerializer({**vars(result), "id": stored.pk if stored else None}).data
        return Response(data, status=status.HTTP_201_CREATED if stored else status.HTTP_200_OK)

    @extend_schema(
        summary="The calculations kept with an inquiry",
        parameters=[OpenApiParameter("inquiry", str, required=True)],
        responses={200: StoredCalculationSerializer(many=True), **ERRORS},
    )
    def list(self, request):
        inquiry_id = request.query_params.get("inquiry")
        if not inquiry_id:
            raise DomainError(_("Geef het sociaal onderzoek op."), field="inquiry")
        page = self.paginate_queryset(
            selectors.calculations_for_inquiry(user=request.user, inquiry_id=inquiry_id)
        )
        return self.get_paginated_response(StoredCalculationSerializer(page, many=True).data)


class HeatingAllowanceViewSet(viewsets.GenericViewSet):
    queryset = HeatingAllowanceParameters.objects.none()  # for the schema only: reads go through selectors
    serializer_class = HeatingAllowanceSerializer

    @extend_schema(
        summary="Calculate a heating allowance (Sociaal Verwarmingsfonds)",
        request=HeatingAllowanceRequestSerializer,
        responses={200: HeatingAllowanceSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = HeatingAllowanceRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        result = services.heating_allowance_calculate(**serializer.validated_data)
        return Response(HeatingAllowanceSerializer(result).data)

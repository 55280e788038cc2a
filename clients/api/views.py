from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from clients.api.serializers import (
    AccessLogEntrySerializer,
    ClientCreatedSerializer,
    ClientCreateSerializer,
    ClientIdentitySerializer,
    ClientRecordSerializer,
    ClientSearchQuerySerializer,
    ClientUpdateSerializer,
    ConflictSerializer,
    HistoryEntrySerializer,
    HouseholdSerializer,
)
from clients.ledger import What
from clients.ledger_display import entries_described
from clients.models import Client
from clients.policy import may_search_clients
from clients.selectors import (
    client_access_log,
    client_get,
    client_history,
    client_household,
    client_search_results,
    household_members_read,
)
from clients.services import client_register, client_update, household_replace
from clients.throttling import ClientSearchThrottle
from core.errors import PermissionDeniedError
from core.openapi import ERRORS

# The description of the record's operations (the schema reads it; search and registration have none).
RECORD = "The full client record, its history, household and access log: through the dossier access policy."


class ClientViewSet(viewsets.GenericViewSet):
    # The registry: search and registration for intake; the full record, its history, household and access
    # log for those with access to one of the person's dossiers (the dossier app answers who that is).

    queryset = Client.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ClientIdentitySerializer
    lookup_value_regex = "[^/]+"

    def get_throttles(self):
        # Searching is how a curious colleague browses the population: the search has its own rate.
        if self.action == "list":
            return [ClientSearchThrottle()]
        return super().get_throttles()

    @extend_schema(
        summary="Search persons by name or INSZ (minimal identity)",
        description="At least two characters; one row in the access log per search (the query and the ids "
        "shown); a rate of its own per user (429 beyond it).",
        parameters=[OpenApiParameter("q", str, required=True, description="Name, part of a name, or INSZ")],
        responses={
            200: ClientIdentitySerializer(many=True),
            **ERRORS,
            429: OpenApiResponse(description="Too many searches: try again later"),
        },
    )
    def list(self, request):
        if not may_search_clients(request.user):  # the role first: a committee member gets 403, not 400
            raise PermissionDeniedError()
        query = ClientSearchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = client_search_results(
            user=request.user, query=query.validated_data["q"], paginate=self.paginate_queryset
        )
        return self.get_paginated_response(ClientIdentitySerializer(page, many=True).data)

    @extend_schema(
        summary="Register a person",
        request=ClientCreateSerializer,
        responses={201: ClientCreatedSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def create(self, request):
        serializer = ClientCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        registration = client_register(actor=request.user, **serializer.to_service_arguments())
        client = registration.client
        client.possible_duplicates = registration.possible_duplicates
        return Response(ClientCreatedSerializer(client).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        description=RECORD,
        summary="The full client record",
        responses={200: ClientRecordSerializer, **ERRORS},
    )
    def retrieve(self, request, pk=None):
        return Response(ClientRecordSerializer(client_get(user=request.user, client_id=pk)).data)

    @extend_schema(
        description=RECORD,
        summary="Change identity fields",
        request=ClientUpdateSerializer,
        responses={200: ClientRecordSerializer, 409: ConflictSerializer, **ERRORS},
    )
    def partial_update(self, request, pk=None):
        client = client_get(user=request.user, client_id=pk, what=What.CLIENT_RECORD_UPDATE)
        serializer = ClientUpdateSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = client_update(actor=request.user, client=client, **serializer.to_service_arguments())
        updated.dossier_ids = client.dossier_ids
        return Response(ClientRecordSerializer(updated).data)

    @extend_schema(
        description=RECORD,
        summary="Who changed what, when",
        responses={200: HistoryEntrySerializer(many=True), **ERRORS},
    )
    # A list, as the contract says (the history of one person is short): not paginated, and not documented so.
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        return Response(
            HistoryEntrySerializer(client_history(user=request.user, client_id=pk), many=True).data
        )

    @extend_schema(
        description=RECORD,
        methods=["GET"],
        summary="Household composition over time",
        responses={200: HouseholdSerializer, **ERRORS},
    )
    @extend_schema(
        description=RECORD,
        methods=["PUT"],
        summary="Replace the household composition",
        request=HouseholdSerializer,
        responses={200: HouseholdSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "put"])
    def household(self, request, pk=None):
        client, members = client_household(user=request.user, client_id=pk)
        if request.method == "PUT":
            serializer = HouseholdSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            members = household_replace(
                actor=request.user, client=client, members=serializer.validated_data["members"]
            )
            household_members_read(user=request.user, client=client, members=members)
        return Response(HouseholdSerializer({"members": members}).data)

    @extend_schema(
        description=RECORD,
        summary="Who saw this person's data (DPO, head of service, team lead)",
        responses={200: AccessLogEntrySerializer(many=True), **ERRORS},
    )
    @action(detail=True, methods=["get"], url_path="access-log")
    def access_log(self, request, pk=None):
        _client, entries = client_access_log(user=request.user, client_id=pk)
        page = entries_described(self.paginate_queryset(entries))
        return self.get_paginated_response(AccessLogEntrySerializer(page, many=True).data)

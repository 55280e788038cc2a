from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.response import Response

from clients.api.serializers import (
    ClientCreatedSerializer,
    ClientCreateSerializer,
    ClientIdentitySerializer,
    ConflictSerializer,
)
from clients.models import Client
from clients.selectors import client_search
from clients.services import client_register
from config.openapi import ERRORS


class ClientViewSet(viewsets.GenericViewSet):
    queryset = Client.objects.none()  # for the schema only: reads go through selectors
    serializer_class = ClientIdentitySerializer

    @extend_schema(
        summary="Search persons by name or INSZ (minimal identity)",
        parameters=[OpenApiParameter("q", str, description="Name, part of a name, or INSZ")],
        responses={200: ClientIdentitySerializer(many=True), **ERRORS},
    )
    def list(self, request):
        found = client_search(user=request.user, query=request.query_params.get("q", ""))
        page = self.paginate_queryset(found)
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

"""Expired API tokens are deleted by beat, not read on every request."""

import datetime

from django.utils import timezone
from knox.models import AuthToken

from accounts.services import api_token_issue
from accounts.tasks import delete_expired_api_tokens
from tests.factories import UserFactory


def test_expired_tokens_are_deleted_and_live_ones_kept(db):
    user = UserFactory(username="sofie", roles=["social_worker"])
    api_token_issue(user=user)
    api_token_issue(user=user)
    AuthToken.objects.filter(pk=AuthToken.objects.first().pk).update(
        expiry=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert delete_expired_api_tokens() == 1
    assert AuthToken.objects.count() == 1


def test_an_expired_token_is_refused(api, db):
    user = UserFactory(username="sofie", roles=["social_worker"])
    client = api(user)
    AuthToken.objects.update(expiry=timezone.now() - datetime.timedelta(minutes=1))

    assert client.get("/api/v1/dossiers/").status_code == 401
    assert not AuthToken.objects.exists()

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from rebate.accounts.access import request_user
from rebate.accounts.tests.factories import make_user


@pytest.mark.django_db
def test_the_signed_in_user_is_the_actor_even_behind_the_lazy_wrapper() -> None:
    user = make_user()
    request = RequestFactory().post("/")
    request.user = SimpleLazyObject(lambda: user)  # as AuthenticationMiddleware sets it
    assert request_user(request) == user


def test_an_anonymous_request_has_no_actor() -> None:
    request = RequestFactory().post("/")
    request.user = AnonymousUser()
    with pytest.raises(PermissionDenied):
        request_user(request)

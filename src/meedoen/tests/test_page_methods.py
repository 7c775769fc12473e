"""Pages answer what forms and links send; other methods are refused, not read as a GET."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_page_refuses_methods_forms_never_send(client, world, method):
    client.force_login(world.people["coordinator"])
    assert client.get("/requests/").status_code == 200
    response = getattr(client, method)("/requests/")
    assert response.status_code == 405
    assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "POST", "OPTIONS"}


def test_the_api_keeps_its_own_methods(client, world):
    client.force_login(world.people["coordinator"])
    response = client.delete("/api/v1/activities")
    assert response.status_code == 405
    assert "application/problem+json" in response["Content-Type"]

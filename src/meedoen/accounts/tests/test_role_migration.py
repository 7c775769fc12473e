"""Turning one role per account into roles from memberships loses nobody's access."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0002_initial"), ("organisations", "0007_municipality_memberships")]
AFTER = [("accounts", "0003_roles_from_memberships")]


@pytest.mark.django_db(transaction=True)
def test_every_account_keeps_its_access_in_the_new_shape():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Municipality = old.get_model("organisations", "Municipality")
    Organisation = old.get_model("organisations", "Organisation")
    Membership = old.get_model("organisations", "Membership")
    town = Municipality.objects.create(name="Oudstad", code="GM9999")
    centre = Organisation.objects.create(
        municipality=town, name="Centrale", type=1, sector="welfare"
    )
    policy = User.objects.create(username="beleid", role="policy_officer", municipality=town)
    admin = User.objects.create(username="beheer", role="admin", is_staff=True)
    coordinator = User.objects.create(username="coord", role="coordinator", municipality=town)
    Membership.objects.create(user=coordinator, organisation=centre, role="coordinator")
    citizen = User.objects.create(username="inwoner", role="citizen")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from meedoen.accounts.models import User as Person
    from meedoen.permissions import Role

    assert Person.objects.get(pk=policy.pk).roles == {Role.POLICY_OFFICER}
    assert Person.objects.get(pk=policy.pk).policy_municipality_ids() == {town.pk}
    assert Person.objects.get(pk=admin.pk).roles == {Role.ADMIN}
    assert Person.objects.get(pk=admin.pk).is_superuser
    assert Person.objects.get(pk=coordinator.pk).roles == {Role.COORDINATOR}
    assert Person.objects.get(pk=citizen.pk).roles == {Role.CITIZEN}

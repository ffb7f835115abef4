"""Fixtures of the workflow tests: the portals they start from."""

from __future__ import annotations

import pytest

from tests.workflow.factories import (
    ModeratedPortal,
    ModeratedPortalFactory,
    PartnerPortal,
    PartnerPortalFactory,
)


@pytest.fixture
def moderated_portal(db: None) -> ModeratedPortal:
    """The portal with Wagtail's group approval on the Flensburg area."""
    return ModeratedPortalFactory()


@pytest.fixture
def partner_portal(db: None) -> PartnerPortal:
    """The portal in de/da/en with a verified partner of an association."""
    return PartnerPortalFactory()

"""The advice names who leads each route once, not twice."""

from dataclasses import replace

from casedesk.catalog.defaults import load_default_catalog
from casedesk.domain.advice import RouteAdvice
from casedesk.domain.catalog import Partner, PartnerType
from casedesk.domain.routes import Route
from casedesk.ui.intake.advice import lead_text


def _a_partner_of(kind: PartnerType) -> Partner:
    return next(p for p in load_default_catalog().partners if p.partner_type == kind)


def test_a_lead_whose_name_says_its_kind_is_not_followed_by_that_kind_again() -> None:
    partner = _a_partner_of(PartnerType.ZELFSTANDIGENLOKET)
    counter = replace(partner, name="Zelfstandigenloket van uw gemeente")
    item = RouteAdvice(Route.STRENGTHEN_BUSINESS, PartnerType.ZELFSTANDIGENLOKET, counter)

    assert lead_text(item).startswith("Leiding: Zelfstandigenloket van uw gemeente")
    assert "(Zelfstandigenloket)" not in lead_text(item)


def test_a_lead_whose_name_does_not_say_its_kind_gets_the_kind_beside_it() -> None:
    partner = _a_partner_of(PartnerType.ZELFSTANDIGENLOKET)
    named = replace(partner, name="Ondernemershuis Twente")
    item = RouteAdvice(Route.STRENGTHEN_BUSINESS, PartnerType.ZELFSTANDIGENLOKET, named)

    assert lead_text(item).startswith("Leiding: Ondernemershuis Twente (Zelfstandigenloket)")

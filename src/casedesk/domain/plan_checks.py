"""What still needs a look before a plan goes to the entrepreneur: answers with a problem
(a 7-digit KvK number), an appointment that has passed (it is not printed), and the
municipality's or caseworker's details the plan would print as blanks.

The intake's summary and the plan preview list the same points, so nothing surprises the
caseworker at the printer.
"""

from datetime import date, datetime

from casedesk.domain.dutch import dutch_time, long_date
from casedesk.domain.intake import IntakeAnswers
from casedesk.domain.municipality import MunicipalitySettings
from casedesk.domain.validation import validate

WHERE_MUNICIPALITY = "Vul het in via Bestand › Gegevens van de gemeente."


def passed_appointment_point(starts_at: datetime) -> str:
    return (
        f"De afspraak van {long_date(dutch_time(starts_at).date())} is voorbij en komt niet op "
        "het actieplan. Maak een nieuwe afspraak bij de stap Afspraken."
    )


def details_points(municipality: MunicipalitySettings, caseworker_email: str) -> list[str]:
    """The details a plan prints in its letterhead and contact lines, where they are empty."""
    missing = [
        label
        for label, value in (
            ("de naam van de gemeente", municipality.name),
            ("het adres", municipality.address),
            ("het telefoonnummer", municipality.phone),
        )
        if not value.strip()
    ]
    points = []
    if missing:
        what = ", ".join(missing[:-1]) + (" en " if len(missing) > 1 else "") + missing[-1]
        points.append(
            f"Op het actieplan ontbreekt {what} van het loket. {WHERE_MUNICIPALITY}"
        )
    if not caseworker_email.strip():
        points.append(
            "Uw e-mailadres staat nog niet op het actieplan, dus de ondernemer kan u alleen "
            f"via de gemeente bereiken. {WHERE_MUNICIPALITY}"
        )
    return points


def points_to_check(
    answers: IntakeAnswers,
    today: date,
    *,
    passed_appointment: datetime | None = None,
    municipality: MunicipalitySettings | None = None,
    caseworker_email: str = "",
) -> tuple[str, ...]:
    """Every point in plain Dutch, answers first (in the order of the intake)."""
    points = [issue.message for issue in validate(answers, today)]
    if passed_appointment is not None:
        points.append(passed_appointment_point(passed_appointment))
    if municipality is not None:
        points.extend(details_points(municipality, caseworker_email))
    return tuple(points)

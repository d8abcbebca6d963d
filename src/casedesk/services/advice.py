"""Advice for an intake: the answers, the catalog in use and where the entrepreneur is helped."""

from datetime import date
from pathlib import Path

from casedesk.catalog.regions import load_default_region_table
from casedesk.domain.advice import Advice, advise
from casedesk.domain.answers_json import answers_from_json_text
from casedesk.domain.catalog import Catalog
from casedesk.domain.intake import IntakeAnswers
from casedesk.domain.regions import Locality, MunicipalityCode, RegionTable
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


def locality_for(
    answers: IntakeAnswers, counter_municipality: str | None, table: RegionTable | None = None
) -> Locality:
    """Where regional offers are looked up.

    The entrepreneur's own municipality when known; otherwise (e.g. someone living just
    across the border in Belgium or Germany) the municipality of the counter that helps them.
    """
    table = table or load_default_region_table()
    code = answers.entrepreneur.municipality_code or counter_municipality
    if code is None:
        return Locality(None, None)
    if table.municipality(MunicipalityCode(code)) is None:
        raise KnownError(
            f"De gemeentecode “{code}” is onbekend. Gebruik een CBS-code zoals GM0363 "
            "(Amsterdam)."
        )
    return table.locality_of(MunicipalityCode(code))


MAX_ANSWERS_BYTES = 1_000_000
"""One intake's answers are a few kB; a far bigger file is the wrong file."""


def advise_answers_file(
    path: Path,
    catalog: Catalog,
    counter_municipality: str | None,
    today: date,
    table: RegionTable | None = None,
) -> Advice:
    answers = read_answers_file(path)
    return advise(answers, catalog, locality_for(answers, counter_municipality, table), today)


def read_answers_file(path: Path) -> IntakeAnswers:
    """The answers in a file as docs/answers-format.md describes it; a file that cannot be
    read or is not such a file raises ``KnownError`` saying why, in Dutch."""
    try:
        if path.stat().st_size > MAX_ANSWERS_BYTES:
            raise KnownError(
                f"Het bestand “{path.name}” is veel te groot voor een antwoordenbestand (meer "
                "dan 1 MB). Is dit het goede bestand?"
            )
        text = path.read_text(encoding="utf-8-sig")  # a byte order mark is allowed
    except FileNotFoundError:
        raise KnownError(f"Het bestand “{path}” bestaat niet. Controleer de naam.") from None
    except UnicodeDecodeError:
        raise KnownError(
            f"Het bestand “{path.name}” is geen UTF-8-tekst. Sla het op als UTF-8 en probeer "
            "het opnieuw."
        ) from None
    except OSError as error:
        raise KnownError(
            f"Het bestand “{path}” kan niet worden gelezen ({os_error_reason(error)}). Kies een "
            "bestand met antwoorden (geen map) dat u mag openen."
        ) from None
    return answers_from_json_text(text)

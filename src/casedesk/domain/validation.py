"""Checks and normalizers for the intake answers, with plain Dutch messages.

Every message starts with the Dutch label of the field, says what is wrong and what to
type instead (``"KvK-nummer: moet uit 8 cijfers bestaan. U typte 7 cijfers."``).
Empty answers are never an error here: an intake may be incomplete while it is typed;
which missing answers the advice needs is the advice's business.

The UI calls a ``check_*`` function while the caseworker types, or ``validate_field`` with
the whole answers when a check depends on another answer (the postcode on the country);
``validate`` runs every check. Well-kept libraries do the real work: python-stdnum (BSN,
Dutch postcode), phonenumbers, email-validator (syntax only, never the network).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum import exceptions as stdnum_errors
from stdnum.nl import bsn as stdnum_bsn
from stdnum.nl import postcode as stdnum_postcode

from casedesk.domain.intake import (
    FIELD_LABELS,
    Country,
    DebtLevel,
    IntakeAnswers,
    Scheme,
    age_on,
)
from casedesk.domain.regions import MunicipalityCode
from casedesk.errors import KnownError

MIN_AGE = 15
MAX_AGE = 100
MAX_HOURS_PER_WEEK = 100
MAX_STAFF = 10_000
KVK_NUMBER_LENGTH = 8
EARLIEST_START_DATE = date(1900, 1, 1)


@dataclass(frozen=True, slots=True)
class ValidationIssue:
    field: str
    """Path of the answer, e.g. ``business.kvk_number`` (see ``intake.FIELD_LABELS``)."""
    message: str
    """Plain Dutch, starting with the field's label."""


def _say(path: str, text: str) -> str:
    return f"{FIELD_LABELS[path]}: {text}"


def _digits_word(count: int) -> str:
    return "1 cijfer" if count == 1 else f"{count} cijfers"


_SEPARATORS = re.compile(r"[\s.\-]")


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value)


def normalize_kvk_number(value: str) -> str:
    """``"1234 5678"`` becomes ``"12345678"``."""
    return _compact(value)


def check_kvk_number(value: str) -> str | None:
    number = normalize_kvk_number(value)
    if not number:
        return None
    if not number.isdigit():
        return _say(
            "business.kvk_number",
            "mag alleen cijfers bevatten. Het nummer staat op het uittreksel van de KvK.",
        )
    if len(number) != KVK_NUMBER_LENGTH:
        return _say(
            "business.kvk_number",
            f"moet uit {KVK_NUMBER_LENGTH} cijfers bestaan. U typte {_digits_word(len(number))}.",
        )
    return None


def normalize_bsn(value: str) -> str:
    """Spaces and dots go; an 8-digit BSN gets its leading zero back."""
    number = _compact(value)
    return number.zfill(9) if number.isdigit() and len(number) == 8 else number


def check_bsn(value: str) -> str | None:
    number = _compact(value)
    if not number:
        return None
    if not number.isdigit():
        return _say(
            "entrepreneur.bsn", "mag alleen cijfers bevatten. Typ de 9 cijfers van het BSN."
        )
    if len(number) not in (8, 9):
        return _say(
            "entrepreneur.bsn", f"moet uit 9 cijfers bestaan. U typte {_digits_word(len(number))}."
        )
    try:
        stdnum_bsn.validate(number)
    except stdnum_errors.ValidationError:
        return _say(
            "entrepreneur.bsn",
            "dit nummer bestaat niet (de elfproef klopt niet). Kijk het nummer na op het "
            "paspoort, de ID-kaart of een brief van de Belastingdienst.",
        )
    return None


_BELGIAN_POSTCODE = re.compile(r"(?:B-?)?([1-9][0-9]{3})")
_GERMAN_POSTCODE = re.compile(r"(?:D-?)?([0-9]{5})")


def normalize_postcode(value: str, country: Country | None) -> str:
    """The postcode as it is written on a letter: ``"5038ab"`` becomes ``"5038 AB"``.

    A value that is not a valid postcode comes back stripped, otherwise unchanged, so the
    caseworker sees what they typed next to the message.
    """
    text = value.strip().upper()
    if country in (None, Country.NL):
        try:
            return str(stdnum_postcode.validate(text))
        except stdnum_errors.ValidationError:
            return value.strip()
    pattern = _BELGIAN_POSTCODE if country is Country.BE else _GERMAN_POSTCODE
    found = pattern.fullmatch(text.replace(" ", ""))
    return found.group(1) if found else value.strip()


def check_postcode(value: str, country: Country | None) -> str | None:
    text = value.strip()
    if not text:
        return None
    if country in (None, Country.NL):
        try:
            stdnum_postcode.validate(text.upper())
        except stdnum_errors.InvalidComponent:
            return _say(
                "entrepreneur.postcode",
                f"{text} bestaat niet in Nederland: de letters SA, SD en SS komen niet voor.",
            )
        except stdnum_errors.ValidationError:
            return _say(
                "entrepreneur.postcode",
                f"een Nederlandse postcode heeft 4 cijfers en 2 letters, zoals 5038 AB. "
                f"U typte {text}.",
            )
        return None
    if country is Country.BE:
        if _BELGIAN_POSTCODE.fullmatch(text.upper().replace(" ", "")):
            return None
        return _say(
            "entrepreneur.postcode",
            f"een Belgische postcode heeft 4 cijfers, zoals 2300. U typte {text}.",
        )
    if _GERMAN_POSTCODE.fullmatch(text.upper().replace(" ", "")):
        return None
    return _say(
        "entrepreneur.postcode",
        f"een Duitse postcode heeft 5 cijfers, zoals 52062. U typte {text}.",
    )


_PHONE_ADVICE: dict[Country, str] = {
    Country.NL: "geen geldig Nederlands nummer. Typ het nummer met netnummer, zoals "
    "06 12345678 of 013 123 45 67",
    Country.BE: "geen geldig Belgisch nummer. Typ het nummer met zonenummer, zoals "
    "0470 12 34 56 of 014 12 34 56",
    Country.DE: "geen geldig Duits nummer. Typ het nummer met netnummer, zoals 0241 1234567",
}


def _parse_phone(value: str, country: Country | None) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(value, (country or Country.NL).value)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def is_valid_phone(value: str, country: Country | None = None) -> bool:
    """A number as dialled in ``country`` (default the Netherlands), or with a country code."""
    return _parse_phone(value, country) is not None


def normalize_phone(value: str, country: Country | None) -> str:
    """A readable number: national form for a number of the country of residence
    (``06 12345678``), international form for any other (``+32 470 12 34 56``)."""
    number = _parse_phone(value, country)
    if number is None:
        return value.strip()
    home = (country or Country.NL).value
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if phonenumbers.region_code_for_number(number) == home
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, style))


def dialable_from(value: str, country: Country | None) -> str | None:
    """A Dutch number as a reader in ``country`` dials it: unchanged in the Netherlands,
    ``+31 88 999 0000`` from Belgium or Germany; None when it cannot be dialled from
    there (a municipal 14 0xx number). A number that does not parse is left as written."""
    if country in (None, Country.NL):
        return value
    number = _parse_phone(value, Country.NL)
    if number is None:
        return value
    if not phonenumbers.can_be_internationally_dialled(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def check_phone(value: str, country: Country | None) -> str | None:
    if not value.strip():
        return None
    if _parse_phone(value, country) is not None:
        return None
    advice = _PHONE_ADVICE[country or Country.NL]
    return _say(
        "entrepreneur.phone",
        f"dit is {advice}. Een buitenlands nummer begint met + en de landcode.",
    )


def normalize_email(value: str) -> str:
    try:
        return str(validate_email(value.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        return value.strip()


def check_email(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if "@" not in text:
        return _say(
            "entrepreneur.email",
            "er staat geen @ in. Een e-mailadres ziet eruit als naam@voorbeeld.nl.",
        )
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return _say(
            "entrepreneur.email",
            "dit is geen geldig e-mailadres. Kijk het na: het ziet eruit als naam@voorbeeld.nl, "
            "zonder spaties.",
        )
    return None


def checked_email(value: str, refusal: Callable[[str], str]) -> str:
    """``value`` as an address is stored: normalized, or "" for none.

    Raises:
        KnownError: ``value`` is no e-mail address; the message is ``refusal`` of
            ``check_email``'s sentence, so that each caller frames it its own way.
    """
    problem = check_email(value)
    if problem:
        raise KnownError(refusal(problem))
    return normalize_email(value) if value.strip() else ""


def check_date_of_birth(value: date | None, today: date) -> str | None:
    if value is None:
        return None
    if value > today:
        return _say(
            "entrepreneur.date_of_birth", "deze datum ligt in de toekomst. Kijk de datum na."
        )
    age = age_on(value, today)
    if not MIN_AGE <= age <= MAX_AGE:
        return _say(
            "entrepreneur.date_of_birth",
            f"dan zou de ondernemer {age} jaar zijn. Kijk de datum na.",
        )
    return None


def check_start_date(value: date | None, today: date, date_of_birth: date | None) -> str | None:
    if value is None:
        return None
    if value > today:
        return _say("business.start_date", "deze datum ligt in de toekomst. Kijk de datum na.")
    if value < EARLIEST_START_DATE:
        return _say("business.start_date", "deze datum ligt te ver terug. Kijk de datum na.")
    if date_of_birth is not None and value < date_of_birth:
        return _say(
            "business.start_date",
            "deze datum ligt vóór de geboortedatum van de ondernemer. Kijk de datum na.",
        )
    return None


_MUNICIPALITY_CODE = re.compile(r"GM[0-9]{4}")


def check_municipality_code(value: MunicipalityCode | None) -> str | None:
    if value is None or _MUNICIPALITY_CODE.fullmatch(value):
        return None
    return _say(
        "entrepreneur.municipality_code",
        f"{value} is geen gemeentecode. Een code is GM met 4 cijfers, zoals GM0855 (Tilburg).",
    )


def _check_range(path: str, value: int | None, low: int, high: int, unit: str) -> str | None:
    if value is None or low <= value <= high:
        return None
    return _say(path, f"moet tussen {low} en {high}{unit} liggen. U typte {value}{unit}.")


def _check_schemes(answers: IntakeAnswers) -> str | None:
    schemes = answers.situation.schemes
    if Scheme.NONE in schemes and len(schemes) > 1:
        return _say(
            "situation.schemes",
            f"u koos ‘{Scheme.NONE.label}’ en ook een regeling. Kies één van beide.",
        )
    return None


def _check_acute_debt_kinds(answers: IntakeAnswers) -> str | None:
    situation = answers.situation
    if not situation.acute_debt_kinds or situation.debts in (None, DebtLevel.ACUTE):
        return None
    return _say(
        "situation.acute_debt_kinds",
        f"u koos een acuut probleem, maar bij Schulden staat ‘{situation.debts.label}’. "
        f"Kies bij Schulden ‘{DebtLevel.ACUTE.label}’, of haal het vinkje weg.",
    )


def _check_debt_kinds(answers: IntakeAnswers) -> str | None:
    situation = answers.situation
    if situation.debt_kinds and situation.debts is DebtLevel.NONE:
        return _say(
            "situation.debt_kinds",
            f"u koos soorten schulden, maar bij Schulden staat ‘{DebtLevel.NONE.label}’. "
            "Pas een van beide aan.",
        )
    return None


_FieldCheck = Callable[[IntakeAnswers, date], str | None]

_CHECKS: dict[str, _FieldCheck] = {
    "entrepreneur.date_of_birth": lambda a, today: check_date_of_birth(
        a.entrepreneur.date_of_birth, today
    ),
    "entrepreneur.phone": lambda a, _: check_phone(a.entrepreneur.phone, a.entrepreneur.country),
    "entrepreneur.email": lambda a, _: check_email(a.entrepreneur.email),
    "entrepreneur.postcode": lambda a, _: check_postcode(
        a.entrepreneur.postcode, a.entrepreneur.country
    ),
    "entrepreneur.municipality_code": lambda a, _: check_municipality_code(
        a.entrepreneur.municipality_code
    ),
    "entrepreneur.bsn": lambda a, _: check_bsn(a.entrepreneur.bsn),
    "business.kvk_number": lambda a, _: check_kvk_number(a.business.kvk_number),
    "business.start_date": lambda a, today: check_start_date(
        a.business.start_date, today, a.entrepreneur.date_of_birth
    ),
    "business.staff": lambda a, _: _check_range(
        "business.staff", a.business.staff, 0, MAX_STAFF, ""
    ),
    "business.hours_per_week": lambda a, _: _check_range(
        "business.hours_per_week", a.business.hours_per_week, 0, MAX_HOURS_PER_WEEK, " uur"
    ),
    "situation.schemes": lambda a, _: _check_schemes(a),
    "situation.turnover_drop_percent": lambda a, _: _check_range(
        "situation.turnover_drop_percent", a.situation.turnover_drop_percent, 0, 100, "%"
    ),
    "situation.acute_debt_kinds": lambda a, _: _check_acute_debt_kinds(a),
    "situation.debt_kinds": lambda a, _: _check_debt_kinds(a),
}


def validate_field(answers: IntakeAnswers, path: str, today: date) -> str | None:
    """The Dutch message for one answer, or ``None`` when it is fine (or has no check).

    Takes the whole answers because some checks depend on another answer: the postcode and
    phone on the country, the start date on the date of birth.
    """
    check = _CHECKS.get(path)
    return check(answers, today) if check else None


def validate(answers: IntakeAnswers, today: date) -> list[ValidationIssue]:
    """Every problem in the answers, in the order of the intake form.

    ``today`` is passed in (not read from the clock) so results are reproducible; it is
    the date that birth and start dates may not lie beyond.
    """
    issues = []
    for path, check in _CHECKS.items():
        message = check(answers, today)
        if message is not None:
            issues.append(ValidationIssue(path, message))
    return issues


def normalize(answers: IntakeAnswers) -> IntakeAnswers:
    """The answers with postcode, phone, e-mail, KvK number and BSN in their written form.

    Invalid values are left as typed (only stripped), so nothing the caseworker typed is lost.
    """
    person = answers.entrepreneur
    return replace(
        answers,
        entrepreneur=replace(
            person,
            postcode=normalize_postcode(person.postcode, person.country),
            phone=normalize_phone(person.phone, person.country) if person.phone else "",
            email=normalize_email(person.email) if person.email else "",
            bsn=normalize_bsn(person.bsn),
        ),
        business=replace(
            answers.business, kvk_number=normalize_kvk_number(answers.business.kvk_number)
        ),
    )

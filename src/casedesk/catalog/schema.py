"""The shipped JSON Schema of the catalog file, with its findings in plain Dutch.

The schema (``resources/catalog/catalog.schema.json``, Draft 2020-12) checks the shape:
which fields exist, their types and allowed values. ``jsonschema`` reports in English for
developers; coordinators get one Dutch sentence per finding instead. A pattern in the schema
may carry its own Dutch explanation under ``x-nl-fout``.
"""

import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from casedesk.catalog.jsonpos import JsonPath
from casedesk.resources import resource_path

SCHEMA_FILE = ("catalog", "catalog.schema.json")

_TYPE_NAMES = {
    "string": "een tekst tussen aanhalingstekens",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
    "array": "een lijst tussen [ ]",
    "object": "een blok tussen { }",
    "null": "null",
}


@cache
def catalog_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resource_path(*SCHEMA_FILE).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return schema


@cache
def _validator() -> Draft202012Validator:
    return Draft202012Validator(catalog_schema())


def schema_findings(data: object) -> Iterator[tuple[JsonPath, str]]:
    """Each place where ``data`` does not fit the schema, with a Dutch reason, once.

    jsonschema reports ``required`` once per missing field, each error carrying the whole
    list; the translation names every missing field, so the same finding comes again."""
    seen: set[tuple[JsonPath, str]] = set()
    for error in _validator().iter_errors(data):
        for finding in _translate(error):
            if finding not in seen:
                seen.add(finding)
                yield finding


def _translate(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
    path: JsonPath = tuple(error.absolute_path)
    keyword = error.validator
    expected: Any = error.validator_value
    instance: Any = error.instance
    if keyword == "required":
        present = instance if isinstance(instance, dict) else {}
        for name in expected:
            if name not in present:
                yield (*path, name), "dit verplichte veld ontbreekt."
    elif keyword == "additionalProperties":
        allowed = set(_schema_of(error).get("properties", {}))
        for name in instance:
            if name not in allowed:
                yield (
                    (*path, name),
                    "dit veld is onbekend. Controleer de spelling; "
                    f"toegestaan zijn: {', '.join(sorted(allowed))}.",
                )
    elif keyword == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        names = " of ".join(_TYPE_NAMES.get(name, name) for name in wanted)
        yield path, f"hier hoort {names}, maar er staat {_shown(instance)}."
    elif keyword == "enum":
        choices = ", ".join(_shown(choice) for choice in expected)
        yield path, f"{_shown(instance)} is geen toegestane waarde. Kies uit: {choices}."
    elif keyword == "const":
        yield path, f"hier hoort {_shown(expected)}, maar er staat {_shown(instance)}."
    elif keyword == "pattern":
        explanation = _schema_of(error).get("x-nl-fout", f"het vereiste patroon is {expected}")
        yield path, f"{_shown(instance)} is niet goed geschreven: {explanation}."
    elif keyword == "minLength":
        yield path, "dit veld mag niet leeg zijn."
    elif keyword == "maxLength":
        yield path, f"deze tekst is te lang: hooguit {expected} tekens, nu {len(instance)}."
    elif keyword == "minItems":
        if expected == 1:
            yield path, "deze lijst is leeg. Zet er minstens één waarde in."
        else:
            yield path, f"deze lijst is te kort. Zet er minstens {expected} waarden in."
    elif keyword == "uniqueItems":
        yield path, "deze lijst bevat een waarde twee keer; laat de dubbele weg."
    elif keyword in ("anyOf", "oneOf"):
        yield from _translate_alternatives(error)
    else:
        # Not expected with the shipped schema; keep the technical text rather than hide it.
        yield path, f"voldoet niet aan het catalogusformaat ({error.message})."


def _translate_alternatives(error: ValidationError) -> Iterator[tuple[JsonPath, str]]:
    """``anyOf``: explain the alternative the value came closest to.

    A wrong region code ``"AM6"`` fails both "a code" (its pattern) and "null" (its type);
    the pattern's explanation is the useful one. When only types differ, name them all.
    """
    path: JsonPath = tuple(error.absolute_path)
    closer = [e for e in error.context or () if e.validator != "type"]
    if closer:
        yield from _translate(closer[0])
        return
    wanted: list[str] = []
    for alternative in error.context or ():
        value: Any = alternative.validator_value
        wanted += [value] if isinstance(value, str) else list(value)
    names = " of ".join(_TYPE_NAMES.get(name, name) for name in wanted)
    yield path, f"hier hoort {names}, maar er staat {_shown(error.instance)}."


def _schema_of(error: ValidationError) -> Mapping[str, Any]:
    return error.schema if isinstance(error.schema, Mapping) else {}


def _shown(value: object) -> str:
    """A value as it appears in the file, shortened so a long text stays readable."""
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 60 else shown[:57] + "…"

"""Positions of JSON values, so an error can name its line."""

from casedesk.catalog.jsonpos import TextPosition, format_path, locate_json_values

TEXT = """{
  "title": "Met \\"aanhalingstekens\\" en é",
  "instruments": [
    {"id": "a"},
    {
      "contact": {"phone": null}
    }
  ],
  "empty": [], "none": {}
}"""


def test_member_position_is_its_key() -> None:
    positions = locate_json_values(TEXT)

    assert positions.position_of(("instruments", 1, "contact", "phone")) == TextPosition(6, 19)


def test_list_element_position_is_its_value() -> None:
    positions = locate_json_values(TEXT)

    assert positions.position_of(("instruments", 1)) == TextPosition(5, 5)


def test_escaped_quotes_do_not_shift_positions() -> None:
    positions = locate_json_values(TEXT)

    assert positions.position_of(("instruments",)) == TextPosition(3, 3)
    assert positions.position_of(("empty",)).line == 9
    assert positions.position_of(("none",)) == TextPosition(9, 16)


def test_missing_path_points_at_nearest_ancestor() -> None:
    positions = locate_json_values(TEXT)

    assert positions.position_of(("instruments", 0, "name")) == TextPosition(4, 5)


def test_duplicate_keys_are_reported() -> None:
    positions = locate_json_values('{"a": 1,\n "b": {"c": 1, "c": 2}}')

    assert positions.duplicate_keys == (("b", "c"),)


def test_path_is_written_as_coordinators_read_it() -> None:
    assert format_path(("instruments", 3, "contact", "phone")) == "instruments[3].contact.phone"
    assert format_path(()) == "(het hele bestand)"

"""The address made of what the caseworker fills in to connect to a regional server."""

import pytest

from casedesk.domain.server_address import ServerFields, address_of, fields_of
from casedesk.errors import KnownError

KIM = ServerFields(server="server.regio.nl", port="5433", database="casedesk", user="kim")


def test_a_server_elsewhere_is_always_asked_for_verify_full() -> None:
    assert address_of(KIM) == "postgresql://kim@server.regio.nl:5433/casedesk?sslmode=verify-full"


def test_a_server_on_this_computer_goes_without_tls_unless_certificates_are_given() -> None:
    here = ServerFields(server="127.0.0.1", database="casedesk", user="kim")
    assert address_of(here) == "postgresql://kim@127.0.0.1:5432/casedesk"
    with_root = ServerFields(server="localhost", database="casedesk", user="kim",
                             root_certificate="/etc/regio/root.crt")  # fmt: skip
    assert address_of(with_root).endswith("?sslmode=verify-full")


def test_an_empty_port_is_the_usual_one() -> None:
    assert ":5432/" in address_of(ServerFields(server="db", port=" ", database="c", user="kim"))


def test_odd_characters_in_the_user_and_database_cannot_change_the_address() -> None:
    odd = ServerFields(server="db.regio.nl", database="case/desk?x", user="kim@regio")
    assert address_of(odd) == (
        "postgresql://kim%40regio@db.regio.nl:5432/case%2Fdesk%3Fx?sslmode=verify-full"
    )
    assert fields_of(address_of(odd)) == ServerFields(
        server="db.regio.nl", port="5432", database="case/desk?x", user="kim@regio"
    )


def test_an_ipv6_server_gets_its_brackets() -> None:
    six = ServerFields(server="2001:db8::1", database="casedesk", user="kim")
    assert address_of(six).startswith("postgresql://kim@[2001:db8::1]:5432/")
    assert fields_of(address_of(six)).server == "2001:db8::1"


@pytest.mark.parametrize(
    ("fields", "said"),
    [
        (ServerFields(database="c", user="kim"), "Vul de server in."),
        (ServerFields(server="db", user="kim"), "Vul de database in."),
        (ServerFields(server="db", database="c"), "Vul de gebruikersnaam in."),
        (ServerFields(server="db", port="54x", database="c", user="k"), "De poort ‘54x’ is geen"),
        (ServerFields(server="db", port="70000", database="c", user="k"), "tot 65535"),
    ],
)
def test_a_missing_or_wrong_field_is_said_in_dutch(fields: ServerFields, said: str) -> None:
    with pytest.raises(KnownError, match=said):
        address_of(fields)


def test_the_saved_address_fills_the_fields_again() -> None:
    assert fields_of(address_of(KIM)) == KIM

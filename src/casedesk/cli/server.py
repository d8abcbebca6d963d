"""``casedesk server …``: set up a regional PostgreSQL server, its caseworkers' and its
coordinators' logins.

Kept apart from the other commands (``cli/__init__.py``) so the regional commands change
in one place. The address is a PostgreSQL URL
(``postgresql://eigenaar@server/casedesk?sslmode=verify-full``); its password may sit
in the URL, in ``PGPASSWORD`` or in ``~/.pgpass``, as for psql.
"""

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from casedesk.db.location import StoreLocation
from casedesk.errors import KnownError
from casedesk.files import os_error_reason


def add_server_commands(commands: Any, file_path: Any, missing: Any) -> None:
    """Adds ``server`` and its subcommands to ``casedesk``'s subparsers."""
    server = commands.add_parser("server", help="een regionale server inrichten en beheren")
    server.set_defaults(
        handler=lambda _args, _location: missing(
            server,
            "setup, check, add-caseworker, remove-caseworker, list-caseworkers, "
            "add-coordinator, remove-coordinator, list-coordinators, audit-verify, erasures, "
            "reapply-erasures of upload",
        )
    )
    sub = server.add_subparsers(title="opdrachten", metavar="OPDRACHT")
    setup = sub.add_parser(
        "setup", help="maak of vernieuw het schema, de rol van de klantmanagers en de rechten"
    )
    setup.add_argument("url", metavar="ADRES", help="adres van de database, als eigenaar")
    setup.set_defaults(handler=cmd_server_setup)
    check = sub.add_parser("check", help="controleer server, schema, afscherming en de gebruiker")
    check.add_argument("url", metavar="ADRES", help="adres van de database, als klantmanager")
    check.set_defaults(handler=cmd_server_check)
    add = sub.add_parser("add-caseworker", help="maak een aanmelding voor een klantmanager")
    add.add_argument("login", metavar="GEBRUIKERSNAAM")
    add.add_argument("--name", required=True, metavar="NAAM", help="naam van de klantmanager")
    add.add_argument(
        "--municipality", action="append", required=True, metavar="GEMEENTE",
        help="gemeente (naam of CBS-code, zoals GM0363) waarvan de dossiers zichtbaar zijn; "
        "mag vaker",
    )  # fmt: skip
    add.add_argument(
        "--password-file", type=file_path, metavar="BESTAND",
        help="lees het wachtwoord uit dit bestand (anders wordt erom gevraagd)",
    )  # fmt: skip
    add.add_argument(
        "--email", default="", metavar="E-MAILADRES",
        help="het e-mailadres van de klantmanager op de actieplannen (de klantmanager kan "
        "het zelf wijzigen)",
    )  # fmt: skip
    remove = sub.add_parser(
        "remove-caseworker", help="verwijder de aanmelding van een klantmanager"
    )
    remove.add_argument("login", metavar="GEBRUIKERSNAAM")
    listing = sub.add_parser("list-caseworkers", help="toon de klantmanagers en hun gemeenten")
    add_coordinator = sub.add_parser(
        "add-coordinator",
        help="maak een aanmelding voor de coördinator van de regio (cijfers en catalogus, "
        "geen dossiers)",
    )
    add_coordinator.add_argument("login", metavar="GEBRUIKERSNAAM")
    add_coordinator.add_argument(
        "--name", required=True, metavar="NAAM", help="naam van de coördinator"
    )
    add_coordinator.add_argument(
        "--password-file", type=file_path, metavar="BESTAND",
        help="lees het wachtwoord uit dit bestand (anders wordt erom gevraagd)",
    )  # fmt: skip
    remove_coordinator = sub.add_parser(
        "remove-coordinator", help="verwijder de aanmelding van een coördinator"
    )
    remove_coordinator.add_argument("login", metavar="GEBRUIKERSNAAM")
    list_coordinators = sub.add_parser("list-coordinators", help="toon de coördinatoren")
    audit_verify = sub.add_parser(
        "audit-verify",
        help="controleer de hele keten van het logboek op de server (als eigenaar)",
    )
    erasures = sub.add_parser(
        "erasures",
        help="toon de lijst van verwijderde dossiers (nummer;datum), om bij de reservekopieën "
        "te bewaren",
    )
    reapply = sub.add_parser(
        "reapply-erasures",
        help="verwijder na het terugzetten van een oudere reservekopie opnieuw de dossiers "
        "uit de lijst",
    )
    reapply.add_argument(
        "ledger", type=file_path, metavar="BESTAND",
        help="de lijst van `casedesk server erasures`, of regels met een dossiernummer",
    )  # fmt: skip
    upload = sub.add_parser(
        "upload",
        help="zet de dossiers van deze computer eenmalig op de regionale server (eerst een "
        "proefrun; --yes voert uit)",
        description="Zet de dossiers van de versleutelde opslag op deze computer eenmalig op "
        "de regionale server. Voer dit uit met uw eigen aanmelding als klantmanager (niet als "
        "eigenaar): de server laat u alleen dossiers schrijven van de gemeenten van uw "
        "aanmelding; een dossier van een andere gemeente wordt geweigerd en blijft op deze "
        "computer. Zonder --yes toont casedesk alleen wat er gebeurt en verandert er niets. "
        "Met --yes maakt casedesk eerst een gecontroleerde reservekopie, zet dan elk "
        "dossier met alles erbij op de server (één voor één; opnieuw uitvoeren na een "
        "onderbreking voegt alleen toe wat nog ontbrak) en laat de opslag op deze computer "
        "ongemoeid als reservekopie. Daarna werkt deze computer met de server.",
    )
    upload.add_argument(
        "--server", metavar="ADRES",
        help="adres van de server, als klantmanager (zonder: de server van `casedesk connect`)",
    )  # fmt: skip
    upload.add_argument(
        "--yes", action="store_true", help="voer het uploaden echt uit (zonder: een proefrun)"
    )
    upload.add_argument(
        "--password-file", type=file_path, metavar="BESTAND",
        help="lees het wachtwoord uit dit bestand (anders wordt erom gevraagd)",
    )  # fmt: skip
    upload.set_defaults(handler=cmd_server_upload)
    coordinators = (add_coordinator, remove_coordinator, list_coordinators)
    for command in (add, remove, listing, *coordinators, audit_verify, erasures, reapply):
        command.add_argument(
            "--server", required=True, metavar="ADRES", help="adres van de database, als eigenaar"
        )
    add.set_defaults(handler=cmd_add_caseworker)
    connect = commands.add_parser(
        "connect", help="werk met een regionale server in plaats van de opslag op deze computer"
    )
    connect.add_argument("url", nargs="?", metavar="ADRES", help="adres van de server")
    connect.add_argument(
        "--local", action="store_true", help="werk weer met de opslag op deze computer"
    )
    connect.add_argument(
        "--password-file", type=file_path, metavar="BESTAND",
        help="lees het wachtwoord uit dit bestand (anders wordt erom gevraagd)",
    )  # fmt: skip
    connect.add_argument(
        "--cert", type=file_path, metavar="BESTAND",
        help="uw clientcertificaat, als de server erom vraagt (van uw beheerder)",
    )  # fmt: skip
    connect.add_argument(
        "--key", type=file_path, metavar="BESTAND",
        help="het sleutelbestand bij het clientcertificaat (alleen voor u leesbaar)",
    )  # fmt: skip
    connect.add_argument(
        "--root-cert", type=file_path, metavar="BESTAND",
        help="het rootcertificaat van de regio, waarmee casedesk de server controleert",
    )  # fmt: skip
    connect.add_argument(
        "--key-passphrase-file", type=file_path, metavar="BESTAND",
        help="lees het wachtwoord van de sleutel uit dit bestand (anders wordt erom "
        "gevraagd als de sleutel er een heeft)",
    )  # fmt: skip
    connect.set_defaults(handler=cmd_connect)
    remove.set_defaults(handler=cmd_remove_caseworker)
    listing.set_defaults(handler=cmd_list_caseworkers)
    audit_verify.set_defaults(handler=cmd_server_audit_verify)
    erasures.set_defaults(handler=cmd_erasures)
    reapply.set_defaults(handler=cmd_reapply_erasures)
    add_coordinator.set_defaults(handler=cmd_add_coordinator)
    remove_coordinator.set_defaults(handler=cmd_remove_coordinator)
    list_coordinators.set_defaults(handler=cmd_list_coordinators)


def cmd_server_setup(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    role = regional_server.set_up_region(args.url)
    print(f"De server is ingericht. Klantmanagers krijgen de rol {role}.")
    print("Maak nu de aanmeldingen met: casedesk server add-caseworker GEBRUIKERSNAAM …")
    return 0


def cmd_server_check(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    report = regional_server.check_region(args.url)
    stream = sys.stdout if report.ok else sys.stderr
    for line in report.lines:
        print(line, file=stream)
    if not report.ok:
        print("NIET in orde.", file=stream)
        return 1
    print("In orde.")
    return 0


def cmd_add_caseworker(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.cli import resolve_municipality
    from casedesk.services import regional_server

    codes = [resolve_municipality(text).code for text in args.municipality]
    regional_server.checked_email(args.email)  # before the password is asked
    password = _password(args.password_file, args.login)
    regional_server.add_caseworker(
        args.server, args.login, args.name, codes, password, args.email
    )
    print(f"Klantmanager {args.name} kan zich aanmelden als {args.login} ({', '.join(codes)}).")
    return 0


def cmd_remove_caseworker(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    regional_server.remove_caseworker(args.server, args.login)
    print(f"De aanmelding {args.login} is verwijderd.")
    return 0


def cmd_list_caseworkers(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    logins = regional_server.list_caseworkers(args.server)
    if not logins:
        print("Er zijn nog geen klantmanagers op deze server.")
    for login in logins:
        print(f"{login.login}\t{login.name}\t{', '.join(login.municipality_codes)}")
    return 0


def cmd_add_coordinator(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    password = _password(args.password_file, args.login)
    regional_server.add_coordinator(args.server, args.login, args.name, password)
    print(
        f"Coördinator {args.name} kan zich aanmelden als {args.login}: de cijfers van de "
        "regio en de catalogus, geen dossiers."
    )
    return 0


def cmd_remove_coordinator(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    regional_server.remove_coordinator(args.server, args.login)
    print(f"De aanmelding {args.login} is verwijderd.")
    return 0


def cmd_list_coordinators(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    logins = regional_server.list_coordinators(args.server)
    if not logins:
        print("Er zijn nog geen coördinatoren op deze server.")
    for login in logins:
        print(f"{login.login}\t{login.name}")
    return 0


def cmd_server_audit_verify(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.cli import command_keychain
    from casedesk.services import regional_server
    from casedesk.services.store_admin import audit_report_lines

    report = regional_server.verify_audit_log(args.server, command_keychain())
    stream = sys.stdout if report.intact else sys.stderr
    for line in audit_report_lines(report):
        print(line, file=stream)
    if report.intact:
        print(
            "De nieuwste gebeurtenis is bewaard in de sleutelhanger van deze computer; de "
            "volgende controle hier moet haar terugvinden."
        )
    return 0 if report.intact else 1


def cmd_erasures(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    for line in regional_server.erasure_ledger(args.server):
        print(line)
    return 0


def cmd_reapply_erasures(args: argparse.Namespace, _location: StoreLocation) -> int:
    from casedesk.services import regional_server

    again = regional_server.reapply_erasures(args.server, args.ledger)
    if not again:
        print("Geen van deze dossiers was terug; er is niets verwijderd.")
        return 0
    what = "1 dossier" if len(again) == 1 else f"{len(again)} dossiers"
    print(f"{what} opnieuw verwijderd: {', '.join(map(str, again))}.")
    return 0


def cmd_connect(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.cli import command_keychain
    from casedesk.services import connection_setup

    if args.local == (args.url is not None):
        raise KnownError(
            "Geef het adres van de regionale server, of --local om weer met de opslag op "
            "deze computer te werken."
        )
    keychain = command_keychain()
    if args.local:
        if connection_setup.back_to_local(location, keychain) is None:
            print("Casedesk werkte al met de opslag op deze computer.")
        else:
            print("Casedesk werkt weer met de opslag op deze computer.")
        return 0
    from casedesk.db.server.choice import CertificateFiles
    from casedesk.db.server.client_certificate import check_usable, is_encrypted_key
    from casedesk.db.server.store import server_url

    url = server_url(args.url)  # refuses an unsafe address before asking a password
    files = CertificateFiles(args.cert, args.key, args.root_cert)
    check_usable(files)  # and a missing or open key file before asking its passphrase
    password = url.password or _password(args.password_file, url.username or "", confirm=False)
    passphrase = ""
    if args.key_passphrase_file is not None:
        passphrase = _secret_from_file(args.key_passphrase_file, "wachtwoordbestand van de sleutel")
    elif args.key is not None and is_encrypted_key(args.key):
        if not sys.stdin.isatty():
            raise KnownError(
                f"Het sleutelbestand {args.key} is beveiligd met een wachtwoord. Geef het "
                "wachtwoord van de sleutel met --key-passphrase-file BESTAND. Er is niets "
                "veranderd."
            )
        passphrase = getpass.getpass(f"Wachtwoord van de sleutel {args.key}: ")
    request = connection_setup.ConnectionRequest(
        args.url, str(password), files, passphrase
    )
    connected = connection_setup.connect(location, keychain, request)
    print(
        f"Verbonden met de {connected.description} als {connected.login}. Casedesk werkt "
        "voortaan met deze server; terug naar de opslag op deze computer met: "
        "casedesk connect --local"
    )
    return 0


def cmd_server_upload(args: argparse.Namespace, location: StoreLocation) -> int:
    from casedesk.cli import command_keychain
    from casedesk.db.server import connection as server_connection
    from casedesk.db.server.choice import saved_address
    from casedesk.db.server.store import open_server_store, server_url
    from casedesk.db.store import open_store
    from casedesk.services import server_upload

    keychain = command_keychain()
    saved = saved_address(location)
    address = args.server or saved
    if address is None:
        raise KnownError(
            "Geef het adres van de regionale server met --server ADRES (uw eigen aanmelding "
            "als klantmanager). Er is niets veranderd."
        )
    url = server_url(address)  # refuses an unsafe address before asking a password
    if args.server is not None:
        password = url.password or _password(args.password_file, url.username or "", confirm=False)
    else:
        password = keychain.load_server_password(address) or ""
    nothing_sent = "Er is niets naar de server gestuurd."
    try:
        server = open_server_store(url, password)
    except KnownError as error:
        raise KnownError(f"{error} {nothing_sent}") from None
    with server:
        try:
            local = open_store(location, keychain)
        except KnownError as error:
            raise KnownError(
                f"De opslag op deze computer kan niet worden geopend: {error} {nothing_sent}"
            ) from None
        with local:
            plan = server_upload.plan_upload(local, server)
            if not args.yes:
                print(f"Proefrun: er verandert niets. Uploaden naar de {server.description} "
                      f"als {server.login}.")  # fmt: skip
                for line in server_upload.plan_lines(plan):
                    print(line)
                if plan.to_add:
                    print("Uploaden: dezelfde opdracht met --yes.")
                return 0
            for line in server_upload.plan_lines(plan, expected_numbers=False):
                print(line)
            result = server_upload.upload(
                local, server, plan,
                lambda here, there: print(f"dossier {here} staat op de server als {there}"),
            )  # fmt: skip
            store_file = local.location.store_file
    print(
        f"Klaar: {server_upload.dossier_count(len(result.added))} toegevoegd, "
        f"{len(plan.skipped)} overgeslagen (stond al op de server), "
        f"{len(plan.refused)} geweigerd."
    )
    print(
        f"De dossiers op deze computer zijn niet veranderd en blijven bewaard als reservekopie: "
        f"{store_file}; de gecontroleerde kopie van vóór het uploaden is {result.backup}."
    )
    if result.email_brought:
        print(f"Uw e-mailadres voor de actieplannen, {result.email_brought}, staat nu ook op "
              "de server.")  # fmt: skip
    if plan.refused:
        print(
            "Deze computer werkt nog met de eigen opslag, omdat niet alle dossiers op de server "
            "staan. Verbind pas als ze er zijn: casedesk connect "
            f"{server_connection.address_without_password(url.set(drivername='postgresql'))}",
            file=sys.stderr,
        )
        return 1
    if saved == server_connection.address_without_password(url):
        print("Deze computer werkt al met deze server.")
        return 0
    with server_connection.connect(location, keychain, address, str(password)) as store:
        print(
            f"Casedesk werkt voortaan met de {store.description} als {store.login}; terug naar "
            "de opslag op deze computer met: casedesk connect --local"
        )
    return 0


def _password(path: Path | None, login: str, *, confirm: bool = True) -> str:
    if path is not None:
        return _secret_from_file(path, "wachtwoordbestand")
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    if not confirm:
        return getpass.getpass(f"Wachtwoord van {login}: ")
    first = getpass.getpass(f"Nieuw wachtwoord voor {login}: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise KnownError("De twee wachtwoorden zijn niet gelijk. Er is niets veranderd.")
    return first


def _secret_from_file(path: Path, what: str) -> str:
    """The first line of a file holding a password."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise KnownError(
            f"Het {what} {path} kan niet worden gelezen: {os_error_reason(error)}. Er is niets "
            "veranderd."
        ) from None
    except UnicodeDecodeError:
        raise KnownError(
            f"Het {what} {path} is geen tekstbestand (UTF-8). Er is niets veranderd."
        ) from None
    return lines[0] if lines else ""

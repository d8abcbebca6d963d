"""The regional store: the same schema and services on a shared PostgreSQL server.

What keeps a municipality's dossiers apart lives in the server (row-level security,
migration 0017); this module only connects safely and refuses a connection that would
step around it:

- a server elsewhere than this computer only over TLS that checks the server's name
  (``sslmode=verify-full``): a password or a dossier never crosses a network in clear,
  and a stranger's server cannot pose as the region's;
- never as a superuser, a BYPASSRLS role or (a member of) the tables' owner: the policies
  would not hold for them;
- never on a schema older or newer than this app's (the administrator migrates with
  ``casedesk server setup``).

Unlike the SQLite store, a transaction here is not sealed into the audit hash chain and
advances no commit mark: the caseworkers' role may not change audit events at all, and
the server stamps each event with its own clock and the login (migration 0016).
"""

import ipaddress
import select
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import sqlalchemy.exc
from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from casedesk.db import migrate
from casedesk.db.changed_meanwhile import ChangedMeanwhileError
from casedesk.db.server import search as search_postgres
from casedesk.db.server.choice import NO_CERTIFICATE, CertificateFiles
from casedesk.db.server.client_certificate import (
    certificate_refusal,
    check_files,
    connect_parameters,
)
from casedesk.db.server.coordinator_session import AGGREGATES_ONLY, login_is_coordinator
from casedesk.errors import KnownError

DRIVER = "postgresql+psycopg"
CONNECT_TIMEOUT_SECONDS = 10
NETWORK_TIMEOUT_SECONDS = 20
"""How long a connection whose network went silent (a laptop off the Wi-Fi) may keep a
call waiting before libpq gives it up: without it, TCP would wait a quarter of an hour."""


class ServerConnectionError(KnownError):
    """The server cannot be reached, or refuses the login."""


CONNECTION_LOST_TEXT = (
    "De verbinding met de regionale server is weggevallen. Casedesk probeert steeds "
    "opnieuw verbinding te maken; probeer het zo nog eens."
)
CHANGE_NOT_SAVED_TEXT = (
    "De verbinding met de regionale server is verbroken; de laatste wijziging is niet "
    "opgeslagen. Controleer het netwerk en probeer het opnieuw."
)


class ServerRefusedError(KnownError):
    """The server's rights or policies refused a change (another municipality's row, or
    a table only the administrator may change)."""


_INSUFFICIENT_PRIVILEGE = "42501"


class CoordinatorRefusedError(KnownError):
    """A coordinator's login asked for what only a caseworker's may see or do."""

    def __init__(self) -> None:
        super().__init__(
            "U bent aangemeld als coördinator van de regio: u ziet de cijfers van de regio "
            "(Rapportage) en beheert de catalogus, maar geen dossiers. Meld u aan als "
            "klantmanager om met dossiers te werken."
        )


def _coordinator_refused(context: ExceptionContext) -> None:
    """The server refused a coordinator a table of dossiers: said so, never a crash."""
    if getattr(context.original_exception, "sqlstate", None) == _INSUFFICIENT_PRIVILEGE:
        raise CoordinatorRefusedError()


class UnsafeServerError(KnownError):
    """The address or the login would bypass what keeps municipalities apart."""


def server_url(address: str) -> URL:
    """The SQLAlchemy URL of a server address (``postgresql://…``), checked for safety.

    Raises:
        UnsafeServerError: not a PostgreSQL address, or a server elsewhere without
            ``sslmode=verify-full``.
    """
    try:
        url = make_url(address)
    except sqlalchemy.exc.ArgumentError:
        url = None
    if url is None or url.get_backend_name() != "postgresql":
        raise UnsafeServerError(
            "Dit is geen adres van een PostgreSQL-server. Geef het adres zoals uw beheerder "
            "het gaf, bijvoorbeeld postgresql://kim@server.regio.nl/casedesk?sslmode=verify-full."
        )
    url = url.set(drivername=DRIVER)
    if not is_on_this_computer(url) and url.query.get("sslmode") != "verify-full":
        raise UnsafeServerError(
            f"De server {url.host} staat niet op deze computer, en de verbinding is dan "
            "alleen veilig met een versleutelde verbinding die de naam van de server "
            "controleert. Zet ?sslmode=verify-full achter het adres (en zorg dat het "
            "certificaat van de regio op deze computer staat). Er is geen verbinding gemaakt."
        )
    return url


def is_on_this_computer(url: URL) -> bool:
    """Whether the server is reached over a local socket or a loopback address only."""
    host = url.query.get("host", url.host)
    hosts = [host] if isinstance(host, str) or host is None else list(host)
    return all(_is_local_host(one) for one in hosts)


def _is_local_host(host: str | None) -> bool:
    if not host or host.startswith("/") or host == "localhost":
        return True  # a Unix socket (libpq's default when no host is given)
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_server_engine(
    url: URL, files: CertificateFiles = NO_CERTIFICATE, key_passphrase: str | None = None
) -> Engine:
    """An engine on the server; ``files``: a client certificate, its key and the region's
    root certificate, checked first (``client_certificate.check_files``)."""
    check_files(files, key_passphrase)
    engine = create_engine(
        url,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            "application_name": "casedesk",
            # Unanswered data and a silent idle connection both end the connection:
            # the caseworker sees "geen verbinding" instead of a window that hangs.
            "tcp_user_timeout": NETWORK_TIMEOUT_SECONDS * 1000,
            "keepalives": 1,
            "keepalives_idle": NETWORK_TIMEOUT_SECONDS // 2,
            "keepalives_interval": NETWORK_TIMEOUT_SECONDS // 8,
            "keepalives_count": 3,
            # Beside the URL, not in it: the key's passphrase never shows in a printed URL.
            **connect_parameters(files, key_passphrase),
        },
    )
    event.listen(engine, "checkout", _refuse_an_ended_connection)
    return engine


def _refuse_an_ended_connection(dbapi_connection: Any, _record: object, _proxy: object) -> None:
    """A pooled connection the server ended meanwhile (a restart, a terminated backend)
    is replaced before use, without a word, as ``pool_pre_ping`` would, but without its
    round trip: every keystroke's search checks out a connection, and a round trip costs
    the most when fifty caseworkers share the server. The server says so on the socket
    when it ends a connection; an idle connection of casedesk's is sent nothing else (it
    listens to no notifications), so one with anything to read is given up, and the pool
    makes a new one. A connection cut silently fails at its next statement after the
    network timeout, as it did after a ping, and the connection watch then says so."""
    ready, _, _ = select.select([dbapi_connection.pgconn.socket], [], [], 0)
    if ready:
        raise sqlalchemy.exc.DisconnectionError()


class ConnectionWatch:
    """Whether the server answers, as the last call or check found; tells its listeners
    when that changes (``listener(True)``: answering again).

    Listeners may be called from any thread: the app's periodic check runs in its own.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lost = False
        self._listeners: list[Callable[[bool], None]] = []

    @property
    def lost(self) -> bool:
        return self._lost

    def listen(self, listener: Callable[[bool], None]) -> None:
        with self._lock:
            self._listeners.append(listener)

    def failed(self) -> None:
        self._set(lost=True)

    def answered(self) -> None:
        self._set(lost=False)

    def _set(self, *, lost: bool) -> None:
        with self._lock:
            if self._lost == lost:
                return
            self._lost = lost
            listeners = list(self._listeners)
        for listener in listeners:
            listener(not lost)

    def follow(self, engine: Engine) -> None:
        """Learns from every call on ``engine``, once it is open: a connection that broke
        or could not be made means lost, and the call raises ``ServerConnectionError``
        (Dutch, without the driver's text, which may quote SQL parameters); a new
        connection made means answering."""
        event.listen(engine, "handle_error", self._on_error)
        event.listen(engine, "connect", lambda _connection, _record: self.answered())

    def _on_error(self, context: ExceptionContext) -> ServerConnectionError | None:
        if context.is_pre_ping:
            return None  # a stale pooled connection: the pool makes a new one, which tells
        made_none = context.connection is None and isinstance(
            context.sqlalchemy_exception, sqlalchemy.exc.OperationalError
        )
        if not (context.is_disconnect or made_none):
            return None
        self.failed()
        # SQLAlchemy still invalidates the broken connection, then raises this instead.
        return ServerConnectionError(CONNECTION_LOST_TEXT)


def login_problems(connection: Connection) -> list[str]:
    """Why this login must not work in the app (Dutch), or nothing."""
    row = connection.execute(
        text("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = session_user")
    ).one()
    problems = []
    if row.rolsuper:
        problems.append("deze gebruiker is een beheerder van de hele server (superuser)")
    if row.rolbypassrls:
        problems.append("deze gebruiker mag de afscherming per gemeente omzeilen (BYPASSRLS)")
    owns = connection.scalar(
        text(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v') "
            "AND pg_has_role(session_user, c.relowner, 'MEMBER')"
        )
    )
    if owns:
        problems.append("deze gebruiker is eigenaar van de tabellen (de beheerdersrol)")
    return problems


def connect_checked(engine: Engine, address_for_messages: str) -> Connection:
    """A first connection, with the server's refusals said in Dutch."""
    try:
        return engine.connect()
    except sqlalchemy.exc.OperationalError as error:
        refusal = certificate_refusal(_first_lines(error))
        if refusal is not None:
            raise ServerConnectionError(
                f"De regionale server {address_for_messages} weigert de verbinding: "
                f"{refusal}. Er is niets veranderd."
            ) from None
        raise ServerConnectionError(
            f"Casedesk kan de regionale server {address_for_messages} niet bereiken of de "
            f"server weigert de aanmelding ({_reason(error)}). Controleer het adres, de "
            "gebruikersnaam en het wachtwoord, en of het netwerk werkt."
        ) from None


def _first_lines(error: sqlalchemy.exc.OperationalError) -> str:
    return " ".join(str(error.orig).strip().splitlines()[:2]) if error.orig else ""


def _reason(error: sqlalchemy.exc.OperationalError) -> str:
    message = str(error.orig).strip().splitlines()[0] if error.orig else ""
    if "password authentication failed" in message:
        return "wachtwoord of gebruikersnaam klopt niet"
    if "does not exist" in message:
        return "de gebruiker of de database bestaat niet"
    if "timeout" in message or "Connection refused" in message:
        return "geen antwoord"
    if "certificate" in message or "SSL" in message:
        return "het certificaat van de server klopt niet of ontbreekt"
    return "de server gaf een foutmelding"


def describe(url: URL) -> str:
    """Where the store is, for the status bar: database and server, never the password."""
    return f"regionale server {url.host or 'op deze computer'}, database {url.database}"


@dataclass(eq=False)
class ServerStore:
    """An open regional store; the same ``session()`` and ``transaction()`` as ``Store``.

    Attributes:
        url: the address, without its password when printed (SQLAlchemy hides it).
        engine: the engine on the server, as the caseworker's own login.
        login: the login the server authenticated (``session_user``).
        coordinator: the server lets this login read the region's figures and keep its
            catalog, never a dossier (``db/server/coordinator_session.py``).
    """

    url: URL
    engine: Engine
    login: str
    warning: str | None = None
    coordinator: bool = False
    connection: ConnectionWatch = field(default_factory=ConnectionWatch)
    """Whether the server answers; every call on the engine tells it."""
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _readings: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        info = {AGGREGATES_ONLY: self.coordinator}
        self._sessions = sessionmaker(self.engine, expire_on_commit=False, info=info)
        # A reading needs no transaction of its own: under READ COMMITTED each statement
        # sees what was committed when it began, inside a transaction or not, and the
        # BEGIN and ROLLBACK around it were two of the four round trips of a keystroke's
        # search. It must not write, since that would be committed at once.
        reading = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._readings = sessionmaker(reading, expire_on_commit=False, info=info)
        event.listen(self._readings, "before_flush", _refuse_to_write)
        event.listen(self._readings, "do_orm_execute", _refuse_to_change)
        if self.coordinator:
            event.listen(self.engine, "handle_error", _coordinator_refused)
        search_postgres.keep_search_text_current(self._sessions)
        self.connection.follow(self.engine)

    @property
    def description(self) -> str:
        return describe(self.url)

    def session(self) -> Session:
        """A session for reading (``with store.session() as session:``); never commits,
        and refuses to write (``transaction()`` is for that)."""
        return self._readings()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: commits at the end, rolls back on an exception."""
        try:
            with self._sessions.begin() as session:
                yield session
                session.flush()
                search_postgres.write_search_texts(session)
        except (sqlalchemy.exc.OperationalError, ServerConnectionError):
            # The text may hold the SQL parameters (names): never shown.
            raise ServerConnectionError(CHANGE_NOT_SAVED_TEXT) from None
        except StaleDataError:
            raise ChangedMeanwhileError() from None
        except sqlalchemy.exc.ProgrammingError as error:
            if getattr(error.orig, "sqlstate", None) != _INSUFFICIENT_PRIVILEGE:
                raise
            raise ServerRefusedError(
                "De regionale server staat deze wijziging niet toe: ze hoort bij een gemeente "
                "waarvoor uw aanmelding geen toegang geeft, of is werk voor de beheerder (de "
                "catalogus, de gemeentetabel en de instellingen van de regio). Er is niets "
                "opgeslagen. Vraag uw beheerder om hulp als u dit wel zou moeten kunnen."
            ) from None

    def check_connection(self) -> bool:
        """Whether the server answers now (a round trip on a pooled connection); the
        app's periodic check, also when nothing else is asked of the server."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except (sqlalchemy.exc.OperationalError, ServerConnectionError):
            self.connection.failed()  # also when the pool's reconnect gave no error event
            return False
        self.connection.answered()
        return True

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "ServerStore":
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class ReadingWritesError(RuntimeError):
    """A bug: a use case wrote in a session for reading (``ServerStore.session()``)."""

    def __init__(self) -> None:
        super().__init__("a reading session does not write: use store.transaction()")


def _refuse_to_write(*_: object) -> None:
    raise ReadingWritesError()


def _refuse_to_change(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadingWritesError()


def open_server_store(
    address: str | URL,
    password: str | None = None,
    files: CertificateFiles = NO_CERTIFICATE,
    key_passphrase: str | None = None,
) -> ServerStore:
    """Connects as a caseworker's login; refuses what would step around the policies.
    ``files`` and ``key_passphrase``: a client certificate, for a server that asks one.

    Raises:
        CertificateFileError: a certificate file that is missing or cannot be used.
        UnsafeServerError: an unsafe address, or a superuser, BYPASSRLS or owner login.
        ServerConnectionError: the server cannot be reached or refuses the login.
        KnownError: the server's schema is not this app's.
    """
    url = server_url(address) if isinstance(address, str) else address
    if password is not None:
        url = url.set(password=password)
    engine = create_server_engine(url, files, key_passphrase)
    try:
        with connect_checked(engine, url.host or "op deze computer") as connection:
            problems = login_problems(connection)
            if problems:
                raise UnsafeServerError(
                    f"Casedesk werkt niet met de gebruiker {url.username}: "
                    f"{'; '.join(problems)}. Zo gelden de afspraken over wie welke dossiers "
                    "ziet niet. Meld u aan met uw eigen gebruikersnaam als klantmanager "
                    "(uw beheerder maakt die met `casedesk server add-caseworker`)."
                )
            refuse_other_schema(connection)
            login = str(connection.scalar(text("SELECT session_user")))
            coordinator = login_is_coordinator(connection)
    except BaseException:
        engine.dispose()
        raise
    return ServerStore(url, engine, login, coordinator=coordinator)


def refuse_other_schema(connection: Connection) -> None:
    revision = migrate.database_revision(connection)
    if revision == migrate.head_revision():
        return
    if revision in migrate.known_revisions():
        what = "een oudere versie van casedesk"
    elif revision is None:
        what = "nog geen casedesk-gegevens (de server is niet ingericht)"
    else:
        what = "een nieuwere versie van casedesk"
    raise KnownError(
        f"De database op de regionale server hoort bij {what}. Vraag uw beheerder om "
        "`casedesk server setup` uit te voeren met deze versie van casedesk, of installeer "
        "de versie die bij de server hoort. Er is niets veranderd."
    )

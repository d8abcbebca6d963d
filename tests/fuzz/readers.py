"""Each reader called on one hostile input: accepted, refused in Dutch, or a crash (a bug)."""

from collections.abc import Callable

from casedesk.errors import KnownError
from tests.fuzz.dutch import english_in
from tests.fuzz.tally import tally


def read_hostile(
    reader: str,
    call: Callable[[], object],
    state: Callable[[], object] | None = None,
    given: bytes | str = "",
) -> None:
    """Call ``reader`` once; a refusal must be Dutch and, when ``state`` is given, leave the
    state it returns unchanged. Anything but a KnownError is counted as a crash and raised.

    ``given`` is the input: a message may quote it back (“Gevonden: ERROR”), so English
    that is in the input itself does not count against the message.
    """
    counts = tally(reader)
    before = state() if state is not None else None
    try:
        call()
    except KnownError as refusal:
        counts.count("refused")
        message = str(refusal)
        assert message.strip(), f"{reader}: a refusal without a message"
        echoed = given.decode("utf-8", "replace") if isinstance(given, bytes) else given
        assert not english_in(message, echoed), f"{reader}: English in {message!r}"
        if state is not None:
            assert state() == before, f"{reader}: a refused input changed what is stored"
        return
    except BaseException:
        counts.count("crashed")
        raise
    counts.count("accepted")

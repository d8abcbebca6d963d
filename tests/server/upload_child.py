"""``casedesk server upload`` in a second process that is killed inside a dossier.

Run as ``python -m tests.server.upload_child KILL_AT ARG…`` from the repository root: it
runs ``casedesk ARG…`` and SIGKILLs itself inside the KILL_AT-th dossier's transaction,
after its rows were written and before its commit (``services/server_upload.py``'s
failpoint), as a power cut or a closed laptop lid would.
"""

import os
import signal
import sys


def main(kill_at: int, argv: list[str]) -> None:
    from casedesk.cli import main as casedesk
    from casedesk.db import steps
    from casedesk.services.server_upload import WRITTEN_STEP

    written = 0

    def hook(step: str) -> None:
        nonlocal written
        if step == WRITTEN_STEP:
            written += 1
            if written == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    steps.set_hook(hook)
    raise SystemExit(casedesk(argv))


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2:])

"""``python -m casedesk``: the same as the ``casedesk`` command."""

from casedesk.cli import run

run()

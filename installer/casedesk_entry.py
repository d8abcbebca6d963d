"""The bundle's entry point: the same as the ``casedesk`` command."""

from casedesk.cli import run

run()

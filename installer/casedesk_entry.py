"""The bundle's entry point: the same as the ``casedesk`` command."""

import sys

from casedesk.cli import main

sys.exit(main())

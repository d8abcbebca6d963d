"""``python -m casedesk``: the same as the ``casedesk`` command."""

import sys

from casedesk.cli import main

sys.exit(main())

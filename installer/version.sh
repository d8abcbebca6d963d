#!/usr/bin/env bash
# Prints casedesk's version from its one place, src/casedesk/__init__.py (hatch reads it too).
set -euo pipefail
sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$(dirname "$0")/../src/casedesk/__init__.py"

"""Matching what a caseworker types against names: the search's own fold, for completers.

One fold for the whole app (``domain/folding.py``), so a completer and the case search
find a name by the same spellings.
"""

from casedesk.domain.folding import fold

__all__ = ["fold"]

"""casedesk: the desk application of a Dutch municipal zelfstandigenloket."""

__version__ = "0.1.0"

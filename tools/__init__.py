"""Development tools, kept out of the shipped ``casedesk`` package (wheel and bundle)."""

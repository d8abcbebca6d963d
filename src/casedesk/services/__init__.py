"""Use cases shared by the UI and the command line; each runs in one transaction."""

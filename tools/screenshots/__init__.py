"""Renders the app's screens and sample plans to PNG files for review (``make screenshots``).

``python -m tools.screenshots OUTDIR`` — offscreen, at 1366x768, with made-up data. Not part
of the shipped package: nothing under ``casedesk`` imports it.
"""

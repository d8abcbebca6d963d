"""Rapportage: the regional report."""

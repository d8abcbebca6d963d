"""Tests of the regional report."""

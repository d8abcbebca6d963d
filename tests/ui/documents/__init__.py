"""Tests of the plan preview, the documents tab and printing."""

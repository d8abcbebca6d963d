"""Tests of the catalog manager."""

"""Tests of the first start and the settings."""

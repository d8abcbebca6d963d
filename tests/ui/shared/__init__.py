"""Tests of the parts every screen shares."""

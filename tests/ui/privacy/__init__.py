"""Tests of the audit log and the purge."""

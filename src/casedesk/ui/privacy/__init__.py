"""For the privacy officer: the audit log and the purge after the retention period."""

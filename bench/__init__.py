"""Benchmarks: `make bench` prints one table. Figures, not pass/fail tests."""

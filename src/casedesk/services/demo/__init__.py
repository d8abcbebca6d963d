"""Demo stores: synthetic dossiers for demonstrations, screenshots and benchmarks, and
casework on some of them through the real services."""

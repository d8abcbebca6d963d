"""Tests of the development tools beside the package (tools/)."""

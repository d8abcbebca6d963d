"""Tests of the Vandaag page."""

"""Tests of the intake window, its steps and models."""

"""Tests of the dossier view and its dialogs."""

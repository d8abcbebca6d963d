"""Catalogus › Beheren… and the preview of a catalog file before import."""

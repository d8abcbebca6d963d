"""The action plan's preview, the dossier's stored documents, and printing."""

"""The dossier view of one case, with its referral and closing dialogs."""

"""The Vandaag page: the follow-ups that are due."""

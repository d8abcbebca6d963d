"""Rendering of the action plan and referral letters with reportlab. No Qt."""

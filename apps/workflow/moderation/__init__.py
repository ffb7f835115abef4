"""Moderation in the admin: the workflow views, the dashboard, snippet
translation review, panels and the translation status."""

"""Tests of apps/workflow/moderation/."""

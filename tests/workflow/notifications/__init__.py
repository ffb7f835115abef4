"""Tests of apps/workflow/notifications/."""

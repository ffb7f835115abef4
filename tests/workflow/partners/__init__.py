"""Tests of apps/workflow/partners/."""

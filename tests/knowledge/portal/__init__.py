"""Tests of apps/knowledge/portal/."""

"""Tests of apps/knowledge/admin/."""

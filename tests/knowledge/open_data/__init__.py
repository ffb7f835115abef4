"""Tests of apps/knowledge/open_data/."""

"""Tests of apps/knowledge/search/."""

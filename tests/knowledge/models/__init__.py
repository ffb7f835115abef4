"""Tests of apps/knowledge/models/."""

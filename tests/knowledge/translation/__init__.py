"""Tests of apps/knowledge/translation/."""

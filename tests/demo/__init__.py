"""Tests of apps/demo/."""

"""Tests of apps/security/."""

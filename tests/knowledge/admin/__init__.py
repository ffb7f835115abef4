"""Tests of apps/knowledge/admin/.

Style: Django TestCase classes.
"""

"""Tests of apps/knowledge/models/.

Style: Django TestCase classes.
"""

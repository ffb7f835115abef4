"""Tests of apps/knowledge/open_data/.

Style: Django TestCase classes.
"""

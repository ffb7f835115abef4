"""Tests of apps/knowledge/translation/.

Style: Django TestCase classes.
"""

"""Tests of apps/demo/.

Style: Django TestCase classes.
"""

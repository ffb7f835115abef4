"""Tests of apps/workflow/moderation/.

Style: Django TestCase classes.
"""

"""Tests of apps/workflow/; factories.py builds its portals and partners.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

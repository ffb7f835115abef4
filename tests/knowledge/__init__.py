"""Tests of apps/knowledge/; factories.py builds its content.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

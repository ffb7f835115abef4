"""Tests of apps/knowledge/portal/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

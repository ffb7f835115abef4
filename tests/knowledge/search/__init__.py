"""Tests of apps/knowledge/search/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

"""Tests of apps/security/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

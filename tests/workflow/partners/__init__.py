"""Tests of apps/workflow/partners/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

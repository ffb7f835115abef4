"""Tests of apps/workflow/notifications/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

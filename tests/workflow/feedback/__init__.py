"""Tests of apps/workflow/feedback/.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

"""Browser tests of the demo site (Playwright); helpers in conftest.py.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

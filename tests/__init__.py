"""The tests: tests/ mirrors apps/ folder by folder; data comes from the
factories (factories.py, with Traits for states), fixtures from the conftest.py of
the folder whose tests use them.

Style: pytest (test functions; plain classes where tests share setUpTestData).
"""

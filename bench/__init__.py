"""Benchmarks (``make bench``); bench.settings and bench.urls serve bench/load.py."""

"""Benchmarks: commands that print figures (`make bench`)."""

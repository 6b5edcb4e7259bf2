"""Benchmarks: a synthetic authority at a chosen scale, and the timing of builds against plain mkdocs."""

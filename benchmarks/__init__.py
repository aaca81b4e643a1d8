"""Performance benchmarks of lessonkit, each figure against a baseline measured in the same run.

Run ``make bench`` (full) or ``python -m benchmarks --quick`` (a smoke run); see
docs/performance.md for the latest table and what each part measures.
"""

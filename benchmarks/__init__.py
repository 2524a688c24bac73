"""Benchmarks: scripts that print numbers, run by hand (never timed assertions in tests)."""

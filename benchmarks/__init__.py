"""The benchmark harness of issue 6: a corpus generator, a runner and a profiler (scripts, not timed tests)."""

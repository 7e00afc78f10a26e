#!/usr/bin/env python3
"""Tests of bench/check_targets.py (the table behind scripts/check-targets.sh) on hand-made
Google Benchmark JSON: a target passes only when median and p95 are within it, the exit status
follows the documented rule, and the 2-thread scaling goal is met, missed, or flagged as a
disturbed run when the ratio exceeds the thread count."""

import contextlib
import io
import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import check_targets  # noqa: E402


def entry(name, p50, p95, **extra):
    e = {"name": name, "run_name": name, "run_type": "iteration", "p50_ms": p50, "p95_ms": p95}
    e.update(extra)
    return e


def large(threads, ms):
    name = "batch_large/auto/series:100/threads:%d/iterations:1/repeats:1/real_time" % threads
    return entry(name, ms, ms, series=100.0)


class CheckTargets(unittest.TestCase):
    def run_tool(self, benchmarks, *flags):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "results.json")
            with open(path, "w") as f:
                json.dump({"context": {}, "benchmarks": benchmarks}, f)
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                status = check_targets.main(list(flags) + [path])
        return status, out.getvalue()

    def row(self, text, start):
        return next(line for line in text.splitlines() if line.startswith(start))

    def test_target_pass_and_fail(self):
        # Moving average target 45 ms: 0.45 ms is 100x (PASS, goal met); 50 ms fails.
        status, text = self.run_tool([entry("algo/moving_average", 0.45, 0.5)])
        self.assertEqual(status, 0)
        row = self.row(text, "moving average (180 d, h 90)")
        self.assertIn("PASS", row)
        self.assertIn("100x", row)
        self.assertIn("met (>= 100x)", row)
        status, text = self.run_tool([entry("algo/moving_average", 50.0, 60.0)])
        self.assertEqual(status, 1)
        self.assertIn("FAIL", self.row(text, "moving average (180 d, h 90)"))

    def test_p95_over_target_fails(self):
        # Median within the 45 ms target, p95 above it: FAIL.
        status, text = self.run_tool([entry("algo/moving_average", 10.0, 46.0)])
        self.assertEqual(status, 1)
        self.assertIn("FAIL", self.row(text, "moving average (180 d, h 90)"))

    def test_goal_miss_exits_non_zero_only_with_strict(self):
        # 1 ms against 45 ms is 45x: target met, our 100x goal missed.
        benchmarks = [entry("algo/moving_average", 1.0, 1.0)]
        self.assertEqual(self.run_tool(benchmarks)[0], 0)
        self.assertEqual(self.run_tool(benchmarks, "--strict")[0], 1)

    def test_scaling(self):
        cases = [(1000.0, 500.0, "2.00x", "met"), (1000.0, 600.0, "1.67x", "MISSED"),
                 (1000.0, 555.0, "1.80x", "met"),
                 (1000.0, 430.0, "2.33x", "UNRELIABLE (> 2.04x, disturbed run)"),
                 (1000.0, 491.0, "2.04x", "met")]
        for t1, t2, ratio, verdict in cases:
            status, text = self.run_tool([large(1, t1), large(2, t2)], "--strict")
            row = self.row(text, "batch_large/auto/series:100: 1 -> 2 threads")
            self.assertIn(ratio, row)
            self.assertTrue(row.rstrip().endswith(verdict), row)
            # 100 series in t1 ms: series per second printed in the goal's name.
            self.assertIn("(%.0f / %.0f series/s)" % (1e5 / t1, 1e5 / t2), row)
            self.assertEqual(status, 0 if verdict == "met" else 1)


if __name__ == "__main__":
    unittest.main()

"""statsmodels' side of the peer comparison (same protocol as run_r.R).

Reads meta.csv and values.csv, fits each method on the training part of each series,
forecasts the held-out horizon with a 95 % interval where statsmodels offers one, and times
fit + forecast. Writes sm_forecasts.csv and sm_timings.csv.
    python3 run_statsmodels.py <dir> [min_seconds]

statsmodels has no automatic ETS selection: "ets_auto" fits the same candidate set as R's
ets (error A/M, trend N/A/Ad, season N/A/M, M error only for positive data, no A error with
M season, season only when m > 1 and at least two seasons of data) with ETSModel and keeps
the lowest AICc. Croston is not in statsmodels.
"""
import csv
import math
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.holtwinters import ExponentialSmoothing

warnings.filterwarnings("ignore")


def read_inputs(folder):
    with open(os.path.join(folder, "meta.csv"), newline="") as f:
        meta = list(csv.DictReader(f))
    values = {}
    with open(os.path.join(folder, "values.csv"), newline="") as f:
        for row in csv.DictReader(f):
            values.setdefault(row["series"], []).append(float(row["value"]))
    return meta, values


def ets_forecast(y, h, error, trend, damped, season, m):
    model = ETSModel(y, error=error, trend=trend, damped_trend=damped, seasonal=season,
                     seasonal_periods=m if season else None)
    fit = model.fit(disp=False)
    frame = fit.get_prediction(start=len(y), end=len(y) + h - 1).summary_frame(alpha=0.05)
    return fit, (frame["mean"].to_numpy(), frame["pi_lower"].to_numpy(),
                 frame["pi_upper"].to_numpy())


def code(error, trend, damped, season):
    t = "N" if trend is None else ("Ad" if damped else "A")
    return "ETS(%s,%s,%s)" % (error[0].upper(), t, "N" if season is None else season[0].upper())


def ets_auto(y, h, m):
    positive = bool(np.all(y > 0))
    seasonal = m > 1 and len(y) >= 2 * m
    best = None
    for error in (["add", "mul"] if positive else ["add"]):
        for trend, damped in ((None, False), ("add", False), ("add", True)):
            for season in ([None, "add", "mul"] if seasonal else [None]):
                if season == "mul" and (error == "add" or not positive):
                    continue
                try:
                    fit = ETSModel(y, error=error, trend=trend, damped_trend=damped,
                                   seasonal=season,
                                   seasonal_periods=m if season else None).fit(disp=False)
                except Exception:  # a candidate that fails is skipped, as in R
                    continue
                if not math.isfinite(fit.aicc):
                    continue
                if best is None or fit.aicc < best[0]:
                    best = (fit.aicc, fit, code(error, trend, damped, season))
    _, fit, name = best
    frame = fit.get_prediction(start=len(y), end=len(y) + h - 1).summary_frame(alpha=0.05)
    return (frame["mean"].to_numpy(), frame["pi_lower"].to_numpy(),
            frame["pi_upper"].to_numpy()), name


def run_ets_auto(y, h, m):
    return ets_auto(y, h, m)


def run_ets_fixed(error, trend, damped, season):
    def run(y, h, m):
        _, out = ets_forecast(y, h, error, trend, damped, season, m)
        return out, code(error, trend, damped, season)
    return run


def run_holtwinters(y, h, m):
    fit = ExponentialSmoothing(y, trend="add", seasonal="add", seasonal_periods=m).fit()
    mean = fit.forecast(h).to_numpy()
    nan = np.full(h, np.nan)
    return (mean, nan, nan), "ExponentialSmoothing(add, add)"


METHODS = [
    ("ets_auto", lambda kind, m: True, run_ets_auto),
    ("hw_additive", lambda kind, m: m > 1, run_ets_fixed("add", "add", False, "add")),
    ("holtwinters_stats", lambda kind, m: m > 1, run_holtwinters),
    ("ses", lambda kind, m: True, run_ets_fixed("add", None, False, None)),
    ("holt", lambda kind, m: True, run_ets_fixed("add", "add", False, None)),
]


def time_it(fn, min_seconds):
    reps = 0
    t0 = time.perf_counter()
    while True:
        result = fn()
        reps += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= min_seconds:
            return result, elapsed / reps, reps


def main():
    folder = sys.argv[1]
    min_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.05
    only = set(sys.argv[3].split(",")) if len(sys.argv) > 3 else None
    meta, values = read_inputs(folder)
    fc_rows, tm_rows = [], []
    for s in meta:
        m, n_train, h = int(s["m"]), int(s["n_train"]), int(s["h"])
        y = pd.Series(np.asarray(values[s["series"]][:n_train], dtype=float))
        for name, applies, run in METHODS:
            if (only and name not in only) or not applies(s["kind"], m):
                continue
            try:
                (out, model), seconds, reps = time_it(lambda: run(y, h, m), min_seconds)
            except Exception as e:  # reported as a failure of this peer on this series
                tm_rows.append(["statsmodels", name, s["series"], "", 0,
                                str(e).replace(",", ";")[:80]])
                continue
            mean, lo, hi = out
            for step in range(h):
                fc_rows.append(["statsmodels", name, s["series"], step + 1, repr(float(mean[step])),
                                "" if np.isnan(lo[step]) else repr(float(lo[step])),
                                "" if np.isnan(hi[step]) else repr(float(hi[step]))])
            tm_rows.append(["statsmodels", name, s["series"], repr(seconds), reps,
                            model.replace(",", ";")])
    with open(os.path.join(folder, "sm_forecasts.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["peer", "method", "series", "step", "mean", "lo95", "hi95"])
        w.writerows(fc_rows)
    with open(os.path.join(folder, "sm_timings.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["peer", "method", "series", "seconds", "reps", "model"])
        w.writerows(tm_rows)
    with open(os.path.join(folder, "sm_version.txt"), "w") as f:
        f.write("statsmodels %s, numpy %s, Python %s\n" % (
            statsmodels.__version__, np.__version__, sys.version.split()[0]))


if __name__ == "__main__":
    main()

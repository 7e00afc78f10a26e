"""Scores the peer comparison: reads meta.csv, values.csv and <peer>_forecasts.csv /
<peer>_timings.csv from a directory and prints, per method and peer, the time per series
(fit + forecast), its ratio to invforecast, and hold-out accuracy.
    python3 score.py <dir> [--markdown]

Accuracy, on the held-out tail of each series (e = actual - forecast, h steps):
  MASE  = mean|e| / mean|y_t - y_{t-m}| over the training data (m = 1 when non-seasonal)
  sMAPE = 200/h * sum |e| / (|y| + |yhat|)   (a term with y = yhat = 0 counts 0)
  RMSSE = sqrt(mean e^2 / mean (y_t - y_{t-1})^2 over the training data from its first
          non-zero value)
  cov95 = share of held-out points inside the 95 % interval (nominal 95 %)
MASE, sMAPE, RMSSE, cov95 are means ("MASE med" the median: one exploding forecast moves
the mean a lot) over the series every peer of that method completed, so each row of a
method is scored on the same series. "x ours" is the median over those series of
(peer time / invforecast time) for the same series.
"""
import csv
import glob
import math
import os
import statistics
import sys

OURS = "invforecast"
PEER_ORDER = [OURS, "R", "statsmodels"]


def read_csv(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def load(folder):
    meta = {r["series"]: r for r in read_csv(os.path.join(folder, "meta.csv"))}
    values = {}
    for r in read_csv(os.path.join(folder, "values.csv")):
        values.setdefault(r["series"], []).append(float(r["value"]))
    forecasts, timings, models = {}, {}, {}
    for path in glob.glob(os.path.join(folder, "*_forecasts.csv")):
        for r in read_csv(path):
            key = (r["peer"], r["method"], r["series"])
            lo = float(r["lo95"]) if r["lo95"] not in ("", "NA") else None
            hi = float(r["hi95"]) if r["hi95"] not in ("", "NA") else None
            forecasts.setdefault(key, []).append((int(r["step"]), float(r["mean"]), lo, hi))
    for path in glob.glob(os.path.join(folder, "*_timings.csv")):
        for r in read_csv(path):
            key = (r["peer"], r["method"], r["series"])
            if r["seconds"] not in ("", "NA"):
                timings[key] = float(r["seconds"])
            models[key] = r["model"]
    return meta, values, forecasts, timings, models


def scores(meta, values, fc):
    m, n, h = int(meta["m"]), int(meta["n_train"]), int(meta["h"])
    y = values[:n]
    test = values[n:n + h]
    fc = sorted(fc)
    mean = [f[1] for f in fc]
    err = [a - f for a, f in zip(test, mean)]
    lag = m if n > m else 1
    naive = [abs(y[t] - y[t - lag]) for t in range(lag, n)]
    scale = sum(naive) / len(naive)
    first = next((i for i, v in enumerate(y) if v != 0), 0)
    d2 = [(y[t] - y[t - 1]) ** 2 for t in range(first + 1, n)]
    scale2 = sum(d2) / len(d2) if d2 else 0.0
    mae = sum(abs(e) for e in err) / h
    mse = sum(e * e for e in err) / h
    smape = 200.0 / h * sum(abs(e) / (abs(a) + abs(f)) if abs(a) + abs(f) > 0 else 0.0
                            for e, a, f in zip(err, test, mean))
    out = {"mase": mae / scale if scale > 0 else None,
           "rmsse": math.sqrt(mse / scale2) if scale2 > 0 else None,
           "smape": smape, "cov": None}
    if all(f[2] is not None and f[3] is not None for f in fc):
        out["cov"] = sum(1 for a, f in zip(test, fc) if f[2] <= a <= f[3]) / h
    return out


def mean_of(xs):
    xs = [x for x in xs if x is not None]
    return sum(xs) / len(xs) if xs else None


def median_of(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main():
    folder = sys.argv[1]
    markdown = "--markdown" in sys.argv
    meta, values, forecasts, timings, models = load(folder)
    methods = []
    for (_, method, _) in timings:
        if method not in methods:
            methods.append(method)
    order = ["ets_auto", "hw_additive", "holtwinters_stats", "ses", "holt", "croston",
             "forecaster_auto"]
    methods.sort(key=lambda x: order.index(x) if x in order else len(order))
    header = ["method", "peer", "series", "ms/series (median)", "x ours", "MASE", "MASE med", "sMAPE",
              "RMSSE", "cov95 %", "failed"]
    rows = []
    for method in methods:
        peers = [p for p in PEER_ORDER if any(k[0] == p and k[1] == method for k in timings)]
        peers += sorted({k[0] for k in timings if k[1] == method} - set(peers))
        attempted = {p: {k[2] for k in models if k[0] == p and k[1] == method} for p in peers}
        done = {p: {k[2] for k in timings if k[0] == p and k[1] == method} for p in peers}
        common = set.intersection(*done.values()) if done else set()
        common = sorted(s for s in common if all((p, method, s) in forecasts for p in peers))
        for p in peers:
            sc = [scores(meta[s], values[s], forecasts[(p, method, s)]) for s in common]
            t = [timings[(p, method, s)] for s in common]
            ratio = None
            if p != OURS and all((OURS, method, s) in timings for s in common) and common:
                ratio = statistics.median(timings[(p, method, s)] / timings[(OURS, method, s)]
                                          for s in common)
            cov = mean_of([x["cov"] for x in sc])
            rows.append([method, p, str(len(common)),
                         fmt(statistics.median(t) * 1e3 if t else None, ".3f"),
                         fmt(ratio, ".0f") if ratio is None or ratio >= 10 else fmt(ratio, ".2f"),
                         fmt(mean_of([x["mase"] for x in sc]), ".3f"),
                         fmt(median_of([x["mase"] for x in sc]), ".3f"),
                         fmt(mean_of([x["smape"] for x in sc]), ".2f"),
                         fmt(mean_of([x["rmsse"] for x in sc]), ".3f"),
                         fmt(None if cov is None else 100 * cov, ".1f"),
                         str(len(attempted[p] - done[p]))])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
        print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
        for r in rows:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    # The same accuracy by kind of series for the automatic ETS selection.
    kinds = sorted({meta[s]["kind"] for s in meta})
    print()
    print("ets_auto by kind of series (MASE / sMAPE / cov95 %):")
    for kind in kinds:
        line = [kind.ljust(20)]
        for p in PEER_ORDER:
            ss = [s for s in meta if meta[s]["kind"] == kind and
                  all((q, "ets_auto", s) in forecasts for q in PEER_ORDER
                      if any(k[0] == q for k in timings))]
            if not ss or not any(k[0] == p for k in timings):
                continue
            sc = [scores(meta[s], values[s], forecasts[(p, "ets_auto", s)]) for s in ss]
            cov = mean_of([x["cov"] for x in sc])
            line.append("%s %s / %s / %s (n=%d)" % (
                p, fmt(mean_of([x["mase"] for x in sc]), ".3f"),
                fmt(mean_of([x["smape"] for x in sc]), ".1f"),
                fmt(None if cov is None else 100 * cov, ".1f"), len(ss)))
        print("  " + "   ".join(line))


if __name__ == "__main__":
    main()

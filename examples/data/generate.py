#!/usr/bin/env python3
"""Generates the sample data set of the invforecast examples (python3 standard library only).

    python3 examples/data/generate.py [--out DIR]

Writes three CSV files into DIR (default: the folder of this script):

  demand.csv     material,date,quantity   one row per material and day WITH demand; days
                                          without demand have no row (as in the ERP's
                                          demand_history table), readers must fill them with 0
  materials.csv  one row per material: description, intended demand pattern, unit of measure,
                 unit cost, vendor lead time (mean, sd), service level, ordering cost, holding
                 rate, minimum order quantity, order multiple, launch date, status, a UUID for
                 the PostgreSQL demo
  inventory.csv  the inventory position on the as-of day: on hand, allocated, on order and the
                 expected date of the open purchase order

The history covers the 730 days 2024-11-01 .. 2026-10-31 (the as-of day). The random stream is
Python's Mersenne Twister seeded with SEED, so the files are identical on every run; a ctest
test regenerates them and compares with the committed copies. See docs/examples.md.
"""

import argparse
import csv
import datetime as dt
import math
import os
import random

SEED = 20261031
FIRST_DAY = dt.date(2024, 11, 1)
AS_OF = dt.date(2026, 10, 31)
DAYS = (AS_OF - FIRST_DAY).days + 1  # 730


def weekday_profile(kind):
    """Relative demand Monday..Sunday (mean 1)."""
    if kind == "b2b":  # industrial: weekdays only
        p = [1.25, 1.3, 1.3, 1.25, 1.2, 0.45, 0.25]
    elif kind == "retail":  # shop: weekend peak
        p = [0.75, 0.7, 0.75, 0.85, 1.1, 1.6, 1.25]
    else:
        p = [1.0] * 7
    s = sum(p) / 7.0
    return [v / s for v in p]


def poisson(rng, lam):
    """Poisson variate (Knuth for small means, rounded normal for large ones)."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, int(round(rng.gauss(lam, math.sqrt(lam)))))
    limit = math.exp(-lam)
    k, p = 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def smooth_series(rng, level, trend=0.0, profile="flat", noise_cv=0.15, annual=0.0,
                  promos=None, start=0, end=DAYS, integer=True):
    """Daily demand: level (+ trend per day) x weekday profile x annual cycle x promotion lift,
    with multiplicative normal noise; days outside [start, end) are zero."""
    week = weekday_profile(profile)
    out = []
    for i in range(DAYS):
        day = FIRST_DAY + dt.timedelta(days=i)
        if i < start or i >= end:
            out.append(0.0)
            continue
        mean = max(0.0, level + trend * i)
        mean *= week[day.weekday()]
        if annual:
            mean *= 1.0 + annual * math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)
        if promos:
            for p_start, p_len, lift in promos:
                if p_start <= i < p_start + p_len:
                    mean *= lift
        value = mean * (1.0 + noise_cv * rng.gauss(0.0, 1.0))
        value = max(0.0, value)
        out.append(float(round(value)) if integer else round(value, 2))
    return out


def intermittent_series(rng, probability, size_mean, size_sd, start=0, end=DAYS):
    """Bernoulli occurrence with probability per day, sizes ~ rounded normal (>= 1)."""
    out = []
    for i in range(DAYS):
        if i < start or i >= end or rng.random() >= probability:
            out.append(0.0)
            continue
        out.append(float(max(1, int(round(rng.gauss(size_mean, size_sd))))))
    return out


def lumpy_series(rng, probability, size_mean):
    """Rare demand of very variable size (geometric-like sizes: CV^2 well above 0.49)."""
    out = []
    for _ in range(DAYS):
        if rng.random() >= probability:
            out.append(0.0)
            continue
        size = size_mean * rng.expovariate(1.0) * (3.0 if rng.random() < 0.15 else 1.0)
        out.append(float(max(1, int(round(size)))))
    return out


def uuid_from(rng):
    """A random (version 4 layout) UUID from the seeded stream."""
    b = bytearray(rng.getrandbits(8) for _ in range(16))
    b[6] = (b[6] & 0x0F) | 0x40
    b[8] = (b[8] & 0x3F) | 0x80
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# Promotions: (start day index, length in days, demand multiplier). Roughly every 10 weeks.
def promo_calendar(rng, every=70, length=7):
    promos, i = [], 30 + rng.randrange(20)
    while i < DAYS:
        promos.append((i, length, rng.uniform(2.2, 3.5)))
        i += every + rng.randrange(-10, 11)
    return promos


def build(rng):
    """Returns a list of (material row dict, daily values)."""
    materials = []

    def add(code, description, pattern, values, uom="EA", unit_cost=10.0, lead=7, lead_sd=0.0,
            service=0.95, moq=0.0, multiple=0.0, launch="", status="ACTIVE"):
        if multiple == 0 and uom != "L":
            multiple = 1.0  # discrete units are ordered in whole numbers
        materials.append(({
            "material": code, "description": description, "pattern": pattern, "uom": uom,
            "unit_cost": f"{unit_cost:.2f}", "lead_time_days": lead,
            "lead_time_sd_days": f"{lead_sd:.1f}", "service_level": f"{service:.3f}",
            "ordering_cost": "50.00", "holding_rate": "0.25",
            "minimum_order_quantity": f"{moq:g}", "order_multiple": f"{multiple:g}",
            "launch_date": launch, "status": status, "material_uuid": uuid_from(rng)}, values))

    # Stable demand at different volumes.
    add("BOLT-M8", "Hex bolt M8x40, box of 100", "STABLE",
        smooth_series(rng, 42, noise_cv=0.18), unit_cost=6.40, lead=5, lead_sd=1.0,
        multiple=10)
    add("NUT-M8", "Hex nut M8, box of 100", "STABLE", smooth_series(rng, 38, noise_cv=0.2),
        unit_cost=3.10, lead=5, lead_sd=1.0, multiple=10)
    add("GLOVE-L", "Nitrile gloves L, pack of 100", "STABLE",
        smooth_series(rng, 120, noise_cv=0.12), unit_cost=7.90, lead=10, lead_sd=2.0,
        moq=200, multiple=50)
    add("TAPE-50", "Packing tape 50 mm x 66 m", "STABLE", smooth_series(rng, 260, noise_cv=0.1),
        unit_cost=1.15, lead=4, lead_sd=0.5, multiple=36)
    add("LABEL-A4", "Laser labels A4, pack of 100 sheets", "STABLE",
        smooth_series(rng, 9, noise_cv=0.3), unit_cost=18.50, lead=7)
    add("OIL-5L", "Hydraulic oil HLP 46, 5 l", "STABLE",
        smooth_series(rng, 14.5, noise_cv=0.2, integer=False), uom="L", unit_cost=4.20,
        lead=12, lead_sd=3.0)

    # Trends.
    add("CABLE-USB-C", "USB-C cable 1 m", "TREND_UP",
        smooth_series(rng, 30, trend=0.09, noise_cv=0.15), unit_cost=2.80, lead=21,
        lead_sd=4.0, moq=100, multiple=50)
    add("SENSOR-T2", "Temperature sensor T2", "TREND_UP",
        smooth_series(rng, 8, trend=0.025, noise_cv=0.25), unit_cost=24.00, lead=28,
        lead_sd=5.0)
    add("SSD-1TB", "SSD 1 TB, M.2", "TREND_UP", smooth_series(rng, 12, trend=0.02, noise_cv=0.2),
        unit_cost=61.00, lead=14, lead_sd=2.0)
    add("CABLE-VGA", "VGA cable 2 m", "TREND_DOWN",
        smooth_series(rng, 40, trend=-0.045, noise_cv=0.2), unit_cost=3.50, lead=14)
    add("TONER-K12", "Toner cartridge K12 black", "TREND_DOWN",
        smooth_series(rng, 16, trend=-0.014, noise_cv=0.25), unit_cost=44.00, lead=10)

    # Weekly seasonality: industrial weekdays and retail weekends.
    add("FILTER-HX", "Hydraulic filter HX-20", "SEASONAL_WEEKLY",
        smooth_series(rng, 25, profile="b2b", noise_cv=0.15), unit_cost=12.50, lead=9,
        lead_sd=1.5)
    add("PALLET-EU", "EUR pallet 1200x800", "SEASONAL_WEEKLY",
        smooth_series(rng, 60, profile="b2b", noise_cv=0.12), unit_cost=14.00, lead=3,
        multiple=15)
    add("DRILL-BIT-6", "HSS drill bit 6 mm", "SEASONAL_WEEKLY",
        smooth_series(rng, 18, profile="retail", noise_cv=0.2), unit_cost=2.20, lead=7)
    add("PAINT-W10", "Wall paint white 10 l", "SEASONAL_WEEKLY",
        smooth_series(rng, 22, profile="retail", noise_cv=0.18, annual=0.35), uom="PC",
        unit_cost=29.00, lead=10, lead_sd=2.0)
    add("SALT-25", "De-icing salt 25 kg", "SEASONAL_ANNUAL",
        smooth_series(rng, 30, profile="retail", noise_cv=0.25, annual=0.9), uom="BAG",
        unit_cost=5.60, lead=6, multiple=40)
    add("FAN-40", "Desk fan 40 cm", "SEASONAL_ANNUAL",
        smooth_series(rng, 9, profile="retail", noise_cv=0.3, annual=-0.85),
        unit_cost=19.90, lead=30, lead_sd=6.0)

    # Promotional spikes on a stable base.
    add("COFFEE-1K", "Coffee beans 1 kg", "PROMOTIONAL",
        smooth_series(rng, 35, profile="retail", noise_cv=0.15, promos=promo_calendar(rng)),
        unit_cost=11.80, lead=8, lead_sd=1.0)
    add("BATT-AA", "Batteries AA, pack of 8", "PROMOTIONAL",
        smooth_series(rng, 70, noise_cv=0.15, promos=promo_calendar(rng, every=56, length=5)),
        unit_cost=3.90, lead=12, multiple=24)
    add("SHAMPOO-250", "Shampoo 250 ml", "PROMOTIONAL",
        smooth_series(rng, 24, noise_cv=0.2, promos=promo_calendar(rng, every=84, length=10)),
        unit_cost=2.10, lead=7)

    # Intermittent: spare parts ordered now and then, sizes of low variability.
    add("SEAL-KIT-7", "Seal kit for pump P7", "INTERMITTENT",
        intermittent_series(rng, 0.18, 3, 0.8), unit_cost=38.00, lead=14, lead_sd=3.0)
    add("BEARING-6204", "Ball bearing 6204-2RS", "INTERMITTENT",
        intermittent_series(rng, 0.3, 6, 1.5), unit_cost=4.70, lead=10)
    add("VALVE-DN25", "Ball valve DN25", "INTERMITTENT", intermittent_series(rng, 0.08, 2, 0.5),
        unit_cost=52.00, lead=21, lead_sd=4.0)
    add("MOTOR-1K5", "Electric motor 1.5 kW", "INTERMITTENT",
        intermittent_series(rng, 0.04, 1, 0.3), unit_cost=310.00, lead=35, lead_sd=7.0)
    add("FUSE-16A", "Fuse 16 A, pack of 10", "INTERMITTENT",
        intermittent_series(rng, 0.45, 4, 1.0), unit_cost=5.50, lead=6)

    # Lumpy: rare and of very variable size (project business).
    add("PIPE-DN100", "Steel pipe DN100, 6 m", "LUMPY", lumpy_series(rng, 0.07, 25),
        uom="PC", unit_cost=88.00, lead=21, lead_sd=5.0, moq=10)
    add("CABLE-NYY-100", "Power cable NYY 5x2.5, 100 m drum", "LUMPY",
        lumpy_series(rng, 0.05, 6), uom="DRUM", unit_cost=240.00, lead=18, lead_sd=3.0)
    add("PANEL-SOLAR", "Solar panel 400 W", "LUMPY", lumpy_series(rng, 0.1, 18),
        unit_cost=145.00, lead=42, lead_sd=8.0)
    add("INSUL-ROLL", "Insulation roll 100 mm", "LUMPY", lumpy_series(rng, 0.12, 30),
        unit_cost=21.00, lead=10)

    # A new product launched 75 days before the as-of day, ramping up.
    launch = DAYS - 75
    new = []
    for i in range(DAYS):
        if i < launch:
            new.append(0.0)
        else:
            mean = 20.0 * (1.0 - math.exp(-(i - launch + 1) / 20.0))
            new.append(float(max(0, round(mean * (1.0 + 0.2 * rng.gauss(0.0, 1.0))))))
    add("ROUTER-AX6", "Wi-Fi 6 router AX6", "NEW_PRODUCT", new, unit_cost=72.00, lead=15,
        lead_sd=2.0, launch=(FIRST_DAY + dt.timedelta(days=launch)).isoformat())

    # A discontinued product: demand stops 120 days before the as-of day.
    add("PHONE-X2", "Feature phone X2 (discontinued)", "DISCONTINUED",
        smooth_series(rng, 11, trend=-0.006, noise_cv=0.3, end=DAYS - 120), unit_cost=39.00,
        lead=20, status="DISCONTINUED")

    # Medium-volume, erratic: frequent demand of very variable size.
    add("STEEL-SHEET", "Steel sheet 2 mm, 1x2 m", "ERRATIC",
        [float(round(v * rng.choice([0.3, 0.6, 1.0, 1.0, 1.8, 3.0])))
         for v in smooth_series(rng, 15, profile="b2b", noise_cv=0.2)],
        unit_cost=33.00, lead=12, lead_sd=2.0)
    return materials


def inventory_rows(rng, materials):
    """On hand chosen relative to recent demand so that every urgency occurs."""
    rows = []
    # Days of cover (on hand / recent daily mean) by material, chosen to exercise the rules:
    # below zero available -> CRITICAL; cover shorter than the lead time -> HIGH; ...
    cover_override = {
        "GLOVE-L": -0.5,       # allocated exceeds on hand: CRITICAL
        "SEAL-KIT-7": 0.0,     # nothing left: CRITICAL
        "CABLE-USB-C": 6.0,    # trending up, 21-day lead time: HIGH
        "FILTER-HX": 4.0,      # HIGH
        "SENSOR-T2": 12.0,     # HIGH
        "COFFEE-1K": 7.0,      # promotion ahead, 8-day lead time
        "ROUTER-AX6": 3.0,     # new product selling out
        "PAINT-W10": 11.0,
        "PHONE-X2": 40.0,      # discontinued, stock left over
    }
    for m, values in materials:
        code = m["material"]
        recent = [v for v in values[-56:]]
        mean = sum(recent) / len(recent)
        if mean == 0:  # discontinued: stock left over from the time it sold
            mean = sum(values) / len(values)
        lead = int(m["lead_time_days"])
        cover = cover_override.get(code, rng.uniform(lead + 5, lead + 45))
        on_hand = max(0.0, round(mean * cover)) if cover >= 0 else 0.0
        allocated = round(mean * rng.uniform(0.0, 1.5))
        if cover < 0:
            allocated = round(mean * 2.0)
        on_order, expected = 0.0, ""
        if rng.random() < 0.35 and code not in ("SEAL-KIT-7", "GLOVE-L"):
            on_order = round(mean * rng.uniform(5, 20))
            if on_order > 0:
                expected = (AS_OF + dt.timedelta(days=rng.randrange(2, lead + 3))).isoformat()
        uom_decimals = 2 if m["uom"] == "L" else 0
        fmt = f"{{:.{uom_decimals}f}}"
        rows.append({"material": code, "on_hand": fmt.format(on_hand),
                     "allocated": fmt.format(allocated), "on_order": fmt.format(on_order),
                     "on_order_expected_date": expected})
    return rows


def write_csv(path, fieldnames, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow(r)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)),
                        help="output folder (default: next to this script)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(SEED)
    materials = build(rng)

    demand = []
    for m, values in materials:
        for i, v in enumerate(values):
            if v > 0:
                q = f"{v:.2f}" if m["uom"] == "L" else f"{v:.0f}"
                demand.append({"material": m["material"],
                               "date": (FIRST_DAY + dt.timedelta(days=i)).isoformat(),
                               "quantity": q})
    write_csv(os.path.join(args.out, "demand.csv"), ["material", "date", "quantity"], demand)
    write_csv(os.path.join(args.out, "materials.csv"), list(materials[0][0].keys()),
              [m for m, _ in materials])
    write_csv(os.path.join(args.out, "inventory.csv"),
              ["material", "on_hand", "allocated", "on_order", "on_order_expected_date"],
              inventory_rows(rng, materials))
    print(f"{len(materials)} materials, {len(demand)} demand rows, {DAYS} days "
          f"{FIRST_DAY} .. {AS_OF} -> {args.out}")


if __name__ == "__main__":
    main()

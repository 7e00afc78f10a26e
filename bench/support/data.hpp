#pragma once

/// @file
/// Deterministic synthetic demand for the benchmarks: the documented setup is 180 days of
/// daily history and a 90-day horizon. Three shapes: smooth (level + noise), weekly seasonal
/// (level, slow trend, weekly profile, multiplicative noise) and intermittent (a demand on
/// about one day in four, sizes 1..20). Seeded draws come from the library's one generator
/// (detail::seeded_rng), so every platform and standard library benchmarks the same series.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "invforecast/detail/random.hpp"

namespace invforecast::bench {

inline constexpr int history_days = 180;
inline constexpr int horizon_days = 90;

enum class shape { smooth, weekly, intermittent };

inline std::vector<double> synthetic_demand(shape kind, int n, std::uint64_t seed) {
  invforecast::detail::seeded_rng rng(seed);
  const double level = 40.0 + 80.0 * rng.uniform();
  std::vector<double> y(static_cast<std::size_t>(n));
  static constexpr std::array<double, 7> weekly{1.25, 1.10, 1.00, 1.00, 1.05, 0.40, 0.20};
  for (int t = 0; t < n; ++t) {
    double v = 0.0;
    switch (kind) {
      case shape::smooth:
        v = level + 0.1 * level * rng.normal();
        break;
      case shape::weekly:
        v = (level + 0.05 * t) * weekly[static_cast<std::size_t>(t % 7)] *
            (1.0 + 0.08 * rng.normal());
        break;
      case shape::intermittent:
        v = rng.uniform() < 0.25 ? std::floor(1.0 + 20.0 * rng.uniform()) : 0.0;
        break;
    }
    y[static_cast<std::size_t>(t)] = std::max(0.0, std::round(v * 100.0) / 100.0);
  }
  return y;
}

/// `count` series of one shape, seeds first_seed, first_seed + 1, ...
inline std::vector<std::vector<double>> synthetic_batch(shape kind, std::size_t count, int n,
                                                        std::uint64_t first_seed = 1) {
  std::vector<std::vector<double>> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) out.push_back(synthetic_demand(kind, n, first_seed + i));
  return out;
}

}  // namespace invforecast::bench

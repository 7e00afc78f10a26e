#pragma once
// Seeded demand series shared by the planning tests.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "invforecast/detail/random.hpp"

namespace planning_test {

/// n days of a weekly pattern with noise (smooth demand: AUTO fits a seasonal ETS model).
inline std::vector<double> weekly_values(std::size_t n, std::uint64_t seed) {
  std::vector<double> y(n);
  invforecast::detail::seeded_rng rng(seed);
  for (std::size_t i = 0; i < n; ++i) {
    const double u = rng.uniform();
    y[i] = 40 + 8 * std::sin(2 * 3.14159265358979 * static_cast<double>(i % 7) / 7) + 6 * u;
  }
  return y;
}

}  // namespace planning_test

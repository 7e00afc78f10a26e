#pragma once

// A positive seasonal demand-like test series: level + slope t + amplitude sin(2 pi t / m) plus
// noise uniform in [-noise, noise) from a fixed linear congruential generator, so that every
// platform sees the same numbers.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace invforecast_test {

struct seasonal_shape {
  double level;
  double slope;
  double amplitude;
  double noise;  ///< half-width of the uniform noise
  int m;         ///< season length
  std::uint32_t seed;
};

inline std::vector<double> seasonal_series(std::size_t n, const seasonal_shape& s) {
  std::vector<double> y(n);
  std::uint32_t state = s.seed;
  for (std::size_t t = 0; t < n; ++t) {
    state = state * 1664525u + 1013904223u;
    const double noise = 2 * s.noise * (static_cast<double>(state >> 8) / 16777216.0) - s.noise;
    const double season = s.amplitude * std::sin(2.0 * 3.141592653589793 * static_cast<double>(t) /
                                                 static_cast<double>(s.m));
    y[t] = s.level + s.slope * static_cast<double>(t) + season + noise;
  }
  return y;
}

}  // namespace invforecast_test

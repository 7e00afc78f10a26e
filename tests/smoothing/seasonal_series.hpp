#pragma once

// A positive seasonal demand-like test series: level + slope t + amplitude sin(2 pi t / m) plus
// noise uniform in [-noise, noise) from the library's one seeded generator (detail::seeded_rng),
// so that every platform sees the same numbers.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "invforecast/detail/random.hpp"

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
  invforecast::detail::seeded_rng rng(s.seed);
  for (std::size_t t = 0; t < n; ++t) {
    const double noise = s.noise * rng.signed_uniform();
    const double season = s.amplitude * std::sin(2.0 * 3.141592653589793 * static_cast<double>(t) /
                                                 static_cast<double>(s.m));
    y[t] = s.level + s.slope * static_cast<double>(t) + season + noise;
  }
  return y;
}

}  // namespace invforecast_test

#pragma once

/// @file
/// The library's one seeded generator, used by every simulation (ETS sample paths, the
/// safety-stock bootstrap) and by every seeded random draw of the tests and benchmarks: the
/// same seed gives the same stream on every platform, compiler and standard library (the
/// std:: distributions do not: libstdc++ and libc++ turn one engine stream into different
/// normal, Bernoulli or Poisson draws).

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace invforecast::detail {

/// Portable generator: xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64, with standard
/// normals by Marsaglia's polar method (Marsaglia & Bray 1964): draw (u, v) uniform on the
/// square [-1, 1)^2 until s = u^2 + v^2 is in (0, 1), then u f and v f with
/// f = sqrt(-2 ln(s) / s) are two independent exact N(0, 1) values. It needs one log and one
/// sqrt per pair instead of Box-Muller's log, sqrt, sin and cos (the 21.5 % of rejected pairs
/// cost two 64-bit draws each). Only integer arithmetic, IEEE +, *, /, sqrt (correctly
/// rounded) and one log per pair: the same seed gives the same stream on every platform and
/// standard library (up to the last bit of the platform's log). No allocation.
class seeded_rng {
 public:
  explicit seeded_rng(std::uint64_t seed) noexcept {
    for (auto& s : s_) {  // splitmix64 (Steele, Lea & Flood 2014) fills the state
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  /// The next 64 random bits.
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in (0, 1).
  double uniform() noexcept {
    return (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
  }
  /// Uniform on the grid k 2^-52, k = -2^52 .. 2^52 - 1 (i.e. in [-1, 1)): the top 53 bits
  /// of a draw as a signed integer (C++20 shifts negative values arithmetically).
  double signed_uniform() noexcept {
    return static_cast<double>(static_cast<std::int64_t>(next()) >> 11) *
           (1.0 / 4503599627370496.0);
  }
  /// Uniform index in [0, n) (n > 0): the top 53 bits of one draw scaled, bias below
  /// 2^-53 n.
  std::size_t below(std::size_t n) noexcept {
    const double u = static_cast<double>(next() >> 11) * 0x1.0p-53;
    const auto i = static_cast<std::size_t>(u * static_cast<double>(n));
    return i < n ? i : n - 1;
  }
  /// True with probability p: uniform() < p (one draw; always false for p <= 0, always true
  /// for p >= 1).
  bool bernoulli(double p) noexcept { return uniform() < p; }
  /// Poisson draw of the given mean (0 for a mean that is not > 0 and finite). Knuth's exact
  /// product method (Knuth, TAOCP vol. 2, 3.4.1): the number of uniforms multiplied before the
  /// product falls to e^-mean or below, minus one. A mean above 256 is drawn as a sum of
  /// independent Poisson draws of means of at most 256 (a sum of independent Poisson variables
  /// is Poisson with the summed mean), so e^-piece never underflows. Cost: mean + 1 uniforms
  /// per piece on average; meant for test and benchmark data, not for huge means.
  std::uint64_t poisson(double mean) noexcept {
    if (!(mean > 0) || !std::isfinite(mean)) return 0;
    std::uint64_t count = 0;
    double remaining = mean;
    while (remaining > 0) {
      const double piece = remaining > 256.0 ? 256.0 : remaining;
      remaining -= piece;
      const double limit = std::exp(-piece);
      double product = uniform();
      while (product > limit) {
        ++count;
        product *= uniform();
      }
    }
    return count;
  }
  /// Standard normal (polar method; the second value of each pair is kept for the next call).
  double normal() noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = 0;
    double v = 0;
    double s = 0;
    do {
      u = signed_uniform();
      v = signed_uniform();
      s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double f = std::sqrt(-2.0 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace invforecast::detail

#pragma once

// Shared by the libFuzzer targets: value generators biased towards the numbers that break
// things (limits, huge finite values, denormals, NaN, infinities) and the contract checks.

#include <fuzzer/FuzzedDataProvider.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

namespace fuzz {

/// Stops the run with a message (libFuzzer saves the input as a crash).
[[noreturn]] inline void fail(const char* what, const std::string& detail = {}) {
  std::fprintf(stderr, "contract violated: %s %s\n", what, detail.c_str());
  std::abort();
}

inline void require(bool condition, const char* what, const std::string& detail = {}) {
  if (!condition) fail(what, detail);
}

inline void require_finite(double value, const char* what) {
  if (!std::isfinite(value)) fail(what, std::to_string(value));
}

/// A double: a special value, a plain quantity, a probability or a raw bit pattern.
inline double any_double(FuzzedDataProvider& in) {
  static constexpr double specials[] = {0.0,
                                        -0.0,
                                        1.0,
                                        -1.0,
                                        0.5,
                                        0.95,
                                        0.999999,
                                        1 - 1e-16,
                                        1e-300,
                                        std::numeric_limits<double>::denorm_min(),
                                        1e15,
                                        -1e15,
                                        1e15 + 1,
                                        1e16,
                                        1e20,
                                        1e21,
                                        1e61,
                                        1e70,
                                        1e155,
                                        1e200,
                                        1e308,
                                        std::numeric_limits<double>::max(),
                                        -std::numeric_limits<double>::max(),
                                        std::numeric_limits<double>::infinity(),
                                        -std::numeric_limits<double>::infinity(),
                                        std::numeric_limits<double>::quiet_NaN()};
  switch (in.ConsumeIntegralInRange<int>(0, 4)) {
    case 0:
      return in.PickValueInArray(specials);
    case 1:
      return in.ConsumeFloatingPointInRange<double>(0, 1000);
    case 2:
      return in.ConsumeProbability<double>();
    case 3:
      return in.ConsumeFloatingPointInRange<double>(-1e16, 1e16);
    default:
      return std::bit_cast<double>(in.ConsumeIntegral<std::uint64_t>());
  }
}

/// A non-negative-leaning quantity (most demand is >= 0), sometimes anything.
inline double quantity(FuzzedDataProvider& in) {
  if (in.ConsumeBool()) return in.ConsumeFloatingPointInRange<double>(0, 500);
  return any_double(in);
}

/// An int: small, a day count near the limits, or anything.
inline int any_int(FuzzedDataProvider& in) {
  static constexpr int specials[] = {0,
                                     1,
                                     7,
                                     30,
                                     365,
                                     3649,
                                     3650,
                                     3651,
                                     -1,
                                     1000,
                                     1 << 20,
                                     std::numeric_limits<int>::max(),
                                     std::numeric_limits<int>::min()};
  switch (in.ConsumeIntegralInRange<int>(0, 2)) {
    case 0:
      return in.PickValueInArray(specials);
    case 1:
      return in.ConsumeIntegralInRange<int>(0, 60);
    default:
      return in.ConsumeIntegral<int>();
  }
}

inline std::vector<double> series(FuzzedDataProvider& in, std::size_t max_size, bool demand) {
  const auto n = in.ConsumeIntegralInRange<std::size_t>(0, max_size);
  std::vector<double> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n && in.remaining_bytes() > 0; ++i) {
    v.push_back(demand ? quantity(in) : any_double(in));
  }
  return v;
}

/// Text a human reads: printable ASCII or UTF-8 lead/continuation bytes, no control bytes.
inline void require_text(const std::string& s, const char* what) {
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) fail(what, s);
  }
}

}  // namespace fuzz

#pragma once

/// @file
/// The library's one number formatter for text (error messages, reasons). Built on
/// std::to_chars with its error checked: the result is always the characters to_chars wrote,
/// never bytes of an uninitialised buffer.
///
/// - format_general(x): shortest round-trip form ("1.3", "1e+70", "-0.25").
/// - fixed(x, decimals): fixed decimals ("452.27") while |x| < 1e21; from 1e21 on the shortest
///   round-trip scientific form ("1e+70"), so a huge value stays one short, correct token.
/// - NaN prints "nan", infinities "inf" and "-inf" (both forms).

#include <charconv>
#include <cmath>
#include <concepts>
#include <string>
#include <system_error>

namespace invforecast::detail {

/// From this magnitude on fixed() prints the scientific form.
inline constexpr double fixed_notation_limit = 1e21;

namespace format_impl {

inline std::string non_finite(double value) {
  if (std::isnan(value)) return "nan";
  return value > 0 ? "inf" : "-inf";
}

/// to_chars into a buffer big enough for any float or double in the forms used here (at most
/// 309 integer digits + 17 decimals); "?" if it ever fails (it cannot for these sizes, but
/// the error is checked, not assumed).
template <typename V, typename... Format>
std::string chars(V value, Format... format) {
  char buffer[384];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, format...);
  if (result.ec != std::errc{}) return "?";
  return std::string(buffer, result.ptr);
}

/// float prints its own shortest form; double and long double print as double.
template <std::floating_point T>
auto narrow(T value) {
  if constexpr (std::same_as<T, float>) {
    return value;
  } else {
    return static_cast<double>(value);
  }
}

}  // namespace format_impl

/// Shortest round-trip text of a floating-point value ("1.3", not "1.30000000000000004";
/// "1e+70"). A float prints its own shortest form ("1.3" for 1.3f).
template <std::floating_point T>
std::string format_general(T value) {
  if (!std::isfinite(value)) return format_impl::non_finite(static_cast<double>(value));
  return format_impl::chars(format_impl::narrow(value));
}

/// `value` with `decimals` digits after the point ("452.27"); decimals is clamped to [0, 17].
/// |value| >= 1e21 prints the shortest scientific form instead ("1e+70").
template <std::floating_point T>
std::string fixed(T value, int decimals) {
  const auto v = format_impl::narrow(value);
  if (!std::isfinite(v)) return format_impl::non_finite(static_cast<double>(v));
  if (std::fabs(static_cast<double>(v)) >= fixed_notation_limit) {
    return format_impl::chars(v, std::chars_format::scientific);
  }
  const int d = decimals < 0 ? 0 : (decimals > 17 ? 17 : decimals);
  return format_impl::chars(v, std::chars_format::fixed, d);
}

}  // namespace invforecast::detail

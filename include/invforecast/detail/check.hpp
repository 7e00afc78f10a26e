#pragma once

/// @file
/// All argument checks in one place. Each throws invforecast::invalid_argument (or
/// insufficient_data) with a message "<function>: <name> = <value>, must be <rule>".

#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "invforecast/detail/format.hpp"
#include "invforecast/error.hpp"

namespace invforecast::detail {

/// Text of a value in a message: floating point in its shortest round-trip form
/// (detail/format.hpp), integers as std::to_string.
template <typename T>
std::string format_value(T value) {
  if constexpr (std::floating_point<T>) {
    return format_general(value);
  } else {
    return std::to_string(value);
  }
}

[[noreturn]] inline void throw_invalid(std::string_view function, std::string_view what) {
  throw invalid_argument(std::string(function) + ": " + std::string(what));
}

template <typename T>
[[noreturn]] void throw_invalid_value(std::string_view function, std::string_view name, T value,
                                      std::string_view rule) {
  throw invalid_argument(std::string(function) + ": " + std::string(name) + " = " +
                         format_value(value) + ", must be " + std::string(rule));
}

/// Throws unless `condition`; `what` is the whole explanation after "<function>: ".
inline void require(bool condition, std::string_view function, std::string_view what) {
  if (!condition) throw_invalid(function, what);
}

/// Throws insufficient_data with "<function>: <what>".
[[noreturn]] inline void throw_insufficient(std::string_view function, std::string_view what) {
  throw insufficient_data(std::string(function) + ": " + std::string(what));
}

template <std::floating_point T>
void check_finite(std::string_view function, std::string_view name, T value) {
  if (!std::isfinite(value)) throw_invalid_value(function, name, value, "finite");
}

template <std::floating_point T>
void check_non_negative(std::string_view function, std::string_view name, T value) {
  if (!(value >= 0) || !std::isfinite(value)) {
    throw_invalid_value(function, name, value, "finite and >= 0");
  }
}

template <std::floating_point T>
void check_positive(std::string_view function, std::string_view name, T value) {
  if (!(value > 0) || !std::isfinite(value)) {
    throw_invalid_value(function, name, value, "finite and > 0");
  }
}

template <std::integral I>
void check_positive(std::string_view function, std::string_view name, I value) {
  if (value <= 0) throw_invalid_value(function, name, value, "> 0");
}

template <std::integral I>
void check_non_negative(std::string_view function, std::string_view name, I value) {
  if (value < 0) throw_invalid_value(function, name, value, ">= 0");
}

/// value in the open interval (lo, hi).
template <std::floating_point T>
void check_open_interval(std::string_view function, std::string_view name, T value, T lo, T hi) {
  if (!(value > lo && value < hi)) {
    throw_invalid_value(function, name, value,
                        "in (" + format_value(lo) + ", " + format_value(hi) + ")");
  }
}

/// value in the closed interval [lo, hi].
template <std::floating_point T>
void check_closed_interval(std::string_view function, std::string_view name, T value, T lo, T hi) {
  if (!(value >= lo && value <= hi)) {
    throw_invalid_value(function, name, value,
                        "in [" + format_value(lo) + ", " + format_value(hi) + "]");
  }
}

/// A probability level (interval or service level) strictly inside (0, 1).
template <std::floating_point T>
void check_level(std::string_view function, std::string_view name, T value) {
  check_open_interval(function, name, value, T(0), T(1));
}

/// Every element finite; the message names the first bad index and value.
template <std::floating_point T>
void check_all_finite(std::string_view function, std::string_view name, std::span<const T> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw_invalid_value(function, std::string(name) + "[" + std::to_string(i) + "]", values[i],
                          "finite");
    }
  }
}

/// Every element finite and >= 0 (demand quantities).
template <std::floating_point T>
void check_all_non_negative(std::string_view function, std::string_view name,
                            std::span<const T> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(values[i] >= 0) || !std::isfinite(values[i])) {
      throw_invalid_value(function, std::string(name) + "[" + std::to_string(i) + "]", values[i],
                          "finite and >= 0");
    }
  }
}

/// Largest magnitude accepted for a quantity, cost, demand, stock level or forecast value
/// (docs/errors.md "Limits"): 1e15, far above any real ERP figure, and small enough that
/// squares, products of two and sums over many days of such values stay finite in double.
inline constexpr double max_magnitude = 1e15;

/// Largest magnitude accepted for an aggregate: a sum over many days (up to 3650 of them) of
/// values within max_magnitude, an annual demand, an inventory position, a MIN/MAX level or an
/// order quantity computed from such values.
inline constexpr double max_total = 1e20;

/// Largest variance accepted (the square of max_magnitude).
inline constexpr double max_variance = 1e30;

inline std::string magnitude_rule(double limit) {
  return "finite and |x| <= " + format_general(limit);
}

/// Finite and |value| <= limit.
template <std::floating_point T>
void check_bounded(std::string_view function, std::string_view name, T value,
                   double limit = max_magnitude) {
  if (!(std::fabs(static_cast<double>(value)) <= limit)) {
    throw_invalid_value(function, name, value, magnitude_rule(limit));
  }
}

/// 0 <= value <= limit.
template <std::floating_point T>
void check_bounded_non_negative(std::string_view function, std::string_view name, T value,
                                double limit = max_magnitude) {
  if (!(value >= 0 && static_cast<double>(value) <= limit)) {
    throw_invalid_value(function, name, value, "finite, >= 0 and <= " + format_general(limit));
  }
}

/// 0 < value <= limit.
template <std::floating_point T>
void check_bounded_positive(std::string_view function, std::string_view name, T value,
                            double limit = max_magnitude) {
  if (!(value > 0 && static_cast<double>(value) <= limit)) {
    throw_invalid_value(function, name, value, "finite, > 0 and <= " + format_general(limit));
  }
}

/// Every element finite and |x| <= limit; the message names the first bad index and value.
template <std::floating_point T>
void check_all_bounded(std::string_view function, std::string_view name, std::span<const T> values,
                       double limit = max_magnitude) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(std::fabs(static_cast<double>(values[i])) <= limit)) {
      throw_invalid_value(function, std::string(name) + "[" + std::to_string(i) + "]", values[i],
                          magnitude_rule(limit));
    }
  }
}

/// Every element in [0, limit] (demand quantities).
template <std::floating_point T>
void check_all_bounded_non_negative(std::string_view function, std::string_view name,
                                    std::span<const T> values, double limit = max_magnitude) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!(values[i] >= 0 && static_cast<double>(values[i]) <= limit)) {
      throw_invalid_value(function, std::string(name) + "[" + std::to_string(i) + "]", values[i],
                          "finite, >= 0 and <= " + format_general(limit));
    }
  }
}

/// Last line of defence: a computed result that is not finite (for float, whose range is
/// narrower than the limits) or above `limit` throws instead of being returned:
/// "<function>: <name> = <value>, must be finite and |x| <= <limit> (inputs out of range for
/// this result)", or "..., must be finite (inputs out of range for this floating-point type)".
template <std::floating_point T>
T check_result(std::string_view function, std::string_view name, T value, double limit = 0) {
  const bool bounded = limit > 0;
  if (!std::isfinite(value) || (bounded && !(std::fabs(static_cast<double>(value)) <= limit))) {
    throw invalid_argument(std::string(function) + ": " + std::string(name) + " = " +
                           format_general(value) + ", must be " +
                           (bounded
                                ? magnitude_rule(limit) + " (inputs out of range for this result)"
                                : std::string("finite (inputs out of range for this "
                                              "floating-point type)")));
  }
  return value;
}

/// A ratio that overflowed (a denormal denominator) is undefined: empty, like a 0 denominator.
template <std::floating_point T>
std::optional<T> finite_or_empty(T value) {
  if (std::isfinite(value)) return value;
  return std::nullopt;
}

/// Non-empty input.
template <typename T>
void check_not_empty(std::string_view function, std::string_view name, std::span<const T> values) {
  if (values.empty()) throw_insufficient(function, std::string(name) + " is empty");
}

}  // namespace invforecast::detail

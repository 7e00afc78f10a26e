#pragma once

/// @file
/// All argument checks in one place. Each throws invforecast::invalid_argument (or
/// insufficient_data) with a message "<function>: <name> = <value>, must be <rule>".

#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

#include "invforecast/error.hpp"

namespace invforecast::detail {

/// Shortest round-trip text of a number ("1.3", not "1.30000000000000004").
template <typename T>
std::string format_value(T value) {
  if constexpr (std::floating_point<T>) {
    if (std::isnan(value)) return "nan";
    if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<double>(value));
    return std::string(buffer, result.ptr);
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

/// Non-empty input.
template <typename T>
void check_not_empty(std::string_view function, std::string_view name, std::span<const T> values) {
  if (values.empty()) throw_insufficient(function, std::string(name) + " is empty");
}

}  // namespace invforecast::detail

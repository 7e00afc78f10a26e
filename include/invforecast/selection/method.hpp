#pragma once

/// @file
/// The forecasting methods of fit_and_forecast and their one vocabulary of names:
/// method_name() prints a method, parse_method() reads it back (any case). See
/// docs/forecasting.md, "Method names".
///
/// @code
/// invforecast::method k = invforecast::parse_method("sba");  // method::sba
/// invforecast::method_name(k);                               // "SBA"
/// invforecast::parse_method("ma");                           // method::moving_average
/// invforecast::parse_method("combo");                        // method::combination
/// invforecast::parse_method("otm");                          // method::optimised_theta
/// invforecast::parse_method("mstl");                         // method::mstl
/// @endcode

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "invforecast/detail/check.hpp"

namespace invforecast {

/// The forecasting method asked of fit_and_forecast (and, in model_fit::kind, the one used).
enum class method {
  automatic,        ///< Choose by demand class (see fit_and_forecast).
  ets,              ///< Exponential smoothing state-space model (forecaster_options::ets).
  moving_average,   ///< Trailing moving average of forecaster_options::ma_window values.
  croston,          ///< Croston's method.
  sba,              ///< Syntetos-Boylan approximation (bias-corrected Croston).
  sbj,              ///< Shale-Boylan-Johnston correction of Croston.
  tsb,              ///< Teunter-Syntetos-Babai (probability smoothed every period).
  mean,             ///< Mean of all observations (R's meanf).
  naive,            ///< Last observation (R's naive / rwf without drift).
  theta,            ///< The standard Theta method (R's thetaf; smoothing/theta.hpp).
  combination,      ///< Equal-weight combination of AUTO's ETS model and Theta ("COMBO").
  optimised_theta,  ///< The optimised Theta model ("OTM"; smoothing/optimised_theta.hpp).
  mstl  ///< MSTL decomposition + non-seasonal ETS ("MSTL"; smoothing/mstl_forecast.hpp).
};

/// Upper-case name of a method: "AUTO", "ETS", "MOVING_AVERAGE", "CROSTON", "SBA", "SBJ",
/// "TSB", "MEAN", "NAIVE", "THETA", "COMBO", "OTM", "MSTL". parse_method() reads every one of
/// them back.
[[nodiscard]] constexpr std::string_view method_name(method kind) noexcept {
  switch (kind) {
    case method::automatic:
      return "AUTO";
    case method::ets:
      return "ETS";
    case method::moving_average:
      return "MOVING_AVERAGE";
    case method::croston:
      return "CROSTON";
    case method::sba:
      return "SBA";
    case method::sbj:
      return "SBJ";
    case method::tsb:
      return "TSB";
    case method::mean:
      return "MEAN";
    case method::theta:
      return "THETA";
    case method::combination:
      return "COMBO";
    case method::optimised_theta:
      return "OTM";
    case method::mstl:
      return "MSTL";
    case method::naive:
      break;
  }
  return "NAIVE";
}

namespace detail::selection {

/// Every method, in declaration order.
inline constexpr std::array<method, 13> all_methods{
    method::automatic, method::ets,         method::moving_average,
    method::croston,   method::sba,         method::sbj,
    method::tsb,       method::mean,        method::naive,
    method::theta,     method::combination, method::optimised_theta,
    method::mstl};

/// ASCII case-insensitive equality.
[[nodiscard]] constexpr bool iequals(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

/// The method named `text` (method_name's names or "MA", any case), or false.
[[nodiscard]] constexpr bool try_parse_method(std::string_view text, method& out) noexcept {
  for (const method m : all_methods) {
    if (iequals(text, method_name(m))) {
      out = m;
      return true;
    }
  }
  if (iequals(text, "MA")) {
    out = method::moving_average;
    return true;
  }
  return false;
}

}  // namespace detail::selection

/// The method whose name is `text`: exactly the names method_name() prints ("AUTO", "ETS",
/// "MOVING_AVERAGE", "CROSTON", "SBA", "SBJ", "TSB", "MEAN", "NAIVE", "THETA", "COMBO", "OTM",
/// "MSTL") and "MA" for the moving average, compared without regard to ASCII case ("sba", "Naive");
/// no surrounding blanks. parse_method(method_name(k)) == k for every k. ETS forms ("AAdN") are not
/// methods: see forecaster_options_for.
/// @param text the name
/// @return the method
/// @throws invalid_argument "parse_method: text = 'X', must be one of AUTO, ETS, MOVING_AVERAGE
///   (MA), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE, THETA, COMBO, OTM, MSTL" for any other text (the
///   empty one included).
[[nodiscard]] inline method parse_method(std::string_view text) {
  method out = method::automatic;
  if (!detail::selection::try_parse_method(text, out)) {
    detail::throw_invalid("parse_method",
                          "text = '" + std::string(text) +
                              "', must be one of AUTO, ETS, MOVING_AVERAGE (MA), CROSTON, SBA, "
                              "SBJ, TSB, MEAN, NAIVE, THETA, COMBO, OTM, MSTL");
  }
  return out;
}

}  // namespace invforecast

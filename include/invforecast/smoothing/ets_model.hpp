#pragma once

/// @file
/// The form of an exponential smoothing state-space model, ETS(error, trend, season), in the
/// taxonomy of Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential Smoothing",
/// and of R's forecast::ets. See docs/forecasting.md, section "Exponential smoothing (ETS)".

#include <string>
#include <string_view>

#include "invforecast/detail/check.hpp"

namespace invforecast {

/// How the error enters the model: y = yhat + e (additive) or y = yhat * (1 + e)
/// (multiplicative).
enum class ets_error { additive, multiplicative };

/// Trend component: none, additive (l + b) or multiplicative (l * b); see ets_model::damped.
enum class ets_trend { none, additive, multiplicative };

/// Seasonal component: none, additive (+ s) or multiplicative (* s).
enum class ets_season { none, additive, multiplicative };

/// An ETS model form, e.g. ETS(M,Ad,N). Codes follow R: error letter, trend letter (with "d"
/// when damped), season letter: "ANN", "AAdN", "MAM", "MAdM".
struct ets_model {
  ets_error error = ets_error::additive;
  ets_trend trend = ets_trend::none;
  bool damped = false;  ///< Damped trend (phi estimated or given); only with a trend.
  ets_season season = ets_season::none;

  /// Parses "ANN", "AAdN", "MAM", "MMdM", ... (case-sensitive letters A, M, N and d).
  /// @throws invalid_argument when the code is not of the form [AM][NAM]d?[NAM] or is damped
  ///         without a trend ("ANdN").
  [[nodiscard]] static ets_model parse(std::string_view code) {
    constexpr std::string_view function = "ets_model::parse";
    const auto bad = [&]() {
      detail::throw_invalid(function, "code = \"" + std::string(code) +
                                          "\", must be [AM][NAM](d)?[NAM], e.g. \"AAdN\"");
    };
    if (code.size() != 3 && code.size() != 4) bad();
    ets_model result;
    if (code[0] == 'A') {
      result.error = ets_error::additive;
    } else if (code[0] == 'M') {
      result.error = ets_error::multiplicative;
    } else {
      bad();
    }
    if (code[1] == 'N') {
      result.trend = ets_trend::none;
    } else if (code[1] == 'A') {
      result.trend = ets_trend::additive;
    } else if (code[1] == 'M') {
      result.trend = ets_trend::multiplicative;
    } else {
      bad();
    }
    std::size_t season_at = 2;
    if (code.size() == 4) {
      if (code[2] != 'd' || result.trend == ets_trend::none) bad();
      result.damped = true;
      season_at = 3;
    }
    const char s = code[season_at];
    if (s == 'N') {
      result.season = ets_season::none;
    } else if (s == 'A') {
      result.season = ets_season::additive;
    } else if (s == 'M') {
      result.season = ets_season::multiplicative;
    } else {
      bad();
    }
    return result;
  }

  /// Compact code, e.g. "AAdN".
  [[nodiscard]] std::string code() const {
    std::string out;
    out += error == ets_error::additive ? 'A' : 'M';
    out += trend == ets_trend::none ? 'N' : (trend == ets_trend::additive ? 'A' : 'M');
    if (damped) out += 'd';
    out += season == ets_season::none ? 'N' : (season == ets_season::additive ? 'A' : 'M');
    return out;
  }

  /// R's method name, e.g. "ETS(A,Ad,N)".
  [[nodiscard]] std::string r_name() const {
    const std::string c = code();
    std::string out = "ETS(";
    out += c[0];
    out += ',';
    out += c.substr(1, c.size() - 2);
    out += ',';
    out += c.back();
    out += ')';
    return out;
  }

  /// Number of states in R's state vector (l, b, s_1..s_m).
  [[nodiscard]] int state_count(int season_length) const noexcept {
    return 1 + (trend != ets_trend::none ? 1 : 0) +
           (season != ets_season::none ? season_length : 0);
  }

  friend bool operator==(const ets_model&, const ets_model&) = default;
};

}  // namespace invforecast

#pragma once

/// @file
/// The model confidence score stored in material_forecasts.model_confidence_score: a number in
/// [0, 1] derived from a rolling-origin backtest of the model on the item's own history.
/// See docs/accuracy.md ("Model confidence score").

#include <cmath>
#include <concepts>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "invforecast/detail/check.hpp"
#include "invforecast/metrics/backtest.hpp"
#include "invforecast/metrics/interval_metrics.hpp"

namespace invforecast {

/// Which error measure the accuracy part of the score was based on.
enum class confidence_basis {
  mase,  ///< 1 / (1 + MASE): the normal case
  wape,  ///< 1 / (1 + WAPE): MASE undefined (constant training data), some actual non-zero
  mae    ///< 1 if MAE = 0 else 0: MASE and WAPE both undefined
};

/// The confidence score and its two factors.
template <std::floating_point T = double>
struct model_confidence {
  /// accuracy * calibration, in [0, 1].
  T score{};
  /// 1 / (1 + MASE) (or the fallback of `basis`), in [0, 1].
  T accuracy{};
  /// 1 - mean over the scored levels of |coverage - level|, in (0, 1]; 1 without levels.
  T calibration{};
  confidence_basis basis = confidence_basis::mase;
};

/// Model confidence from backtest errors.
///
/// \f$ \text{score} = \frac{1}{1 + \mathrm{MASE}} \times
/// \Bigl(1 - \frac{1}{L}\sum_{l} |\text{coverage}_l - l|\Bigr) \f$.
///
/// Meaning of the accuracy factor: MASE compares the model's out-of-sample mean absolute
/// error with the in-sample mean absolute error of the (seasonal) naive forecast. A perfect
/// forecast scores 1; errors as large as the naive one-step errors score 0.5; MASE 0.25 scores
/// 0.8, MASE 4 scores 0.2. It is scale-free (comparable across items), strictly decreasing in
/// the error, and never clips, so poor models still rank. The calibration factor lowers the
/// score when the prediction intervals (used for safety stock) cover far more or far less
/// than their nominal level; it is 1 when no level was scored.
///
/// Fallbacks when MASE is undefined (every origin's training data constant at lag m):
/// 1 / (1 + WAPE) when some actual is non-zero; otherwise 1 if MAE = 0, else 0.
/// @param mase pooled backtest MASE (>= 0) or empty.
/// @param wape pooled WAPE (fraction, >= 0) or empty.
/// @param mae pooled MAE (>= 0).
/// @param intervals scored intervals (level in (0, 1), coverage in [0, 1]); may be empty.
/// @throws invalid_argument when a value is negative, not finite or out of range.
template <std::floating_point T>
[[nodiscard]] model_confidence<T> confidence_from_errors(
    std::optional<T> mase, std::optional<T> wape, T mae,
    std::span<const interval_accuracy<T>> intervals = {}) {
  constexpr const char* fn = "confidence_from_errors";
  if (mase) detail::check_non_negative(fn, "mase", *mase);
  if (wape) detail::check_non_negative(fn, "wape", *wape);
  detail::check_non_negative(fn, "mae", mae);
  model_confidence<T> c;
  if (mase) {
    c.basis = confidence_basis::mase;
    c.accuracy = T(1) / (T(1) + *mase);
  } else if (wape) {
    c.basis = confidence_basis::wape;
    c.accuracy = T(1) / (T(1) + *wape);
  } else {
    c.basis = confidence_basis::mae;
    c.accuracy = mae == 0 ? T(1) : T(0);
  }
  c.calibration = T(1);
  if (!intervals.empty()) {
    T gap{};
    for (std::size_t i = 0; i < intervals.size(); ++i) {
      const std::string at = "intervals[" + std::to_string(i) + "]";
      detail::check_level(fn, at + ".level", intervals[i].level);
      detail::check_closed_interval(fn, at + ".coverage", intervals[i].coverage, T(0), T(1));
      gap += std::abs(intervals[i].coverage - intervals[i].level);
    }
    c.calibration = T(1) - gap / static_cast<T>(intervals.size());
  }
  c.score = c.accuracy * c.calibration;
  return c;
}

/// confidence_from_errors on a backtest's pooled summary (MASE, WAPE, MAE and the coverage of
/// every level in backtest_options::levels).
/// @throws nothing beyond confidence_from_errors (a backtest_result is always in range).
template <std::floating_point T>
[[nodiscard]] model_confidence<T> confidence_from_backtest(const backtest_result<T>& result) {
  return confidence_from_errors(result.overall.mase, result.overall.point.wape,
                                result.overall.point.mae,
                                std::span<const interval_accuracy<T>>(result.overall.intervals));
}

/// The value for material_forecasts.model_confidence_score (DECIMAL(5,4), 0..1):
/// confidence_from_backtest(result).score.
template <std::floating_point T>
[[nodiscard]] T model_confidence_score(const backtest_result<T>& result) {
  return confidence_from_backtest(result).score;
}

}  // namespace invforecast

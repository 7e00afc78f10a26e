#pragma once

/// @file
/// TSB (Teunter, Syntetos & Babai 2011): intermittent demand with the demand probability
/// smoothed every period, so the forecast decays when demand stops. See docs/intermittent.md.

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/intermittent/detail/common.hpp"

namespace invforecast {

/// Options of tsb(). Each parameter unset is chosen by minimising the in-sample one-step MSE
/// over [lower, upper].
template <std::floating_point T = double>
struct tsb_options {
  /// Smoothing parameter of the demand probability (updated every period), in [0, 1].
  std::optional<T> alpha{};
  /// Smoothing parameter of the non-zero demand size (updated in demand periods), in [0, 1].
  std::optional<T> beta{};
  /// Lower bound of the parameter search (both parameters), in [0, 1].
  T lower = T(0.01);
  /// Upper bound of the parameter search (both parameters), in [0, 1], > lower.
  T upper = T(0.99);
};

template <std::floating_point T = double>
class fitted_tsb;

template <std::floating_point T = double>
[[nodiscard]] fitted_tsb<T> tsb(std::type_identity_t<std::span<const T>> y,
                                tsb_options<T> options = {});

/// A fitted TSB model (immutable). Produced by tsb().
template <std::floating_point T>
class fitted_tsb {
 public:
  /// Probability smoothing parameter used (given or optimised).
  [[nodiscard]] T alpha() const noexcept { return alpha_; }
  /// Size smoothing parameter used (given or optimised).
  [[nodiscard]] T beta() const noexcept { return beta_; }
  /// True when alpha was chosen by the optimiser.
  [[nodiscard]] bool alpha_optimised() const noexcept { return alpha_optimised_; }
  /// True when beta was chosen by the optimiser.
  [[nodiscard]] bool beta_optimised() const noexcept { return beta_optimised_; }
  /// Smoothed demand probability at the end of the series (0 when no demand).
  [[nodiscard]] T demand_probability() const noexcept { return prob_; }
  /// Smoothed non-zero demand size at the end of the series (0 when no demand).
  [[nodiscard]] T size_level() const noexcept { return z_; }
  /// Number of non-zero observations.
  [[nodiscard]] std::size_t nonzero() const noexcept { return sizes_.size(); }
  /// Number of observations n.
  [[nodiscard]] std::size_t nobs() const noexcept { return n_; }
  /// One-step in-sample forecasts for periods 2..n: fitted()[i] predicts y[i + 1] from
  /// y[0..i]; 0 until the first demand has been observed. Size n - 1.
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// residuals()[i] = y[i + 1] - fitted()[i]. Size n - 1.
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// Mean squared residual over periods 2..n (the optimiser's objective); 0 when n = 1.
  [[nodiscard]] T mse() const noexcept { return mse_; }
  /// Variance of one period's demand under the interval model: q * s^2 * mean(x_i^2) - mean^2
  /// with q the demand probability, x_i the observed non-zero sizes, s = z / mean(x_i).
  [[nodiscard]] T demand_variance() const noexcept { return var_; }
  /// Variance of the total demand of the next `lead_time` periods: lead_time *
  /// demand_variance() (independent periods, estimation error ignored).
  /// @throws invalid_argument when lead_time < 1.
  [[nodiscard]] T lead_time_demand_variance(int lead_time) const {
    detail::check_positive("fitted_tsb::lead_time_demand_variance", "lead_time", lead_time);
    return static_cast<T>(lead_time) * var_;
  }

  /// Point forecasts (flat: probability * size) and prediction intervals: the exact quantiles
  /// of one period's demand modelled as 0 with probability 1 - q (q = demand_probability())
  /// and otherwise an observed non-zero size times z / mean(sizes), as for fitted_croston.
  /// Bounds >= 0 and the same for every step.
  /// @param horizon number of steps, >= 1.
  /// @param levels interval levels, each in (0, 1).
  /// @param seed unused: the quantiles are exact; kept so every method shares one signature.
  /// @throws invalid_argument when horizon < 1 or a level is outside (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(int horizon,
                                                  std::span<const T> levels = default_levels<T>,
                                                  std::uint64_t seed = 42) const {
    static_cast<void>(seed);
    detail::intermittent::check_forecast_request("fitted_tsb::forecast", horizon, levels);
    return detail::intermittent::zero_inflated_forecast<T>(sizes_, prob_, scale_, prob_ * z_,
                                                           horizon, levels);
  }

 private:
  friend fitted_tsb<T> tsb<T>(std::type_identity_t<std::span<const T>> y, tsb_options<T> options);
  fitted_tsb() = default;

  T alpha_{};
  T beta_{};
  bool alpha_optimised_ = false;
  bool beta_optimised_ = false;
  T prob_{};
  T z_{};
  T scale_{};
  T var_{};
  T mse_{};
  std::size_t n_ = 0;
  std::vector<T> sizes_;  // sorted non-zero sizes
  std::vector<T> fitted_;
  std::vector<T> residuals_;
};

namespace detail::intermittent {

/// TSB recursion. Nothing is forecast (0) until the first demand y[f] > 0 (0-based f); it
/// initialises z = y[f], prob = 1 / (f + 1) — the same information Croston starts from, so
/// both give y[f] / (f + 1) right after the first demand. Every later period:
/// prob <- prob + alpha (1[y > 0] - prob); in demand periods also z <- z + beta (y - z).
/// Returns the sum of squared one-step errors over periods 2..n of prob * z; writes them to
/// `fitted` when non-null. Final states in prob, z.
template <std::floating_point T>
T tsb_recursion(std::span<const T> y, T alpha, T beta, T& prob, T& z, T* fitted) {
  prob = 0;
  z = 0;
  bool seen = false;
  T sse = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (t > 0) {
      const T f = prob * z;
      const T e = y[t] - f;
      sse += e * e;
      if (fitted != nullptr) fitted[t - 1] = f;
    }
    if (y[t] > 0) {
      if (seen) {
        prob += alpha * (T(1) - prob);
        z += beta * (y[t] - z);
      } else {
        prob = T(1) / static_cast<T>(t + 1);
        z = y[t];
        seen = true;
      }
    } else if (seen) {
      prob -= alpha * prob;
    }
  }
  return sse;
}

/// The same sum of squared errors as tsb_recursion in O(number of demands + longest run of
/// zeros). Over a run of m zero periods the forecast decays geometrically: the run adds
/// (p z)^2 * sum_{i<m} (1 - alpha)^{2i} and leaves p (1 - alpha)^m. `pw` and `geo` are
/// caller-provided buffers of size >= longest run + 1 (filled here with (1 - alpha)^m and the
/// geometric sums), so the objective allocates nothing. `d` is non-empty.
template <std::floating_point T>
T tsb_sse(std::span<const demand_point<T>> d, std::size_t n, T alpha, T beta, std::span<T> pw,
          std::span<T> geo) {
  const T keep = T(1) - alpha;
  pw[0] = T(1);
  geo[0] = T(0);
  for (std::size_t m = 1; m < pw.size(); ++m) {
    pw[m] = pw[m - 1] * keep;
    geo[m] = geo[m - 1] + pw[m - 1] * pw[m - 1];
  }
  T sse = d[0].t > 0 ? d[0].size * d[0].size : T(0);
  T p = T(1) / static_cast<T>(d[0].t + 1);
  T z = d[0].size;
  for (std::size_t j = 1; j < d.size(); ++j) {
    const std::size_t m = d[j].t - d[j - 1].t - 1;
    const T f0 = p * z;
    sse += f0 * f0 * geo[m];
    p *= pw[m];
    const T e = d[j].size - p * z;
    sse += e * e;
    p += alpha * (T(1) - p);
    z += beta * (d[j].size - z);
  }
  const T f = p * z;
  return sse + f * f * geo[n - 1 - d.back().t];
}

}  // namespace detail::intermittent

/// Fits TSB to a demand series.
///
/// \f$ \hat p \leftarrow \hat p + \alpha (\mathbf 1[y_t > 0] - \hat p) \f$ every period,
/// \f$ \hat z \leftarrow \hat z + \beta (y_t - \hat z) \f$ in demand periods only; forecast
/// \f$ \hat y = \hat p \hat z \f$. Initial values from the first demand y[f] (0-based f):
/// z = y[f], p = 1/(f + 1) (first demand / first interval, as Croston); forecasts before it
/// are 0. Parameters left unset minimise mse() (one-step errors over periods 2..n) on
/// [lower, upper]: with both unset, a 6 x 6 grid then two rounds of coordinate-wise
/// golden-section search (to 1e-5); with one unset, a 30-point grid + golden section. A
/// parameter the objective does not depend on gets 0.1 (clamped to the bounds). All zeros:
/// forecast 0, intervals 0.
///
/// Complexity O(n) for given parameters; optimising both adds about 200 evaluations of an
/// O(demands + longest zero run) objective, with buffers allocated once.
/// Source: Teunter, Syntetos & Babai (2011), EJOR 214, "Intermittent demand: linking
/// forecasting to inventory obsolescence".
///
/// Any contiguous range of T is accepted for y; T comes from the options (double when they
/// are omitted or given as a braced list; `tsb<float>(y)` fits in float):
/// @code
/// std::vector<double> y = {0, 3, 0, 0, 5, 0, 2};
/// auto fc = invforecast::tsb(y, {.alpha = 0.2, .beta = 0.5}).forecast(14);
/// @endcode
///
/// @param y demand per period, oldest first; every value finite, >= 0 and <= 1e15
///   (detail::max_magnitude, docs/errors.md "Limits").
/// @param options alpha (probability), beta (size), search bounds.
/// @return the fitted model.
/// @throws insufficient_data when y is empty.
/// @throws invalid_argument naming the index and value of the first negative, non-finite or
///         too large y, or when alpha, beta or a bound is outside [0, 1] or lower >= upper,
///         or (float only) when a result overflows the type.
template <std::floating_point T>
[[nodiscard]] fitted_tsb<T> tsb(std::type_identity_t<std::span<const T>> y,
                                tsb_options<T> options) {
  constexpr std::string_view fn = "tsb";
  namespace di = detail::intermittent;
  di::check_demand(fn, y);
  if (options.alpha) detail::check_closed_interval(fn, "alpha", *options.alpha, T(0), T(1));
  if (options.beta) detail::check_closed_interval(fn, "beta", *options.beta, T(0), T(1));
  if (!options.alpha || !options.beta) {
    di::check_bounds(fn, "lower", options.lower, "upper", options.upper);
  }

  fitted_tsb<T> out;
  out.n_ = y.size();
  // Objective buffers, allocated once: demand list, powers and geometric sums up to the
  // longest run of zeros between / after demands.
  const auto points =
      (options.alpha && options.beta) ? std::vector<di::demand_point<T>>{} : di::demand_points(y);
  std::size_t longest = 0;
  for (std::size_t j = 1; j < points.size(); ++j) {
    longest = std::max(longest, points[j].t - points[j - 1].t - 1);
  }
  if (!points.empty()) longest = std::max(longest, y.size() - 1 - points.back().t);
  std::vector<T> buffers(points.empty() ? 0 : 2 * (longest + 1));
  const std::span<T> pw(buffers.data(), buffers.size() / 2);
  const std::span<T> geo(buffers.data() + buffers.size() / 2, buffers.size() / 2);
  const std::span<const di::demand_point<T>> d(points);
  const auto sse = [&](T a, T b) {
    return d.empty() ? T(0) : di::tsb_sse<T>(d, y.size(), a, b, pw, geo);
  };
  const T lo = options.lower;
  const T hi = options.upper;
  T a = options.alpha.value_or(T(0.1));
  T b = options.beta.value_or(T(0.1));
  if (!options.alpha && !options.beta) {
    constexpr int grid = 6;
    const T step = (hi - lo) / T(grid - 1);
    T best = sse(a, b);
    T worst = best;
    T best_a = a;
    T best_b = b;
    for (int i = 0; i < grid; ++i) {
      for (int j = 0; j < grid; ++j) {
        const T ai = i + 1 == grid ? hi : lo + step * static_cast<T>(i);
        const T bj = j + 1 == grid ? hi : lo + step * static_cast<T>(j);
        const T f = sse(ai, bj);
        if (f < best) {
          best = f;
          best_a = ai;
          best_b = bj;
        }
        worst = std::max(worst, f);
      }
    }
    if (worst - best > T(1e-12) * std::max(T(1), best)) {
      a = best_a;
      b = best_b;
      for (int round = 0; round < 2; ++round) {
        const T w = round == 0 ? step : step / 4;
        a = di::golden_section<T>([&](T x) { return sse(x, b); }, std::max(lo, a - w),
                                  std::min(hi, a + w), T(1e-5), a, sse(a, b));
        b = di::golden_section<T>([&](T x) { return sse(a, x); }, std::max(lo, b - w),
                                  std::min(hi, b + w), T(1e-5), b, sse(a, b));
      }
    } else {
      a = std::clamp(T(0.1), lo, hi);
      b = std::clamp(T(0.1), lo, hi);
    }
  } else if (!options.alpha) {
    a = di::minimise_1d<T>([&](T x) { return sse(x, b); }, lo, hi, T(0.1));
  } else if (!options.beta) {
    b = di::minimise_1d<T>([&](T x) { return sse(a, x); }, lo, hi, T(0.1));
  }
  out.alpha_ = a;
  out.beta_ = b;
  out.alpha_optimised_ = !options.alpha;
  out.beta_optimised_ = !options.beta;

  out.fitted_.resize(y.size() - 1);
  T prob = 0;
  T z = 0;
  const T total = di::tsb_recursion<T>(y, a, b, prob, z, out.fitted_.data());
  out.residuals_.resize(y.size() - 1);
  for (std::size_t i = 0; i + 1 < y.size(); ++i) out.residuals_[i] = y[i + 1] - out.fitted_[i];
  out.mse_ = y.size() > 1 ? total / static_cast<T>(y.size() - 1) : T(0);
  out.prob_ = prob;
  out.z_ = z;

  for (const T v : y) {
    if (v > 0) out.sizes_.push_back(v);
  }
  std::sort(out.sizes_.begin(), out.sizes_.end());
  if (!out.sizes_.empty()) {
    T sum = 0;
    T sum2 = 0;
    for (const T v : out.sizes_) {
      sum += v;
      sum2 += v * v;
    }
    const T m = static_cast<T>(out.sizes_.size());
    out.scale_ = z / (sum / m);
    const T mean = prob * z;
    out.var_ = std::max(T(0), prob * out.scale_ * out.scale_ * (sum2 / m) - mean * mean);
  }
  di::check_fit_results(fn, out.mse_, out.scale_, out.var_);
  return out;
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/intermittent/detail/tsb_extern.hpp"  // IWYU pragma: export

#pragma once

/// @file
/// Exponential smoothing state-space models ETS(error, trend, season): specification,
/// fitting by maximum likelihood exactly as R's forecast::ets (forecast 8.20), and forecasts
/// with prediction intervals. See docs/forecasting.md, "Exponential smoothing (ETS)".
///
/// Reference: Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential Smoothing:
/// the State Space Approach", Springer; R package forecast, function ets().

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/ets_class3.hpp"
#include "invforecast/detail/ets_core.hpp"
#include "invforecast/detail/ets_intervals.hpp"
#include "invforecast/detail/ets_objective.hpp"
#include "invforecast/detail/nelder_mead.hpp"
#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/smoothing/ets_model.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// Smoothing parameters in R's state-space form: `beta` is R's beta (= alpha * the textbook
/// Holt beta), `gamma` smooths the seasonal with the one-step level prediction. Unset members
/// belong to components the model does not have.
template <std::floating_point T = double>
struct ets_params {
  T alpha{};
  std::optional<T> beta;
  std::optional<T> gamma;
  std::optional<T> phi;
};

/// Which parameter region the optimiser searches (R's `bounds`): the box ("usual": lower <=
/// alpha, beta <= alpha, gamma <= 1 - alpha, phi in [lower, upper]), the invertible
/// ("admissible") region, or both (R's default).
enum class ets_bounds { usual, admissible, both };

/// Everything that specifies an ETS fit. Parameters left unset are estimated.
template <std::floating_point T = double>
struct ets_options {
  ets_model model{};
  /// Season length m (1 = none). Seasonal models need 2 <= m <= 24 (R's limit).
  int season_length = 1;
  std::optional<T> alpha, beta, gamma, phi;  ///< fixed when set, fitted otherwise
  /// Initial state vector in R's order (l, [b], s_1..s_m; s_1 the most recent seasonal, the
  /// one used at step m; s_m used at step 1). Empty: estimated (R's initstate() start values,
  /// optimised together with the parameters).
  std::vector<T> initial_states;
  ets_bounds bounds = ets_bounds::both;
  std::array<T, 4> lower{T(1e-4), T(1e-4), T(1e-4), T(0.8)};         ///< alpha, beta, gamma, phi
  std::array<T, 4> upper{T(0.9999), T(0.9999), T(0.9999), T(0.98)};  ///< alpha, beta, gamma, phi
  int max_evaluations = 2000;  ///< Nelder-Mead budget in function evaluations (R's maxit)
  T reltol = std::sqrt(std::numeric_limits<T>::epsilon());  ///< R's reltol
  int simulation_paths = 5000;  ///< sample paths for models without analytic intervals
};

template <std::floating_point T>
class ets_spec;

namespace detail {
struct ets_factory;
struct ets_fit_steps;

/// R's length(par) of a fit that estimated everything: the smoothing parameters plus the level,
/// trend and m - 1 free seasonal initial states (the last seasonal is implied).
inline std::size_t ets_free_count(const ets_model& model, int m) {
  const bool seasonal = model.season != ets_season::none;
  const std::size_t nparams = std::size_t{1} + (model.trend != ets_trend::none ? 1U : 0U) +
                              (seasonal ? 1U : 0U) + (model.damped ? 1U : 0U);
  return nparams + static_cast<std::size_t>(model.state_count(seasonal ? m : 1)) -
         (seasonal ? 1U : 0U);
}
}  // namespace detail

/// A fitted ETS model (immutable). Produced by ets_spec::fit or ets_auto.
template <std::floating_point T = double>
class fitted_ets {
 public:
  /// Model form, e.g. ETS(A,Ad,N).
  [[nodiscard]] const ets_model& model() const noexcept { return model_; }
  /// Season length m used (1 when the model has no season).
  [[nodiscard]] int season_length() const noexcept { return m_; }
  /// Smoothing parameters (given or estimated).
  [[nodiscard]] ets_params<T> params() const {
    ets_params<T> p;
    p.alpha = coef_.alpha;
    if (model_.trend != ets_trend::none) p.beta = coef_.beta;
    if (model_.season != ets_season::none) p.gamma = coef_.gamma;
    if (model_.damped) p.phi = coef_.phi;
    return p;
  }
  /// Initial states x_0 in R's order (l, [b], s_1..s_m) — R's `initstate`.
  [[nodiscard]] const std::vector<T>& initial_states() const noexcept { return initial_; }
  /// States after the last observation, x_n, in the same order (forecast origin).
  [[nodiscard]] const std::vector<T>& final_states() const noexcept { return final_; }
  /// One-step predictions yhat_t (also at unknown points).
  [[nodiscard]] const std::vector<T>& fitted() const noexcept { return fitted_; }
  /// Innovations e_t: y - yhat (additive error) or (y - yhat)/yhat (multiplicative), as R;
  /// 0 at unknown points.
  [[nodiscard]] const std::vector<T>& residuals() const noexcept { return residuals_; }
  /// sigma^2 = sum e^2 / (n - number of parameters and free initial states), R's definition.
  [[nodiscard]] T sigma2() const noexcept { return sigma2_; }
  /// Log-likelihood as R reports it: -0.5 * lik, lik = n log(sum e^2) (+ 2 sum log|yhat|).
  [[nodiscard]] T loglik() const noexcept { return T(-0.5) * lik_; }
  /// R's objective value `lik` at the solution (-2 loglik).
  [[nodiscard]] T objective() const noexcept { return lik_; }
  /// AIC = lik + 2k.
  [[nodiscard]] T aic() const noexcept { return lik_ + T(2) * static_cast<T>(k_); }
  /// AICc = AIC + 2k(k+1)/(n-k-1) (+infinity when n - k - 1 <= 0).
  [[nodiscard]] T aicc() const noexcept {
    const T denom = static_cast<T>(nobs_) - static_cast<T>(k_) - T(1);
    if (denom <= 0) return std::numeric_limits<T>::infinity();
    return aic() + T(2) * static_cast<T>(k_) * static_cast<T>(k_ + 1) / denom;
  }
  /// BIC = lik + k log(n).
  [[nodiscard]] T bic() const noexcept {
    return lik_ + std::log(static_cast<T>(nobs_)) * static_cast<T>(k_);
  }
  /// Observations used in the likelihood (known points).
  [[nodiscard]] std::size_t nobs() const noexcept { return nobs_; }
  /// k: estimated parameters + estimated initial states + 1 (the variance), as R.
  [[nodiscard]] std::size_t parameter_count() const noexcept { return k_; }
  /// The optimiser met its tolerance within the budget (true when nothing was optimised).
  [[nodiscard]] bool converged() const noexcept { return converged_; }
  /// Objective evaluations used by the optimiser.
  [[nodiscard]] int evaluations() const noexcept { return evaluations_; }

  /// Point forecasts and central prediction intervals for steps 1..horizon.
  ///
  /// Means and variances: analytic for class 1 (additive error, trend N/A/Ad, season N/A),
  /// class 2 (multiplicative error, same trends and seasons) and class 3 (multiplicative error
  /// and season, trend N/A/Ad; the mean includes R's sigma^2 terms), with bounds
  /// mean +/- z_{(1+level)/2} sqrt(v_h); other models use R's point recursion and the
  /// quantiles (type 8) of `simulation_paths` simulated paths drawn with `seed`.
  /// Demand cannot be negative: with `truncate_at_zero` (default) means and bounds below zero
  /// are set to 0 (after the interval was computed from the untruncated mean).
  /// @throws invalid_argument when horizon < 1 or a level is not in (0, 1).
  [[nodiscard]] invforecast::forecast<T> forecast(int horizon,
                                                  std::span<const T> levels = default_levels<T>,
                                                  std::uint64_t seed = 42,
                                                  bool truncate_at_zero = true) const {
    return forecast_impl(horizon, levels, seed, truncate_at_zero, nullptr);
  }

  /// forecast() and forecast_variance() of the same horizon and seed in one call: both from
  /// one computation of the moments (classes 1-3) or one simulation (other models), so each
  /// equals what the separate call returns. @throws as forecast().
  [[nodiscard]] std::pair<invforecast::forecast<T>, std::vector<T>> forecast_with_variance(
      int horizon, std::span<const T> levels = default_levels<T>, std::uint64_t seed = 42,
      bool truncate_at_zero = true) const {
    std::vector<T> variance;
    auto f = forecast_impl(horizon, levels, seed, truncate_at_zero, &variance);
    return {std::move(f), std::move(variance)};
  }

  /// Variances of the h-step forecast errors for h = 1..horizon: analytic for classes 1-3,
  /// otherwise the sample variance of `simulation_paths` simulated values (drawn with `seed`).
  /// @throws invalid_argument when horizon < 1.
  [[nodiscard]] std::vector<T> forecast_variance(int horizon, std::uint64_t seed = 42) const {
    detail::check_positive("fitted_ets::forecast_variance", "horizon", horizon);
    std::vector<T> variance;
    (void)forecast_impl(horizon, {}, seed, false, &variance);
    return variance;
  }

  /// Variance of lead-time demand Var(y_{n+1} + ... + y_{n+L}) including the covariances
  /// between steps. Classes 1 and 2 in closed form: \f$\sigma^2 \sum_{i=1}^{L} \theta_i
  /// C_{L-i}^2\f$ with \f$C_k = 1 + \sum_{j=1}^{k} c_j\f$, \f$c_j = w'F^{j-1}g\f$ and
  /// \f$\theta_i = 1\f$ (class 1) or R's class-2 \f$\theta_i = E[\mu_i^2]\f$ (Hyndman et al.
  /// 2008, sec. 6.6); other models: the sample variance of the sum over `simulation_paths`
  /// simulated paths drawn with `seed`. The c_j are the model's own: for seasonal models
  /// without trend R's class1 (and so forecast_variance, for parity with R) applies gamma one
  /// step early; here it enters at lags m, 2m, ... as the model equations say.
  /// @throws invalid_argument when lead_time < 1.
  [[nodiscard]] T lead_time_demand_variance(int lead_time, std::uint64_t seed = 42) const {
    detail::check_positive("fitted_ets::lead_time_demand_variance", "lead_time", lead_time);
    return lead_time_demand_variances(lead_time, seed).back();
  }

  /// lead_time_demand_variance(L) for every L = 1..max_lead_time at once (element L - 1), in
  /// O(max_lead_time^2) for classes 1 and 2 and one simulation of max_lead_time steps otherwise
  /// (so every L sees the same paths).
  /// @throws invalid_argument when max_lead_time < 1.
  [[nodiscard]] std::vector<T> lead_time_demand_variances(int max_lead_time,
                                                          std::uint64_t seed = 42) const {
    detail::check_positive("fitted_ets::lead_time_demand_variances", "max_lead_time",
                           max_lead_time);
    return detail::ets_lead_time_variances(model_, m_, std::span<const T>(final_), coef_, sigma2_,
                                           max_lead_time, simulation_paths_, seed);
  }

  /// This model run over other data `y` with nothing re-estimated: R's `ets(y, model = fit,
  /// use.initial.values = TRUE)`. Parameters and initial states x_0 are this fit's; fitted
  /// values, residuals, final states (so the forecasts), likelihood and nobs are y's;
  /// parameter_count() stays this fit's. sigma^2 = sum e^2 / (nobs - p - 1) with p the form's
  /// parameters and free initial states, as R (np = length(par) + 1 there, p = length(par) of a
  /// fit that estimated everything): one degree of freedom fewer than a fit's sum e^2 /
  /// (nobs - p). One pass over y, no search: a backtest can score a fitted model on each
  /// origin's training window without refitting it.
  /// @throws invalid_argument when y holds a non-finite value or has <= p + 1 values ("y has 5
  ///   values, needs more than p + 1 = 6"; R returns a negative or infinite sigma^2 there), or
  ///   when a one-step prediction is undefined
  ///   (multiplicative trend with negative growth).
  [[nodiscard]] fitted_ets<T> applied_to(std::span<const T> y) const {
    constexpr std::string_view fn = "fitted_ets::applied_to";
    detail::check_all_finite(fn, "y", y);
    const std::size_t np = detail::ets_free_count(model_, m_) + 1;
    if (y.size() <= np) {
      detail::throw_invalid(fn, "y has " + std::to_string(y.size()) +
                                    " values, needs more than p + 1 = " + std::to_string(np));
    }
    fitted_ets<T> out = *this;
    out.fitted_.assign(y.size(), T(0));
    out.residuals_.assign(y.size(), T(0));
    const auto pass = detail::ets_run(model_, m_, y, {}, std::span<const T>(initial_), coef_,
                                      std::span<T>(out.fitted_), std::span<T>(out.residuals_),
                                      std::span<T>(out.final_));
    if (!pass.ok) {
      detail::throw_invalid(fn, model_.r_name() +
                                    ": the one-step prediction is undefined "
                                    "(multiplicative trend with negative growth)");
    }
    out.lik_ = pass.lik(model_);
    out.nobs_ = pass.nobs;
    out.sigma2_ = pass.sse / static_cast<T>(pass.nobs - np);
    out.converged_ = true;
    out.evaluations_ = 0;
    return out;
  }

 private:
  /// forecast(); with `variance`, also forecast_variance() from the same moments or paths.
  [[nodiscard]] invforecast::forecast<T> forecast_impl(int horizon, std::span<const T> levels,
                                                       std::uint64_t seed, bool truncate_at_zero,
                                                       std::vector<T>* variance) const {
    constexpr std::string_view fn = "fitted_ets::forecast";
    detail::check_positive(fn, "horizon", horizon);
    for (const T level : levels) detail::check_level(fn, "level", level);
    const auto hu = static_cast<std::size_t>(horizon);
    invforecast::forecast<T> out;
    const int cls = detail::ets_class(model_);
    if (cls != 0) {
      auto mom = moments(horizon);
      out.mean = mom.mean;
      for (const T level : levels) {
        prediction_interval<T> pi;
        pi.level = level;
        pi.lower.resize(hu);
        pi.upper.resize(hu);
        const T z = normal_quantile(T(0.5) + level / T(2));
        for (std::size_t i = 0; i < hu; ++i) {
          const T half = z * std::sqrt(std::max(mom.variance[i], T(0)));
          pi.lower[i] = mom.mean[i] - half;
          pi.upper[i] = mom.mean[i] + half;
        }
        out.intervals.push_back(std::move(pi));
      }
      if (variance) *variance = std::move(mom.variance);
    } else {
      out.mean = point_forecasts(horizon);
      std::vector<T> paths;
      const std::size_t kept = simulate(horizon, seed, paths);
      std::vector<T> column(kept);
      std::vector<T> probabilities;
      for (const T level : levels) {
        prediction_interval<T> pi;
        pi.level = level;
        pi.lower.resize(hu);
        pi.upper.resize(hu);
        out.intervals.push_back(std::move(pi));
        probabilities.push_back(T(0.5) - level / T(2));
        probabilities.push_back(T(0.5) + level / T(2));
      }
      const auto positions = detail::type8_order_positions(kept, std::span<const T>(probabilities));
      if (variance) variance->resize(hu);
      for (std::size_t i = 0; i < hu; ++i) {
        if (variance) (*variance)[i] = sample_variance(paths, kept, hu, i, i + 1);
        if (out.intervals.empty()) continue;
        for (std::size_t k = 0; k < kept; ++k) column[k] = paths[k * hu + i];
        detail::place_order_statistics(std::span<T>(column),
                                       std::span<const std::size_t>(positions));
        for (std::size_t l = 0; l < out.intervals.size(); ++l) {
          auto& pi = out.intervals[l];
          pi.lower[i] = detail::quantile_type8<T>(column, probabilities[2 * l]);
          pi.upper[i] = detail::quantile_type8<T>(column, probabilities[2 * l + 1]);
        }
      }
    }
    if (truncate_at_zero) out.truncate_at_zero();
    return out;
  }

  template <std::floating_point>
  friend class ets_spec;
  friend struct detail::ets_factory;

  [[nodiscard]] detail::ets_moments<T> moments(int h) const {
    const int cls = detail::ets_class(model_);
    const std::span<const T> x(final_);
    if (cls == 1) {
      return detail::ets_class1(model_, m_, x, coef_.alpha, coef_.beta, coef_.gamma, coef_.phi,
                                sigma2_, h);
    }
    if (cls == 2) {
      return detail::ets_class2(model_, m_, x, coef_.alpha, coef_.beta, coef_.gamma, coef_.phi,
                                sigma2_, h);
    }
    return detail::ets_class3(model_, m_, x, coef_.alpha, coef_.beta, coef_.gamma, coef_.phi,
                              sigma2_, h);
  }

  [[nodiscard]] std::vector<T> point_forecasts(int h) const {
    std::vector<T> f(static_cast<std::size_t>(h));
    detail::ets_state<T> st;
    st.load(model_, model_.season != ets_season::none ? m_ : 1, final_);
    if (!detail::ets_point_forecasts(model_, st, coef_.phi, std::span<T>(f))) {
      // Multiplicative trend with a negative growth state: R returns NA; we hold the level.
      for (T& v : f) v = final_[0];
    }
    return f;
  }

  std::size_t simulate(int h, std::uint64_t seed, std::vector<T>& paths) const {
    return detail::ets_simulate(model_, m_, std::span<const T>(final_), coef_, sigma2_, h,
                                simulation_paths_, seed, paths);
  }

  static T sample_variance(const std::vector<T>& paths, std::size_t kept, std::size_t h,
                           std::size_t from, std::size_t to) {
    if (kept < 2) return T(0);
    T mean = 0;
    for (std::size_t k = 0; k < kept; ++k) {
      T s = 0;
      for (std::size_t i = from; i < to; ++i) s += paths[k * h + i];
      mean += s;
    }
    mean /= static_cast<T>(kept);
    T ss = 0;
    for (std::size_t k = 0; k < kept; ++k) {
      T s = 0;
      for (std::size_t i = from; i < to; ++i) s += paths[k * h + i];
      ss += (s - mean) * (s - mean);
    }
    return ss / static_cast<T>(kept - 1);
  }

  ets_model model_{};
  int m_ = 1;
  detail::ets_coefficients<T> coef_{};
  std::vector<T> initial_;
  std::vector<T> final_;
  std::vector<T> fitted_;
  std::vector<T> residuals_;
  T sigma2_{};
  T lik_{};
  std::size_t nobs_ = 0;
  std::size_t k_ = 1;
  bool converged_ = true;
  int evaluations_ = 0;
  int simulation_paths_ = 5000;
};

namespace detail {
/// The engine's mask (1 = unknown) from a public known-day mask (non-zero = observed); empty
/// when every point is known, so that the engine takes its unmasked path.
inline std::vector<std::uint8_t> unknown_from_known(std::span<const std::uint8_t> known) {
  std::vector<std::uint8_t> unknown;
  for (std::size_t i = 0; i < known.size(); ++i) {
    if (known[i] != 0) continue;
    if (unknown.empty()) unknown.assign(known.size(), std::uint8_t{0});
    unknown[i] = 1;
  }
  return unknown;
}

/// Builds fitted models that do not come from ets_spec::fit (used by ets_auto).
struct ets_factory {
  /// A model with given coefficients and initial states (nothing estimated here), with R's
  /// HoltWinters convention sigma^2 = mean(e^2) and k = `k` for the information criteria.
  template <std::floating_point U>
  static fitted_ets<U> from_states(std::span<const U> y, std::span<const std::uint8_t> unknown,
                                   const ets_model& model, const ets_coefficients<U>& c,
                                   std::vector<U> x0, std::size_t k, int simulation_paths) {
    fitted_ets<U> f;
    f.model_ = model;
    f.m_ = 1;
    f.coef_ = c;
    f.initial_ = std::move(x0);
    f.final_.assign(f.initial_.size(), U(0));
    f.fitted_.assign(y.size(), U(0));
    f.residuals_.assign(y.size(), U(0));
    const auto pass =
        ets_run(model, 1, y, unknown, std::span<const U>(f.initial_), c, std::span<U>(f.fitted_),
                std::span<U>(f.residuals_), std::span<U>(f.final_));
    U lik = pass.lik(model);
    if (!std::isfinite(lik) || lik < U(-1e10)) lik = U(-1e10);
    f.lik_ = lik;
    f.nobs_ = pass.nobs;
    f.k_ = k;
    f.sigma2_ = pass.nobs > 0 ? pass.sse / static_cast<U>(pass.nobs) : U(0);
    f.simulation_paths_ = simulation_paths;
    return f;
  }

  /// R's answer for a constant series: ses(y, alpha = 0.99999, initial = "simple"), i.e.
  /// ETS(A,N,N) with l0 = y[first known], zero residuals and sigma^2 = 0.
  template <std::floating_point U>
  static fitted_ets<U> constant(std::span<const U> y, std::size_t first_known, std::size_t nobs) {
    fitted_ets<U> f;
    f.model_ = ets_model{};
    f.m_ = 1;
    f.coef_ = {U(0.99999), U(0), U(0), U(1)};
    f.initial_ = {y[first_known]};
    f.final_ = {y[first_known]};
    f.fitted_.assign(y.size(), y[first_known]);
    f.residuals_.assign(y.size(), U(0));
    f.sigma2_ = 0;
    f.lik_ = U(-1e10);  // R's "perfect fit" floor of the objective
    f.nobs_ = nobs;
    f.k_ = 1;
    return f;
  }
};

/// A fit prepared up to its search (ets_spec::fit in steps, see ets_fit_steps): the objective,
/// the search's start vector and the start coefficients.
template <std::floating_point T>
struct ets_fit_problem {
  ets_objective<T> objective;
  std::vector<T> par;  ///< free parameters and estimated initial states; empty: nothing to fit
  ets_coefficients<T> start;
  nelder_mead_settings<T> settings;
};
}  // namespace detail

/// Specification of an ETS model; validates its options, then fit(y) estimates it.
template <std::floating_point T = double>
class ets_spec {
 public:
  /// @throws invalid_argument when season_length < 1; a seasonal model with season_length < 2
  ///         or > 24; a fixed parameter that is not finite or phi without a damped trend (or a
  ///         damped model without a trend); beta without trend or gamma without season;
  ///         lower > upper; max_evaluations < 1; simulation_paths < 10; a non-finite initial
  ///         state or one of the wrong count.
  explicit ets_spec(ets_options<T> options) : opt_(std::move(options)) {
    constexpr std::string_view fn = "ets_spec";
    detail::check_positive(fn, "season_length", opt_.season_length);
    const bool seasonal = opt_.model.season != ets_season::none;
    if (seasonal &&
        (opt_.season_length < 2 || opt_.season_length > detail::ets_max_season_length)) {
      detail::throw_invalid_value(fn, "season_length", opt_.season_length,
                                  "in [2, 24] for a seasonal model (R's ets limit)");
    }
    if (opt_.model.damped && opt_.model.trend == ets_trend::none) {
      detail::throw_invalid(fn,
                            "model = " + opt_.model.code() + ", must not be damped without trend");
    }
    if (opt_.alpha) detail::check_finite(fn, "alpha", *opt_.alpha);
    if (opt_.beta) {
      detail::check_finite(fn, "beta", *opt_.beta);
      if (opt_.model.trend == ets_trend::none) {
        detail::throw_invalid_value(fn, "beta", *opt_.beta, "unset for a model without trend");
      }
    }
    if (opt_.gamma) {
      detail::check_finite(fn, "gamma", *opt_.gamma);
      if (!seasonal) {
        detail::throw_invalid_value(fn, "gamma", *opt_.gamma, "unset for a model without season");
      }
    }
    if (opt_.phi) {
      detail::check_finite(fn, "phi", *opt_.phi);
      if (!opt_.model.damped) {
        detail::throw_invalid_value(fn, "phi", *opt_.phi, "unset for an undamped model");
      }
    }
    for (std::size_t i = 0; i < 4; ++i) {
      detail::check_finite(fn, "lower", opt_.lower[i]);
      detail::check_finite(fn, "upper", opt_.upper[i]);
      if (opt_.upper[i] < opt_.lower[i]) {
        detail::throw_invalid_value(fn, "upper[" + std::to_string(i) + "]", opt_.upper[i],
                                    ">= lower[" + std::to_string(i) + "]");
      }
    }
    detail::check_positive(fn, "max_evaluations", opt_.max_evaluations);
    if (opt_.simulation_paths < 10) {
      detail::throw_invalid_value(fn, "simulation_paths", opt_.simulation_paths, ">= 10");
    }
    if (!(opt_.reltol > 0)) detail::throw_invalid_value(fn, "reltol", opt_.reltol, "> 0");
    if (!opt_.initial_states.empty()) {
      const auto want = static_cast<std::size_t>(opt_.model.state_count(opt_.season_length));
      if (opt_.initial_states.size() != want) {
        detail::throw_invalid_value(fn, "initial_states.size()", opt_.initial_states.size(),
                                    std::to_string(want) + " for " + opt_.model.code());
      }
      detail::check_all_finite(fn, "initial_states", std::span<const T>(opt_.initial_states));
    }
  }

  /// The options this spec was built with.
  [[nodiscard]] const ets_options<T>& options() const noexcept { return opt_; }

  /// Fits the model to y (all values known): R's etsmodel — start values, initial states,
  /// Nelder-Mead on the likelihood over parameters and initial states together (see
  /// docs/forecasting.md). Complexity O(evaluations * n), at most max_evaluations evaluations.
  /// @throws invalid_argument when y has a non-finite value (message names index and value),
  ///         a multiplicative component meets y <= 0, a fixed parameter lies outside the
  ///         bounds, the objective cannot be evaluated at the start values, or a given
  ///         multiplicative-trend state makes the prediction undefined (growth < 0).
  /// @throws insufficient_data when y is empty, a seasonal model with estimated initial states
  ///         has fewer than 4 observations, or there are not more observations than estimated
  ///         values + 1.
  [[nodiscard]] fitted_ets<T> fit(std::span<const T> y) const { return fit_impl(y, {}); }

  /// Fits with unknown days: known[i] == 1 when y[i] is observed, 0 when it is unknown (its
  /// value is ignored and may be NaN) — the convention of daily_series::known_mask() and
  /// observed_known_mask(), which can be passed as they are. At unknown points the state is
  /// carried forward with the one-step prediction (no innovation), as forecast 9 does for NA;
  /// they are excluded from the likelihood, from n and from sigma^2. The initial-state
  /// heuristic sees the unknown points linearly interpolated. A mask without a 0 gives fit(y)
  /// bit for bit. Any non-zero known[i] counts as observed.
  ///
  /// @code
  /// auto s = invforecast::daily_series<>::from_records(records, {.unknown_days = {outage}});
  /// auto fit = invforecast::ets_spec<double>(opt).fit(s.observed_values(),
  ///                                                   s.observed_known_mask());
  /// @endcode
  /// @throws invalid_argument as fit(y) (known values only), or when known.size() != y.size().
  /// @throws insufficient_data as fit(y), counting known points only (every point unknown:
  ///         "every value of y is unknown").
  [[nodiscard]] fitted_ets<T> fit(std::span<const T> y, std::span<const std::uint8_t> known) const {
    if (known.size() != y.size()) {
      detail::throw_invalid_value("ets_spec::fit", "known.size()", known.size(),
                                  "equal to y.size() = " + std::to_string(y.size()));
    }
    const std::vector<std::uint8_t> unknown = detail::unknown_from_known(known);
    return fit_impl(y, unknown);
  }

 private:
  friend struct detail::ets_fit_steps;
  static constexpr std::string_view fit_name = "ets_spec::fit";

  fitted_ets<T> fit_impl(std::span<const T> y, std::span<const std::uint8_t> unknown) const {
    auto problem = prepare(y, unknown);
    std::optional<detail::nelder_mead_result<T>> searched;
    if (!problem.par.empty()) {
      detail::nelder_mead_workspace<T> ws;
      searched =
          detail::nelder_mead(problem.objective, std::span<T>(problem.par), problem.settings, ws);
    }
    return finish(problem, searched, y, unknown);
  }

  /// Validates y, computes R's start values and initial states, and sets up the objective.
  detail::ets_fit_problem<T> prepare(std::span<const T> y,
                                     std::span<const std::uint8_t> unknown) const {
    constexpr std::string_view fn = fit_name;
    const ets_model& model = opt_.model;
    const bool seasonal = model.season != ets_season::none;
    const int m = seasonal ? opt_.season_length : 1;
    const bool masked = !unknown.empty();
    detail::check_not_empty(fn, "y", y);
    std::size_t nknown = 0;
    bool positive = true;
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (masked && unknown[i] != 0) continue;
      if (!std::isfinite(y[i])) {
        detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", y[i], "finite");
      }
      if (!(y[i] > 0)) positive = false;
      ++nknown;
    }
    if (nknown == 0) detail::throw_insufficient(fn, "every value of y is unknown");
    const bool any_mult = model.error == ets_error::multiplicative ||
                          model.trend == ets_trend::multiplicative ||
                          model.season == ets_season::multiplicative;
    if (any_mult && !positive) {
      detail::throw_invalid(fn, "model = " + model.code() +
                                    " has a multiplicative component, y must be > 0 everywhere");
    }
    if (seasonal && nknown < 4 && opt_.initial_states.empty()) {
      detail::throw_insufficient(
          fn, "a seasonal model needs at least 4 observations, y has " + std::to_string(nknown));
    }
    // Values seen by the initial-state heuristic: unknown points interpolated.
    std::vector<T> yfill(y.begin(), y.end());
    if (masked) interpolate_unknown(yfill, unknown);

    // Bounds adjusted for fixed parameters (R's etsmodel).
    detail::ets_limits<T> lim{opt_.lower, opt_.upper};
    if (opt_.alpha) {
      lim.upper[1] = std::min(*opt_.alpha, lim.upper[1]);
      lim.upper[2] = std::min(T(1) - *opt_.alpha, lim.upper[2]);
    }
    if (opt_.beta) lim.lower[0] = std::max(*opt_.beta, lim.lower[0]);
    if (opt_.gamma) lim.upper[0] = std::min(T(1) - *opt_.gamma, lim.upper[0]);

    const bool has_trend = model.trend != ets_trend::none;
    detail::ets_free free;
    free.alpha = !opt_.alpha;
    free.beta = has_trend && !opt_.beta;
    free.gamma = seasonal && !opt_.gamma;
    free.phi = model.damped && !opt_.phi;

    // Start values (R's initparam).
    detail::ets_coefficients<T> c{T(0), T(0), T(0), T(1)};
    {
      std::array<T, 4> lo = lim.lower;
      std::array<T, 4> up = lim.upper;
      if (opt_.bounds == ets_bounds::admissible) {
        for (std::size_t i = 0; i < 3; ++i) {
          lo[i] = 0;
          up[i] = T(0.001) + T(0) * up[i];
        }
      }
      if (free.alpha) {
        c.alpha = lo[0] + T(0.2) * (up[0] - lo[0]) / static_cast<T>(m);
        if (c.alpha > 1 || c.alpha < 0) c.alpha = lo[0] + T(0.002);
      } else {
        c.alpha = *opt_.alpha;
      }
      if (has_trend) {
        if (free.beta) {
          up[1] = std::min(up[1], c.alpha);
          c.beta = lo[1] + T(0.1) * (up[1] - lo[1]);
          if (c.beta < 0 || c.beta > c.alpha) c.beta = c.alpha - T(0.001);
        } else {
          c.beta = *opt_.beta;
        }
      }
      if (seasonal) {
        if (free.gamma) {
          up[2] = std::min(up[2], T(1) - c.alpha);
          c.gamma = lo[2] + T(0.05) * (up[2] - lo[2]);
          if (c.gamma < 0 || c.gamma > 1 - c.alpha) c.gamma = T(1) - c.alpha - T(0.001);
        } else {
          c.gamma = *opt_.gamma;
        }
      }
      if (model.damped) {
        if (free.phi) {
          c.phi = lo[3] + T(0.99) * (up[3] - lo[3]);
          if (c.phi < 0 || c.phi > 1) c.phi = up[3] - T(0.001);
        } else {
          c.phi = *opt_.phi;
        }
      }
    }
    const bool usual = opt_.bounds != ets_bounds::admissible;
    const bool admissible = opt_.bounds != ets_bounds::usual;
    {
      // R's check.param on start and given values together (all checked against the box).
      detail::ets_free all{true, has_trend, seasonal, model.damped};
      if (!detail::ets_check_params(model, m, c, all, lim, usual, admissible,
                                    opt_.beta.has_value())) {
        detail::throw_invalid(fn, "parameters out of range for " + model.r_name() +
                                      " (given values violate the bounds or the admissible "
                                      "region)");
      }
    }

    const bool estimate_states = opt_.initial_states.empty();
    std::vector<T> states0;  // estimated part: l, [b], s_1..s_{m-1}
    if (estimate_states) {
      states0 = detail::ets_initial_states(model, std::span<const T>(yfill), m);
    }
    std::vector<T> par;
    if (free.alpha) par.push_back(c.alpha);
    if (free.beta) par.push_back(c.beta);
    if (free.gamma) par.push_back(c.gamma);
    if (free.phi) par.push_back(c.phi);
    par.insert(par.end(), states0.begin(), states0.end());
    const std::size_t np = par.size();
    if (np + 1 >= nknown) {
      detail::throw_insufficient(fn, model.r_name() + " estimates " + std::to_string(np) +
                                         " values, needs more than " + std::to_string(np + 1) +
                                         " observations, y has " + std::to_string(nknown));
    }
    detail::nelder_mead_settings<T> settings;
    settings.reltol = opt_.reltol;
    settings.max_evaluations = opt_.max_evaluations;
    return {detail::ets_objective<T>(model, m, std::span<const T>(y), unknown, c, free, lim, usual,
                                     admissible, opt_.beta.has_value(),
                                     std::span<const T>(opt_.initial_states)),
            std::move(par), c, settings};
  }

  /// The fitted model at the search's optimum (problem.par); `searched`: the search's outcome,
  /// empty when there was nothing to search.
  fitted_ets<T> finish(const detail::ets_fit_problem<T>& problem,
                       const std::optional<detail::nelder_mead_result<T>>& searched,
                       std::span<const T> y, std::span<const std::uint8_t> unknown) const {
    constexpr std::string_view fn = fit_name;
    const ets_model& model = opt_.model;
    const bool seasonal = model.season != ets_season::none;
    const int m = seasonal ? opt_.season_length : 1;
    const std::size_t np = problem.par.size();
    fitted_ets<T> out;
    out.converged_ = true;
    if (searched) {
      if (searched->status == 2) {
        detail::throw_invalid(
            fn, model.r_name() + ": the likelihood cannot be evaluated at the start values");
      }
      out.converged_ = searched->status == 0;
      out.evaluations_ = searched->evaluations;
    }
    const std::size_t p = static_cast<std::size_t>(model.state_count(m));
    std::vector<T> x0 = opt_.initial_states;
    x0.resize(p);
    detail::ets_coefficients<T> c = problem.start;
    problem.objective.unpack(std::span<const T>(problem.par), c, std::span<T>(x0));
    const std::span<const T> ys(y);

    out.model_ = model;
    out.m_ = m;
    out.coef_ = c;
    out.initial_ = x0;
    out.final_.assign(p, T(0));
    out.fitted_.assign(y.size(), T(0));
    out.residuals_.assign(y.size(), T(0));
    const auto pass =
        detail::ets_run(model, m, ys, unknown, std::span<const T>(x0), c, std::span<T>(out.fitted_),
                        std::span<T>(out.residuals_), std::span<T>(out.final_));
    if (!pass.ok) {
      detail::throw_invalid(fn, model.r_name() +
                                    ": the one-step prediction is undefined "
                                    "(multiplicative trend with negative growth)");
    }
    T lik = pass.lik(model);
    if (!std::isfinite(lik)) lik = lik > 0 ? std::numeric_limits<T>::max() : T(-1e10);
    if (lik < T(-1e10)) lik = T(-1e10);
    out.lik_ = lik;
    out.nobs_ = pass.nobs;
    out.k_ = np + 1;
    // R: sigma2 = sum(e^2) / (n - length(par)), par = every smoothing parameter + the m - 1
    // free seasonal, level and trend states.
    const std::size_t denom_count = detail::ets_free_count(model, m);
    out.sigma2_ = pass.nobs > denom_count ? pass.sse / static_cast<T>(pass.nobs - denom_count)
                                          : pass.sse / static_cast<T>(pass.nobs);
    out.simulation_paths_ = opt_.simulation_paths;
    return out;
  }

  static void interpolate_unknown(std::vector<T>& v, std::span<const std::uint8_t> unknown) {
    const std::size_t n = v.size();
    std::size_t prev = n;  // last known index
    for (std::size_t i = 0; i < n; ++i) {
      if (unknown[i] != 0) continue;
      if (prev == n) {
        for (std::size_t j = 0; j < i; ++j) v[j] = v[i];
      } else if (i > prev + 1) {
        for (std::size_t j = prev + 1; j < i; ++j) {
          const T w = static_cast<T>(j - prev) / static_cast<T>(i - prev);
          v[j] = v[prev] + w * (v[i] - v[prev]);
        }
      }
      prev = i;
    }
    if (prev != n) {
      for (std::size_t j = prev + 1; j < n; ++j) v[j] = v[prev];
    }
  }

  ets_options<T> opt_;
};

namespace detail {
/// ets_spec::fit in its three steps (prepare, search, finish), so that ets_auto can run the
/// searches of several candidates side by side.
struct ets_fit_steps {
  template <std::floating_point U>
  static ets_fit_problem<U> prepare(const ets_spec<U>& spec, std::span<const U> y,
                                    std::span<const std::uint8_t> unknown) {
    return spec.prepare(y, unknown);
  }
  template <std::floating_point U>
  static fitted_ets<U> finish(const ets_spec<U>& spec, const ets_fit_problem<U>& problem,
                              const std::optional<nelder_mead_result<U>>& searched,
                              std::span<const U> y, std::span<const std::uint8_t> unknown) {
    return spec.finish(problem, searched, y, unknown);
  }
};
}  // namespace detail

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/smoothing/detail/ets_extern.hpp"  // IWYU pragma: export

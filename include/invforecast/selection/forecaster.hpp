#pragma once

/// @file
/// One entry point for every consumer (database adapters, command line, backtests):
/// fit_and_forecast() fits the method asked for, or chooses one automatically, handles the
/// hard cases (short, empty, constant, all-zero series) by documented fallbacks, and returns a
/// self-contained, copyable model_fit with forecasts, intervals, diagnostics and, on request
/// (forecaster_options::max_lead_time), lead-time demand variances. See docs/forecasting.md,
/// "Automatic choice, fallbacks and batch".

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/format.hpp"
#include "invforecast/detail/student_t.hpp"
#include "invforecast/error.hpp"
#include "invforecast/forecast.hpp"
#include "invforecast/intermittent/classification.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"
#include "invforecast/selection/method.hpp"
#include "invforecast/selection/season_length.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/ets_model.hpp"
#include "invforecast/smoothing/moving_average.hpp"
#include "invforecast/smoothing/mstl_forecast.hpp"
#include "invforecast/smoothing/optimised_theta.hpp"
#include "invforecast/smoothing/theta.hpp"

namespace invforecast {

/// How a model_fit came about.
enum class fit_status {
  fitted,     ///< The method asked for (or chosen automatically) was fitted as such.
  fallback,   ///< A simpler model than asked for was used; model_fit::reason says why.
  degenerate  ///< The data carry no variability (all zero, constant, or one value): the
              ///< forecast repeats the level and the intervals have zero width.
};

/// Upper-case name of a status: "OK", "FALLBACK", "DEGENERATE".
[[nodiscard]] constexpr std::string_view fit_status_name(fit_status status) noexcept {
  switch (status) {
    case fit_status::fallback:
      return "FALLBACK";
    case fit_status::degenerate:
      return "DEGENERATE";
    case fit_status::fitted:
      break;
  }
  return "OK";
}

/// Largest season length fit_and_forecast accepts (forecaster_options::season_length): ten
/// years of days, far above any period a demand series has (ETS uses m <= 24, a daily series'
/// yearly period is 365). Checked before any arithmetic on it.
inline constexpr int max_season_length = 3650;

/// Largest interval level fit_and_forecast accepts: 0.999999. Closer to 1 the upper quantile
/// probability (1 + level) / 2 rounds to 1 (in double from 1 - 1.1e-16 on, in float from
/// 1 - 6e-8 on) and the interval has no finite bound.
inline constexpr double max_interval_level = 0.999999;

/// What fit_and_forecast should fit.
template <std::floating_point T = double>
struct forecaster_options {
  /// The method; automatic chooses by demand class.
  method kind = method::automatic;
  /// The ETS form; required when kind == method::ets, ignored otherwise.
  std::optional<ets_model> ets = std::nullopt;
  /// Season length m: 0 = detect from the data (detect_season_length with its default
  /// candidates), 1 = no season, >= 2 = this period; at most max_season_length (3650).
  int season_length = 0;
  /// Window of the moving average, >= 1.
  int ma_window = 7;
  /// Fixed smoothing parameters (unset = fitted). ETS: R's alpha, state-space beta, gamma,
  /// phi. Croston/SBA/SBJ: alpha. TSB: alpha (probability) and beta (size). Parameters that
  /// do not apply to the model used are ignored (model_fit::reason says so).
  std::optional<T> alpha = std::nullopt, beta = std::nullopt, gamma = std::nullopt,
                   phi = std::nullopt;
  /// Seed of any simulation: ETS intervals and h-step variances of models without closed-form
  /// variances (the same paths for both), lead-time variances of ETS classes 0 and 3.
  std::uint64_t seed = 42;
  /// Longest lead time L whose demand variance and mean model_fit stores (L = 1..max_lead_time,
  /// independent of the horizon); >= 0. 0 (default) stores none: model_fit::
  /// lead_time_demand_variance(L) then throws for every L >= 1. Set it to the longest lead time
  /// you will ask for (safety stock); fits that only need forecasts (backtests, forecast
  /// tables) leave it 0 and pay nothing for it. Cost: O(max_lead_time^2) for the closed forms,
  /// one simulation of 5000 paths x max_lead_time steps for ETS models of classes 0
  /// and 3 (e.g. ETS(M,N,M), ETS(M,A,M), ETS(A,N,M)).
  int max_lead_time = 0;
  /// Yearly period of the MSTL model, in periods of y: 364 (52 weeks of days, so a day of last
  /// year is the same weekday); 0 = none. method::mstl uses the periods {m, yearly_period} (m =
  /// the season length, 7 when not set); AUTO considers MSTL only when yearly_period > 0 (see
  /// fit_and_forecast). The default assumes daily data: set it to 0 (or to the periods per
  /// year, e.g. 52) when y holds weekly or monthly buckets. 0 or in [2, max_season_length].
  int yearly_period = 364;
};

/// One member of a forecast combination (model_fit::members).
template <std::floating_point T = double>
struct combination_member {
  /// The member's model_name ("ETS(M,Ad,N)", "MEAN", "OTM", "THETA").
  std::string model_name;
  /// The member's method (ets, mean, optimised_theta; theta for n < 4).
  method kind = method::ets;
  /// The member's ETS form when kind == method::ets.
  std::optional<ets_model> ets;
  /// Weight of the member in the point forecasts and in the averaged quantiles (they sum to 1).
  T weight{};
};

/// The result of fit_and_forecast: a plain value (copyable, no references into the input).
template <std::floating_point T = double>
struct model_fit {
  /// The model as R prints it: "ETS(M,Ad,N)", "CROSTON", "SBA", "SBJ", "TSB", "MA(7)",
  /// "MEAN", "NAIVE"; "THETA"; "OTM"; "COMBO(<ETS member>,OTM)", e.g. "COMBO(ETS(A,N,A),OTM)"
  /// ("COMBO(MEAN,THETA)" for n = 2, 3).
  std::string model_name;
  /// The method used (never automatic).
  method kind = method::mean;
  /// The ETS form used: set exactly when kind == method::ets (also for the degenerate
  /// constant-series ETS(A,N,N)); model_name is then ets->r_name().
  std::optional<ets_model> ets;
  /// The moving-average window used (after any shrinking): set exactly when kind ==
  /// method::moving_average; model_name is then "MA(w)".
  std::optional<int> ma_window;
  /// The Theta model's parameters (alpha, drift, whether seasonal, the seasonal indices): set
  /// exactly when kind == method::theta or kind == method::combination with a THETA member
  /// (n = 2, 3).
  std::optional<theta_params<T>> theta;
  /// The optimised Theta model's parameters (alpha, theta, l_0, A_n, B_n, whether seasonal, the
  /// seasonal indices): set exactly when kind == method::optimised_theta or kind ==
  /// method::combination with an OTM member.
  std::optional<optimised_theta_params<T>> optimised_theta;
  /// The members of a combination and their weights: set (two members, weights 0.5 and 0.5)
  /// exactly when kind == method::combination; empty otherwise.
  std::vector<combination_member<T>> members;
  /// MSTL: the seasonal periods of the decomposition (ascending, those with two full cycles;
  /// e.g. {7, 364}) and the ETS form of the seasonally adjusted series; set exactly when kind
  /// == method::mstl (alpha, beta, phi and sigma2 are then the adjusted model's).
  std::vector<T> mstl_periods;
  std::optional<ets_model> mstl_adjusted_ets;
  /// The method asked for (forecaster_options::kind).
  method requested = method::automatic;
  /// Demand classification of the series (ADI, CV^2); pattern is set to seasonal when a
  /// seasonal ETS model was used.
  demand_classification<T> pattern{};
  /// Why this model: the class and the rule (automatic), or the fallback chain taken.
  std::string reason;
  /// fitted (as asked), fallback or degenerate.
  fit_status status = fit_status::fitted;
  /// Smoothing parameters of the model used (ETS: alpha, state-space beta, gamma, phi;
  /// Croston family: alpha; TSB: alpha = probability, beta = size smoothing; THETA: alpha, the
  /// drift is in theta; OTM: alpha, theta and the rest in optimised_theta). Unset when the model
  /// has no such parameter (COMBO: see members).
  std::optional<T> alpha, beta, gamma, phi;
  /// ETS: the fitted initial states x_0 in R's order (l, [b], s_1..s_m; R's initstate), so the
  /// model can be applied to other data without a refit (fitted_ets::applied_to); empty otherwise.
  std::vector<T> initial_states;
  /// Variance of the one-step errors: ETS sigma^2 (R's), MEAN the sample variance, NAIVE
  /// the mean squared first difference, MA the noise variance, Croston/SBA/SBJ/TSB the
  /// in-sample one-step MSE, THETA thetaf's SES residual variance (adjusted scale), OTM SSE /
  /// (n - 3) of its one-step errors (adjusted scale), COMBO the
  /// in-sample MSE of the combined one-step predictions. 0 for degenerate fits.
  T sigma2{};
  /// R ets's likelihood scale (loglik = -0.5 lik) and criteria; ETS only.
  std::optional<T> loglik, aic, aicc, bic;
  /// Number of observations (with a known-day mask: the observed days).
  std::size_t n{};
  /// Season length of the model used (1 = none). THETA, OTM: m when the seasonality test found the
  /// series seasonal, else 1; COMBO: m when a member is seasonal, else 1.
  int season_length = 1;
  /// The optimiser converged (always true for methods without one).
  bool converged = true;
  /// Automatic ETS: every candidate's R name and AICc (candidates that could not be fitted
  /// are left out).
  std::vector<std::pair<std::string, T>> candidates_aicc;
  /// One-step in-sample predictions aligned with the end of y: fitted[i] predicts
  /// y[n - fitted.size() + i]. Size n (ETS, MEAN, degenerate), n - 1 (NAIVE, Croston, TSB),
  /// n - w (MA(w)), n (THETA: thetaf's SES predictions without the drift; OTM: mu_t
  /// reseasonalised; COMBO: the weighted
  /// mean of the members'). With a known-day mask (fit_and_forecast(y, known, ...)) and some day
  /// unknown: ETS has one prediction per day of y (unknown days included, size y.size()); the
  /// other methods are aligned with the end of the observed values (y without its unknown
  /// days).
  std::vector<T> fitted;
  /// Point forecasts and intervals for steps 1..horizon.
  forecast<T> fc;
  /// Variance of the forecast error of step h = 1..horizon (of one period's demand).
  std::vector<T> forecast_variance;
  /// lead_time_variances[L - 1] = Var(y_{n+1} + ... + y_{n+L}), L = 1..forecaster_options::
  /// max_lead_time (empty when it is 0), including the covariances of the errors (see
  /// lead_time_demand_variance).
  std::vector<T> lead_time_variances;
  /// lead_time_means[L - 1] = the forecast of y_{n+1} + ... + y_{n+L}, same range (the point
  /// forecasts, truncated at 0, summed; beyond the horizon the model's own further forecasts).
  std::vector<T> lead_time_means;

  /// Variance of the total demand of the next `lead_time` periods, for safety stock
  /// (sigma_LTD = sqrt of it). ETS: additive-error linear models in closed form from the
  /// h-step coefficients and their covariances, multiplicative-error models of class 2
  /// (trend N/A/Ad, season N/A) in closed form as well (fitted_ets::lead_time_demand_variances),
  /// other ETS models the sample variance of the sums over one simulation of 5000 paths (seed);
  /// MEAN: \f$ s^2 (L + L^2/n) \f$; NAIVE: \f$ \sigma^2 L(L+1)(2L+1)/6 \f$; MA(w):
  /// \f$ \sigma^2 (L + L^2/w) \f$; Croston family and TSB: L times one period's demand
  /// variance; THETA: \f$ \sigma^2 \sum_{j=1}^{L} (s_j + \alpha \sum_{k=j+1}^{L} s_k)^2 \f$
  /// (SES with drift, the errors of the adjusted series scaled by the seasonal indices s_j of
  /// the steps, s = 1 when not seasonal; docs/forecasting.md, "Theta and the combination in the
  /// forecaster"); OTM: the same formula with its alpha, sigma^2 and indices (its errors have
  /// the same structure, see fitted_optimised_theta); COMBO:
  /// the square of the weighted mean of the members' standard deviations (what averaging
  /// normal quantiles implies; an upper bound of the true variance); degenerate fits: 0.
  /// lead_time 0 gives 0. Only lead times up to
  /// forecaster_options::max_lead_time are stored (none by default).
  /// @throws invalid_argument when lead_time < 0 or > lead_time_variances.size() (=
  ///   forecaster_options::max_lead_time; the message says to raise it).
  [[nodiscard]] T lead_time_demand_variance(int lead_time) const {
    check_lead_time(lead_time);
    return lead_time == 0 ? T(0) : lead_time_variances[static_cast<std::size_t>(lead_time - 1)];
  }

  /// Forecast of the total demand of the next `lead_time` periods (0 for lead_time 0).
  /// @throws invalid_argument when lead_time < 0 or > lead_time_means.size() (=
  ///   forecaster_options::max_lead_time).
  [[nodiscard]] T lead_time_demand_mean(int lead_time) const {
    check_lead_time(lead_time);
    return lead_time == 0 ? T(0) : lead_time_means[static_cast<std::size_t>(lead_time - 1)];
  }

  /// Options that refit the model used, e.g. at every origin of a backtest: `base` with
  /// kind = this->kind, ets = this->ets, season_length = this->season_length, ma_window =
  /// this->ma_window when set, and max_lead_time = 0. The parameters (alpha, beta, gamma,
  /// phi) are re-estimated unless `base` fixes them: they are copied from `base` as they are.
  /// A model chosen automatically is refitted as that method asked explicitly (SBA and TSB
  /// then search the methods' own default parameter ranges, not the automatic [0.05, 0.3]).
  /// THETA, OTM and COMBO refit as themselves with the season length used (COMBO's ETS member is
  /// chosen again by AICc; ets stays unset).
  ///
  /// @code
  /// auto fit = invforecast::fit_and_forecast(y, options, 28);
  /// auto r = invforecast::backtest(y, fit.refit_options(options), {.horizon = 7});
  /// @endcode
  /// @param base the settings not taken from the fit (seed, fixed parameters).
  /// @return the options; fit_and_forecast accepts them (they never throw for a missing form).
  [[nodiscard]] forecaster_options<T> refit_options(const forecaster_options<T>& base = {}) const {
    forecaster_options<T> o = base;
    o.kind = kind;
    o.ets = ets;
    o.season_length = season_length;
    if (ma_window) o.ma_window = *ma_window;
    o.max_lead_time = 0;
    return o;
  }

 private:
  void check_lead_time(int lead_time) const {
    if (lead_time < 0 || static_cast<std::size_t>(lead_time) > lead_time_variances.size()) {
      detail::throw_invalid_value(
          "model_fit::lead_time_demand_variance", "lead_time", lead_time,
          "in [0, " + std::to_string(lead_time_variances.size()) +
              "] (raise forecaster_options::max_lead_time for longer lead times)");
    }
  }
};

namespace detail::selection {

/// Short text of a number for reasons ("3.27", "0.412", "1e+12"): three significant digits
/// through the library's checked formatter (detail/format.hpp: "nan"/"inf" for non-finite
/// values, never the bytes of an unwritten buffer).
template <std::floating_point T>
std::string short_text(T value) {
  const auto v = static_cast<double>(value);
  if (!std::isfinite(v)) return format_impl::non_finite(v);
  return format_impl::chars(v, std::chars_format::general, 3);
}

/// Number of values R's ets counts for its "too short" rule: alpha + l0, beta + b0, gamma +
/// m seasonal states, phi. A model is fitted only when n > npars + 4.
inline int ets_parameter_count(const ets_model& model, int season_length) {
  int count = 2;
  if (model.trend != ets_trend::none) count += 2;
  if (model.season != ets_season::none) count += season_length;
  if (model.damped) count += 1;
  return count;
}

/// Shortest series an ETS(A,N,N) needs: n > 2 + 4.
inline constexpr std::size_t ses_min_n = 7;

/// Sets the method used and its name; the structured model (ets, ma_window) is cleared, the
/// caller sets the one that applies.
template <std::floating_point T>
void set_model(model_fit<T>& out, method kind, std::string name) {
  out.kind = kind;
  out.model_name = std::move(name);
  out.ets.reset();
  out.ma_window.reset();
  out.theta.reset();
  out.optimised_theta.reset();
  out.members.clear();
  out.mstl_periods.clear();
  out.mstl_adjusted_ets.reset();
}

/// Fills lead_time_variances and lead_time_means for a model whose point forecast is flat
/// (`level` every step) and whose lead-time variance is a + b L + c L^2 + d L^3 (closed forms
/// of the benchmark methods).
template <std::floating_point T>
void fill_lead_time_polynomial(model_fit<T>& out, std::size_t max_l, T level, T b, T c, T d) {
  out.lead_time_variances.resize(max_l);
  out.lead_time_means.resize(max_l);
  for (std::size_t i = 0; i < max_l; ++i) {
    const auto l = static_cast<T>(i + 1);
    out.lead_time_variances[i] = b * l + c * l * l + d * l * l * l;
    out.lead_time_means[i] = level * l;
  }
}

/// A flat forecast with zero-width intervals (degenerate data).
template <std::floating_point T>
void fill_flat(model_fit<T>& out, T level, int horizon, std::span<const T> levels,
               std::size_t max_l) {
  const auto h = static_cast<std::size_t>(horizon);
  out.fc.mean.assign(h, level);
  out.fc.intervals.clear();
  for (const T l : levels) {
    out.fc.intervals.push_back(
        prediction_interval<T>{l, std::vector<T>(h, level), std::vector<T>(h, level)});
  }
  out.forecast_variance.assign(h, T(0));
  out.sigma2 = T(0);
  fill_lead_time_polynomial(out, max_l, level, T(0), T(0), T(0));
}

/// Normal-theory intervals mean +- q * sqrt(v_h), bounds truncated at 0 unless `truncate` is
/// false (the members of a combination).
template <std::floating_point T, typename Quantile>
void fill_intervals(model_fit<T>& out, std::span<const T> levels, Quantile&& quantile,
                    bool truncate = true) {
  const std::size_t h = out.fc.mean.size();
  out.fc.intervals.clear();
  for (const T level : levels) {
    prediction_interval<T> pi{level, std::vector<T>(h), std::vector<T>(h)};
    const T q = static_cast<T>(quantile(0.5 + 0.5 * static_cast<double>(level)));
    for (std::size_t i = 0; i < h; ++i) {
      const T w = q * std::sqrt(out.forecast_variance[i]);
      pi.lower[i] = out.fc.mean[i] - w;
      pi.upper[i] = out.fc.mean[i] + w;
      if (truncate) {
        pi.lower[i] = std::max(T(0), pi.lower[i]);
        pi.upper[i] = std::max(T(0), pi.upper[i]);
      }
    }
    out.fc.intervals.push_back(std::move(pi));
  }
}

/// R's meanf: forecast mean(y); interval half-width t_{(1+level)/2, n-1} s sqrt(1 + 1/n),
/// s the sample standard deviation. Requires n >= 2.
template <std::floating_point T>
void fit_mean(model_fit<T>& out, std::span<const T> y, int horizon, std::span<const T> levels,
              std::size_t max_l, bool truncate = true) {
  const std::size_t n = y.size();
  const auto nd = static_cast<T>(n);
  T mean = 0;
  for (const T v : y) mean += v;
  mean /= nd;
  T ss = 0;
  for (const T v : y) ss += (v - mean) * (v - mean);
  const T s2 = ss / (nd - 1);
  set_model(out, method::mean, "MEAN");
  out.sigma2 = s2;
  out.fitted.assign(n, mean);
  const auto h = static_cast<std::size_t>(horizon);
  out.fc.mean.assign(h, mean);
  out.forecast_variance.assign(h, s2 * (T(1) + T(1) / nd));
  const auto df = static_cast<long>(n - 1);
  fill_intervals(
      out, levels, [df](double p) { return detail::student_t_quantile(p, df); }, truncate);
  fill_lead_time_polynomial(out, max_l, mean, s2, s2 / nd, T(0));
}

/// R's naive (rwf without drift): forecast y_n; sigma^2 = mean of the n - 1 squared first
/// differences; v_h = sigma^2 h; normal quantiles. Requires n >= 2.
template <std::floating_point T>
void fit_naive(model_fit<T>& out, std::span<const T> y, int horizon, std::span<const T> levels,
               std::size_t max_l) {
  const std::size_t n = y.size();
  T ss = 0;
  out.fitted.resize(n - 1);
  for (std::size_t t = 1; t < n; ++t) {
    const T d = y[t] - y[t - 1];
    ss += d * d;
    out.fitted[t - 1] = y[t - 1];
  }
  const T s2 = ss / static_cast<T>(n - 1);
  const T last = y[n - 1];
  set_model(out, method::naive, "NAIVE");
  out.sigma2 = s2;
  const auto h = static_cast<std::size_t>(horizon);
  out.fc.mean.assign(h, last);
  out.forecast_variance.resize(h);
  for (std::size_t i = 0; i < h; ++i) out.forecast_variance[i] = s2 * static_cast<T>(i + 1);
  fill_intervals(out, levels, [](double p) { return normal_quantile(p); });
  // sum_{k=1}^{L} k^2 = L/6 + L^2/2 + L^3/3.
  fill_lead_time_polynomial(out, max_l, last, s2 / 6, s2 / 2, s2 / 3);
}

/// Copies an ETS fit into a model_fit.
template <std::floating_point T>
void take_ets(model_fit<T>& out, const fitted_ets<T>& fit, int season_length, int horizon,
              std::span<const T> levels, std::size_t max_l, std::uint64_t seed,
              bool truncate = true) {
  const ets_model model = fit.model();
  set_model(out, method::ets, model.r_name());
  out.ets = model;
  out.season_length = model.season == ets_season::none ? 1 : season_length;
  const auto params = fit.params();
  out.alpha = params.alpha;
  out.beta = params.beta;
  out.gamma = params.gamma;
  out.phi = params.phi;
  out.initial_states = fit.initial_states();
  out.sigma2 = fit.sigma2();
  out.loglik = fit.loglik();
  out.aic = fit.aic();
  out.aicc = fit.aicc();
  out.bic = fit.bic();
  out.converged = fit.converged();
  const auto& fitted = fit.fitted();
  out.fitted.assign(fitted.begin(), fitted.end());
  // For simulated models, the variances of the intervals' paths.
  std::tie(out.fc, out.forecast_variance) =
      fit.forecast_with_variance(horizon, levels, seed, truncate);
  out.lead_time_variances.clear();
  out.lead_time_means.clear();
  if (max_l > 0) {
    // Every L at once: closed form for classes 1 and 2, one simulation of max_l steps
    // (simulation_paths paths, seed) otherwise.
    const int lmax = static_cast<int>(max_l);
    out.lead_time_variances = fit.lead_time_demand_variances(lmax, seed);
    out.lead_time_means.resize(max_l);
    const auto h = static_cast<std::size_t>(horizon);
    std::vector<T> longer;
    if (max_l > h) longer = fit.forecast(lmax, std::span<const T>(), seed, truncate).mean;
    const std::vector<T>& means = max_l > h ? longer : out.fc.mean;
    T sum = 0;
    for (std::size_t i = 0; i < max_l; ++i) {
      sum += means[i];
      out.lead_time_means[i] = sum;
    }
  }
  if (model.season != ets_season::none) out.pattern.pattern = demand_pattern::seasonal;
}

/// Search range of the smoothing parameters of SBA and TSB when chosen automatically:
/// [0.05, 0.3], the range recommended for intermittent demand (Syntetos & Boylan 2005; Teunter,
/// Syntetos & Babai 2011). The full [0.01, 0.99] in-sample MSE search of SBA drifts to large
/// alpha, because its bias factor 1 - alpha/2 shrinks the forecast towards the many zeros.
template <std::floating_point T>
inline constexpr T automatic_alpha_lower = T(0.05);
template <std::floating_point T>
inline constexpr T automatic_alpha_upper = T(0.3);

/// Copies a Croston-family or TSB fit (both expose the same accessors) into a model_fit.
template <std::floating_point T, typename Fit>
void take_intermittent(model_fit<T>& out, const Fit& fit, int horizon, std::span<const T> levels,
                       std::size_t max_l) {
  out.sigma2 = fit.mse();
  out.fitted.assign(fit.fitted().begin(), fit.fitted().end());
  out.fc = fit.forecast(horizon, levels);
  const auto h = static_cast<std::size_t>(horizon);
  out.forecast_variance.assign(h, fit.demand_variance());
  const T level = out.fc.mean.empty() ? T(0) : out.fc.mean.front();
  out.lead_time_variances.resize(max_l);
  out.lead_time_means.resize(max_l);
  for (std::size_t i = 0; i < max_l; ++i) {
    out.lead_time_variances[i] = fit.lead_time_demand_variance(static_cast<int>(i + 1));
    out.lead_time_means[i] = level * static_cast<T>(i + 1);
  }
}

template <std::floating_point T>
void fit_croston_family(model_fit<T>& out, std::span<const T> y, method kind,
                        const forecaster_options<T>& options, int horizon,
                        std::span<const T> levels, std::size_t max_l, bool automatic) {
  croston_options<T> co;
  co.variant = kind == method::sba   ? croston_variant::sba
               : kind == method::sbj ? croston_variant::sbj
                                     : croston_variant::classic;
  co.alpha = options.alpha;
  if (automatic) {
    co.alpha_lower = automatic_alpha_lower<T>;
    co.alpha_upper = automatic_alpha_upper<T>;
  }
  const auto fit = croston(y, co);
  set_model(out, kind, std::string(method_name(kind)));
  out.alpha = fit.alpha();
  take_intermittent(out, fit, horizon, levels, max_l);
}

template <std::floating_point T>
void fit_tsb(model_fit<T>& out, std::span<const T> y, const forecaster_options<T>& options,
             int horizon, std::span<const T> levels, std::size_t max_l, bool automatic) {
  tsb_options<T> to;
  to.alpha = options.alpha;
  to.beta = options.beta;
  if (automatic) {
    to.lower = automatic_alpha_lower<T>;
    to.upper = automatic_alpha_upper<T>;
  }
  const auto fit = tsb(y, to);
  set_model(out, method::tsb, "TSB");
  out.alpha = fit.alpha();
  out.beta = fit.beta();
  take_intermittent(out, fit, horizon, levels, max_l);
}

/// MA(w); when y has fewer than w + 1 values the window shrinks to n - 1 (documented
/// fallback). Requires n >= 2.
template <std::floating_point T>
void fit_moving_average(model_fit<T>& out, std::span<const T> y, int window, int horizon,
                        std::span<const T> levels, std::size_t max_l) {
  int w = window;
  if (y.size() < static_cast<std::size_t>(window) + 1) {
    w = static_cast<int>(y.size()) - 1;
    out.status = fit_status::fallback;
    out.reason = "MA(" + std::to_string(window) + ") needs at least " + std::to_string(window + 1) +
                 " values, y has " + std::to_string(y.size()) + ": window shrunk to " +
                 std::to_string(w);
  }
  moving_average_options<T> mo;
  mo.window = w;
  const auto fit = moving_average(y, mo);
  set_model(out, method::moving_average, "MA(" + std::to_string(w) + ")");
  out.ma_window = w;
  out.sigma2 = fit.sigma2();
  out.fitted.assign(fit.fitted().begin(), fit.fitted().end());
  out.fc = fit.forecast(horizon, levels);
  const auto h = static_cast<std::size_t>(horizon);
  out.forecast_variance.assign(h, fit.forecast_variance());
  const T s2 = fit.sigma2();
  fill_lead_time_polynomial(out, max_l, fit.level(), s2, s2 * fit.weight_sum_of_squares(), T(0));
}

/// The same form with every multiplicative component made additive (damping kept).
inline ets_model additive_version(ets_model model) {
  model.error = ets_error::additive;
  if (model.trend == ets_trend::multiplicative) model.trend = ets_trend::additive;
  if (model.season == ets_season::multiplicative) model.season = ets_season::additive;
  return model;
}

inline bool has_multiplicative(const ets_model& model) {
  return model.error == ets_error::multiplicative || model.trend == ets_trend::multiplicative ||
         model.season == ets_season::multiplicative;
}

/// Appends "; " + text (or text when empty).
inline void append_note(std::string& reason, const std::string& text) {
  if (!reason.empty()) reason += "; ";
  reason += text;
}

/// The data one fit sees. Without a mask: y = days = the series, known empty. With a mask
/// (some day unknown): y = the observed values only (for the methods without unknown-day
/// support and for the classification), days = every day, known aligned with days (1 =
/// observed), filled = days with the unknown days linearly interpolated (season detection).
template <std::floating_point T>
struct fit_input {
  std::span<const T> y;
  std::span<const T> days;
  std::span<const std::uint8_t> known;
  std::span<const T> filled;

  /// The ETS fit of `spec` to the days (with the mask when there is one).
  [[nodiscard]] fitted_ets<T> fit_ets(const ets_spec<T>& spec) const {
    return known.empty() ? spec.fit(days) : spec.fit(days, known);
  }
  /// ets_auto over the days (with the mask when there is one).
  [[nodiscard]] ets_selection<T> auto_ets(int season_length) const {
    return known.empty() ? ets_auto<T>(days, season_length)
                         : ets_auto<T>(days, known, season_length);
  }
};

/// days with the values of unknown days (known[i] == 0) replaced by the straight line between
/// the nearest observed days (the nearest observed value before the first or after the last).
/// @pre some day is known.
template <std::floating_point T>
std::vector<T> interpolate_unknown_days(std::span<const T> days,
                                        std::span<const std::uint8_t> known) {
  std::vector<T> v(days.begin(), days.end());
  const std::size_t n = v.size();
  std::size_t prev = n;  // last known index
  for (std::size_t i = 0; i < n; ++i) {
    if (known[i] == 0) continue;
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
  for (std::size_t j = prev + 1; j < n; ++j) v[j] = v[prev];
  return v;
}

/// The season length to use: options.season_length, or detected when 0.
template <std::floating_point T>
int season_length_for(std::span<const T> y, const forecaster_options<T>& options,
                      std::string& note) {
  if (options.season_length > 0) return options.season_length;
  const int m = detect_season_length(y);
  note = m > 1 ? "season length " + std::to_string(m) + " detected from the autocorrelation"
               : "no season detected";
  return m;
}

/// MEAN when n >= 2, otherwise NAIVE on the single value (degenerate): the end of every
/// fallback chain.
template <std::floating_point T>
void fit_last_resort(model_fit<T>& out, std::span<const T> y, int horizon,
                     std::span<const T> levels, std::size_t max_l, bool truncate = true) {
  if (y.size() >= 2) {
    fit_mean(out, y, horizon, levels, max_l, truncate);
  } else {
    set_model(out, method::naive, "NAIVE");
    out.fitted.clear();
    fill_flat(out, y[0], horizon, levels, max_l);
  }
}

/// Explicit ETS with the documented fallback chain.
template <std::floating_point T>
void fit_ets_chain(model_fit<T>& out, const fit_input<T>& in, const forecaster_options<T>& options,
                   int horizon, std::span<const T> levels, std::size_t max_l) {
  const std::span<const T> y = in.y;
  const ets_model requested = *options.ets;
  ets_model model = requested;
  const std::size_t n = y.size();
  std::string notes;
  bool positive = true;
  for (const T v : y) positive = positive && v > 0;
  if (has_multiplicative(model) && !positive) {
    model = additive_version(model);
    append_note(notes,
                "multiplicative components need every y > 0 and y has zeros: " + model.r_name());
  }
  int m = 1;
  if (model.season != ets_season::none) {
    std::string detected;
    m = season_length_for(in.filled, options, detected);
    if (!detected.empty()) append_note(notes, detected);
    std::string why;
    if (m < 2) {
      why = "no season length";
    } else if (m > 24) {
      why = "season length " + std::to_string(m) + " > 24 (R's ets limit)";
    } else if (n < 2 * static_cast<std::size_t>(m)) {
      why = "n = " + std::to_string(n) + " < 2m = " + std::to_string(2 * m) +
            " (seasonal models need two full seasons)";
    }
    if (!why.empty()) {
      model.season = ets_season::none;
      m = 1;
      append_note(notes, why + ": season dropped");
    }
  }
  // R's rule: fit only when n > npars + 4; otherwise step down.
  while (static_cast<std::size_t>(ets_parameter_count(model, m) + 4) >= n) {
    const std::string before = model.r_name();
    const std::string count = std::to_string(ets_parameter_count(model, m) + 4);
    if (model.season != ets_season::none) {
      model.season = ets_season::none;
      m = 1;
    } else if (model.damped) {
      model.damped = false;
    } else if (model.trend != ets_trend::none) {
      model.trend = ets_trend::none;
    } else {
      append_note(notes, "n = " + std::to_string(n) + " <= " + count + " (too short for " + before +
                             "): " + (n >= 2 ? "MEAN" : "NAIVE"));
      fit_last_resort(out, y, horizon, levels, max_l);
      out.status = n >= 2 ? fit_status::fallback : fit_status::degenerate;
      out.reason = "requested " + requested.r_name() + "; " + notes;
      return;
    }
    append_note(notes, "n = " + std::to_string(n) + " <= " + count + " (parameters + 4 of " +
                           before + "): " + model.r_name());
  }
  ets_options<T> eo;
  eo.model = model;
  eo.season_length = m;
  eo.alpha = options.alpha;
  if (model.trend != ets_trend::none) {
    eo.beta = options.beta;
  } else if (options.beta) {
    append_note(notes, "fixed beta ignored (no trend)");
  }
  if (model.season != ets_season::none) {
    eo.gamma = options.gamma;
  } else if (options.gamma) {
    append_note(notes, "fixed gamma ignored (no season)");
  }
  if (model.damped) {
    eo.phi = options.phi;
  } else if (options.phi) {
    append_note(notes, "fixed phi ignored (no damping)");
  }
  const auto fit = in.fit_ets(ets_spec<T>(eo));
  take_ets(out, fit, m, horizon, levels, max_l, options.seed);
  if (model == requested) {
    out.reason = notes.empty() ? "requested " + requested.r_name() : notes;
  } else {
    out.status = fit_status::fallback;
    out.reason = "requested " + requested.r_name() + "; " + notes;
  }
}

/// The season length AUTO's ETS search uses: options.season_length or detected (0), set to 1
/// when n < 2m (the notes say why).
template <std::floating_point T>
int auto_season_length(const fit_input<T>& in, const forecaster_options<T>& options,
                       std::string& notes) {
  const std::size_t n = in.y.size();
  int m = season_length_for(in.filled, options, notes);
  if (m > 1 && n < 2 * static_cast<std::size_t>(m)) {
    append_note(notes, "n = " + std::to_string(n) + " < 2m = " + std::to_string(2 * m) +
                           ": non-seasonal models only");
    m = 1;
  }
  return m;
}

/// ets_auto by AICc with season length m (auto_season_length's, its notes), n >= 7.
template <std::floating_point T>
void fit_ets_auto_with(model_fit<T>& out, const fit_input<T>& in, int m, const std::string& notes,
                       const forecaster_options<T>& options, int horizon, std::span<const T> levels,
                       std::size_t max_l, const std::string& class_text, bool truncate) {
  std::optional<ets_selection<T>> selection;
  try {
    selection = in.auto_ets(m);
  } catch (const insufficient_data& e) {
    fit_last_resort(out, in.y, horizon, levels, max_l, truncate);
    out.status = fit_status::fallback;
    out.reason = class_text + ": no ETS model could be fitted (" + e.what() + "): MEAN";
    return;
  }
  take_ets(out, selection->best, m, horizon, levels, max_l, options.seed, truncate);
  out.candidates_aicc.clear();
  for (const auto& c : selection->candidates) {
    if (c.aicc) out.candidates_aicc.emplace_back(c.model.r_name(), *c.aicc);
  }
  out.reason = class_text + ": ETS by AICc over " + std::to_string(out.candidates_aicc.size()) +
               " candidates -> " + out.model_name;
  if (!notes.empty()) out.reason += " (" + notes + ")";
}

/// MEAN for the series too short for any ETS model (n < 7), as AUTO does.
template <std::floating_point T>
void fit_ets_too_short(model_fit<T>& out, std::span<const T> y, int horizon,
                       std::span<const T> levels, std::size_t max_l, const std::string& class_text,
                       bool truncate) {
  fit_last_resort(out, y, horizon, levels, max_l, truncate);
  out.status = fit_status::fallback;
  out.reason = class_text + ": n = " + std::to_string(y.size()) +
               " < 7 is too short for any ETS model (R: n > parameters + 4): MEAN";
}

/// The MSTL model's periods: m when > 1, and the yearly period when set and different.
template <std::floating_point T>
std::vector<T> mstl_periods_for(int m, const forecaster_options<T>& options) {
  std::vector<T> periods;
  if (m > 1) periods.push_back(static_cast<T>(m));
  if (options.yearly_period >= 2 && options.yearly_period != m) {
    periods.push_back(static_cast<T>(options.yearly_period));
  }
  return periods;
}

/// mstl_forecast of the days (unknown days linearly interpolated: MSTL needs every value, R's
/// mstl interpolates NA with na.interp) over max(horizon, max_l) steps.
template <std::floating_point T>
mstl_forecast_result<T> mstl_over(const fit_input<T>& in, const std::vector<T>& periods, int steps,
                                  std::span<const T> levels) {
  mstl_forecast_options<T> o;
  o.decomposition.periods = periods;
  return mstl_forecast<T>(in.filled, o, steps, levels);
}

/// Copies an MSTL forecast (of max(horizon, max_l) steps) into a model_fit.
template <std::floating_point T>
void take_mstl(model_fit<T>& out, const mstl_forecast_result<T>& f, int horizon,
               std::size_t max_l) {
  const fitted_ets<T>& adjusted = f.adjusted_model.best;
  set_model(out, method::mstl, "MSTL");
  out.mstl_periods.clear();
  for (const auto& c : f.decomposition.seasonal) out.mstl_periods.push_back(c.period);
  out.mstl_adjusted_ets = adjusted.model();
  out.season_length = static_cast<int>(out.mstl_periods.front());
  const auto params = adjusted.params();
  out.alpha = params.alpha;
  out.beta = params.beta;
  out.gamma.reset();
  out.phi = params.phi;
  out.sigma2 = adjusted.sigma2();
  out.converged = adjusted.converged();
  out.fitted = f.fitted;
  const auto h = static_cast<std::size_t>(horizon);
  out.fc = f.fc;
  out.fc.mean.resize(h);
  for (auto& i : out.fc.intervals) {
    i.lower.resize(h);
    i.upper.resize(h);
  }
  out.forecast_variance.assign(f.forecast_variance.begin(),
                               f.forecast_variance.begin() + static_cast<std::ptrdiff_t>(h));
  out.lead_time_variances.clear();
  out.lead_time_means.clear();
  if (max_l > 0) {
    // The continued seasonal components are known: the lead-time variance is the adjusted
    // model's (closed form, classes 1 and 2).
    out.lead_time_variances = adjusted.lead_time_demand_variances(static_cast<int>(max_l));
    out.lead_time_means.resize(max_l);
    T sum = 0;
    for (std::size_t i = 0; i < max_l; ++i) {
      sum += f.fc.mean[i];
      out.lead_time_means[i] = sum;
    }
  }
  out.pattern.pattern = demand_pattern::seasonal;
}

/// "MSTL (periods 7, 364; seasonally adjusted series ETS(A,N,N))".
template <std::floating_point T>
std::string mstl_text(const model_fit<T>& out) {
  std::string periods;
  for (const T p : out.mstl_periods) periods += (periods.empty() ? "" : ", ") + short_text(p);
  return "MSTL (periods " + periods + "; seasonally adjusted series " +
         out.mstl_adjusted_ets->r_name() + ")";
}

/// Seasonal strength of a component (Wang, Smith & Hyndman 2006; Hyndman & Athanasopoulos,
/// FPP3 sec. 4.3): F = max(0, 1 - Var(R) / Var(S + R)), R the remainder.
template <std::floating_point T>
T seasonal_strength(std::span<const T> seasonal, std::span<const T> remainder) {
  const std::size_t n = remainder.size();
  T mean_r = 0;
  T mean_sr = 0;
  for (std::size_t t = 0; t < n; ++t) {
    mean_r += remainder[t];
    mean_sr += seasonal[t] + remainder[t];
  }
  mean_r /= static_cast<T>(n);
  mean_sr /= static_cast<T>(n);
  T var_r = 0;
  T var_sr = 0;
  for (std::size_t t = 0; t < n; ++t) {
    var_r += (remainder[t] - mean_r) * (remainder[t] - mean_r);
    const T d = seasonal[t] + remainder[t] - mean_sr;
    var_sr += d * d;
  }
  if (!(var_sr > 0)) return T(0);
  return std::max(T(0), T(1) - var_r / var_sr);
}

/// Yearly strength above which AUTO takes the yearly pattern as real. With two cycles (two
/// years of days) pure noise already gives about 0.5 (the yearly component is close to the
/// mean of the two years' remainders); the sample data's annual products give 0.85-0.91.
inline constexpr double yearly_strength_threshold = 0.7;

/// Rolling-origin backtest of AUTO's choice between the weekly ETS and MSTL: origins n - 28 k,
/// k = 3, 2, 1, 28-day forecasts, MAE summed over the 84 days.
inline constexpr std::size_t yearly_backtest_origins = 3;
inline constexpr std::size_t yearly_backtest_horizon = 28;

/// AUTO's yearly check on a smooth or erratic series whose weekly ETS `out` is fitted: with
/// options.yearly_period = P > 0 and at least 2 P + 1 days (two full cycles), the MSTL model
/// with periods {m, P} is fitted; when the yearly component's strength is at least
/// yearly_strength_threshold, MSTL replaces the ETS model if it wins a rolling-origin backtest
/// (both refitted at each origin: ETS in its chosen form, MSTL as a whole), or, when the
/// series is too short for a backtest whose origins keep two yearly cycles (fewer than 2 P + 1 +
/// 84 days), on the strength alone. The reason says which rule decided.
template <std::floating_point T>
void consider_yearly_mstl(model_fit<T>& out, const fit_input<T>& in,
                          const forecaster_options<T>& options, int m, int horizon,
                          std::span<const T> levels, std::size_t max_l) {
  const int yearly = options.yearly_period;
  if (yearly < 2 || out.kind != method::ets) return;
  const std::size_t n = in.filled.size();
  const auto cycles = static_cast<std::size_t>(2 * yearly + 1);
  if (n < cycles) return;
  const std::vector<T> periods = mstl_periods_for<T>(m, options);
  const int steps = std::max(horizon, static_cast<int>(max_l));
  std::optional<mstl_forecast_result<T>> f;
  try {
    f = mstl_over(in, periods, steps, levels);
  } catch (const invforecast::error& e) {
    append_note(out.reason, std::string("MSTL not fitted: ") + e.what());
    return;
  }
  const auto& seasonal = f->decomposition.seasonal;
  const auto& yearly_values = seasonal.back().values;  // ascending periods: the yearly is last
  const T strength = seasonal_strength<T>(yearly_values, f->decomposition.remainder);
  const std::string strength_text =
      "yearly strength (period " + std::to_string(yearly) + ") " + short_text(strength);
  if (!(static_cast<double>(strength) >= yearly_strength_threshold)) {
    append_note(out.reason, strength_text + " < " + short_text(yearly_strength_threshold) +
                                ": no yearly pattern, MSTL not considered");
    return;
  }
  const std::size_t span = yearly_backtest_origins * yearly_backtest_horizon;
  std::string rule;
  if (n >= cycles + span) {
    T mae_ets = 0;
    T mae_mstl = 0;
    ets_options<T> eo;
    eo.model = *out.ets;
    eo.season_length = out.season_length;
    const ets_spec<T> spec(eo);
    const auto bh = static_cast<int>(yearly_backtest_horizon);
    try {
      for (std::size_t k = yearly_backtest_origins; k >= 1; --k) {
        const std::size_t origin = n - k * yearly_backtest_horizon;
        const std::span<const T> train = in.filled.first(origin);
        const auto e = spec.fit(train).forecast(bh, std::span<const T>()).mean;
        fit_input<T> sub{train, train, {}, train};
        const auto s = mstl_over(sub, periods, bh, std::span<const T>()).fc.mean;
        for (std::size_t i = 0; i < yearly_backtest_horizon; ++i) {
          const T actual = in.filled[origin + i];
          mae_ets += std::fabs(actual - e[i]);
          mae_mstl += std::fabs(actual - s[i]);
        }
      }
    } catch (const invforecast::error& e) {
      append_note(out.reason, strength_text + "; backtest failed (" + e.what() +
                                  "): " + out.model_name + " kept");
      return;
    }
    mae_ets /= static_cast<T>(span);
    mae_mstl /= static_cast<T>(span);
    const std::string scores = "backtest MAE over " + std::to_string(yearly_backtest_origins) +
                               " origins x " + std::to_string(yearly_backtest_horizon) +
                               " days: MSTL " + short_text(mae_mstl) + ", " + out.model_name + " " +
                               short_text(mae_ets);
    if (!(mae_mstl < mae_ets)) {
      append_note(out.reason, strength_text + " >= " + short_text(yearly_strength_threshold) +
                                  "; " + scores + ": " + out.model_name + " kept");
      return;
    }
    rule = strength_text + " >= " + short_text(yearly_strength_threshold) + "; " + scores;
  } else {
    rule = strength_text + " >= " + short_text(yearly_strength_threshold) +
           " (n = " + std::to_string(n) +
           " days: too few for a backtest keeping two yearly cycles, " +
           std::to_string(cycles + span) + " needed; chosen on the strength)";
  }
  const std::string ets_reason = out.reason;
  const std::string ets_name = out.model_name;
  out.candidates_aicc.clear();
  out.ets.reset();
  out.loglik.reset();
  out.aic.reset();
  out.aicc.reset();
  out.bic.reset();
  out.initial_states.clear();
  take_mstl(out, *f, horizon, max_l);
  out.reason = ets_reason + "; " + rule + " -> " + mstl_text(out) + " instead of " + ets_name;
}

/// Automatic choice for smooth and erratic demand: ets_auto by AICc, then the yearly check
/// (consider_yearly_mstl).
template <std::floating_point T>
void fit_ets_auto(model_fit<T>& out, const fit_input<T>& in, const forecaster_options<T>& options,
                  int horizon, std::span<const T> levels, std::size_t max_l,
                  const std::string& class_text) {
  if (in.y.size() < ses_min_n) {
    fit_ets_too_short(out, in.y, horizon, levels, max_l, class_text, true);
    return;
  }
  std::string notes;
  const int m = auto_season_length(in, options, notes);
  fit_ets_auto_with(out, in, m, notes, options, horizon, levels, max_l, class_text, true);
  consider_yearly_mstl(out, in, options, m, horizon, levels, max_l);
}

/// method::mstl: periods {m, yearly_period} (m = the season length, detected when 0, 7 when
/// neither is found); those without two full cycles are dropped; when none is left, AUTO's
/// ETS (status fallback).
template <std::floating_point T>
void fit_mstl_requested(model_fit<T>& out, const fit_input<T>& in,
                        const forecaster_options<T>& options, int horizon,
                        std::span<const T> levels, std::size_t max_l) {
  std::string notes;
  int m = season_length_for(in.filled, options, notes);
  if (m == 1 && options.season_length == 0) m = 7;
  const std::vector<T> periods = mstl_periods_for<T>(m, options);
  const std::size_t n = in.filled.size();
  bool usable = false;
  for (const T p : periods) usable = usable || p < static_cast<T>(n) / 2;
  if (usable) {
    try {
      const auto f = mstl_over(in, periods, std::max(horizon, static_cast<int>(max_l)), levels);
      take_mstl(out, f, horizon, max_l);
      out.reason = "requested " + mstl_text(out);
      if (f.decomposition.dropped_periods.size() > 0) {
        out.reason += "; period " + short_text(f.decomposition.dropped_periods.front()) +
                      " dropped (fewer than two cycles in " + std::to_string(n) + " values)";
      }
      if (!notes.empty()) out.reason += "; " + notes;
      return;
    } catch (const insufficient_data&) {
      // ETS of the adjusted series could not be fitted: AUTO's ETS below.
    }
  }
  const std::string class_text =
      "requested MSTL; no period has two full cycles in " + std::to_string(n) + " values";
  if (in.y.size() < ses_min_n) {
    fit_ets_too_short(out, in.y, horizon, levels, max_l, class_text, true);
    return;
  }
  std::string auto_notes;
  const int am = auto_season_length(in, options, auto_notes);
  fit_ets_auto_with(out, in, am, auto_notes, options, horizon, levels, max_l, class_text, true);
  out.status = fit_status::fallback;
}

/// Lead-time variances and means of SES with drift (THETA and OTM): Var(sum_{j<=L} error_j) =
/// sigma^2 sum_j c_{j,L}^2 with c_{j,L} = s_j + alpha (s_{j+1} + ... + s_L), s the seasonal
/// indices of the steps (`indices` empty: s = 1); the means are the fit's point forecasts
/// summed.
template <std::floating_point T, typename Fit>
void fill_theta_lead_times(model_fit<T>& out, const Fit& fit, T alpha, std::span<const T> indices,
                           std::size_t n, std::size_t max_l, bool truncate) {
  out.lead_time_variances.resize(max_l);
  out.lead_time_means.resize(max_l);
  if (max_l == 0) return;
  // Going from L - 1 to L adds a = alpha s_L to every earlier c and the new c_L = s_L, so the
  // sums of c and of c^2 carry over: O(1) per L.
  const std::size_t mu = indices.size();
  T sum_c = 0;
  T sum_c2 = 0;
  for (std::size_t l = 0; l < max_l; ++l) {
    const T s = mu > 0 ? indices[(n + l) % mu] : T(1);
    const T a = alpha * s;
    const auto earlier = static_cast<T>(l);
    sum_c2 += T(2) * a * sum_c + earlier * a * a + s * s;
    sum_c += earlier * a + s;
    out.lead_time_variances[l] = out.sigma2 * sum_c2;
  }
  const std::vector<T> means =
      max_l > out.fc.mean.size()
          ? fit.forecast(static_cast<int>(max_l), std::span<const T>(), truncate).mean
          : out.fc.mean;
  T sum = 0;
  for (std::size_t i = 0; i < max_l; ++i) {
    sum += means[i];
    out.lead_time_means[i] = sum;
  }
}

/// Theta (R's thetaf) with season length m on y (the observed values), n >= 2. The forecast
/// variance of step h is thetaf's sigma^2 (1 + (h - 1) alpha^2) (the intervals' variance);
/// the lead-time variances are those of SES with drift with the errors scaled by the seasonal
/// indices (see model_fit::lead_time_demand_variance).
template <std::floating_point T>
void fit_theta(model_fit<T>& out, std::span<const T> y, int m, int horizon,
               std::span<const T> levels, std::size_t max_l, bool truncate) {
  const fitted_theta<T> fit = theta_spec<T>({.season_length = std::max(1, m)}).fit(y);
  const theta_params<T>& p = fit.params();
  set_model(out, method::theta, "THETA");
  out.theta = p;
  out.alpha = p.alpha;
  out.season_length = p.seasonal ? fit.season_length() : 1;
  out.sigma2 = fit.sigma2();
  out.converged = fit.converged();
  out.fitted = fit.fitted();
  out.fc = fit.forecast(horizon, levels, truncate);
  const auto h = static_cast<std::size_t>(horizon);
  out.forecast_variance.resize(h);
  for (std::size_t k = 0; k < h; ++k) {
    out.forecast_variance[k] = out.sigma2 * (T(1) + static_cast<T>(k) * p.alpha * p.alpha);
  }
  if (p.seasonal) out.pattern.pattern = demand_pattern::seasonal;
  const std::span<const T> indices =
      p.adjusted ? std::span<const T>(p.seasonal_indices) : std::span<const T>();
  fill_theta_lead_times(out, fit, p.alpha, indices, y.size(), max_l, truncate);
}

/// The optimised Theta model (smoothing/optimised_theta.hpp) with season length m on y, n >= 4.
/// The forecast variance of step h is sigma^2 (1 + (h - 1) alpha^2) s_{n+h}^2 (the intervals'
/// variance); the lead-time variances are THETA's formula with the OTM's alpha, sigma^2 and
/// indices (the same SES-with-drift error structure).
template <std::floating_point T>
void fit_optimised_theta(model_fit<T>& out, std::span<const T> y, int m, int horizon,
                         std::span<const T> levels, std::size_t max_l, bool truncate) {
  const fitted_optimised_theta<T> fit =
      optimised_theta_spec<T>({.season_length = std::max(1, m)}).fit(y);
  const optimised_theta_params<T>& p = fit.params();
  set_model(out, method::optimised_theta, "OTM");
  out.optimised_theta = p;
  out.alpha = p.alpha;
  out.season_length = p.seasonal ? fit.season_length() : 1;
  out.sigma2 = fit.sigma2();
  out.converged = fit.converged();
  out.fitted = fit.fitted();
  out.fc = fit.forecast(horizon, levels, truncate);
  out.forecast_variance = fit.forecast_variances(horizon);
  if (p.seasonal) out.pattern.pattern = demand_pattern::seasonal;
  fill_theta_lead_times(out, fit, p.alpha, std::span<const T>(p.seasonal_indices), y.size(), max_l,
                        truncate);
}

/// The optimised Theta model for a series of n >= 4 values, Theta (thetaf) for n = 2, 3 (three
/// parameters need four values; status fallback); the reason says which.
template <std::floating_point T>
void fit_optimised_theta_or_theta(model_fit<T>& out, std::span<const T> y, int m, int horizon,
                                  std::span<const T> levels, std::size_t max_l, bool truncate) {
  if (y.size() >= 4) {
    fit_optimised_theta(out, y, m, horizon, levels, max_l, truncate);
    return;
  }
  fit_theta(out, y, m, horizon, levels, max_l, truncate);
  out.status = fit_status::fallback;
}

/// One-step predictions of an ETS member aligned with the observed values: with a mask, the
/// ETS fit has one prediction per day; keep those of the known days.
template <std::floating_point T>
std::vector<T> observed_predictions(const model_fit<T>& member, const fit_input<T>& in) {
  if (in.known.empty() || member.kind != method::ets || member.fitted.size() != in.known.size()) {
    return member.fitted;
  }
  std::vector<T> out;
  out.reserve(in.y.size());
  for (std::size_t i = 0; i < in.known.size(); ++i) {
    if (in.known[i] != 0) out.push_back(member.fitted[i]);
  }
  return out;
}

/// COMBO for smooth and erratic demand: AUTO's ETS model (MEAN when n < 7, as AUTO) and the
/// optimised Theta model (THETA when n < 4) with the same season length, weights 1/2 each; means
/// and the members' untruncated quantiles averaged, then truncated at 0.
template <std::floating_point T>
void fit_combination(model_fit<T>& out, const fit_input<T>& in,
                     const forecaster_options<T>& options, int horizon, std::span<const T> levels,
                     std::size_t max_l, const std::string& class_text) {
  const std::span<const T> y = in.y;
  const std::size_t n = y.size();
  model_fit<T> e = out;
  model_fit<T> t = out;
  int m = 1;
  if (n < ses_min_n) {
    fit_ets_too_short(e, y, horizon, levels, max_l, class_text, false);
  } else {
    std::string notes;
    m = auto_season_length(in, options, notes);
    fit_ets_auto_with(e, in, m, notes, options, horizon, levels, max_l, class_text, false);
  }
  fit_optimised_theta_or_theta(t, y, m, horizon, levels, max_l, false);
  constexpr T w = T(0.5);  // equal weights: the robust choice of the combination literature
  const auto mix = [](T a, T b) { return w * a + w * b; };
  // The standard deviation whose normal quantiles are the averaged ones.
  const auto mix_variance = [](T a, T b) {
    const T sd = w * std::sqrt(std::max(a, T(0))) + w * std::sqrt(std::max(b, T(0)));
    return sd * sd;
  };
  const auto h = static_cast<std::size_t>(horizon);
  set_model(out, method::combination, "COMBO(" + e.model_name + "," + t.model_name + ")");
  out.members = {combination_member<T>{e.model_name, e.kind, e.ets, w},
                 combination_member<T>{t.model_name, t.kind, std::nullopt, w}};
  out.theta = t.theta;
  out.optimised_theta = t.optimised_theta;
  out.fc.mean.resize(h);
  out.forecast_variance.resize(h);
  for (std::size_t k = 0; k < h; ++k) {
    out.fc.mean[k] = std::max(T(0), mix(e.fc.mean[k], t.fc.mean[k]));
    out.forecast_variance[k] = mix_variance(e.forecast_variance[k], t.forecast_variance[k]);
  }
  out.fc.intervals.clear();
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const auto& a = e.fc.intervals[i];
    const auto& b = t.fc.intervals[i];
    prediction_interval<T> pi{levels[i], std::vector<T>(h), std::vector<T>(h)};
    for (std::size_t k = 0; k < h; ++k) {
      pi.lower[k] = std::max(T(0), mix(a.lower[k], b.lower[k]));
      pi.upper[k] = std::max(T(0), mix(a.upper[k], b.upper[k]));
    }
    out.fc.intervals.push_back(std::move(pi));
  }
  // Fitted values: the members' one-step predictions of the observed values, averaged.
  const std::vector<T> fe = observed_predictions(e, in);
  const std::size_t nf = std::min(fe.size(), t.fitted.size());
  out.fitted.resize(nf);
  T sse = 0;
  for (std::size_t i = 0; i < nf; ++i) {
    out.fitted[i] = mix(fe[fe.size() - nf + i], t.fitted[t.fitted.size() - nf + i]);
    const T r = y[n - nf + i] - out.fitted[i];
    sse += r * r;
  }
  out.sigma2 = nf > 0 ? sse / static_cast<T>(nf) : T(0);
  // Lead times: the variances as the intervals (mixed standard deviations); the means from
  // the members' untruncated step forecasts (differences of their cumulative sums), mixed and
  // truncated at 0 step by step, then summed.
  out.lead_time_variances.resize(max_l);
  out.lead_time_means.resize(max_l);
  T sum = 0;
  for (std::size_t l = 0; l < max_l; ++l) {
    out.lead_time_variances[l] = mix_variance(e.lead_time_variances[l], t.lead_time_variances[l]);
    const T de = e.lead_time_means[l] - (l > 0 ? e.lead_time_means[l - 1] : T(0));
    const T dt = t.lead_time_means[l] - (l > 0 ? t.lead_time_means[l - 1] : T(0));
    sum += std::max(T(0), mix(de, dt));
    out.lead_time_means[l] = sum;
  }
  out.candidates_aicc = std::move(e.candidates_aicc);
  out.converged = e.converged && t.converged;
  out.season_length = (e.season_length > 1 || t.season_length > 1) ? m : 1;
  if (e.pattern.pattern == demand_pattern::seasonal ||
      t.pattern.pattern == demand_pattern::seasonal) {
    out.pattern.pattern = demand_pattern::seasonal;
  }
  out.status = e.status == fit_status::fallback ? fit_status::fallback : fit_status::fitted;
  const bool theta_seasonal = t.season_length > 1;
  std::string theta_text =
      theta_seasonal ? t.model_name + " seasonal (m = " + std::to_string(m) + ")" : t.model_name;
  if (t.kind == method::theta) theta_text += " (n = " + std::to_string(n) + " < 4: no OTM)";
  out.reason = e.reason + "; " + theta_text + "; COMBO = 0.5 x " + e.model_name + " + 0.5 x " +
               t.model_name + " (means and quantiles averaged)";
}

/// Constant series c > 0 with n >= 2.
template <std::floating_point T>
bool is_constant(std::span<const T> y) {
  for (const T v : y) {
    if (v != y[0]) return false;
  }
  return true;
}

/// The checks of fit_and_forecast's arguments other than the series.
template <std::floating_point T>
void check_request(std::string_view fn, const forecaster_options<T>& options, int horizon,
                   std::span<const T> levels) {
  detail::check_positive(fn, "horizon", horizon);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    // (0, max_interval_level]: nearer 1 the quantile probability (1 + level) / 2 is 1.
    if (!(levels[i] > 0 && static_cast<double>(levels[i]) <= max_interval_level)) {
      detail::throw_invalid_value(fn, "levels[" + std::to_string(i) + "]", levels[i],
                                  "in (0, " + format_general(max_interval_level) + "]");
    }
  }
  if (options.season_length < 0 || options.season_length > max_season_length) {
    detail::throw_invalid_value(fn, "options.season_length", options.season_length,
                                "in [0, " + std::to_string(max_season_length) + "]");
  }
  detail::check_positive(fn, "options.ma_window", options.ma_window);
  detail::check_non_negative(fn, "options.max_lead_time", options.max_lead_time);
  if (options.yearly_period != 0 &&
      (options.yearly_period < 2 || options.yearly_period > max_season_length)) {
    detail::throw_invalid_value(fn, "options.yearly_period", options.yearly_period,
                                "0 or in [2, " + std::to_string(max_season_length) + "]");
  }
  if (options.kind == method::ets && !options.ets) {
    detail::throw_invalid(fn, "options.ets is unset, must be set when options.kind == ets");
  }
}

/// Last line of defence (values within detail::max_magnitude keep every model finite, but a
/// model can still overflow, e.g. a multiplicative trend over a long horizon): a forecast,
/// bound, variance or sigma^2 that is not finite throws instead of being returned.
template <std::floating_point T>
void check_finite_results(const model_fit<T>& out) {
  constexpr std::string_view fn = "fit_and_forecast";
  const std::string rule = "finite (" + out.model_name + " overflowed: inputs out of range)";
  const auto check_all = [&](const std::string& name, const std::vector<T>& v) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (!std::isfinite(v[i])) {
        detail::throw_invalid_value(fn, name + "[" + std::to_string(i) + "]", v[i], rule);
      }
    }
  };
  if (!std::isfinite(out.sigma2)) detail::throw_invalid_value(fn, "sigma2", out.sigma2, rule);
  check_all("forecast", out.fc.mean);
  for (const auto& pi : out.fc.intervals) {
    check_all("lower", pi.lower);
    check_all("upper", pi.upper);
  }
  check_all("forecast_variance", out.forecast_variance);
  check_all("lead_time_variances", out.lead_time_variances);
  check_all("lead_time_means", out.lead_time_means);
}

/// fit_and_forecast on checked arguments (see fit_input for what each method sees).
template <std::floating_point T>
model_fit<T> fit_core(const fit_input<T>& in, const forecaster_options<T>& options, int horizon,
                      std::span<const T> levels) {
  const std::span<const T> y = in.y;
  const std::size_t n = y.size();
  const auto max_l = static_cast<std::size_t>(options.max_lead_time);
  model_fit<T> out;
  out.n = n;
  out.requested = options.kind;
  out.pattern = classify_demand<T>(y);

  // Degenerate data, whatever the method.
  if (out.pattern.nonzero == 0) {
    set_model(out, method::mean, "MEAN");
    out.status = fit_status::degenerate;
    out.fitted.assign(n, T(0));
    fill_flat(out, T(0), horizon, levels, max_l);
    out.reason =
        "all " + std::to_string(n) + " values are zero: forecast 0 with zero-width intervals";
    return out;
  }
  if (n == 1) {
    fit_last_resort(out, y, horizon, levels, max_l);
    out.status = fit_status::degenerate;
    out.reason =
        "a single observation: it is repeated, no variance can be estimated (intervals "
        "of zero width)";
    return out;
  }
  if ((options.kind == method::automatic || options.kind == method::ets ||
       options.kind == method::combination) &&
      is_constant(y)) {
    set_model(out, method::ets, "ETS(A,N,N)");
    out.ets = ets_model{};
    out.alpha = T(0.99999);
    out.status = fit_status::degenerate;
    out.fitted.assign(in.days.size(), y[0]);  // ETS: one prediction per day
    fill_flat(out, y[0], horizon, levels, max_l);
    out.reason = "constant series (" + short_text(y[0]) +
                 "): simple exponential smoothing with alpha = 0.99999 as R's ets, zero-width "
                 "intervals";
    return out;
  }

  switch (options.kind) {
    case method::automatic:
    case method::combination: {
      const bool combo = options.kind == method::combination;
      const auto& c = out.pattern;
      const std::string class_text =
          std::string(erp_demand_pattern(c.pattern)) + " demand (ADI = " + short_text(c.adi) +
          ", CV^2 = " + (c.cv2_defined ? short_text(c.cv2) : std::string("undefined")) + ")";
      if (c.pattern == demand_pattern::intermittent || c.pattern == demand_pattern::lumpy) {
        std::size_t trailing = 0;
        while (trailing < n && y[n - 1 - trailing] == T(0)) ++trailing;
        const bool ending = static_cast<T>(trailing) > T(2) * c.adi;
        if (c.pattern == demand_pattern::lumpy || ending) {
          fit_tsb(out, y, options, horizon, levels, max_l, true);
          out.reason = class_text + ": TSB" +
                       (c.pattern == demand_pattern::lumpy
                            ? std::string(" (lumpy demand: probability and size smoothed apart)")
                            : " (the last " + std::to_string(trailing) +
                                  " periods have no demand, more than 2 ADI: demand may be "
                                  "ending)");
        } else {
          fit_croston_family(out, y, method::sba, options, horizon, levels, max_l, true);
          out.reason = class_text + ": SBA (bias-corrected Croston for intermittent demand)";
        }
        if (combo) {
          out.reason +=
              "; COMBO combines ETS and OTM for smooth and erratic demand only: intermittent "
              "and lumpy demand keep AUTO's method";
        }
      } else if (combo) {
        fit_combination(out, in, options, horizon, levels, max_l, class_text);
      } else {
        fit_ets_auto(out, in, options, horizon, levels, max_l, class_text);
      }
      break;
    }
    case method::theta: {
      std::string notes;
      const int m = season_length_for(in.filled, options, notes);
      fit_theta(out, y, m, horizon, levels, max_l, true);
      out.reason = "requested THETA";
      if (m > 1) {
        out.reason += out.theta->seasonal ? " (seasonal, m = " + std::to_string(m) + ")"
                                          : " (not seasonal at m = " + std::to_string(m) + ")";
      }
      if (!notes.empty()) out.reason += "; " + notes;
      break;
    }
    case method::optimised_theta: {
      std::string notes;
      const int m = season_length_for(in.filled, options, notes);
      fit_optimised_theta_or_theta(out, y, m, horizon, levels, max_l, true);
      if (out.kind == method::optimised_theta) {
        out.reason = "requested OTM";
        if (m > 1) {
          out.reason += out.optimised_theta->seasonal
                            ? " (seasonal, m = " + std::to_string(m) + ")"
                            : " (not seasonal at m = " + std::to_string(m) + ")";
        }
        out.reason += ": alpha = " + short_text(*out.alpha) +
                      ", theta = " + short_text(out.optimised_theta->theta);
      } else {
        out.reason = "requested OTM; n = " + std::to_string(n) +
                     " < 4 is too short for the optimised Theta model (three parameters): THETA";
      }
      if (!notes.empty()) out.reason += "; " + notes;
      break;
    }
    case method::ets:
      fit_ets_chain(out, in, options, horizon, levels, max_l);
      break;
    case method::mstl:
      fit_mstl_requested(out, in, options, horizon, levels, max_l);
      break;
    case method::moving_average:
      fit_moving_average(out, y, options.ma_window, horizon, levels, max_l);
      if (out.reason.empty()) out.reason = "requested " + out.model_name;
      break;
    case method::croston:
    case method::sba:
    case method::sbj:
      fit_croston_family(out, y, options.kind, options, horizon, levels, max_l, false);
      out.reason = "requested " + out.model_name;
      break;
    case method::tsb:
      fit_tsb(out, y, options, horizon, levels, max_l, false);
      out.reason = "requested TSB";
      break;
    case method::mean:
      fit_mean(out, y, horizon, levels, max_l);
      out.reason = "requested MEAN";
      break;
    case method::naive:
      fit_naive(out, y, horizon, levels, max_l);
      out.reason = "requested NAIVE";
      break;
  }
  check_finite_results(out);
  return out;
}

}  // namespace detail::selection

/// Fits a forecasting model to one demand series and forecasts it.
///
/// **Automatic** (method::automatic): the series is classified (classify_demand, ADI / CV^2
/// cut-offs 1.32 / 0.49).
/// - intermittent: SBA (the Syntetos-Boylan approximation is the recommended Croston variant
///   for intermittent demand, Syntetos, Boylan & Croston 2005), unless the series ends with
///   more than 2 ADI zero periods (demand may have stopped): TSB, whose forecast decays.
/// - lumpy: TSB (probability and size smoothed separately; adapts when demand stops).
/// - smooth, erratic: ets_auto(y, m) by AICc, m = options.season_length or
///   detect_season_length(y) (0); m is set to 1 when n < 2m. Then the yearly check (daily
///   data, options.yearly_period = P, default 364; 0 turns it off): with at least 2 P + 1
///   values, MSTL with periods {m, P} is fitted; when the yearly component's seasonal strength
///   max(0, 1 - Var(R) / Var(S_P + R)) is >= 0.7, MSTL replaces the ETS model if its MAE is
///   lower in a rolling-origin backtest (origins n - 84, n - 56, n - 28, 28-day forecasts, both
///   refitted; needs 2 P + 85 values), or on the strength alone when the series is shorter
///   than that (no earlier origin keeps two yearly cycles). AICc cannot compare the two
///   (different data: the ETS models y, MSTL's ETS the adjusted series). reason gives the
///   strength, the backtest MAEs and the decision; shorter series are not touched.
/// - SBA and TSB chosen automatically search their unset parameters on [0.05, 0.3] (the range
///   recommended for intermittent demand); explicit methods use the methods' own defaults. pattern
///   becomes seasonal when a seasonal model wins; candidates_aicc lists the candidates. n < 7: MEAN
///   (fallback).
///
/// **Explicit methods**: ets (options.ets, fixed alpha/beta/gamma/phi when given),
/// moving_average (options.ma_window), croston, sba, sbj, tsb (alpha/beta fixed when given),
/// mean (R's meanf), naive (R's naive), mstl (smoothing/mstl_forecast.hpp, R's
/// forecast(mstl(y), method = "ets") with periods {m, options.yearly_period}, m the season
/// length, 7 when none is set or detected; periods without two cycles dropped, AUTO's ETS with
/// status fallback when none is left), theta (R's thetaf with m = options.season_length or
/// detected; fixed parameters are ignored), optimised_theta (OTM, smoothing/optimised_theta.hpp,
/// same season length rule; THETA, status fallback, when n < 4; fixed parameters are ignored).
///
/// **Combination** (method::combination, "COMBO"): smooth and erratic demand get the
/// equal-weight mean of AUTO's ETS model (ets_auto by AICc; MEAN when n < 7) and the optimised
/// Theta model (OTM; THETA when n < 4: OTM fits three parameters) with the
/// same season length. Means and the members' untruncated interval bounds (quantiles) at each
/// level are averaged, then truncated at 0; model_fit::members names the members and weights.
/// Intermittent and lumpy demand keep AUTO's SBA or TSB (model_fit::kind says which); a
/// constant series is AUTO's degenerate ETS(A,N,N). See docs/forecasting.md, "Theta and the
/// combination in the forecaster".
///
/// **Hard cases** (each reported in status and reason):
/// - ETS fallback chain: multiplicative components with zeros in y -> the additive form;
///   seasonal model without a season length, m > 24 or n < 2m -> season dropped; then, while
///   n <= parameters + 4 (R's count: alpha + l0, beta + b0, gamma + m states, phi), drop
///   season, damping, trend in that order; below SES's 7 values -> MEAN, and NAIVE on a single
///   value.
/// - MA(w) with n <= w: window shrunk to n - 1.
/// - all zeros (any method): MEAN, forecast 0, intervals [0, 0], status degenerate; no
///   multiplicative model is ever tried.
/// - n = 1 (any method): NAIVE, the value repeated, zero-width intervals (no variance can be
///   estimated), status degenerate.
/// - constant c > 0 with ETS or automatic: ETS(A,N,N) with alpha = 0.99999 as R's ets does,
///   forecast c, zero-width intervals, degenerate. Other methods fit as usual.
///
/// **MEAN** intervals: \f$ \bar y \pm t_{(1+\ell)/2,\,n-1}\, s \sqrt{1 + 1/n} \f$ (R's meanf).
/// **NAIVE**: \f$ y_n \pm z_{(1+\ell)/2}\, \sigma \sqrt h \f$,
/// \f$ \sigma^2 = \frac{1}{n-1}\sum_{t=2}^n (y_t - y_{t-1})^2 \f$ (R's naive). Lower bounds
/// are truncated at 0 (demand is never negative).
///
/// **Lead times**: model_fit stores Var and mean of the demand over L = 1..options.max_lead_time
/// periods (default 0: none, so plain forecasts pay nothing for them); raise it to the longest
/// lead time asked of model_fit::lead_time_demand_variance.
///
/// The result does not depend on anything but the arguments (simulations use options.seed).
/// Any contiguous range of T is accepted for y and levels (T comes from options):
/// @code
/// std::vector<double> history = ...;
/// auto fit = invforecast::fit_and_forecast(history, invforecast::forecaster_options<double>{},
/// 90); fit.model_name; fit.fc.mean; fit.refit_options();
/// @endcode
///
/// @param y demand per period, oldest first; finite, >= 0 and <= 1e15.
/// @param options method and settings.
/// @param horizon number of steps, >= 1.
/// @param levels interval levels, each in (0, 0.999999] (max_interval_level).
/// @return the fit, forecasts, intervals, and the lead-time variances and means for L = 1..
///   options.max_lead_time (none by default).
/// @throws insufficient_data when y is empty.
/// @throws invalid_argument when a value of y is not finite or negative (the message names
///   the index and value) or above 1e15 (detail::max_magnitude, docs/errors.md "Limits"),
///   horizon < 1, levels[i] is outside (0, 0.999999] ("fit_and_forecast: levels[0] =
///   0.9999999999999999, must be in (0, 0.999999]"), season_length outside [0, 3650],
///   ma_window < 1, max_lead_time < 0, kind == ets without options.ets, or a fixed parameter
///   is rejected by the method's own checks (ets_spec, croston, tsb); and, as a last line
///   of defence, when a result (forecast, bound, variance, sigma^2) is not finite.
template <std::floating_point T>
[[nodiscard]] model_fit<T> fit_and_forecast(
    std::type_identity_t<std::span<const T>> y, const forecaster_options<T>& options, int horizon,
    std::type_identity_t<std::span<const T>> levels = default_levels<T>) {
  constexpr std::string_view fn = "fit_and_forecast";
  detail::selection::check_request(fn, options, horizon, levels);
  detail::check_not_empty(fn, "y", y);
  detail::check_all_finite(fn, "y", y);
  detail::check_all_non_negative(fn, "y", y);
  detail::check_all_bounded_non_negative(fn, "y", y);  // |y| <= 1e15 (docs/errors.md)
  return detail::selection::fit_core(detail::selection::fit_input<T>{y, y, {}, y}, options, horizon,
                                     levels);
}

/// fit_and_forecast with days whose demand is unknown (a data outage, a stock count missing):
/// known[i] == 1 when y[i] is observed, 0 when it is unknown (its value is ignored and may be
/// anything, NaN included). The convention is daily_series::observed_known_mask()'s.
///
/// - ETS (explicit, and the automatic choice for smooth and erratic demand) fits every day
///   with the ETS engine's unknown-day support (ets_spec::fit(y, known), ets_auto(y, known,
///   m)): at an unknown day the state is carried forward with the one-step prediction, as R's
///   ets treats NA, and the day is left out of the likelihood; the seasonal positions stay
///   right. Season detection (season_length = 0) sees the unknown days linearly interpolated.
/// - The methods without unknown-day support (CROSTON, SBA, SBJ, TSB, MOVING_AVERAGE, MEAN,
///   NAIVE) fit the observed values only: y with its unknown days removed.
/// - The demand classification (and so the automatic choice, the all-zero, constant and
///   single-value cases, and every "n" of the fallback rules) uses the observed values only;
///   model_fit::n is their number.
///
/// When every day is known the result is the plain overload's, bit for bit.
/// @param y demand per day, oldest first; finite and >= 0 where known.
/// @param known 1 = observed, 0 = unknown (any other non-zero value counts as observed);
///   known.size() == y.size().
/// @param options method and settings.
/// @param horizon number of steps, >= 1.
/// @param levels interval levels, each in (0, 0.999999] (max_interval_level).
/// @return as the plain overload; with some day unknown, model_fit::fitted of ETS has one
///   prediction per day of y, that of the other methods one per observed value (see
///   model_fit::fitted).
/// @throws insufficient_data when y is empty or every day is unknown.
/// @throws invalid_argument when known.size() != y.size(), a known value of y is not finite
///   or negative (the message names the index and value), or as the plain overload.
template <std::floating_point T>
[[nodiscard]] model_fit<T> fit_and_forecast(
    std::type_identity_t<std::span<const T>> y,
    std::type_identity_t<std::span<const std::uint8_t>> known, const forecaster_options<T>& options,
    int horizon, std::type_identity_t<std::span<const T>> levels = default_levels<T>) {
  constexpr std::string_view fn = "fit_and_forecast";
  detail::selection::check_request(fn, options, horizon, levels);
  if (known.size() != y.size()) {
    detail::throw_invalid_value(fn, "known.size()", known.size(),
                                "equal to y.size() = " + std::to_string(y.size()));
  }
  detail::check_not_empty(fn, "y", y);
  std::size_t observed = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (known[i] == 0) continue;
    ++observed;
    if (!std::isfinite(y[i])) {
      detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", y[i], "finite");
    }
    if (y[i] < 0) {
      detail::throw_invalid_value(fn, "y[" + std::to_string(i) + "]", y[i], "finite and >= 0");
    }
    detail::check_bounded_non_negative(fn, "y[" + std::to_string(i) + "]", y[i]);
  }
  if (observed == y.size()) return fit_and_forecast<T>(y, options, horizon, levels);
  if (observed == 0) {
    detail::throw_insufficient(fn, "every value of y is unknown (known has no 1)");
  }
  std::vector<T> values;
  values.reserve(observed);
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (known[i] != 0) values.push_back(y[i]);
  }
  const std::vector<T> filled = detail::selection::interpolate_unknown_days(y, known);
  return detail::selection::fit_core(
      detail::selection::fit_input<T>{std::span<const T>(values), y, known,
                                      std::span<const T>(filled)},
      options, horizon, levels);
}

/// fit_and_forecast of a daily_series: its days from the launch on
/// (series.observed_values()) with their known-day mask (series.observed_known_mask()), so
/// unknown days reach the model as unknown, not as zero demand (see the overload with
/// `known`).
/// @code
/// auto s = invforecast::daily_series<>::from_records(records, {.unknown_days = {outage}});
/// auto fit = invforecast::fit_and_forecast(s, invforecast::forecaster_options<>{}, 90);
/// @endcode
/// @throws insufficient_data when the series has no day on or after its launch, or every
///   such day is unknown.
/// @throws invalid_argument as the overload with `known`.
template <std::floating_point T>
[[nodiscard]] model_fit<T> fit_and_forecast(
    const daily_series<T>& series, const forecaster_options<T>& options, int horizon,
    std::type_identity_t<std::span<const T>> levels = default_levels<T>) {
  if (series.observed_values().empty()) {
    detail::throw_insufficient("fit_and_forecast",
                               "series.observed_values() is empty (launch after the last day)");
  }
  return fit_and_forecast<T>(series.observed_values(), series.observed_known_mask(), options,
                             horizon, levels);
}

namespace detail::selection {

/// The text of forecaster_options_for's error.
inline constexpr std::string_view model_forms =
    "a method name (AUTO, MOVING_AVERAGE or MA, MA(w), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE, "
    "THETA, COMBO, OTM, MSTL; any case) or an ETS form ('AAdN', 'ets:AAdN' or R's 'ETS(A,Ad,N)')";

[[noreturn]] inline void throw_bad_model(std::string_view model) {
  detail::throw_invalid("forecaster_options_for", "model = '" + std::string(model) + "', must be " +
                                                      std::string(model_forms));
}

/// The ETS form of "AAdN", "ets:AAdN" or "ETS(A,Ad,N)" (any case), or nothing.
inline std::optional<ets_model> try_parse_ets_form(std::string_view text) {
  std::string code;
  if (text.size() > 4 && iequals(text.substr(0, 4), "ets:")) {
    code = std::string(text.substr(4));
  } else if (text.size() > 5 && iequals(text.substr(0, 4), "ets(") && text.back() == ')') {
    // R's ETS(E,T,S): three comma-separated components, blanks around them allowed.
    int commas = 0;
    for (const char c : text.substr(4, text.size() - 5)) {
      if (c == ',') {
        ++commas;
      } else if (c != ' ') {
        code += c;
      }
    }
    if (commas != 2) return std::nullopt;
  } else {
    code = std::string(text);
  }
  // Letters in any case: E, T, the damping d, S ("aadn" and "AADN" are AAdN).
  for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (code.size() == 4 && code[2] == 'D') code[2] = 'd';
  try {
    return ets_model::parse(code);
  } catch (const invalid_argument&) {
    return std::nullopt;
  }
}

}  // namespace detail::selection

/// Options for a model named in text, as a command line or a configuration names it:
/// - a method name as parse_method() reads it ("AUTO", "SBA", "croston", "MA", ...): kind set,
///   everything else default; "MA(w)" (model_fit::model_name of a moving average) also sets
///   ma_window = w (w >= 1);
/// - an ETS form: the code "AAdN", "ets:AAdN" or R's "ETS(A,Ad,N)" (ets_model::parse's
///   letters, in any case: "aadn" is AAdN): kind = method::ets and
///   ets = the form.
///
/// Every model_fit::model_name is accepted, but to refit a fit use model_fit::refit_options,
/// which also carries the season length. "ETS" alone names no form and is rejected (kind ==
/// ets needs one; "AUTO" chooses the form by AICc).
/// @code
/// auto o = invforecast::forecaster_options_for("ets:MAdM");  // kind = ets, ets = MAdM
/// o.season_length = 7;
/// auto fit = invforecast::fit_and_forecast(history, o, 28);
/// @endcode
/// @param model the name.
/// @return the options (T = double unless given).
/// @throws invalid_argument "forecaster_options_for: model = 'X', must be a method name (AUTO,
///   MOVING_AVERAGE or MA, MA(w), CROSTON, SBA, SBJ, TSB, MEAN, NAIVE, THETA, COMBO, OTM, MSTL; any
///   case)
///   or an ETS form
///   ('AAdN', 'ets:AAdN' or R's 'ETS(A,Ad,N)')" for any other text, "ETS" alone included.
template <std::floating_point T = double>
[[nodiscard]] forecaster_options<T> forecaster_options_for(std::string_view model) {
  namespace sel = detail::selection;
  forecaster_options<T> o;
  method kind = method::automatic;
  if (sel::try_parse_method(model, kind)) {
    if (kind == method::ets) sel::throw_bad_model(model);
    o.kind = kind;
    return o;
  }
  if (model.size() > 4 && sel::iequals(model.substr(0, 3), "MA(") && model.back() == ')') {
    const std::string_view digits = model.substr(3, model.size() - 4);
    int w = 0;
    const auto r = std::from_chars(digits.data(), digits.data() + digits.size(), w);
    if (r.ec != std::errc() || r.ptr != digits.data() + digits.size() || w < 1) {
      sel::throw_bad_model(model);
    }
    o.kind = method::moving_average;
    o.ma_window = w;
    return o;
  }
  const auto form = sel::try_parse_ets_form(model);
  if (!form) sel::throw_bad_model(model);
  o.kind = method::ets;
  o.ets = *form;
  return o;
}

}  // namespace invforecast

// Compiled mode (INVFORECAST_COMPILED): extern template declarations of the instantiations above.
#include "invforecast/selection/detail/forecaster_extern.hpp"  // IWYU pragma: export

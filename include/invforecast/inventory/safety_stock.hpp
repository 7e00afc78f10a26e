#pragma once

/// @file
/// Safety stock: the four classic formulas (basic days of supply, demand variability,
/// lead-time variability, King's combined formula), an automatic choice between them by the
/// coefficients of variation, and three methods beyond the ERP: fill-rate (type II) safety
/// stock by inverting the normal loss function, safety stock from a fitted forecast model's
/// own lead-time demand variance, and intermittent-demand safety stock from the empirical or
/// bootstrapped lead-time demand distribution. Formulas and assumptions: docs/inventory.md.
///
/// Units: every time quantity is in days (lead time, its standard deviation, safety days) and
/// every demand quantity is per day (average daily demand, standard deviation of daily demand).

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/detail/quantile.hpp"
#include "invforecast/detail/random.hpp"
#include "invforecast/inventory/detail/inventory_common.hpp"
#include "invforecast/stats/normal.hpp"

namespace invforecast {

/// How safety stock is computed.
enum class safety_stock_method {
  automatic,              ///< choose basic / demand / lead-time / combined by the CVs
  basic,                  ///< SS = d_bar * safety_days
  demand_variability,     ///< SS = z sigma_d sqrt(L)
  lead_time_variability,  ///< SS = z d_bar sigma_L
  combined,               ///< King: SS = z sqrt(L sigma_d^2 + d_bar^2 sigma_L^2)
  fill_rate,              ///< type II: SS = k sigma_LTD with G(k) = Q (1 - beta) / sigma_LTD
  forecast_model,         ///< SS = z sqrt(Var(lead-time demand)) from the fitted model
  empirical,              ///< SS = quantile of observed lead-time demands - their mean
  simulated               ///< SS = quantile of bootstrapped lead-time demands - their mean
};

/// Lower-case name of a method ("combined", "fill_rate", ...), for reports.
[[nodiscard]] inline std::string_view to_string(safety_stock_method method) noexcept {
  switch (method) {
    case safety_stock_method::automatic:
      return "automatic";
    case safety_stock_method::basic:
      return "basic";
    case safety_stock_method::demand_variability:
      return "demand_variability";
    case safety_stock_method::lead_time_variability:
      return "lead_time_variability";
    case safety_stock_method::combined:
      return "combined";
    case safety_stock_method::fill_rate:
      return "fill_rate";
    case safety_stock_method::forecast_model:
      return "forecast_model";
    case safety_stock_method::empirical:
      return "empirical";
    case safety_stock_method::simulated:
      return "simulated";
  }
  return "unknown";
}

/// Inputs of the formula-based safety stock (all per day / in days). Fields a method does not
/// use are ignored (but still validated as finite and >= 0).
/// Example: `safety_stock({.method = safety_stock_method::combined, .service_level = 0.95,
/// .average_daily_demand = 120, .demand_sd = 60, .lead_time_days = 5, .lead_time_sd = 2})`.
template <std::floating_point T = double>
struct safety_stock_input {
  safety_stock_method method = safety_stock_method::automatic;
  /// Cycle service level (probability of no stockout in a replenishment cycle) in (0, 1);
  /// for safety_stock_method::fill_rate, the target fill rate beta in (0, 1).
  T service_level = T(0.95);
  T average_daily_demand = 0;  ///< d_bar, units per day
  T demand_sd = 0;             ///< sigma_d, standard deviation of daily demand
  T lead_time_days = 0;        ///< L, mean lead time in days
  T lead_time_sd = 0;          ///< sigma_L, standard deviation of the lead time in days
  T safety_days = 0;           ///< days of supply held as safety stock (basic method)
  T order_quantity = 0;        ///< Q, units per order (fill_rate method only; must be > 0 there)
  T demand_cv_threshold = T(0.2);     ///< automatic: demand is variable when CV_d > this
  T lead_time_cv_threshold = T(0.1);  ///< automatic: lead time is variable when CV_L > this
};

/// A safety stock and how it was obtained.
template <std::floating_point T = double>
struct safety_stock_result {
  /// The method actually applied (never `automatic`; see `reason` for the automatic choice).
  safety_stock_method method = safety_stock_method::basic;
  /// Safety stock in units. Negative when the service level is below 50 % (z < 0) or, for
  /// fill rate, when the order quantity alone already meets the fill rate (k < 0).
  T safety_stock = 0;
  /// Safety factor: z = Phi^{-1}(service level) for the cycle-service methods, k for fill
  /// rate; empty for basic, empirical and simulated.
  std::optional<T> z;
  /// Mean of the demand over the lead time (units).
  T lead_time_demand_mean = 0;
  /// Standard deviation of the demand over the lead time under the method's assumptions
  /// (units); for basic it is King's formula with the inputs given (descriptive only).
  T lead_time_demand_sd = 0;
  /// Coefficient of variation of daily demand, sigma_d / d_bar (formula methods; empty when
  /// d_bar = 0 or not applicable).
  std::optional<T> demand_cv;
  /// Coefficient of variation of the lead time, sigma_L / L (empty when L = 0 or n/a).
  std::optional<T> lead_time_cv;
  /// The inputs used (for empirical / simulated / forecast-model: service level and lead time
  /// filled in, the rest zero).
  safety_stock_input<T> inputs{};
  /// Human-readable explanation, e.g. "automatic: demand CV 0.50 > 0.2 and lead-time CV 0.40
  /// > 0.1 -> combined".
  std::string reason;
};

namespace detail {

template <std::floating_point T>
void validate_safety_stock_input(std::string_view fn, const safety_stock_input<T>& in) {
  check_bounded_non_negative(fn, "average_daily_demand", in.average_daily_demand);
  check_bounded_non_negative(fn, "demand_sd", in.demand_sd);
  check_bounded_non_negative(fn, "lead_time_days", in.lead_time_days);
  check_bounded_non_negative(fn, "lead_time_sd", in.lead_time_sd);
  check_bounded_non_negative(fn, "safety_days", in.safety_days);
  check_bounded_non_negative(fn, "order_quantity", in.order_quantity);
  check_bounded_non_negative(fn, "demand_cv_threshold", in.demand_cv_threshold);
  check_bounded_non_negative(fn, "lead_time_cv_threshold", in.lead_time_cv_threshold);
}

/// CV = sd / mean; infinite (reported empty) when mean = 0 and sd > 0, 0 when both are 0.
template <std::floating_point T>
std::optional<T> coefficient_of_variation(T sd, T mean) {
  if (mean > 0) {
    const T cv = sd / mean;
    if (std::isfinite(cv)) return cv;
    return std::nullopt;  // a denormal mean: as good as 0
  }
  if (sd == 0) return T(0);
  return std::nullopt;
}

/// The result's numbers finite (only float can overflow within the input limits), else
/// invalid_argument; returns r.
template <std::floating_point T>
safety_stock_result<T> checked(std::string_view fn, safety_stock_result<T> r) {
  check_result(fn, "safety_stock", r.safety_stock);
  check_result(fn, "lead_time_demand_mean", r.lead_time_demand_mean);
  check_result(fn, "lead_time_demand_sd", r.lead_time_demand_sd);
  return r;
}

}  // namespace detail

/// Formula-based safety stock (methods basic, demand_variability, lead_time_variability,
/// combined, fill_rate, or automatic).
///
/// - basic: \f$SS = \bar d \cdot \text{safety\_days}\f$.
/// - demand_variability: \f$SS = z\,\sigma_d\sqrt{L}\f$ (lead time fixed).
/// - lead_time_variability: \f$SS = z\,\bar d\,\sigma_L\f$ (demand constant).
/// - combined (King 1955): \f$SS = z\sqrt{L\sigma_d^2 + \bar d^2\sigma_L^2}\f$.
/// - fill_rate (Silver, Pyke & Peterson 1998, ch. 7): \f$\sigma_{LTD}\f$ from King's formula,
///   k solves \f$G(k) = Q(1-\beta)/\sigma_{LTD}\f$, \f$SS = k\,\sigma_{LTD}\f$ (SS = 0 when
///   \f$\sigma_{LTD} = 0\f$).
/// - automatic: CV_d = sigma_d / d_bar, CV_L = sigma_L / L (infinite when the mean is 0 and
///   the sd is not). Both above their thresholds -> combined; only CV_d -> demand_variability;
///   only CV_L -> lead_time_variability; neither -> basic when safety_days > 0, otherwise
///   demand_variability. The choice is explained in `reason`.
///
/// z = Phi^{-1}(service_level) (exact inverse normal). Lead-time demand mean = d_bar * L.
/// Independence of daily demands and of demand and lead time is assumed.
/// Call with T deduced from the default (double): `safety_stock({...})`; other types:
/// `safety_stock<float>({...})`.
/// @param input see safety_stock_input.
/// @return the safety stock with method, z, inputs, lead-time demand mean and sd.
/// @throws invalid_argument when service_level is not in (0, 1) (not checked for basic), a
///         quantity is negative or not finite, or fill_rate has order_quantity = 0.
template <std::floating_point T = double>
[[nodiscard]] safety_stock_result<T> safety_stock(
    const std::type_identity_t<safety_stock_input<T>>& input) {
  constexpr std::string_view fn = "safety_stock";
  detail::validate_safety_stock_input(fn, input);
  const T d = input.average_daily_demand;
  const T sd = input.demand_sd;
  const T L = input.lead_time_days;
  const T sl = input.lead_time_sd;

  safety_stock_result<T> r;
  r.inputs = input;
  r.demand_cv = detail::coefficient_of_variation(sd, d);
  r.lead_time_cv = detail::coefficient_of_variation(sl, L);
  r.lead_time_demand_mean = d * L;

  safety_stock_method method = input.method;
  if (method == safety_stock_method::automatic) {
    const bool demand_variable = !r.demand_cv || *r.demand_cv > input.demand_cv_threshold;
    const bool lead_variable = !r.lead_time_cv || *r.lead_time_cv > input.lead_time_cv_threshold;
    const std::string cvs =
        "demand CV " + detail::describe_optional(r.demand_cv) + (demand_variable ? " > " : " <= ") +
        detail::fixed(input.demand_cv_threshold, 2) + ", lead-time CV " +
        detail::describe_optional(r.lead_time_cv) + (lead_variable ? " > " : " <= ") +
        detail::fixed(input.lead_time_cv_threshold, 2);
    if (demand_variable && lead_variable) {
      method = safety_stock_method::combined;
    } else if (demand_variable) {
      method = safety_stock_method::demand_variability;
    } else if (lead_variable) {
      method = safety_stock_method::lead_time_variability;
    } else if (input.safety_days > 0) {
      method = safety_stock_method::basic;
    } else {
      method = safety_stock_method::demand_variability;
    }
    r.reason = "automatic: " + cvs + " -> " + std::string(to_string(method));
    if (method == safety_stock_method::demand_variability && !demand_variable) {
      r.reason += " (no safety_days given for basic)";
    }
  }
  r.method = method;

  const T king_sd = std::sqrt(L * sd * sd + d * d * sl * sl);
  if (method == safety_stock_method::basic) {
    r.safety_stock = d * input.safety_days;
    r.lead_time_demand_sd = king_sd;
    if (r.reason.empty()) r.reason = "basic: average daily demand x safety days";
    return detail::checked(fn, std::move(r));
  }
  detail::check_level(fn, "service_level", input.service_level);
  switch (method) {
    case safety_stock_method::demand_variability:
      r.lead_time_demand_sd = sd * std::sqrt(L);
      break;
    case safety_stock_method::lead_time_variability:
      r.lead_time_demand_sd = d * sl;
      break;
    case safety_stock_method::combined:
    case safety_stock_method::fill_rate:
      r.lead_time_demand_sd = king_sd;
      break;
    default:
      detail::throw_invalid(fn, "method = " + std::string(to_string(method)) +
                                    ", must be a formula method (use safety_stock_forecast_model,"
                                    " safety_stock_empirical or safety_stock_simulated)");
  }
  if (method == safety_stock_method::fill_rate) {
    detail::check_bounded_positive(fn, "order_quantity", input.order_quantity);
    if (r.lead_time_demand_sd > 0) {
      const T g = input.order_quantity * (T(1) - input.service_level) / r.lead_time_demand_sd;
      const T k = normal_loss_inverse(g);
      r.z = k;
      r.safety_stock = k * r.lead_time_demand_sd;
    } else {
      r.safety_stock = 0;
    }
    if (r.reason.empty()) r.reason = "fill rate: k solves G(k) = Q (1 - beta) / sigma_LTD";
    return detail::checked(fn, std::move(r));
  }
  const T z = z_for_service_level(input.service_level);
  r.z = z;
  r.safety_stock = z * r.lead_time_demand_sd;
  if (r.reason.empty()) r.reason = std::string(to_string(method)) + ": z x sigma_LTD";
  return detail::checked(fn, std::move(r));
}

/// Inputs of the forecast-model safety stock: the lead-time demand distribution as numbers.
template <std::floating_point T = double>
struct lead_time_demand_input {
  T service_level = T(0.95);        ///< cycle service level in (0, 1)
  T lead_time_demand_mean = 0;      ///< sum of the forecast means over the lead time (units)
  T lead_time_demand_variance = 0;  ///< Var(sum of demand over the lead time), units^2
  T lead_time_days = 0;             ///< L (reported only)
};

/// Safety stock from a forecast model's own lead-time demand variance:
/// \f$SS = z\sqrt{\mathrm{Var}(\sum_{h=1}^{L} y_{n+h})}\f$ where the variance is the sum of the
/// h-step forecast variances and all their covariances (for SES: \f$\sigma^2\sum_{h=1}^{L}
/// (1 + (h-1)\alpha)^2\f$), not \f$\sigma_d\sqrt L\f$, which ignores the correlation of
/// forecast errors. Assumes normal lead-time demand and a fixed lead time.
/// @param input service level, lead-time demand mean and variance.
/// @return method forecast_model, z, lead-time demand mean and sd.
/// @throws invalid_argument when service_level is not in (0, 1) or the mean, variance or lead
///         time is negative or not finite.
template <std::floating_point T = double>
[[nodiscard]] safety_stock_result<T> safety_stock_forecast_model(
    const std::type_identity_t<lead_time_demand_input<T>>& input) {
  constexpr std::string_view fn = "safety_stock_forecast_model";
  detail::check_level(fn, "service_level", input.service_level);
  detail::check_bounded_non_negative(fn, "lead_time_demand_mean", input.lead_time_demand_mean);
  detail::check_bounded_non_negative(fn, "lead_time_demand_variance",
                                     input.lead_time_demand_variance, detail::max_variance);
  detail::check_bounded_non_negative(fn, "lead_time_days", input.lead_time_days);
  safety_stock_result<T> r;
  r.method = safety_stock_method::forecast_model;
  r.z = z_for_service_level(input.service_level);
  r.lead_time_demand_mean = input.lead_time_demand_mean;
  r.lead_time_demand_sd = std::sqrt(input.lead_time_demand_variance);
  r.safety_stock = *r.z * r.lead_time_demand_sd;
  r.inputs.method = safety_stock_method::forecast_model;
  r.inputs.service_level = input.service_level;
  r.inputs.lead_time_days = input.lead_time_days;
  r.reason = "forecast model: z x sqrt(lead-time demand variance incl. covariances)";
  return detail::checked(fn, std::move(r));
}

/// A fitted forecasting model that can give the variance of its cumulative forecast over a
/// lead time (e.g. fitted_ets<T>::lead_time_demand_variance).
template <typename M, typename T>
concept lead_time_variance_model = std::floating_point<T> && requires(const M& m, int lead_time) {
  { m.lead_time_demand_variance(lead_time) } -> std::convertible_to<T>;
};

/// Safety stock from a fitted model: the lead-time demand mean is the sum of the first
/// `lead_time_days` forecast means, its variance `model.lead_time_demand_variance(L)`.
/// @param model any fitted model with `T lead_time_demand_variance(int) const`.
/// @param forecast_mean the model's point forecasts for days 1, 2, ... (at least L of them).
/// @param lead_time_days L >= 1 (whole days).
/// @param service_level cycle service level in (0, 1).
/// @return as safety_stock_forecast_model.
/// @throws invalid_argument for L < 1, service level outside (0, 1), negative or non-finite
///         means or variance; insufficient_data when forecast_mean has fewer than L values.
template <std::floating_point T, lead_time_variance_model<T> M>
[[nodiscard]] safety_stock_result<T> safety_stock_forecast_model(
    const M& model, std::type_identity_t<std::span<const T>> forecast_mean, int lead_time_days,
    T service_level) {
  constexpr std::string_view fn = "safety_stock_forecast_model";
  detail::check_positive(fn, "lead_time_days", lead_time_days);
  detail::check_days(fn, "lead_time_days", lead_time_days);
  detail::check_level(fn, "service_level", service_level);
  if (forecast_mean.size() < static_cast<std::size_t>(lead_time_days)) {
    detail::throw_insufficient(
        fn, "forecast_mean has " + std::to_string(forecast_mean.size()) +
                " values, lead_time_days = " + std::to_string(lead_time_days) + " needed");
  }
  const auto path = forecast_mean.first(static_cast<std::size_t>(lead_time_days));
  detail::check_all_bounded_non_negative(fn, "forecast_mean", path);
  T mean = 0;
  for (const T v : path) mean += v;
  const T variance = static_cast<T>(model.lead_time_demand_variance(lead_time_days));
  return safety_stock_forecast_model<T>({.service_level = service_level,
                                         .lead_time_demand_mean = mean,
                                         .lead_time_demand_variance = variance,
                                         .lead_time_days = static_cast<T>(lead_time_days)});
}

/// Sample quantile definitions (Hyndman & Fan 1996, as numbered by R's quantile()).
enum class quantile_definition {
  /// R type 1: inverse of the empirical distribution function, the smallest sample value x
  /// with F_n(x) >= p (x_(ceil(n p)), x_(1) for p <= 1/n). A stock level at this quantile
  /// covered at least a fraction p of the observed lead-time demands; the default.
  inverse_ecdf = 1,
  /// R type 7 (R's default): linear interpolation, h = (n - 1) p, x_(floor h + 1) + (h -
  /// floor h)(x_(floor h + 2) - x_(floor h + 1)).
  linear = 7
};

/// The sample quantile of `sorted` (ascending) at probability p in [0, 1].
/// @throws insufficient_data when sorted is empty; invalid_argument when p is outside [0, 1].
template <std::floating_point T>
[[nodiscard]] T sample_quantile(std::type_identity_t<std::span<const T>> sorted, T p,
                                quantile_definition definition) {
  constexpr std::string_view fn = "sample_quantile";
  detail::check_not_empty(fn, "sample", sorted);
  detail::check_closed_interval(fn, "p", p, T(0), T(1));
  return definition == quantile_definition::inverse_ecdf ? detail::quantile_type1(sorted, p)
                                                         : detail::quantile_type7(sorted, p);
}

namespace detail {

/// Safety stock from an ascending sample of lead-time demands: quantile - mean, sd (n - 1).
template <std::floating_point T>
safety_stock_result<T> empirical_result(std::span<const T> sorted, T service_level,
                                        quantile_definition definition) {
  const std::size_t n = sorted.size();
  T mean = 0;
  for (const T v : sorted) mean += v;
  mean /= static_cast<T>(n);
  T ss = 0;
  for (const T v : sorted) ss += (v - mean) * (v - mean);
  safety_stock_result<T> r;
  r.lead_time_demand_mean = mean;
  r.lead_time_demand_sd = std::sqrt(ss / static_cast<T>(n - 1));
  r.safety_stock = sample_quantile(sorted, service_level, definition) - mean;
  r.inputs.service_level = service_level;
  return r;  // checked by the callers
}

}  // namespace detail

/// Options of the intermittent-demand (distribution-free) safety stock.
template <std::floating_point T = double>
struct empirical_safety_stock_options {
  T service_level = T(0.95);  ///< cycle service level in (0, 1)
  quantile_definition quantile = quantile_definition::inverse_ecdf;
  T lead_time_days = 0;  ///< reported only (empirical); the simulated method takes it as int
};

/// Intermittent-demand safety stock from observed lead-time demands (one value per past
/// replenishment cycle or per rolling window of L days): SS = q_p - mean, where q_p is the
/// sample quantile at the service level (definition in options; R type 1 by default) and mean
/// the sample mean. No normality assumption. Lead-time demand sd = sample sd (n - 1).
/// @param lead_time_demands observed lead-time demands (any order), finite and >= 0.
/// @param options service level and quantile definition.
/// @throws insufficient_data when there are fewer than 2 values; invalid_argument for a
///         service level outside (0, 1) or a negative / non-finite value.
template <std::floating_point T = double>
[[nodiscard]] safety_stock_result<T> safety_stock_empirical(
    std::type_identity_t<std::span<const T>> lead_time_demands,
    const std::type_identity_t<empirical_safety_stock_options<T>>& options = {}) {
  constexpr std::string_view fn = "safety_stock_empirical";
  detail::check_level(fn, "service_level", options.service_level);
  detail::check_bounded_non_negative(fn, "lead_time_days", options.lead_time_days);
  detail::check_all_bounded_non_negative(fn, "lead_time_demands", lead_time_demands);
  if (lead_time_demands.size() < 2) {
    detail::throw_insufficient(fn, "lead_time_demands has " +
                                       std::to_string(lead_time_demands.size()) +
                                       " values, at least 2 needed");
  }
  std::vector<T> sorted(lead_time_demands.begin(), lead_time_demands.end());
  std::sort(sorted.begin(), sorted.end());
  auto r = detail::empirical_result<T>(std::span<const T>(sorted), options.service_level,
                                       options.quantile);
  r.method = safety_stock_method::empirical;
  r.inputs.method = safety_stock_method::empirical;
  r.inputs.lead_time_days = options.lead_time_days;
  r.reason = "empirical: " +
             std::string(options.quantile == quantile_definition::linear ? "type 7" : "type 1") +
             " quantile of " + std::to_string(sorted.size()) + " lead-time demands - mean";
  return detail::checked(fn, std::move(r));
}

/// Options of the bootstrap (simulated) lead-time demand safety stock.
template <std::floating_point T = double>
struct simulated_safety_stock_options {
  T service_level = T(0.95);  ///< cycle service level in (0, 1)
  int lead_time_days = 1;     ///< L >= 1, whole days
  int simulations = 10000;    ///< number of simulated lead times, in [100, 10^7]
  std::uint64_t seed = 42;    ///< fixed seed: the result is reproducible on every platform
  quantile_definition quantile = quantile_definition::inverse_ecdf;
};

/// Intermittent-demand safety stock by bootstrap: each simulation sums L days drawn with
/// replacement from the daily demand history (zeros included, so the demand probability is
/// kept); SS = q_p - mean of the simulated lead-time demands. Assumes independent days (no
/// autocorrelation or seasonality). The random stream is the library's seeded generator
/// (xoshiro256** seeded with `seed`, detail/random.hpp), so results are identical on every
/// platform.
/// @param daily_history daily demand (finite, >= 0), zero-filled days included.
/// @param options service level, lead time, simulations, seed, quantile definition.
/// @throws insufficient_data when the history has fewer than 2 days; invalid_argument for a
///         service level outside (0, 1), lead_time_days < 1, simulations < 100, or a negative /
///         non-finite demand.
template <std::floating_point T = double>
[[nodiscard]] safety_stock_result<T> safety_stock_simulated(
    std::type_identity_t<std::span<const T>> daily_history,
    const std::type_identity_t<simulated_safety_stock_options<T>>& options = {}) {
  constexpr std::string_view fn = "safety_stock_simulated";
  detail::check_level(fn, "service_level", options.service_level);
  detail::check_positive(fn, "lead_time_days", options.lead_time_days);
  detail::check_days(fn, "lead_time_days", options.lead_time_days);
  if (options.simulations < 100 || options.simulations > 10'000'000) {
    detail::throw_invalid_value(fn, "simulations", options.simulations, "in [100, 10000000]");
  }
  detail::check_all_bounded_non_negative(fn, "daily_history", daily_history);
  if (daily_history.size() < 2) {
    detail::throw_insufficient(fn, "daily_history has " + std::to_string(daily_history.size()) +
                                       " days, at least 2 needed");
  }
  std::vector<T> totals(static_cast<std::size_t>(options.simulations));
  detail::seeded_rng rng(options.seed);
  const std::size_t n = daily_history.size();
  for (T& total : totals) {
    T sum = 0;
    for (int day = 0; day < options.lead_time_days; ++day) sum += daily_history[rng.below(n)];
    total = sum;
  }
  std::sort(totals.begin(), totals.end());
  auto r = detail::empirical_result<T>(std::span<const T>(totals), options.service_level,
                                       options.quantile);
  r.method = safety_stock_method::simulated;
  r.inputs.method = safety_stock_method::simulated;
  r.inputs.lead_time_days = static_cast<T>(options.lead_time_days);
  T mean = 0;
  for (const T v : daily_history) mean += v;
  r.inputs.average_daily_demand = mean / static_cast<T>(n);
  r.reason = "simulated: quantile of " + std::to_string(options.simulations) + " bootstrapped " +
             std::to_string(options.lead_time_days) + "-day demands - mean (seed " +
             std::to_string(options.seed) + ")";
  return detail::checked(fn, std::move(r));
}

}  // namespace invforecast

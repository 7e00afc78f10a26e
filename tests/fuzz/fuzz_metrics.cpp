// libFuzzer target: the accuracy metrics with arbitrary inputs.
// Contract: a typed invforecast::error, or finite, ordered results (an undefined ratio is an
// empty optional, never inf or NaN).
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "fuzz_common.hpp"
#include "invforecast/error.hpp"
#include "invforecast/metrics/interval_metrics.hpp"
#include "invforecast/metrics/point_metrics.hpp"
#include "invforecast/metrics/scaled_metrics.hpp"
#include "invforecast/metrics/tracking_signal.hpp"

namespace {

namespace inv = invforecast;
using S = std::span<const double>;

void finite_opt(const std::optional<double>& v, const char* what) {
  if (v) fuzz::require_finite(*v, what);
}

template <typename F>
void guarded(F&& f) {
  try {
    f();
  } catch (const inv::error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  const auto n = in.ConsumeIntegralInRange<std::size_t>(0, 40);
  std::vector<double> actual, forecast, lower, upper;
  for (std::size_t i = 0; i < n; ++i) {
    actual.push_back(fuzz::quantity(in));
    forecast.push_back(fuzz::quantity(in));
  }
  if (in.ConsumeBool() && !forecast.empty()) forecast.pop_back();  // size mismatch
  for (std::size_t i = 0; i < actual.size(); ++i) {
    const double w = fuzz::quantity(in);
    const double c = i < forecast.size() ? forecast[i] : 0;
    lower.push_back(c - w);
    upper.push_back(in.ConsumeIntegralInRange<int>(0, 9) == 0 ? c - 2 * w : c + w);
  }
  const auto training = fuzz::series(in, 40, in.ConsumeBool());
  const int m = fuzz::any_int(in) % 64;
  const double level = fuzz::any_double(in);
  const S a(actual), f(forecast), lo(lower), hi(upper), t(training);

  guarded([&] { fuzz::require_finite(inv::mean_error(a, f), "mean_error"); });
  guarded([&] {
    const double mae = inv::mean_absolute_error(a, f);
    const double rmse = inv::root_mean_squared_error(a, f);
    fuzz::require(std::isfinite(mae) && mae >= 0, "mae");
    // (errors below ~1e-154 square to 0: there RMSE < MAE is underflow, not a bug)
    fuzz::require(std::isfinite(rmse) && (rmse >= mae * (1 - 1e-12) || mae < 1e-150), "rmse >= mae",
                  std::to_string(rmse) + " " + std::to_string(mae));
    fuzz::require_finite(inv::mean_squared_error(a, f), "mse");
  });
  guarded([&] {
    const auto r = inv::mean_absolute_percentage_error(a, f);
    finite_opt(r.value, "mape");
    fuzz::require(r.used + r.excluded == a.size(), "mape counts");
  });
  guarded([&] {
    const auto r = inv::symmetric_mape(a, f);
    if (r.value) fuzz::require(*r.value >= 0 && *r.value <= 200 * (1 + 1e-12), "smape range");
  });
  guarded([&] { finite_opt(inv::weighted_absolute_percentage_error(a, f), "wape"); });
  guarded([&] {
    const auto s = inv::point_accuracy(a, f, level);
    fuzz::require(std::isfinite(s.mae) && std::isfinite(s.rmse) && std::isfinite(s.bias),
                  "point_accuracy");
    finite_opt(s.mape, "mape");
    finite_opt(s.smape, "smape");
    finite_opt(s.wape, "wape");
    finite_opt(s.tracking_signal, "tracking_signal");
  });
  guarded([&] { finite_opt(inv::tracking_signal(a, f), "tracking_signal"); });
  guarded([&] {
    std::optional<double> mad;
    if (in.ConsumeBool()) mad = fuzz::quantity(in);
    const auto r = inv::trigg_tracking_signal(a, f, {.alpha = level, .initial_mad = mad});
    for (const double v : r.signal) {
      fuzz::require(std::isfinite(v) && std::fabs(v) <= 1 + 1e-12, "trigg in [-1, 1]");
    }
  });
  guarded([&] {
    const auto q = inv::mase_scale(t, m);
    if (q) fuzz::require(std::isfinite(*q) && *q > 0, "mase scale");
  });
  guarded([&] { finite_opt(inv::rmsse_scale(t, m), "rmsse scale"); });
  guarded([&] {
    const auto v = inv::mean_absolute_scaled_error(a, f, t, m);
    if (v) fuzz::require(std::isfinite(*v) && *v >= 0, "mase");
  });
  guarded([&] { finite_opt(inv::root_mean_squared_scaled_error(a, f, t, m), "rmsse"); });
  guarded([&] {
    const double c = inv::interval_coverage(a, lo, hi);
    fuzz::require(c >= 0 && c <= 1, "coverage in [0, 1]");
  });
  guarded([&] { fuzz::require_finite(inv::winkler_score(a, lo, hi, level), "winkler"); });
  guarded([&] { finite_opt(inv::mean_scaled_interval_score(a, lo, hi, level, t, m), "msis"); });
  guarded([&] { fuzz::require_finite(inv::pinball_loss(a, lo, level), "pinball"); });
  guarded([&] {
    const auto r = inv::score_interval(a, lo, hi, level);
    fuzz::require(std::isfinite(r.coverage) && std::isfinite(r.mean_width) &&
                      std::isfinite(r.winkler) && std::isfinite(r.pinball_lower) &&
                      std::isfinite(r.pinball_upper),
                  "score_interval");
  });
  return 0;
}

// libFuzzer target: fit_and_forecast with arbitrary series and options (public API only).
// Contract: a typed invforecast::error, or finite forecasts with ordered intervals
// (lower <= mean <= upper) and finite variances.
#include <cmath>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "invforecast/error.hpp"
#include "invforecast/selection/forecaster.hpp"

namespace {

namespace inv = invforecast;

constexpr const char* ets_codes[] = {"ANN", "AAN", "AAdN", "MNN",  "MAN", "MAdN", "ANA",
                                     "AAA", "MNM", "MAM",  "MAdM", "ANM", "XYZ",  ""};

std::optional<double> maybe(FuzzedDataProvider& in) {
  if (in.ConsumeIntegralInRange<int>(0, 3) != 0) return std::nullopt;
  return fuzz::any_double(in);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  inv::forecaster_options<double> options;
  options.kind = static_cast<inv::method>(in.ConsumeIntegralInRange<int>(0, 8));
  if (options.kind == inv::method::ets || in.ConsumeBool()) {
    try {
      options.ets = inv::ets_model::parse(in.PickValueInArray(ets_codes));
    } catch (const inv::error&) {
    }
  }
  options.season_length =
      in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(0, 14) : fuzz::any_int(in);
  options.ma_window = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(1, 30) : fuzz::any_int(in);
  options.alpha = maybe(in);
  options.beta = maybe(in);
  options.gamma = maybe(in);
  options.phi = maybe(in);
  options.seed = in.ConsumeIntegral<std::uint64_t>();
  options.max_lead_time = in.ConsumeIntegralInRange<int>(-1, 30);
  const int horizon = in.ConsumeBool() ? in.ConsumeIntegralInRange<int>(-1, 60) : fuzz::any_int(in);
  std::vector<double> levels;
  const auto nl = in.ConsumeIntegralInRange<int>(0, 3);
  for (int i = 0; i < nl; ++i) levels.push_back(in.ConsumeBool() ? 0.8 : fuzz::any_double(in));
  const auto y = fuzz::series(in, 120, true);
  if (horizon > 1000) return 0;  // the horizon cap is the CLI's (issue 18 row 4)

  try {
    const auto fit = inv::fit_and_forecast(std::span<const double>(y), options, horizon,
                                           std::span<const double>(levels));
    fuzz::require(fit.fc.mean.size() == static_cast<std::size_t>(horizon), "horizon");
    for (const double v : fit.fc.mean) fuzz::require_finite(v, "forecast mean");
    fuzz::require_finite(fit.sigma2, "sigma2");
    for (const double v : fit.forecast_variance) {
      fuzz::require(std::isfinite(v) && v >= 0, "forecast variance", std::to_string(v));
    }
    for (const auto& pi : fit.fc.intervals) {
      for (std::size_t h = 0; h < pi.lower.size(); ++h) {
        fuzz::require(std::isfinite(pi.lower[h]) && std::isfinite(pi.upper[h]), "finite bounds",
                      std::to_string(pi.lower[h]) + " " + std::to_string(pi.upper[h]));
        fuzz::require(pi.lower[h] <= pi.upper[h], "lower <= upper");
      }
    }
    fuzz::require_text(fit.reason, "reason");
  } catch (const inv::error&) {
  }
  return 0;
}

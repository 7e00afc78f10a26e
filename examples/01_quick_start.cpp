// 01 quick start: forecast one demand series with 80 % and 95 % prediction intervals.
//
// One call does it: fit_and_forecast classifies the demand (smooth, intermittent, ...), picks a
// model (exponential smoothing by AICc for smooth demand, Croston/TSB for intermittent demand)
// and forecasts `horizon` days with intervals. See docs/examples.md.

#include <cstdio>
#include <vector>

#include <invforecast/selection/forecaster.hpp>

int main() {
  // 30 days of demand of one material (units per day), oldest first. Days without demand must
  // be present as 0 (invforecast::daily_series builds such a vector from dated records).
  const std::vector<double> demand{38, 54, 36, 48, 44, 50, 40, 39, 45, 27, 43, 32, 42, 45, 38,
                                   40, 57, 38, 35, 50, 48, 47, 36, 36, 34, 40, 34, 49, 36, 49};

  // Automatic model choice, 7 days ahead, default levels 0.80 and 0.95.
  const auto fit = invforecast::fit_and_forecast<double>(demand, {}, /*horizon=*/7);

  std::printf("model: %s\n", fit.model_name.c_str());  // e.g. ETS(A,N,N): simple exp. smoothing
  std::printf("why:   %s\n", fit.reason.c_str());
  std::printf("%4s %9s %10s %10s %10s %10s\n", "day", "forecast", "80% lower", "80% upper",
              "95% lower", "95% upper");
  const auto& i80 = fit.fc.interval(0.80);
  const auto& i95 = fit.fc.interval(0.95);
  for (std::size_t h = 0; h < fit.fc.horizon(); ++h) {
    std::printf("%4zu %9.1f %10.1f %10.1f %10.1f %10.1f\n", h + 1, fit.fc.mean[h], i80.lower[h],
                i80.upper[h], i95.lower[h], i95.upper[h]);
  }
  return 0;
}

// The accuracy evidence of docs/forecasting.md ("Accuracy of ETS, Theta and the combination")
// computed with the library: hold-out sMAPE, MASE and 80 % / 95 % interval coverage of AUTO's
// ETS, THETA, OTM, COMBO (ETS + OTM) and COMBO_THETA (ETS + THETA, the comparison that chose
// COMBO's member; computed from ets_auto and theta_spec) on the series of
// tests/reference/generate_combination_evidence.R, each asserted equal to R's (ets + forecast,
// thetaf, tests/reference/optimised_theta.R, and the means), series by series and on average.
// The table is printed (ctest -V) as docs/forecasting.md shows it.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include "invforecast/selection/forecaster.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/theta.hpp"
#include "support/csv.hpp"

using namespace invforecast;

namespace {

struct scores {
  double smape = 0, mase = 0, cover80 = 0, cover95 = 0;
};

/// The scores of one forecast against the held-out values (the R script's definitions).
scores score(const std::vector<double>& train, const std::vector<double>& test, int m,
             const forecast<double>& fc) {
  double scale = 0;
  const auto mu = static_cast<std::size_t>(m);
  for (std::size_t t = mu; t < train.size(); ++t) scale += std::abs(train[t] - train[t - mu]);
  scale /= static_cast<double>(train.size() - mu);
  scores s;
  const auto h = static_cast<double>(test.size());
  for (std::size_t k = 0; k < test.size(); ++k) {
    const double y = test[k];
    const double f = fc.mean[k];
    s.smape += 200 * std::abs(y - f) / (std::abs(y) + std::abs(f)) / h;
    s.mase += std::abs(y - f) / h / scale;
    const auto& p80 = fc.interval(0.8);
    const auto& p95 = fc.interval(0.95);
    s.cover80 += (y >= p80.lower[k] && y <= p80.upper[k]) ? 1 / h : 0;
    s.cover95 += (y >= p95.lower[k] && y <= p95.upper[k]) ? 1 / h : 0;
  }
  return s;
}

/// COMBO_THETA: the mean of AUTO's ETS model and thetaf, untruncated (as R's script).
forecast<double> combo_theta(const std::vector<double>& train, int m, int h,
                             const std::vector<double>& levels) {
  const auto fe = ets_auto<double>(train, m).best.forecast(h, levels, 42, false);
  const auto ft = theta_spec<double>({.season_length = m}).fit(train).forecast(h, levels, false);
  forecast<double> out;
  const auto hu = static_cast<std::size_t>(h);
  out.mean.resize(hu);
  for (std::size_t k = 0; k < hu; ++k) out.mean[k] = (fe.mean[k] + ft.mean[k]) / 2;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    prediction_interval<double> pi{levels[i], std::vector<double>(hu), std::vector<double>(hu)};
    for (std::size_t k = 0; k < hu; ++k) {
      pi.lower[k] = (fe.intervals[i].lower[k] + ft.intervals[i].lower[k]) / 2;
      pi.upper[k] = (fe.intervals[i].upper[k] + ft.intervals[i].upper[k]) / 2;
    }
    out.intervals.push_back(std::move(pi));
  }
  return out;
}

}  // namespace

TEST_CASE("hold-out accuracy of ETS, THETA, OTM and COMBO equals R's, series by series",
          "[forecaster][combination][evidence]") {
  using invforecast::test::read_fixture;
  std::map<std::string, std::vector<double>> series;
  for (const auto& r : read_fixture("theta/series.csv")) {
    series[r[0]].push_back(std::strtod(r[3].c_str(), nullptr));
  }
  const std::vector<double> levels{0.8, 0.95};
  std::map<std::string, scores> ours_mean, r_mean;
  std::map<std::string, int> count;
  for (const auto& r : read_fixture("combination/evidence.csv")) {
    const std::string& id = r[0];
    const int m = std::atoi(r[1].c_str());
    const auto n_train = static_cast<std::size_t>(std::atoi(r[2].c_str()));
    const int h = std::atoi(r[3].c_str());
    const std::string& name = r[4];
    INFO(id << " " << name);
    const std::vector<double>& y = series.at(id);
    REQUIRE(y.size() == n_train + static_cast<std::size_t>(h));
    const std::vector<double> train(y.begin(), y.begin() + static_cast<std::ptrdiff_t>(n_train));
    const std::vector<double> test(y.begin() + static_cast<std::ptrdiff_t>(n_train), y.end());
    forecast<double> fc;
    if (name == "COMBO_THETA") {
      fc = combo_theta(train, m, h, levels);
    } else {
      forecaster_options<double> o;
      o.season_length = m;
      o.kind = name == "ETS"     ? method::automatic
               : name == "THETA" ? method::theta
               : name == "OTM"   ? method::optimised_theta
                                 : method::combination;
      const auto fit = fit_and_forecast<double>(train, o, h, levels);
      if (name == "ETS") {
        REQUIRE(fit.kind == method::ets);
        CHECK(fit.ets->code() == r[5]);  // the same form as R's ets()
      } else {
        CHECK(fit.kind == o.kind);
      }
      if (name == "COMBO") CHECK(fit.members[1].kind == method::optimised_theta);
      fc = fit.fc;
    }
    const scores s = score(train, test, m, fc);
    const scores rs{std::strtod(r[6].c_str(), nullptr), std::strtod(r[7].c_str(), nullptr),
                    std::strtod(r[8].c_str(), nullptr), std::strtod(r[9].c_str(), nullptr)};
    // Forecasts equal R's to ~1e-9 relative (tests/smoothing): the scores to 1e-6; coverage is
    // a count of held-out values inside the bounds, equal unless a bound sits on a value.
    CHECK(s.smape == Approx(rs.smape).epsilon(1e-6));
    CHECK(s.mase == Approx(rs.mase).epsilon(1e-6));
    CHECK(s.cover80 == Approx(rs.cover80).margin(1e-12));
    CHECK(s.cover95 == Approx(rs.cover95).margin(1e-12));
    auto& a = ours_mean[name];
    auto& b = r_mean[name];
    a.smape += s.smape, a.mase += s.mase, a.cover80 += s.cover80, a.cover95 += s.cover95;
    b.smape += rs.smape, b.mase += rs.mase, b.cover80 += rs.cover80, b.cover95 += rs.cover95;
    ++count[name];
  }
  REQUIRE(count.size() == 5);
  std::printf("hold-out accuracy, mean over %d series (library; R in brackets)\n", count["ETS"]);
  std::printf("| method | sMAPE | MASE | 80 %% coverage | 95 %% coverage |\n");
  for (const std::string name : {"ETS", "THETA", "OTM", "COMBO", "COMBO_THETA"}) {
    const double n = count[name];
    CHECK(count[name] == count["ETS"]);
    const scores& a = ours_mean[name];
    const scores& b = r_mean[name];
    CHECK(a.smape / n == Approx(b.smape / n).epsilon(1e-6));
    CHECK(a.mase / n == Approx(b.mase / n).epsilon(1e-6));
    CHECK(a.cover80 / n == Approx(b.cover80 / n).margin(1e-12));
    CHECK(a.cover95 / n == Approx(b.cover95 / n).margin(1e-12));
    std::printf("| %s | %.2f (%.2f) | %.3f (%.3f) | %.3f (%.3f) | %.3f (%.3f) |\n", name.c_str(),
                a.smape / n, b.smape / n, a.mase / n, b.mase / n, a.cover80 / n, b.cover80 / n,
                a.cover95 / n, b.cover95 / n);
  }
}

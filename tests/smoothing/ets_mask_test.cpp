// The known-day mask of smoothing/ets.hpp and smoothing/ets_auto.hpp: ets_spec::fit(y, known)
// and ets_auto(y, known, m) take the series/ convention (1 = observed, 0 = unknown), so a
// daily_series' observed_known_mask() goes in as it is, and an unknown day is handled as R's
// ets (forecast >= 9) handles NA: the state is carried with the one-step prediction and the
// day leaves the likelihood.
#include <catch2/catch.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/error.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "smoothing/seasonal_series.hpp"

using invforecast::ets_auto;
using invforecast::ets_model;
using invforecast::ets_options;
using invforecast::ets_spec;
using invforecast::fitted_ets;

namespace {

ets_options<double> fixed(const std::string& code, int m, double alpha, std::vector<double> x0) {
  ets_options<double> o;
  o.model = ets_model::parse(code);
  o.season_length = m;
  o.alpha = alpha;
  o.initial_states = std::move(x0);
  return o;
}

ets_options<double> estimated(const std::string& code, int m) {
  ets_options<double> o;
  o.model = ets_model::parse(code);
  o.season_length = m;
  return o;
}

void check_same(const fitted_ets<double>& a, const fitted_ets<double>& b) {
  CHECK(a.model() == b.model());
  CHECK(a.nobs() == b.nobs());
  CHECK(a.evaluations() == b.evaluations());
  CHECK(a.params().alpha == b.params().alpha);
  CHECK(a.params().beta == b.params().beta);
  CHECK(a.params().gamma == b.params().gamma);
  CHECK(a.params().phi == b.params().phi);
  CHECK(a.initial_states() == b.initial_states());
  CHECK(a.final_states() == b.final_states());
  CHECK(a.objective() == b.objective());
  CHECK(a.sigma2() == b.sigma2());
  CHECK(a.fitted() == b.fitted());
  CHECK(a.residuals() == b.residuals());
}

// 140 days of weekly-seasonal demand from 2025-01-01, as ERP records.
std::vector<invforecast::demand_record<double>> weekly_records(const std::vector<double>& y) {
  using namespace std::chrono;
  std::vector<invforecast::demand_record<double>> records;
  for (std::size_t i = 0; i < y.size(); ++i) {
    records.push_back(
        {invforecast::detail::add_days(2025y / January / 1, static_cast<long long>(i)), y[i]});
  }
  return records;
}

}  // namespace

TEST_CASE("ets known mask: an unknown day is R's NA (hand-worked)", "[ets_mask]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // ANN alpha 0.5, l0 10; y = 10, ?, 14. t=1: e 0, l 10; t=2 unknown: yhat 10, l 10;
  // t=3: yhat 10, e 4, l 12. n = 2, SSE = 16.
  const std::vector<std::uint8_t> known{1, 0, 1};
  const ets_spec<double> ann(fixed("ANN", 1, 0.5, {10}));
  const auto fit = ann.fit(std::vector<double>{10, nan, 14}, known);
  CHECK(fit.nobs() == 2);
  CHECK(fit.fitted() == std::vector<double>{10, 10, 10});
  CHECK(fit.residuals() == std::vector<double>{0, 0, 4});
  CHECK(fit.final_states()[0] == Approx(12).epsilon(1e-14));
  CHECK(fit.objective() == Approx(2 * std::log(16.0)).epsilon(1e-14));
  check_same(ann.fit(std::vector<double>{10, 1e9, 14}, known), fit);  // value ignored

  // AAN alpha 0.5, beta 0.1, (l0, b0) = (10, 1); y = 11, ?, 15.
  // t=1: yhat 11, e 0, l 11, b 1. t=2 unknown: yhat 12, l = q = 12, b = phi b = 1.
  // t=3: yhat 13, e 2, l = 13 + 0.5 * 2 = 14, b = 1 + 0.1 * 2 = 1.2.
  auto o = fixed("AAN", 1, 0.5, {10, 1});
  o.beta = 0.1;
  const auto holt = ets_spec<double>(o).fit(std::vector<double>{11, nan, 15}, known);
  CHECK(holt.nobs() == 2);
  CHECK(holt.fitted() == std::vector<double>{11, 12, 13});
  CHECK(holt.residuals() == std::vector<double>{0, 0, 2});
  CHECK(holt.final_states()[0] == Approx(14).epsilon(1e-14));
  CHECK(holt.final_states()[1] == Approx(1.2).epsilon(1e-14));
}

TEST_CASE("ets known mask: a daily_series' observed_known_mask goes in as it is", "[ets_mask]") {
  using namespace std::chrono;
  const auto y = invforecast_test::seasonal_series(140, {60.0, 0.05, 9.0, 5.0, 7, 91u});
  const auto records = weekly_records(y);
  const std::vector<year_month_day> outage{2025y / February / 10, 2025y / February / 11,
                                           2025y / February / 12, 2025y / April / 2};
  const auto s = invforecast::daily_series<double>::from_records(records, {.unknown_days = outage});
  REQUIRE(s.unknown_count() == 4);
  const auto values = s.observed_values();
  const auto known = s.observed_known_mask();

  // The same days as R's NA: NaN at the unknown days, the engine's own mask.
  std::vector<double> with_nan(values.begin(), values.end());
  std::vector<std::uint8_t> unknown(values.size(), 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (known[i] == 0) {
      with_nan[i] = std::numeric_limits<double>::quiet_NaN();
      unknown[i] = 1;
    }
  }
  for (const std::string code : {"ANN", "AAdN", "ANA", "MAM", "MNM"}) {
    INFO(code);
    const ets_spec<double> spec(estimated(code, 7));
    const auto fit = spec.fit(values, known);
    CHECK(fit.nobs() == s.observed_count());
    CHECK(std::isfinite(fit.aicc()));
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (known[i] == 0) CHECK(fit.residuals()[i] == 0);
    }
    check_same(spec.fit(with_nan, known), fit);
    // The engine, given the unknown days directly, fits the same model bit for bit.
    const std::vector<ets_spec<double>> one{spec};
    const auto engine = invforecast::detail::fit_side_by_side<double>(
        one, values, std::span<const std::uint8_t>(unknown));
    REQUIRE(engine.size() == 1);
    REQUIRE(engine[0].fit.has_value());
    check_same(*engine[0].fit, fit);
    // Zero-filling the unknown days is a different fit (multiplicative models reject it).
    if (code[0] == 'A') {
      CHECK(spec.fit(values).nobs() == values.size());
      CHECK(spec.fit(values).objective() != fit.objective());
    } else {
      REQUIRE_THROWS_AS(spec.fit(values), invforecast::invalid_argument);
    }
  }
  const auto sel = ets_auto<double>(values, known, 7);
  CHECK(sel.best.nobs() == s.observed_count());
  check_same(ets_auto<double>(with_nan, known, 7).best, sel.best);
}

TEST_CASE("ets known mask: every day known is the unmasked fit bit for bit", "[ets_mask]") {
  const auto y = invforecast_test::seasonal_series(120, {60.0, 0.1, 9.0, 5.0, 7, 17u});
  const std::vector<std::uint8_t> all(y.size(), 1);
  const std::vector<std::uint8_t> nonzero(y.size(), 255);  // any non-zero counts as observed
  for (const std::string code : {"ANN", "AAdA", "MAM"}) {
    INFO(code);
    const ets_spec<double> spec(estimated(code, 7));
    const auto plain = spec.fit(y);
    check_same(spec.fit(y, all), plain);
    check_same(spec.fit(y, nonzero), plain);
  }
  const auto plain = ets_auto<double>(y, 7);
  const auto masked = ets_auto<double>(y, all, 7);
  check_same(masked.best, plain.best);
  REQUIRE(masked.candidates.size() == plain.candidates.size());
  for (std::size_t i = 0; i < plain.candidates.size(); ++i) {
    CHECK(masked.candidates[i].aicc == plain.candidates[i].aicc);
  }
}

TEST_CASE("ets known mask: size and all-unknown errors", "[ets_mask]") {
  const std::vector<double> y{10, 12, 14};
  const ets_spec<double> spec(fixed("ANN", 1, 0.5, {10}));
  CHECK_THROWS_WITH(spec.fit(y, std::vector<std::uint8_t>{1, 1}),
                    "ets_spec::fit: known.size() = 2, must be equal to y.size() = 3");
  REQUIRE_THROWS_AS(spec.fit(y, std::vector<std::uint8_t>{0, 0, 0}),
                    invforecast::insufficient_data);
  CHECK_THROWS_WITH(ets_auto<double>(y, std::vector<std::uint8_t>{1}, 1),
                    "ets_auto: known.size() = 1, must be equal to y.size() = 3");
  REQUIRE_THROWS_AS(ets_auto<double>(y, std::vector<std::uint8_t>{0, 0, 0}, 1),
                    invforecast::insufficient_data);
  // A non-finite value is an error only where it is known.
  const std::vector<double> bad{10, std::numeric_limits<double>::infinity(), 14};
  CHECK_NOTHROW(spec.fit(bad, std::vector<std::uint8_t>{1, 0, 1}));
  CHECK_THROWS_WITH(spec.fit(bad, std::vector<std::uint8_t>{1, 1, 1}),
                    "ets_spec::fit: y[1] = inf, must be finite");
}

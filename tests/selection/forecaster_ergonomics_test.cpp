// fit_and_forecast's call shape (any contiguous range, no casts), its unknown-day overloads
// (known mask, daily_series), the structured model in model_fit (ets, ma_window) and
// model_fit::refit_options.
#include <algorithm>
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
#include "invforecast/intermittent/classification.hpp"
#include "invforecast/selection/batch.hpp"
#include "invforecast/selection/forecaster.hpp"
#include "invforecast/series/daily_series.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "selection/test_data.hpp"

using namespace invforecast;
using invforecast::detail::seeded_rng;

namespace {

std::vector<double> weekly(std::size_t n, std::uint64_t seed) {
  const double profile[7] = {60, 55, 52, 50, 58, 30, 20};
  seeded_rng g(seed);
  std::vector<double> y(n);
  for (std::size_t t = 0; t < n; ++t) y[t] = profile[t % 7] + 3.0 * g.normal();
  return y;
}

std::vector<double> smooth(std::size_t n, std::uint64_t seed) {
  seeded_rng g(seed);
  std::vector<double> y(n);
  double level = 100.0;
  for (double& v : y) {
    level += 1.5 * g.normal();
    v = std::max(0.0, level + 5.0 * g.normal());
  }
  return y;
}

std::vector<double> intermittent(std::size_t n, std::uint64_t seed) {
  seeded_rng g(seed);
  std::vector<double> y(n);
  for (double& v : y) v = g.uniform() < 0.3 ? 1.0 + std::floor(6.0 * g.uniform()) : 0.0;
  return y;
}

forecaster_options<double> with(method kind) {
  forecaster_options<double> o;
  o.kind = kind;
  o.max_lead_time = 5;
  return o;
}

forecaster_options<double> with_ets(const char* code, int m = 0) {
  forecaster_options<double> o = with(method::ets);
  o.ets = ets_model::parse(code);
  o.season_length = m;
  return o;
}

void check_identical(const model_fit<double>& a, const model_fit<double>& b) {
  CHECK(a.model_name == b.model_name);
  CHECK(a.kind == b.kind);
  CHECK(a.ets == b.ets);
  CHECK(a.ma_window == b.ma_window);
  CHECK(a.reason == b.reason);
  CHECK(a.status == b.status);
  CHECK(a.n == b.n);
  CHECK(a.season_length == b.season_length);
  CHECK(a.pattern.adi == b.pattern.adi);
  CHECK(a.pattern.cv2 == b.pattern.cv2);
  CHECK(a.pattern.pattern == b.pattern.pattern);
  CHECK(a.alpha == b.alpha);
  CHECK(a.beta == b.beta);
  CHECK(a.gamma == b.gamma);
  CHECK(a.phi == b.phi);
  CHECK(a.sigma2 == b.sigma2);
  CHECK(a.loglik == b.loglik);
  CHECK(a.aicc == b.aicc);
  CHECK(a.fitted == b.fitted);
  CHECK(a.fc.mean == b.fc.mean);
  REQUIRE(a.fc.intervals.size() == b.fc.intervals.size());
  for (std::size_t i = 0; i < a.fc.intervals.size(); ++i) {
    CHECK(a.fc.intervals[i].level == b.fc.intervals[i].level);
    CHECK(a.fc.intervals[i].lower == b.fc.intervals[i].lower);
    CHECK(a.fc.intervals[i].upper == b.fc.intervals[i].upper);
  }
  CHECK(a.forecast_variance == b.forecast_variance);
  CHECK(a.lead_time_variances == b.lead_time_variances);
  CHECK(a.lead_time_means == b.lead_time_means);
  CHECK(a.candidates_aicc == b.candidates_aicc);
}

// The values of y at the known days.
std::vector<double> observed(const std::vector<double>& y, const std::vector<std::uint8_t>& k) {
  std::vector<double> out;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (k[i] != 0) out.push_back(y[i]);
  }
  return out;
}

// Marks days `unknown` as unknown and writes `fill` into them.
std::vector<std::uint8_t> mask_days(std::vector<double>& y, const std::vector<std::size_t>& unknown,
                                    double fill) {
  std::vector<std::uint8_t> known(y.size(), 1);
  for (const std::size_t i : unknown) {
    known[i] = 0;
    y[i] = fill;
  }
  return known;
}

}  // namespace

TEST_CASE("fit_and_forecast takes a std::vector without a cast", "[forecaster]") {
  const std::vector<double> history = smooth(120, 3);
  const forecaster_options<double> options;
  const auto from_vector = fit_and_forecast(history, options, 90);
  const auto from_span = fit_and_forecast(std::span<const double>(history), options, 90);
  check_identical(from_vector, from_span);
  CHECK(from_vector.fc.horizon() == 90);
  const std::vector<double> levels{0.5, 0.9};
  const auto with_levels = fit_and_forecast(history, with(method::mean), 7, levels);
  REQUIRE(with_levels.fc.intervals.size() == 2);
  CHECK(with_levels.fc.intervals[1].level == 0.9);
  // Explicit T and braced options keep working.
  check_identical(fit_and_forecast<double>(history, {}, 90), from_vector);
  // float: T from the options.
  const std::vector<float> yf(history.begin(), history.end());
  const auto f = fit_and_forecast(yf, forecaster_options<float>{.kind = method::mean}, 3);
  CHECK(f.fc.mean.size() == 3);
  // ets_auto and the batch take vectors too.
  const auto sel = ets_auto(history, 1);
  CHECK(sel.best.model().r_name() == from_vector.model_name);
  const std::vector<std::vector<double>> many{history, weekly(70, 4)};
  const auto batch = fit_and_forecast_batch(many, options, 14, levels, 2);
  REQUIRE(batch.size() == 2);
  check_identical(batch[0], fit_and_forecast(history, options, 14, levels));
}

TEST_CASE("fit_and_forecast with every day known equals the plain call bit for bit",
          "[forecaster]") {
  const std::vector<double> s = smooth(90, 11);
  const std::vector<double> w = weekly(84, 12);
  const std::vector<double> z = intermittent(100, 13);
  const std::vector<double> zeros(20, 0.0);
  const std::vector<double> constant(15, 4.0);
  const std::vector<double> one{6.0};
  const std::vector<double> short_y{3, 5, 4, 6};
  struct run_case {
    const std::vector<double>* y;
    forecaster_options<double> o;
  };
  const std::vector<run_case> cases{{&s, with(method::automatic)},
                                    {&w, with(method::automatic)},
                                    {&z, with(method::automatic)},
                                    {&w, with_ets("MAdM", 7)},
                                    {&w, with_ets("AAA", 0)},
                                    {&s, with_ets("AAdN")},
                                    {&short_y, with_ets("AAN")},
                                    {&s, with(method::moving_average)},
                                    {&short_y, with(method::moving_average)},
                                    {&z, with(method::croston)},
                                    {&z, with(method::sba)},
                                    {&z, with(method::sbj)},
                                    {&z, with(method::tsb)},
                                    {&s, with(method::mean)},
                                    {&s, with(method::naive)},
                                    {&zeros, with(method::automatic)},
                                    {&constant, with(method::automatic)},
                                    {&constant, with_ets("MNN", 1)},
                                    {&one, with(method::tsb)}};
  for (std::size_t c = 0; c < cases.size(); ++c) {
    INFO("case " << c);
    const auto& y = *cases[c].y;
    const std::vector<std::uint8_t> known(y.size(), 1);
    check_identical(fit_and_forecast(y, known, cases[c].o, 10),
                    fit_and_forecast(y, cases[c].o, 10));
  }
  // Any non-zero value counts as observed.
  const std::vector<std::uint8_t> twos(s.size(), 2);
  check_identical(fit_and_forecast(s, twos, with(method::automatic), 10),
                  fit_and_forecast(s, with(method::automatic), 10));
}

TEST_CASE("unknown days: methods without mask support fit the observed values only",
          "[forecaster]") {
  std::vector<double> z = intermittent(120, 21);
  const auto known = mask_days(z, {5, 6, 40, 41, 42, 119}, 1e6);  // absurd values, ignored
  const std::vector<double> obs = observed(z, known);
  for (const method m : {method::croston, method::sba, method::sbj, method::tsb,
                         method::moving_average, method::mean, method::naive, method::automatic}) {
    INFO(method_name(m));
    const auto masked = fit_and_forecast(z, known, with(m), 8);
    const auto plain = fit_and_forecast(obs, with(m), 8);
    check_identical(masked, plain);
    CHECK(masked.n == obs.size());
  }
  // The classification sees the observed values only.
  const auto fit = fit_and_forecast(z, known, with(method::automatic), 8);
  const auto c = classify_demand(std::span<const double>(obs));
  CHECK(fit.pattern.adi == c.adi);
  CHECK(fit.pattern.cv2 == c.cv2);
  CHECK(fit.pattern.nonzero == c.nonzero);
}

TEST_CASE("unknown days reach the ETS engine (explicit and automatic)", "[forecaster]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> w = weekly(98, 31);
  std::vector<double> w_big = w;
  const std::vector<std::size_t> gaps{10, 11, 12, 50, 97};
  const auto known = mask_days(w, gaps, nan);
  mask_days(w_big, gaps, 1e9);

  // Explicit seasonal ETS: the ETS fit with the mask, forecast as usual.
  const auto o = with_ets("AAA", 7);
  const auto fit = fit_and_forecast(w, known, o, 14);
  ets_options<double> eo;
  eo.model = ets_model::parse("AAA");
  eo.season_length = 7;
  const auto direct = ets_spec<double>(eo).fit(w, known);
  CHECK(fit.model_name == "ETS(A,A,A)");
  CHECK(fit.status == fit_status::fitted);
  CHECK(fit.n == w.size() - gaps.size());
  CHECK(fit.alpha == direct.params().alpha);
  CHECK(fit.gamma == direct.params().gamma);
  CHECK(fit.aicc == direct.aicc());
  CHECK(fit.fitted == direct.fitted());
  CHECK(fit.fitted.size() == w.size());  // one prediction per day
  CHECK(fit.fc.mean == direct.forecast(14, default_levels<double>, o.seed).mean);
  // The value of an unknown day is ignored, whatever it is.
  check_identical(fit_and_forecast(w_big, known, o, 14), fit);
  // Masking differs from zero-filling.
  std::vector<double> zero_filled = w;
  for (const std::size_t i : gaps) zero_filled[i] = 0;
  CHECK(fit_and_forecast(zero_filled, o, 14).aicc != fit.aicc);

  // Automatic (smooth demand): ets_auto with the mask.
  auto automatic = with(method::automatic);
  automatic.season_length = 7;
  const auto a = fit_and_forecast(w, known, automatic, 14);
  const auto sel = ets_auto<double>(w, known, 7);
  CHECK(a.kind == method::ets);
  CHECK(a.model_name == sel.best.model().r_name());
  CHECK(a.aicc == sel.best.aicc());
  CHECK(a.fitted == sel.best.fitted());
  check_identical(fit_and_forecast(w_big, known, automatic, 14), a);
  // Season detection sees the unknown days interpolated: it finds the week.
  const auto detected = fit_and_forecast(w_big, known, with(method::automatic), 14);
  CHECK(detected.season_length == 7);
  CHECK(detected.reason.find("season length 7 detected") != std::string::npos);

  // A constant series with gaps: R's SES with alpha 0.99999, one prediction per day.
  std::vector<double> flat(30, 5.0);
  const auto flat_known = mask_days(flat, {3, 4}, nan);
  const auto d = fit_and_forecast(flat, flat_known, with(method::automatic), 3);
  CHECK(d.status == fit_status::degenerate);
  CHECK(d.model_name == "ETS(A,N,N)");
  CHECK(d.fitted.size() == flat.size());
  CHECK(d.n == 28);
}

TEST_CASE("fit_and_forecast of a daily_series passes its observed days and mask", "[forecaster]") {
  using namespace std::chrono;
  const std::vector<double> w = weekly(91, 41);
  const year_month_day first = 2025y / January / 1;
  std::vector<demand_record<double>> records;
  std::vector<demand_record<double>> zeros;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const year_month_day day = invforecast::detail::add_days(first, static_cast<long long>(i));
    records.push_back({day, i < 7 ? 0.0 : w[i]});  // launch on day 7
    zeros.push_back({day, 0.0});
  }
  const auto s = daily_series<double>::from_records(
      records, {.launch_date = 2025y / January / 8,
                .unknown_days = {2025y / February / 3, 2025y / February / 4, 2025y / March / 1}});
  REQUIRE(s.unknown_count() == 3);
  const forecaster_options<double> options;
  const auto fit = fit_and_forecast(s, options, 28);
  check_identical(fit, fit_and_forecast(s.observed_values(), s.observed_known_mask(), options, 28));
  CHECK(fit.n == s.observed_count());
  // Launch after the last day: nothing to fit.
  const auto late = daily_series<double>::from_records(zeros, {.launch_date = 2026y / May / 1});
  REQUIRE_THROWS_AS(fit_and_forecast(late, options, 28), insufficient_data);
}

TEST_CASE("fit_and_forecast with a mask rejects bad masks and bad known values", "[forecaster]") {
  std::vector<double> y{3, 4, -1, 5, 6, 2, 4, 5};
  std::vector<std::uint8_t> known{1, 1, 0, 1, 1, 1, 1, 1};
  const auto o = with(method::mean);
  CHECK_NOTHROW(fit_and_forecast(y, known, o, 3));  // the negative value is unknown
  CHECK_THROWS_WITH(fit_and_forecast(y, std::vector<std::uint8_t>{1, 1}, o, 3),
                    "fit_and_forecast: known.size() = 2, must be equal to y.size() = 8");
  known[2] = 1;
  CHECK_THROWS_WITH(fit_and_forecast(y, known, o, 3),
                    "fit_and_forecast: y[2] = -1, must be finite and >= 0");
  y[2] = std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(fit_and_forecast(y, known, o, 3),
                    "fit_and_forecast: y[2] = inf, must be finite");
  const std::vector<std::uint8_t> none(y.size(), 0);
  REQUIRE_THROWS_AS(fit_and_forecast(y, none, o, 3), insufficient_data);
  REQUIRE_THROWS_AS(fit_and_forecast(std::vector<double>{}, std::vector<std::uint8_t>{}, o, 3),
                    insufficient_data);
  y[2] = 1;
  REQUIRE_THROWS_AS(fit_and_forecast(y, known, o, 0), invalid_argument);
}

TEST_CASE("model_fit carries the structured model in every path", "[forecaster]") {
  const auto check_shape = [](const model_fit<double>& f) {
    INFO(f.model_name << " (" << f.reason << ")");
    CHECK(f.ets.has_value() == (f.kind == method::ets));
    if (f.ets) CHECK(f.ets->r_name() == f.model_name);
    CHECK(f.ma_window.has_value() == (f.kind == method::moving_average));
    if (f.ma_window) CHECK(f.model_name == "MA(" + std::to_string(*f.ma_window) + ")");
    if (f.kind != method::ets && f.kind != method::moving_average) {
      CHECK(f.model_name == method_name(f.kind));
    }
  };
  const std::vector<double> s = smooth(90, 51);
  const std::vector<double> w = weekly(84, 52);
  const std::vector<double> z = intermittent(100, 53);

  const auto automatic = fit_and_forecast(s, with(method::automatic), 5);
  check_shape(automatic);
  REQUIRE(automatic.ets.has_value());

  // Degenerate constant series: ETS(A,N,N).
  const auto constant = fit_and_forecast(std::vector<double>(12, 3.0), with_ets("MAN"), 5);
  check_shape(constant);
  CHECK(constant.ets == ets_model::parse("ANN"));
  // Fallbacks.
  auto mnm = with_ets("MNM", 7);
  std::vector<double> wz = w;
  wz[3] = 0;
  const auto additive = fit_and_forecast(wz, mnm, 5);
  check_shape(additive);
  CHECK(additive.status == fit_status::fallback);
  CHECK(additive.ets == ets_model::parse("ANA"));
  const auto to_mean = fit_and_forecast(std::vector<double>{3, 5, 4, 6, 5}, with_ets("AAN"), 5);
  check_shape(to_mean);
  CHECK(to_mean.kind == method::mean);
  const auto dropped =
      fit_and_forecast(std::vector<double>(w.begin(), w.begin() + 13), with_ets("AAdA", 7), 5);
  check_shape(dropped);
  // Moving average, shrunk window.
  const auto ma = fit_and_forecast(s, with(method::moving_average), 5);
  check_shape(ma);
  CHECK(ma.ma_window == 7);
  const auto shrunk =
      fit_and_forecast(std::vector<double>{3, 5, 4}, with(method::moving_average), 5);
  check_shape(shrunk);
  CHECK(shrunk.ma_window == 2);
  // Everything else.
  for (const method m : {method::croston, method::sba, method::sbj, method::tsb, method::mean,
                         method::naive, method::automatic}) {
    check_shape(fit_and_forecast(z, with(m), 5));
  }
  check_shape(fit_and_forecast(std::vector<double>(9, 0.0), with_ets("MAM", 7), 5));
  check_shape(fit_and_forecast(std::vector<double>{4}, with_ets("AAN"), 5));
  check_shape(fit_and_forecast(std::vector<double>{4, 5}, with(method::automatic), 5));
}

TEST_CASE("refit_options refits the model used", "[forecaster]") {
  const std::vector<double> w = weekly(98, 61);
  forecaster_options<double> base;
  base.seed = 7;
  base.max_lead_time = 10;
  base.ma_window = 3;
  const auto fit = fit_and_forecast(w, base, 14);
  REQUIRE(fit.kind == method::ets);
  const auto o = fit.refit_options(base);
  CHECK(o.kind == method::ets);
  CHECK(o.ets == fit.ets);
  CHECK(o.season_length == fit.season_length);
  CHECK(o.max_lead_time == 0);
  CHECK(o.seed == 7);
  CHECK(o.ma_window == 3);  // not a moving average: base's value stays
  CHECK_FALSE(o.alpha.has_value());
  // The refit on the same data is the same model, re-estimated to the same numbers.
  const auto again = fit_and_forecast(w, o, 14);
  CHECK(again.model_name == fit.model_name);
  CHECK(again.status == fit_status::fitted);
  CHECK(again.alpha == fit.alpha);
  CHECK(again.fc.mean == fit.fc.mean);
  CHECK(again.lead_time_variances.empty());

  // Fixed parameters of the base are kept as they are; the default base is default options.
  forecaster_options<double> fixed;
  fixed.alpha = 0.2;
  CHECK(*fit.refit_options(fixed).alpha == 0.2);
  CHECK(fit.refit_options().seed == forecaster_options<double>{}.seed);

  // Moving average: the window used.
  const auto shrunk =
      fit_and_forecast(std::vector<double>{3, 5, 4, 6}, with(method::moving_average), 2);
  const auto mo = shrunk.refit_options();
  CHECK(mo.kind == method::moving_average);
  CHECK(mo.ma_window == 3);
  CHECK_FALSE(mo.ets.has_value());
  // Intermittent method chosen automatically: refitted as that method.
  const auto z = fit_and_forecast(intermittent(100, 62), forecaster_options<double>{}, 5);
  const auto zo = z.refit_options();
  CHECK(zo.kind == z.kind);
  CHECK(zo.kind != method::automatic);
  CHECK_FALSE(zo.ets.has_value());
}

#include "invforecast/selection/forecaster.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <span>
#include <string>
#include <vector>

#include "invforecast/error.hpp"
#include "invforecast/intermittent/croston.hpp"
#include "invforecast/intermittent/tsb.hpp"
#include "invforecast/smoothing/ets.hpp"
#include "invforecast/smoothing/ets_auto.hpp"
#include "invforecast/smoothing/moving_average.hpp"
#include "selection/test_data.hpp"

using namespace invforecast;
using invforecast::detail::seeded_rng;

namespace {

model_fit<double> run(const std::vector<double>& y, const forecaster_options<double>& o,
                      int horizon = 6) {
  return fit_and_forecast(std::span<const double>(y), o, horizon);
}

// Lead-time moments are stored only on request (max_lead_time, default 0): the helpers ask
// for L = 1..6, the default horizon of run().
forecaster_options<double> with(method kind) {
  forecaster_options<double> o;
  o.kind = kind;
  o.max_lead_time = 6;
  return o;
}

forecaster_options<double> with_ets(const char* code, int m = 0) {
  forecaster_options<double> o;
  o.max_lead_time = 6;
  o.kind = method::ets;
  o.ets = ets_model::parse(code);
  o.season_length = m;
  return o;
}

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
    level += 2.0 * g.normal();
    v = level + 5.0 * g.normal();
  }
  return y;
}

// Bernoulli(q) occurrence with sizes 1 + floor(u * spread).
std::vector<double> sporadic(std::size_t n, double q, double spread, std::uint64_t seed) {
  seeded_rng g(seed);
  std::vector<double> y(n, 0.0);
  for (double& v : y) {
    if (g.uniform() < q) v = 1.0 + std::floor(spread * g.uniform());
  }
  return y;
}

void check_flat(const model_fit<double>& f, double value, int horizon) {
  REQUIRE(f.fc.mean.size() == static_cast<std::size_t>(horizon));
  for (const double v : f.fc.mean) CHECK(v == value);
  REQUIRE(f.fc.intervals.size() == 2);
  for (const auto& pi : f.fc.intervals) {
    for (const double v : pi.lower) CHECK(v == value);
    for (const double v : pi.upper) CHECK(v == value);
  }
  CHECK(f.sigma2 == 0.0);
  CHECK(f.lead_time_demand_variance(horizon) == 0.0);
}

}  // namespace

TEST_CASE("MEAN and NAIVE match R's meanf and naive", "[forecaster]") {
  // R forecast 8.20: meanf(y, h = 6, level = c(80, 95)), naive(...), from
  // tests/reference/generate_selection_fixtures.R. R's bounds are truncated at 0 here (our
  // documented rule). Tolerance: relative 1e-12, absolute 1e-12.
  const auto series = selection_test::benchmark_series();
  const auto t = selection_test::read_csv(selection_test::fixture_path("benchmark_forecasts.csv"));
  const auto cs = t.column("series");
  const auto cm = t.column("method");
  const auto ch = t.column("h");
  const std::size_t cols[5] = {t.column("mean"), t.column("lower_80"), t.column("upper_80"),
                               t.column("lower_95"), t.column("upper_95")};
  REQUIRE(t.rows.size() == 60);
  for (const auto& r : t.rows) {
    const auto& y = series.at(r[cs]);
    const auto fit = run(y, with(r[cm] == "MEAN" ? method::mean : method::naive), 6);
    CHECK(fit.model_name == r[cm]);
    CHECK(fit.status == fit_status::fitted);
    const auto i = static_cast<std::size_t>(std::stoi(r[ch]) - 1);
    const double got[5] = {fit.fc.mean[i], fit.fc.interval(0.8).lower[i],
                           fit.fc.interval(0.8).upper[i], fit.fc.interval(0.95).lower[i],
                           fit.fc.interval(0.95).upper[i]};
    for (std::size_t k = 0; k < 5; ++k) {
      const double want = std::max(0.0, std::stod(r[cols[k]]));
      INFO(r[cs] << " " << r[cm] << " h=" << r[ch] << " column " << t.header[cols[k]]);
      CHECK(got[k] == Approx(want).epsilon(1e-12).margin(1e-12));
    }
  }
}

TEST_CASE("MEAN and NAIVE variances and lead-time variances", "[forecaster]") {
  // short12 = 23 25 22 28 30 27 26 31 29 33 30 32: mean 28, squared deviations
  // 25 9 36 0 4 1 4 9 1 25 4 16 sum 134, s^2 = 134/11 = 12.181818...
  // MEAN: v_h = s^2 (1 + 1/12); Var(LTD over L) = s^2 (L + L^2/12): L = 3 -> s^2 * 3.75.
  const std::vector<double> y{23, 25, 22, 28, 30, 27, 26, 31, 29, 33, 30, 32};
  const double s2 = 134.0 / 11.0;
  const auto m = run(y, with(method::mean));
  CHECK(m.sigma2 == Approx(s2).epsilon(1e-14));
  CHECK(m.forecast_variance[4] == Approx(s2 * 13.0 / 12.0).epsilon(1e-14));
  CHECK(m.lead_time_demand_variance(1) == Approx(s2 * 13.0 / 12.0).epsilon(1e-14));
  CHECK(m.lead_time_demand_variance(3) == Approx(s2 * 3.75).epsilon(1e-14));
  CHECK(m.lead_time_demand_mean(3) == Approx(84.0).epsilon(1e-14));
  CHECK(m.lead_time_demand_variance(0) == 0.0);
  CHECK(m.fitted.size() == 12);
  // NAIVE: differences 2 -3 6 2 -3 -1 5 -2 4 -3 2, squares sum 4+9+36+4+9+1+25+4+16+9+4 =
  // 121, sigma^2 = 121/11 = 11. v_h = 11 h. LTD: y_n+1..y_n+L share the errors:
  // Var = sigma^2 (1 + 4 + 9) = 154 for L = 3.
  const auto nv = run(y, with(method::naive));
  CHECK(nv.sigma2 == Approx(11.0).epsilon(1e-14));
  CHECK(nv.forecast_variance[2] == Approx(33.0).epsilon(1e-14));
  CHECK(nv.lead_time_demand_variance(1) == Approx(11.0).epsilon(1e-14));
  CHECK(nv.lead_time_demand_variance(3) == Approx(154.0).epsilon(1e-14));
  CHECK(nv.lead_time_demand_mean(2) == Approx(64.0).epsilon(1e-14));
  CHECK(nv.fitted.size() == 11);
  CHECK(nv.fitted.back() == 30.0);
  // Longer lead times than the horizon when asked for.
  auto o = with(method::naive);
  o.max_lead_time = 10;
  const auto longer = run(y, o, 6);
  CHECK(longer.fc.horizon() == 6);
  CHECK(longer.lead_time_demand_variance(10) == Approx(11.0 * 385.0).epsilon(1e-14));  // sum k^2
  REQUIRE_THROWS_AS(nv.lead_time_demand_variance(7), invalid_argument);
  REQUIRE_THROWS_AS(nv.lead_time_demand_variance(-1), invalid_argument);
  REQUIRE_THROWS_AS(nv.lead_time_demand_mean(7), invalid_argument);
}

TEST_CASE("explicit ETS forwards to ets_spec with the fixed parameters", "[forecaster]") {
  // Identity: the same fit as ets_spec itself, bit for bit.
  const auto y = smooth(60, 11);
  auto o = with_ets("AAdN");
  o.alpha = 0.4;
  o.phi = 0.9;
  const auto f = run(y, o, 8);
  ets_options<double> eo;
  eo.model = ets_model::parse("AAdN");
  eo.alpha = 0.4;
  eo.phi = 0.9;
  const auto direct = ets_spec<double>(eo).fit(std::span<const double>(y));
  const auto fc = direct.forecast(8, std::span<const double>(default_levels<double>), 42);
  CHECK(f.model_name == "ETS(A,Ad,N)");
  CHECK(f.kind == method::ets);
  CHECK(f.status == fit_status::fitted);
  CHECK(*f.alpha == 0.4);
  CHECK(*f.phi == 0.9);
  CHECK(f.beta == direct.params().beta);
  CHECK(f.sigma2 == direct.sigma2());
  CHECK(*f.aicc == direct.aicc());
  CHECK(*f.loglik == direct.loglik());
  CHECK(f.fc.mean == fc.mean);
  CHECK(f.fc.intervals[1].upper == fc.intervals[1].upper);
  CHECK(f.lead_time_demand_variance(5) == direct.lead_time_demand_variance(5));
  CHECK(f.forecast_variance == direct.forecast_variance(8));
  CHECK(!f.gamma);
}

TEST_CASE("lead-time variance of a class-2 ETS model agrees with its analytic h-step variance",
          "[forecaster]") {
  // ETS(M,N,N) (class 2) has closed-form lead-time variances; for L = 1 the sum is y_{n+1}
  // alone, whose variance R's class2 gives: (1 + s2) mu_1^2 - mu_1^2 = s2 mu_1^2, the lead-time
  // formula sigma^2 theta_1 C_0^2 = s2 mu_1^2 (relative 1e-12: rounding only). L = 2 exceeds
  // L = 1 (positive covariance).
  const auto y = smooth(60, 21);
  const auto f = run(y, with_ets("MNN"), 5);
  CHECK(f.model_name == "ETS(M,N,N)");
  CHECK(f.lead_time_demand_variance(1) == Approx(f.forecast_variance[0]).epsilon(1e-12));
  CHECK(f.lead_time_demand_variance(2) > f.lead_time_demand_variance(1));
}

TEST_CASE("lead-time moments are stored only up to max_lead_time", "[forecaster]") {
  const auto y = smooth(60, 13);
  // Default options: none stored, for every method and for degenerate fits; L = 0 is 0.
  for (const auto kind : {method::automatic, method::mean, method::naive, method::moving_average,
                          method::croston, method::tsb}) {
    forecaster_options<double> o;
    o.kind = kind;
    const auto f = run(y, o, 8);
    INFO(f.model_name);
    CHECK(f.fc.horizon() == 8);
    CHECK(f.lead_time_variances.empty());
    CHECK(f.lead_time_means.empty());
    CHECK(f.lead_time_demand_variance(0) == 0.0);
    CHECK(f.lead_time_demand_mean(0) == 0.0);
    REQUIRE_THROWS_AS(f.lead_time_demand_variance(1), invalid_argument);
    REQUIRE_THROWS_AS(f.lead_time_demand_mean(1), invalid_argument);
  }
  const auto zeros = run(std::vector<double>(20, 0.0), forecaster_options<double>{});
  CHECK(zeros.lead_time_variances.empty());
  // The message names the option to raise.
  const auto plain = run(y, with_ets("ANN"), 8);  // max_lead_time = 6 < horizon 8
  CHECK(plain.lead_time_variances.size() == 6);
  try {
    (void)plain.lead_time_demand_variance(7);
    FAIL("no exception");
  } catch (const invalid_argument& e) {
    CHECK(std::string(e.what()).find("max_lead_time") != std::string::npos);
  }
  // Longer than the horizon: identities with the direct fit (bitwise for the closed form; the
  // means are the sums of the model's own 12-step forecasts).
  auto o = with_ets("AAdN");
  o.max_lead_time = 12;
  const auto f = run(y, o, 4);
  ets_options<double> eo;
  eo.model = ets_model::parse("AAdN");
  const auto direct = ets_spec<double>(eo).fit(std::span<const double>(y));
  REQUIRE(f.lead_time_variances.size() == 12);
  CHECK(f.lead_time_variances == direct.lead_time_demand_variances(12));
  const auto longer = direct.forecast(12);
  double sum = 0;
  for (std::size_t i = 0; i < 12; ++i) {
    sum += longer.mean[i];
    CHECK(f.lead_time_means[i] == Approx(sum).epsilon(1e-14));
  }
  CHECK(f.lead_time_demand_variance(12) == direct.lead_time_demand_variance(12));
}

TEST_CASE("lead-time moments do not change forecasts, and match the direct ETS fit",
          "[forecaster]") {
  // Identity: for each ETS class (1 ANN, 2 MAdN, 3 MNM simulated lead times, 0 ANM simulated
  // intervals) the forecast, intervals and variances are bitwise those of fitted_ets, with or
  // without lead-time moments, and the stored lead-time variances are the fit's own
  // lead_time_demand_variances(L, seed) (same seed, same paths for the simulated classes).
  const auto y = weekly(140, 3);
  for (const char* code : {"ANN", "MAdN", "MNM", "ANM"}) {
    INFO(code);
    auto o = with_ets(code, 7);
    o.max_lead_time = 0;
    o.seed = 9;
    const auto without = run(y, o, 10);
    o.max_lead_time = 15;
    const auto with_lt = run(y, o, 10);
    ets_options<double> eo;
    eo.model = ets_model::parse(code);
    eo.season_length = eo.model.season == ets_season::none ? 1 : 7;
    const auto direct = ets_spec<double>(eo).fit(std::span<const double>(y));
    const auto fc = direct.forecast(10, std::span<const double>(default_levels<double>), 9);
    for (const auto* f : {&without, &with_lt}) {
      CHECK(f->fc.mean == fc.mean);
      REQUIRE(f->fc.intervals.size() == 2);
      for (std::size_t k = 0; k < 2; ++k) {
        CHECK(f->fc.intervals[k].lower == fc.intervals[k].lower);
        CHECK(f->fc.intervals[k].upper == fc.intervals[k].upper);
      }
      CHECK(f->forecast_variance == direct.forecast_variance(10, 9));
      CHECK(f->sigma2 == direct.sigma2());
      CHECK(f->alpha == direct.params().alpha);
    }
    CHECK(with_lt.lead_time_variances == direct.lead_time_demand_variances(15, 9));
    CHECK(without.lead_time_variances.empty());
  }
}

TEST_CASE("automatic: smooth demand goes to ets_auto by AICc", "[forecaster]") {
  const auto y = smooth(80, 5);
  auto o = with(method::automatic);
  o.season_length = 1;
  const auto f = run(y, o, 10);
  const auto sel = ets_auto(std::span<const double>(y), 1);
  CHECK(f.kind == method::ets);
  CHECK(f.model_name == sel.best.model().r_name());
  CHECK(f.pattern.pattern == demand_pattern::smooth);
  CHECK(f.reason.find("STABLE demand") == 0);
  // candidates_aicc: every fitted candidate; the chosen model has the smallest AICc.
  REQUIRE(!f.candidates_aicc.empty());
  double best = std::numeric_limits<double>::infinity();
  for (const auto& [name, aicc] : f.candidates_aicc) best = std::min(best, aicc);
  CHECK(*f.aicc == best);
  CHECK(f.season_length == 1);
}

TEST_CASE("automatic: weekly seasonality is detected and a seasonal model wins", "[forecaster]") {
  const auto y = weekly(84, 2);
  const auto f = run(y, with(method::automatic), 14);
  CHECK(f.season_length == 7);
  CHECK(f.pattern.pattern == demand_pattern::seasonal);
  CHECK((f.model_name.ends_with(",A)") || f.model_name.ends_with(",M)")));
  CHECK(f.reason.find("season length 7 detected") != std::string::npos);
  // Seasonal candidates are in the list.
  bool seasonal_candidate = false;
  for (const auto& c : f.candidates_aicc) seasonal_candidate |= c.first.ends_with(",A)");
  CHECK(seasonal_candidate);
}

TEST_CASE("automatic: intermittent demand gets SBA, lumpy or ending demand TSB", "[forecaster]") {
  // Sizes 1..3 (low CV^2), demand in ~30 % of periods: intermittent.
  auto inter = sporadic(120, 0.3, 3.0, 7);
  inter.back() = 2.0;  // demand in the last period: not "ending"
  const auto fi = run(inter, with(method::automatic));
  REQUIRE(fi.pattern.pattern == demand_pattern::intermittent);
  CHECK(fi.model_name == "SBA");
  croston_options<double> co;  // automatic choice: alpha searched on [0.05, 0.3]
  co.variant = croston_variant::sba;
  co.alpha_lower = 0.05;
  co.alpha_upper = 0.3;
  const auto sba = croston(std::span<const double>(inter), co);
  CHECK(fi.fc.mean == sba.forecast(6).mean);  // identity with the direct call
  CHECK(*fi.alpha == sba.alpha());
  CHECK(fi.lead_time_demand_variance(4) == sba.lead_time_demand_variance(4));

  // Sizes 1 + floor(100 u^3) (CV^2 about 1.3, high), demand in ~20 % of periods: lumpy -> TSB.
  std::vector<double> lumpy(150, 0.0);
  seeded_rng g(8);
  for (double& v : lumpy) {
    if (g.uniform() < 0.2) {
      const double u = g.uniform();
      v = 1.0 + std::floor(100.0 * u * u * u);
    }
  }
  const auto fl = run(lumpy, with(method::automatic));
  REQUIRE(fl.pattern.pattern == demand_pattern::lumpy);
  CHECK(fl.model_name == "TSB");
  tsb_options<double> to;  // automatic choice: parameters searched on [0.05, 0.3]
  to.lower = 0.05;
  to.upper = 0.3;
  const auto direct = tsb(std::span<const double>(lumpy), to);
  CHECK(fl.fc.mean == direct.forecast(6).mean);
  CHECK(*fl.alpha == direct.alpha());
  CHECK(*fl.beta == direct.beta());

  // Intermittent, then 30 periods without demand (> 2 ADI): demand may be ending -> TSB.
  auto ending = inter;
  ending.resize(inter.size() + 30, 0.0);
  const auto fe = run(ending, with(method::automatic));
  REQUIRE(fe.pattern.pattern == demand_pattern::intermittent);
  CHECK(fe.model_name == "TSB");
  CHECK(fe.reason.find("demand may be ending") != std::string::npos);
}

TEST_CASE("explicit methods: moving average, Croston family, TSB", "[forecaster]") {
  const auto y = smooth(30, 9);
  auto o = with(method::moving_average);
  o.ma_window = 5;
  const auto ma = run(y, o);
  moving_average_options<double> mo;
  mo.window = 5;
  const auto direct = moving_average(std::span<const double>(y), mo);
  CHECK(ma.model_name == "MA(5)");
  CHECK(ma.fc.mean == direct.forecast(6).mean);
  CHECK(ma.fc.intervals[0].lower == direct.forecast(6).intervals[0].lower);
  CHECK(ma.lead_time_demand_variance(3) ==
        Approx(direct.lead_time_demand_variance(3)).epsilon(1e-14));
  CHECK(ma.sigma2 == direct.sigma2());

  const auto inter = sporadic(60, 0.3, 5.0, 3);
  for (const auto kind : {method::croston, method::sba, method::sbj}) {
    auto oc = with(kind);
    oc.alpha = 0.1;
    const auto f = run(inter, oc);
    croston_options<double> co;
    co.alpha = 0.1;
    co.variant = kind == method::croston ? croston_variant::classic
                 : kind == method::sba   ? croston_variant::sba
                                         : croston_variant::sbj;
    CHECK(f.model_name == std::string(method_name(kind)));
    CHECK(f.fc.mean == croston(std::span<const double>(inter), co).forecast(6).mean);
    CHECK(*f.alpha == 0.1);
  }
  auto ot = with(method::tsb);
  ot.alpha = 0.2;
  ot.beta = 0.3;
  const auto ft = run(inter, ot);
  CHECK(ft.model_name == "TSB");
  CHECK(*ft.alpha == 0.2);
  CHECK(*ft.beta == 0.3);
}

TEST_CASE("hard case: fallback chain for short series", "[forecaster]") {
  // AAdA with m = 7 and n = 13 < 2m: season dropped -> AAdN (5 parameters + 4 = 9 < 13).
  const auto y20 = smooth(20, 4);
  const std::vector<double> y13(y20.begin(), y20.begin() + 13);
  const auto a = run(y13, with_ets("AAdA", 7));
  CHECK(a.model_name == "ETS(A,Ad,N)");
  CHECK(a.status == fit_status::fallback);
  CHECK(a.reason.find("two full seasons") != std::string::npos);
  CHECK(a.season_length == 1);
  // AAdN with n = 9: 5 + 4 = 9 >= 9 -> damping dropped; AAN: 4 + 4 = 8 < 9 -> fitted.
  const std::vector<double> y9(y20.begin(), y20.begin() + 9);
  const auto b = run(y9, with_ets("AAdN"));
  CHECK(b.model_name == "ETS(A,A,N)");
  CHECK(b.status == fit_status::fallback);
  // AAN with n = 7: 8 >= 7 -> trend dropped; ANN: 2 + 4 = 6 < 7 -> ETS(A,N,N).
  const std::vector<double> y7(y20.begin(), y20.begin() + 7);
  CHECK(run(y7, with_ets("AAN")).model_name == "ETS(A,N,N)");
  // ANN with n = 6: 6 >= 6 -> MEAN.
  const std::vector<double> y6(y20.begin(), y20.begin() + 6);
  const auto c = run(y6, with_ets("ANN"));
  CHECK(c.model_name == "MEAN");
  CHECK(c.kind == method::mean);
  CHECK(c.status == fit_status::fallback);
  CHECK(c.reason.find("requested ETS(A,N,N)") == 0);
  // Automatic with n = 5: MEAN.
  const std::vector<double> y5(y20.begin(), y20.begin() + 5);
  const auto d = run(y5, with(method::automatic));
  CHECK(d.model_name == "MEAN");
  CHECK(d.status == fit_status::fallback);
  // Moving average longer than the data: window shrinks to n - 1.
  auto o = with(method::moving_average);
  o.ma_window = 7;
  const auto e = run(y5, o);
  CHECK(e.model_name == "MA(4)");
  CHECK(e.status == fit_status::fallback);
  // Seasonal model asked for with season_length 1: season dropped.
  const auto f = run(smooth(60, 6), with_ets("AAA", 1));
  CHECK(f.model_name == "ETS(A,A,N)");
  CHECK(f.reason.find("no season length") != std::string::npos);
  // ... and with m = 30 > 24 (R's ets limit).
  const auto g = run(smooth(90, 6), with_ets("ANA", 30));
  CHECK(g.model_name == "ETS(A,N,N)");
  CHECK(g.reason.find("> 24") != std::string::npos);
}

TEST_CASE("hard case: multiplicative model with zeros falls back to additive", "[forecaster]") {
  auto y = weekly(84, 5);
  y[10] = 0.0;
  const auto f = run(y, with_ets("MAM", 7));
  CHECK(f.model_name == "ETS(A,A,A)");
  CHECK(f.status == fit_status::fallback);
  CHECK(f.reason.find("y has zeros") != std::string::npos);
}

TEST_CASE("hard case: all zeros", "[forecaster]") {
  const std::vector<double> y(40, 0.0);
  for (const auto kind : {method::automatic, method::croston, method::tsb, method::naive}) {
    const auto f = run(y, with(kind));
    CHECK(f.model_name == "MEAN");
    CHECK(f.status == fit_status::degenerate);
    check_flat(f, 0.0, 6);
  }
  const auto m = run(y, with_ets("MAM", 7));  // no multiplicative model is tried
  CHECK(m.model_name == "MEAN");
  check_flat(m, 0.0, 6);
  CHECK(!m.aicc);
}

TEST_CASE("hard case: constant series, single value, single non-zero value", "[forecaster]") {
  const std::vector<double> c(30, 12.5);
  const auto f = run(c, with(method::automatic));
  CHECK(f.model_name == "ETS(A,N,N)");
  CHECK(*f.alpha == 0.99999);
  CHECK(f.status == fit_status::degenerate);
  check_flat(f, 12.5, 6);
  const auto g = run(c, with(method::mean));  // meanf: s = 0, bounds = mean
  check_flat(g, 12.5, 6);

  const auto one = run(std::vector<double>{5.0}, with(method::automatic));
  CHECK(one.model_name == "NAIVE");
  CHECK(one.status == fit_status::degenerate);
  check_flat(one, 5.0, 6);

  // One demand of 7 at period 4 of 8: ADI = 4/1 (intermittent, CV^2 undefined), 4 trailing
  // zeros = 1 ADI (not ending) -> SBA. With alpha fixed at 0.1: z = 7, p = 4 ->
  // (1 - 0.1/2) * 7/4 = 1.6625.
  const std::vector<double> single{0, 0, 0, 7, 0, 0, 0, 0};
  auto o = with(method::automatic);
  o.alpha = 0.1;
  const auto s = run(single, o);
  CHECK(s.model_name == "SBA");
  CHECK(s.pattern.pattern == demand_pattern::intermittent);
  CHECK(!s.pattern.cv2_defined);
  CHECK(s.fc.mean[0] == Approx(1.6625).epsilon(1e-14));
  // Alpha optimised (unset) on [0.05, 0.3]: the same as croston() itself.
  croston_options<double> co;
  co.variant = croston_variant::sba;
  co.alpha_lower = 0.05;
  co.alpha_upper = 0.3;
  const auto direct = croston(std::span<const double>(single), co);
  CHECK(run(single, with(method::automatic)).fc.mean == direct.forecast(6).mean);
}

TEST_CASE("hard case: huge values scale", "[forecaster]") {
  // MEAN and NAIVE are scale-equivariant (exact up to rounding: relative 1e-14). ETS is in
  // theory (the AICc of every model shifts by n log(1e24)), but the optimiser's path is not
  // exactly scale-free, so the automatic choice is only required to stay finite and within
  // 2 % of the scaled forecast of the unscaled series.
  const auto y = smooth(50, 12);
  std::vector<double> big(y);
  for (double& v : big) v *= 1e12;
  for (const auto kind : {method::mean, method::naive}) {
    const auto a = run(y, with(kind));
    const auto b = run(big, with(kind));
    for (std::size_t i = 0; i < 6; ++i) {
      CHECK(b.fc.mean[i] == Approx(a.fc.mean[i] * 1e12).epsilon(1e-14));
      CHECK(b.fc.intervals[1].upper[i] == Approx(a.fc.intervals[1].upper[i] * 1e12).epsilon(1e-14));
    }
  }
  auto o = with(method::automatic);
  o.season_length = 1;
  const auto a = run(y, o);
  const auto b = run(big, o);
  for (std::size_t i = 0; i < 6; ++i) {
    CHECK(std::isfinite(b.fc.mean[i]));
    CHECK(b.fc.mean[i] == Approx(a.fc.mean[i] * 1e12).epsilon(0.02));
    CHECK(std::isfinite(b.fc.intervals[1].upper[i]));
  }
}

TEST_CASE("fit_and_forecast rejects bad arguments", "[forecaster]") {
  const std::vector<double> ok{1, 2, 3, 4, 5, 6, 7, 8};
  REQUIRE_THROWS_AS(run(std::vector<double>{}, with(method::mean)), insufficient_data);
  CHECK_THROWS_WITH(run(std::vector<double>{}, with(method::mean)), "fit_and_forecast: y is empty");
  std::vector<double> bad(ok);
  bad[2] = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_AS(run(bad, with(method::automatic)), invalid_argument);
  CHECK_THROWS_WITH(run(bad, with(method::automatic)),
                    "fit_and_forecast: y[2] = nan, must be finite");
  bad[2] = -std::numeric_limits<double>::infinity();
  CHECK_THROWS_WITH(run(bad, with(method::automatic)),
                    "fit_and_forecast: y[2] = -inf, must be finite");
  bad[2] = 3;
  bad[5] = -3;
  REQUIRE_THROWS_AS(run(bad, with(method::automatic)), invalid_argument);
  CHECK_THROWS_WITH(run(bad, with(method::automatic)),
                    "fit_and_forecast: y[5] = -3, must be finite and >= 0");
  REQUIRE_THROWS_AS(run(ok, with(method::mean), 0), invalid_argument);
  const std::vector<double> bad_levels{0.8, 1.0};
  REQUIRE_THROWS_AS(fit_and_forecast(std::span<const double>(ok), with(method::mean), 3,
                                     std::span<const double>(bad_levels)),
                    invalid_argument);
  auto o = with(method::ets);
  REQUIRE_THROWS_AS(run(ok, o), invalid_argument);  // no ets model given
  o = with(method::automatic);
  o.season_length = -1;
  REQUIRE_THROWS_AS(run(ok, o), invalid_argument);
  o = with(method::moving_average);
  o.ma_window = 0;
  REQUIRE_THROWS_AS(run(ok, o), invalid_argument);
  o = with(method::mean);
  o.max_lead_time = -1;
  REQUIRE_THROWS_AS(run(ok, o), invalid_argument);
  o = with(method::croston);
  o.alpha = 1.5;  // croston's own check
  REQUIRE_THROWS_AS(run(ok, o), invalid_argument);
}

TEST_CASE("model_fit is a self-contained value", "[forecaster]") {
  model_fit<double> copy;
  {
    const auto y = smooth(40, 1);
    const auto f = run(y, with(method::automatic));
    copy = f;
    CHECK(copy.fc.mean == f.fc.mean);
  }
  CHECK(copy.lead_time_demand_variance(6) > 0.0);
  CHECK(copy.fc.horizon() == 6);
}

TEST_CASE("fit_and_forecast compiles and runs with float", "[forecaster]") {
  std::vector<float> y(40);
  for (std::size_t t = 0; t < y.size(); ++t) y[t] = 10.0f + static_cast<float>(t % 5);
  forecaster_options<float> o;
  o.kind = method::mean;
  const auto f = fit_and_forecast(std::span<const float>(y), o, 4);
  CHECK(f.fc.mean[0] == Approx(12.0f).epsilon(1e-6));
  o.kind = method::automatic;
  const auto g = fit_and_forecast(std::span<const float>(y), o, 4);
  CHECK(g.fc.horizon() == 4);
}

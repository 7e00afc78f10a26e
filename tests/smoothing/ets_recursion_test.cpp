// Tests of the rewritten ETS state recursion in detail/ets_core.hpp (ets_run): for every model
// form it must equal R's step-by-step form (forecast's etscalc: one-step prediction, then
// update() with q, p, r and the seasonal of m steps before) up to rounding. The reference below
// is the former implementation of the pass, kept here verbatim in structure: it drives the
// unchanged ets_one_step / ets_update on the seasonal ring buffer (ets_state).

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <invforecast/detail/ets_core.hpp>
#include <invforecast/smoothing/ets_model.hpp>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "smoothing/seasonal_series.hpp"

namespace {

namespace d = invforecast::detail;
using invforecast::ets_error;
using invforecast::ets_model;
using invforecast::ets_season;
using invforecast::ets_trend;

struct reference_pass {
  double sse = 0;
  double sum_log_abs_f = 0;
  std::size_t nobs = 0;
  bool ok = true;
  std::vector<double> fitted;
  std::vector<double> residuals;
  std::vector<double> final_state;
};

// R's etscalc, one step at a time (the pre-rewrite ets_run_static).
template <typename Model>
reference_pass reference_run(const ets_model& model, int m, const std::vector<double>& y,
                             const std::vector<std::uint8_t>& unknown,
                             const std::vector<double>& x0, const d::ets_coefficients<double>& c) {
  constexpr Model form{};
  reference_pass out;
  d::ets_state<double> st;
  st.load(model, model.season != ets_season::none ? m : 1, std::span<const double>(x0));
  out.fitted.assign(y.size(), 0.0);
  out.residuals.assign(y.size(), 0.0);
  for (std::size_t i = 0; i < y.size(); ++i) {
    double f = 0;
    if (!d::ets_one_step(form, st, c.phi, f)) {
      out.ok = false;
      return out;
    }
    const bool known = unknown.empty() || unknown[i] == 0;
    double e = 0;
    if (known) {
      if (model.error == ets_error::multiplicative) {
        e = (y[i] - f) / f;
        out.sum_log_abs_f += std::log(std::abs(f));
      } else {
        e = y[i] - f;
      }
      out.sse += e * e;
      ++out.nobs;
    }
    out.fitted[i] = f;
    out.residuals[i] = e;
    d::ets_update(form, st, c, y[i], known);
  }
  out.final_state.assign(static_cast<std::size_t>(model.state_count(m)), 0.0);
  st.store(model, std::span<double>(out.final_state));
  return out;
}

// |a - b| <= tol * max(|b|, scale).
bool close(double a, double b, double tol, double scale) {
  return std::abs(a - b) <= tol * std::max(std::abs(b), scale);
}

// Level 100 + 0.4 t, a seasonal wave of amplitude 15, noise in [-5, 5).
std::vector<double> series(std::size_t n, int m) {
  return invforecast_test::seasonal_series(n, {100.0, 0.4, 15.0, 5.0, m, 12345u});
}

// Initial state (l, [b], s_1..s_m) consistent with the series above.
std::vector<double> initial_state(const ets_model& model, int m) {
  std::vector<double> x0{98.0};
  if (model.trend == ets_trend::additive) x0.push_back(0.35);
  if (model.trend == ets_trend::multiplicative) x0.push_back(1.004);
  if (model.season != ets_season::none) {
    for (int k = 1; k <= m; ++k) {
      // s_k is the seasonal of time -k (k = 1 most recent).
      const double wave =
          std::sin(2.0 * 3.141592653589793 * static_cast<double>(-k) / static_cast<double>(m));
      x0.push_back(model.season == ets_season::additive ? 15.0 * wave : 1.0 + 0.15 * wave);
    }
  }
  return x0;
}

// ets_run against reference_run on the given inputs (ms: the model's season length, 1 without
// season).
void compare_inputs(const std::string& code, int ms, const std::vector<double>& y,
                    const std::vector<std::uint8_t>& unknown, const std::vector<double>& x0,
                    const d::ets_coefficients<double>& c) {
  const ets_model model = ets_model::parse(code);
  const std::size_t n = y.size();
  const bool masked = !unknown.empty();
  const auto ref = d::ets_dispatch(model, [&](auto form) {
    return reference_run<decltype(form)>(model, ms, y, unknown, x0, c);
  });
  std::vector<double> fitted(n);
  std::vector<double> residuals(n);
  std::vector<double> final_state(x0.size());
  const auto got =
      d::ets_run(model, ms, std::span<const double>(y), std::span<const std::uint8_t>(unknown),
                 std::span<const double>(x0), c, std::span<double>(fitted),
                 std::span<double>(residuals), std::span<double>(final_state));
  // Objective-only call (no outputs), as the optimiser makes it.
  const auto lean =
      d::ets_run(model, ms, std::span<const double>(y), std::span<const std::uint8_t>(unknown),
                 std::span<const double>(x0), c);

  INFO(code << " m = " << ms << " n = " << n << (masked ? " masked" : "") << " phi = " << c.phi);
  REQUIRE(ref.ok);
  REQUIRE(got.ok);
  CHECK(got.nobs == ref.nobs);
  // Rounding of the rewritten (algebraically equal) update: 1e-12 relative on the SSE and on
  // sum log|yhat|, bitwise equality between the calls with and without outputs.
  CHECK(close(got.sse, ref.sse, 1e-12, 0.0));
  CHECK(close(got.sum_log_abs_f, ref.sum_log_abs_f, 1e-12, 1.0));
  CHECK(lean.sse == got.sse);
  CHECK(lean.sum_log_abs_f == got.sum_log_abs_f);
  // Fitted values 1e-12 relative; residuals 1e-9 of the residual scale (additive error: units
  // of y, 1e-12 * 1000; multiplicative: relative errors, 1e-12 * 1).
  const double e_scale = model.error == ets_error::multiplicative ? 1.0 : 1000.0;
  for (std::size_t t = 0; t < n; ++t) {
    INFO("t = " << t);
    CHECK(close(fitted[t], ref.fitted[t], 1e-12, 0.0));
    CHECK(close(residuals[t], ref.residuals[t], 1e-12, e_scale));
  }
  // Final states 1e-12 relative to max(|x|, scale): additive trends and seasonals can be near 0
  // and carry the rounding of the level (units of y, scale 1000); multiplicative ones scale 1.
  const std::size_t first_season = model.trend != ets_trend::none ? 2 : 1;
  for (std::size_t k = 0; k < x0.size(); ++k) {
    INFO("state " << k);
    const bool additive = k == 0             ? false
                          : k < first_season ? model.trend == ets_trend::additive
                                             : model.season == ets_season::additive;
    CHECK(close(final_state[k], ref.final_state[k], 1e-12, additive ? 1000.0 : 1.0));
  }
}

void compare(const std::string& code, int m, std::size_t n, bool masked, double phi) {
  const ets_model model = ets_model::parse(code);
  const int ms = model.season == ets_season::none ? 1 : m;
  std::vector<std::uint8_t> unknown;
  if (masked) {
    unknown.assign(n, 0);
    // Isolated unknown days and a run of m + 3 unknown days.
    for (std::size_t t = 5; t < n; t += 11) unknown[t] = 1;
    for (std::size_t t = n / 2; t < n / 2 + static_cast<std::size_t>(m) + 3 && t < n; ++t)
      unknown[t] = 1;
  }
  d::ets_coefficients<double> c;
  c.alpha = 0.35;
  c.beta = model.trend != ets_trend::none ? 0.04 : 0.0;
  c.gamma = model.season != ets_season::none ? 0.12 : 0.0;
  c.phi = model.damped ? phi : 1.0;
  compare_inputs(code, ms, series(n, m), unknown, initial_state(model, ms), c);
}

const std::vector<std::string> all_forms{
    "ANN", "AAN", "AAdN", "AMN", "AMdN", "ANA", "AAA", "AAdA", "AMA", "AMdA",
    "ANM", "AAM", "AAdM", "AMM", "AMdM", "MNN", "MAN", "MAdN", "MMN", "MMdN",
    "MNA", "MAA", "MAdA", "MMA", "MMdA", "MNM", "MAM", "MAdM", "MMM", "MMdM"};

}  // namespace

TEST_CASE("ets recursion equals R's step-by-step form for all 30 forms", "[ets][recursion]") {
  for (const auto& code : all_forms) {
    for (const int m : {2, 7, 12, 24}) {
      compare(code, m, 180, false, 0.9);
      compare(code, m, 180, true, 0.9);
    }
  }
}

TEST_CASE("ets recursion across the seasonal buffer's chunk boundary", "[ets][recursion]") {
  // ets_run_linear moves its seasonal buffer every 512 - m steps: 2000 steps cross it several
  // times (m = 24: every 488 steps; m = 7: every 505).
  for (const auto& code : {std::string("AAA"), std::string("MAM"), std::string("AAdM"),
                           std::string("ANA"), std::string("MNN")}) {
    for (const int m : {7, 24}) {
      compare(code, m, 2000, false, 0.95);
      compare(code, m, 2000, true, 0.95);
    }
  }
}

TEST_CASE("ets recursion: short series, m = 1 seasonal, empty series", "[ets][recursion]") {
  for (const auto& code : {std::string("AAA"), std::string("MAM"), std::string("ANN")}) {
    compare(code, 12, 1, false, 0.9);
    compare(code, 12, 3, true, 0.9);
    compare(code, 1, 40, false, 0.9);  // seasonal with m = 1 (not allowed by R's ets, still run)
  }
  // No observation: SSE 0, no known point, the final state is the initial one.
  const ets_model model = ets_model::parse("AAA");
  const auto x0 = initial_state(model, 4);
  d::ets_coefficients<double> c{0.3, 0.1, 0.1, 1.0};
  std::vector<double> final_state(x0.size());
  const auto got = d::ets_run(model, 4, std::span<const double>(), {}, std::span<const double>(x0),
                              c, {}, {}, std::span<double>(final_state));
  CHECK(got.nobs == 0);
  CHECK(got.sse == 0.0);
  CHECK(final_state == x0);
}

TEST_CASE("ets recursion hand-worked steps of ETS(A,A,A) with m = 2", "[ets][recursion]") {
  // alpha = 0.5, beta = 0.25, gamma = 0.5, phi = 1; l0 = 10, b0 = 1, s_1 = 1 (time 0),
  // s_2 = -1 (time -1). y = (10, 14).
  // t = 1: yhat = l + b + s_2 = 10 + 1 - 1 = 10, e = 0; q = 11, p = y - s_2 = 11,
  //        l = 11 + 0.5 (11 - 11) = 11, b = 1 + (0.25/0.5)(11 - 10 - 1) = 1,
  //        s_new = -1 + 0.5 ((10 - 11) - (-1)) = -1.
  // t = 2: yhat = 11 + 1 + s(time 0) = 12 + 1 = 13, e = 1; q = 12, p = 14 - 1 = 13,
  //        l = 12 + 0.5 (13 - 12) = 12.5, b = 1 + 0.5 (12.5 - 11 - 1) = 1.25,
  //        s_new = 1 + 0.5 ((14 - 12) - 1) = 1.5.
  // SSE = 0^2 + 1^2 = 1; final state (12.5, 1.25, s_1 = 1.5, s_2 = -1).
  const ets_model model = ets_model::parse("AAA");
  const std::vector<double> y{10, 14};
  const std::vector<double> x0{10, 1, 1, -1};
  d::ets_coefficients<double> c{0.5, 0.25, 0.5, 1.0};
  std::vector<double> fitted(2);
  std::vector<double> final_state(4);
  const auto got = d::ets_run(model, 2, std::span<const double>(y), {}, std::span<const double>(x0),
                              c, std::span<double>(fitted), {}, std::span<double>(final_state));
  // All quantities are exact binary fractions: 1e-14 absolute.
  CHECK(got.sse == Approx(1.0).margin(1e-14));
  CHECK(fitted[0] == Approx(10.0).margin(1e-14));
  CHECK(fitted[1] == Approx(13.0).margin(1e-14));
  CHECK(final_state[0] == Approx(12.5).margin(1e-14));
  CHECK(final_state[1] == Approx(1.25).margin(1e-14));
  CHECK(final_state[2] == Approx(1.5).margin(1e-14));
  CHECK(final_state[3] == Approx(-1.0).margin(1e-14));
}

TEST_CASE("ets recursion and its packed pair in float", "[ets][recursion][pair]") {
  const ets_model model = ets_model::parse("MAM");
  std::vector<float> y;
  for (double v : series(60, 4)) y.push_back(static_cast<float>(v));
  std::vector<float> x0;
  for (double v : initial_state(model, 4)) x0.push_back(static_cast<float>(v));
  const d::ets_coefficients<float> c{0.35f, 0.04f, 0.12f, 1.0f};
  const d::ets_coefficients<float> c2{0.2f, 0.02f, 0.2f, 1.0f};
  const std::span<const float> ys(y);
  const std::span<const float> xs(x0);
  const auto got = d::ets_run(model, 4, ys, {}, xs, c);
  CHECK(got.ok);
  CHECK(got.nobs == 60);
  CHECK(std::isfinite(got.sse));
  CHECK(got.sse > 0.0f);
  // Each lane of the packed pass equals the scalar pass.
  const auto pair = d::ets_run_pair<float>(model, 4, ys, {}, {xs, xs}, {c, c2});
  REQUIRE(pair.has_value());
  const auto got2 = d::ets_run(model, 4, ys, {}, xs, c2);
  CHECK((*pair)[0].sse == got.sse);
  CHECK((*pair)[0].sum_log_abs_f == got.sum_log_abs_f);
  CHECK((*pair)[1].sse == got2.sse);
  CHECK((*pair)[1].sum_log_abs_f == got2.sum_log_abs_f);
}

namespace {

// Bitwise equality that also holds for two NaNs of the same bits.
bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// ets_run_pair on (x0a, ca) and (x0b, cb) against two ets_run calls: equal bit for bit.
void compare_pair(const std::string& code, int m, const std::vector<double>& y,
                  const std::vector<double>& x0a, const d::ets_coefficients<double>& ca,
                  const std::vector<double>& x0b, const d::ets_coefficients<double>& cb) {
  const ets_model model = ets_model::parse(code);
  const int ms = model.season == ets_season::none ? 1 : m;
  const std::span<const double> ys(y);
  const auto pair = d::ets_run_pair<double>(
      model, ms, ys, {}, {std::span<const double>(x0a), std::span<const double>(x0b)}, {ca, cb});
  INFO(code << " m = " << ms << " n = " << y.size());
  REQUIRE(pair.has_value());
  const auto a = d::ets_run(model, ms, ys, {}, std::span<const double>(x0a), ca);
  const auto b = d::ets_run(model, ms, ys, {}, std::span<const double>(x0b), cb);
  for (const auto& [got, want] : {std::pair{(*pair)[0], a}, std::pair{(*pair)[1], b}}) {
    CHECK(got.ok == want.ok);
    CHECK(got.nobs == want.nobs);
    CHECK(same_bits(got.sse, want.sse));
    CHECK(same_bits(got.sum_log_abs_f, want.sum_log_abs_f));
  }
}

const std::vector<std::string> linear_forms{"ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA",
                                            "ANM", "AAM", "AAdM", "MNN", "MAN", "MAdN",
                                            "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM"};

}  // namespace

TEST_CASE("ets_run_pair: each lane equals ets_run bit for bit", "[ets][recursion][pair]") {
  for (const auto& code : linear_forms) {
    const ets_model model = ets_model::parse(code);
    for (const int m : {1, 2, 7, 24}) {
      for (const std::size_t n :
           {std::size_t{0}, std::size_t{1}, std::size_t{180}, std::size_t{2000}}) {
        const int ms = model.season == ets_season::none ? 1 : m;
        const auto x0a = initial_state(model, ms);
        auto x0b = x0a;
        for (auto& v : x0b) v *= 1.03;
        const d::ets_coefficients<double> ca{0.35, 0.04, 0.12, model.damped ? 0.9 : 1.0};
        const d::ets_coefficients<double> cb{0.12, 0.01, 0.3, model.damped ? 0.97 : 1.0};
        compare_pair(code, m, series(n, std::max(m, 2)), x0a, ca, x0b, cb);
      }
    }
  }
}

TEST_CASE("ets recursion: R's guards and the log product's overflow, alone and in one lane",
          "[ets][recursion][pair]") {
  // Zero demand every 7th day keeps a seasonal below R's TOL (1e-10) below it: each time it
  // is used, u = HUGEN and the new seasonal is s (1 - gamma).
  auto y = series(180, 7);
  for (std::size_t t = 0; t < y.size(); t += 7) y[t] = 0;
  const d::ets_coefficients<double> c{0.35, 0.04, 0.12, 1.0};
  const d::ets_coefficients<double> c2{0.2, 0.02, 0.3, 1.0};
  for (const std::string code : {"MNM", "MAM", "ANM", "AAM"}) {
    INFO(code);
    const ets_model model = ets_model::parse(code);
    const auto x0 = initial_state(model, 7);
    const std::size_t first_s = model.trend != ets_trend::none ? 2 : 1;
    auto tiny_s = x0;
    tiny_s[first_s + 6] = 1e-12;  // s_m: the seasonal of the first step
    compare_inputs(code, 7, y, {}, tiny_s, c);
    compare_pair(code, 7, y, x0, c, tiny_s, c2);
    compare_pair(code, 7, y, tiny_s, c, x0, c2);
    if (model.error == ets_error::additive) {
      // A level forecast of 0 (below TOL): y / q = HUGEN in the seasonal update.
      auto zero_level = x0;
      zero_level[0] = 0;
      if (model.trend != ets_trend::none) zero_level[1] = 0;
      compare_inputs(code, 7, y, {}, zero_level, c);
      compare_pair(code, 7, y, zero_level, c, x0, c2);
    }
  }
  // The series and the level scaled by 1e150 (|yhat| near 1e152: the product of a pair
  // overflows, its logs are taken term by term) and by 1e-150 (it underflows); the other lane
  // renormalises its product as usual.
  for (const std::string code : {"MNN", "MAN", "MNA", "MNM"}) {
    INFO(code);
    const ets_model model = ets_model::parse(code);
    const int ms = model.season == ets_season::none ? 1 : 7;
    const auto x0 = initial_state(model, ms);
    const auto z = series(180, 7);
    for (const double scale : {1e150, 1e-150}) {
      INFO("scale " << scale);
      auto zs = z;
      for (double& v : zs) v *= scale;
      auto xs = x0;
      xs[0] *= scale;
      if (model.trend != ets_trend::none) xs[1] *= scale;
      compare_inputs(code, ms, zs, {}, xs, c);
      compare_pair(code, 7, zs, xs, c, x0, c2);
      compare_pair(code, 7, zs, x0, c2, xs, c);
    }
  }
}

TEST_CASE("ets_run_pair: no packed form, no result", "[ets][recursion][pair]") {
  const auto y = series(50, 7);
  const std::span<const double> ys(y);
  const d::ets_coefficients<double> c{0.35, 0.04, 0.12, 1.0};
  const auto run = [&](const std::string& code, int m, std::span<const std::uint8_t> unknown) {
    const ets_model model = ets_model::parse(code);
    const auto x0 = initial_state(model, model.season == ets_season::none ? 1 : m);
    const std::span<const double> xs(x0);
    return d::ets_run_pair<double>(model, m, ys, unknown, {xs, xs}, {c, c}).has_value();
  };
  CHECK(run("MAM", 7, {}));
  CHECK_FALSE(run("MMM", 7, {}));  // multiplicative trend: the generic, step-by-step form
  CHECK_FALSE(run("AMN", 1, {}));
  const std::vector<std::uint8_t> unknown(50, 0);
  CHECK_FALSE(run("AAA", 7, std::span<const std::uint8_t>(unknown)));  // a mask, even all known
  CHECK_FALSE(run("AAA", 25, {}));                                     // beyond the seasonal buffer
}

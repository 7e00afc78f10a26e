#include "invforecast/inventory/safety_stock.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "inventory/fixture.hpp"
#include "invforecast/error.hpp"

using invforecast::safety_stock;
using invforecast::safety_stock_method;

namespace {
constexpr double z95 = 1.6448536269514722;  // R qnorm(0.95), method-notes.md
}

TEST_CASE("safety_stock: method-notes King's formula test vector", "[safety_stock]") {
  // d_bar 120, sigma_d 60, L 5, sigma_L 2: sqrt(5*3600 + 14400*4) = sqrt(75600) = 274.955;
  // SS = 452.27 at z = 1.6449 (method-notes rounds z; exact z gives 452.2599751576664).
  const auto r = safety_stock({.method = safety_stock_method::combined,
                               .service_level = 0.95,
                               .average_daily_demand = 120,
                               .demand_sd = 60,
                               .lead_time_days = 5,
                               .lead_time_sd = 2});
  CHECK(r.method == safety_stock_method::combined);
  CHECK(r.lead_time_demand_sd == Approx(std::sqrt(75600.0)).epsilon(1e-15));  // tol 1e-15 rel
  CHECK(r.lead_time_demand_sd == Approx(274.955).margin(5e-4));  // method-notes, 3 decimals
  // method-notes' 452.27 uses z rounded to 1.6449 (2 decimals, tolerance 0.005):
  CHECK(1.6449 * r.lead_time_demand_sd == Approx(452.27).margin(0.005));
  CHECK(r.safety_stock == Approx(z95 * std::sqrt(75600.0)).epsilon(1e-15));  // 452.25997...
  CHECK(r.z.value() == Approx(z95).epsilon(1e-15));                          // tol 1e-15 relative
  CHECK(r.lead_time_demand_mean == Approx(600.0).epsilon(1e-15));            // 120 * 5
  for (const auto& [sl, want] : inventory_test::read_inventory_fixture("king_ss")) {
    const auto k = safety_stock({.method = safety_stock_method::combined,
                                 .service_level = sl,
                                 .average_daily_demand = 120,
                                 .demand_sd = 60,
                                 .lead_time_days = 5,
                                 .lead_time_sd = 2});
    CHECK(k.safety_stock == Approx(want).epsilon(1e-14));  // R fixture, tol 1e-14 relative
  }
  CHECK(r.inputs.average_daily_demand == 120.0);
  CHECK(r.inputs.lead_time_sd == 2.0);
}

TEST_CASE("safety_stock: basic, demand and lead-time variability by hand", "[safety_stock]") {
  // basic: 40/day x 3 safety days = 120 (exact).
  const auto b = safety_stock({.method = safety_stock_method::basic,
                               .average_daily_demand = 40,
                               .lead_time_days = 4,
                               .safety_days = 3});
  CHECK(b.safety_stock == 120.0);
  CHECK(!b.z.has_value());
  CHECK(b.lead_time_demand_mean == 160.0);  // 40 * 4
  // demand variability: z * 4.2 * sqrt(9) = 1.6448536269514722 * 12.6 (tol 1e-15 relative).
  const auto d = safety_stock(
      {.method = safety_stock_method::demand_variability, .demand_sd = 4.2, .lead_time_days = 9});
  CHECK(d.safety_stock == Approx(z95 * 12.6).epsilon(1e-15));
  CHECK(d.lead_time_demand_sd == Approx(12.6).epsilon(1e-15));
  // lead-time variability: z * 50 * 1.5 = 75 z.
  const auto l = safety_stock({.method = safety_stock_method::lead_time_variability,
                               .service_level = 0.95,
                               .average_daily_demand = 50,
                               .lead_time_days = 10,
                               .lead_time_sd = 1.5});
  CHECK(l.safety_stock == Approx(75 * z95).epsilon(1e-15));
  CHECK(l.lead_time_demand_mean == 500.0);
  // z < 0 below 50 %: SS negative, reported as such.
  const auto low = safety_stock({.method = safety_stock_method::demand_variability,
                                 .service_level = 0.3,
                                 .demand_sd = 2,
                                 .lead_time_days = 4});
  CHECK(low.safety_stock ==
        Approx(-0.52440051270804067 * 4).epsilon(1e-14));  // qnorm(0.3) = -qnorm(0.7)
}

TEST_CASE("safety_stock: automatic choice by coefficients of variation", "[safety_stock]") {
  // CV_d = 60/120 = 0.5 > 0.2, CV_L = 2/5 = 0.4 > 0.1 -> combined.
  auto r = safety_stock({.service_level = 0.95,
                         .average_daily_demand = 120,
                         .demand_sd = 60,
                         .lead_time_days = 5,
                         .lead_time_sd = 2});
  CHECK(r.method == safety_stock_method::combined);
  CHECK(r.demand_cv.value() == Approx(0.5).epsilon(1e-15));
  CHECK(r.lead_time_cv.value() == Approx(0.4).epsilon(1e-15));
  CHECK(r.reason.find("-> combined") != std::string::npos);
  // CV_d 0.5, CV_L = 0.25/5 = 0.05 <= 0.1 -> demand variability.
  r = safety_stock(
      {.average_daily_demand = 120, .demand_sd = 60, .lead_time_days = 5, .lead_time_sd = 0.25});
  CHECK(r.method == safety_stock_method::demand_variability);
  CHECK(r.safety_stock == Approx(z95 * 60 * std::sqrt(5.0)).epsilon(1e-15));
  // CV_d = 12/120 = 0.1 <= 0.2, CV_L 0.4 -> lead-time variability: z * 120 * 2.
  r = safety_stock(
      {.average_daily_demand = 120, .demand_sd = 12, .lead_time_days = 5, .lead_time_sd = 2});
  CHECK(r.method == safety_stock_method::lead_time_variability);
  CHECK(r.safety_stock == Approx(z95 * 240).epsilon(1e-15));
  // Both low with safety days -> basic (120 * 2 = 240); without -> demand variability.
  r = safety_stock({.average_daily_demand = 120,
                    .demand_sd = 12,
                    .lead_time_days = 5,
                    .lead_time_sd = 0.25,
                    .safety_days = 2});
  CHECK(r.method == safety_stock_method::basic);
  CHECK(r.safety_stock == 240.0);
  r = safety_stock(
      {.average_daily_demand = 120, .demand_sd = 12, .lead_time_days = 5, .lead_time_sd = 0.25});
  CHECK(r.method == safety_stock_method::demand_variability);
  CHECK(r.reason.find("no safety_days") != std::string::npos);
  // Configurable thresholds: CV_d 0.5 <= 0.6 and CV_L 0.4 <= 0.5 -> basic with safety days.
  r = safety_stock({.average_daily_demand = 120,
                    .demand_sd = 60,
                    .lead_time_days = 5,
                    .lead_time_sd = 2,
                    .safety_days = 1,
                    .demand_cv_threshold = 0.6,
                    .lead_time_cv_threshold = 0.5});
  CHECK(r.method == safety_stock_method::basic);
  // Zero mean demand with positive sd: CV undefined (infinite) -> treated as variable.
  r = safety_stock({.average_daily_demand = 0, .demand_sd = 3, .lead_time_days = 4});
  CHECK(r.method == safety_stock_method::demand_variability);
  CHECK(!r.demand_cv.has_value());
  CHECK(r.lead_time_cv.value() == 0.0);
}

TEST_CASE("safety_stock: fill rate (type II) inverts the loss function", "[safety_stock]") {
  // sigma_LTD = sqrt(75600); Q = 0.1 * sigma / 0.02 so that G(k) = Q (1 - 0.98) / sigma = 0.1.
  const double sigma = std::sqrt(75600.0);
  const double q = 0.1 * sigma / 0.02;
  const auto r = safety_stock({.method = safety_stock_method::fill_rate,
                               .service_level = 0.98,
                               .average_daily_demand = 120,
                               .demand_sd = 60,
                               .lead_time_days = 5,
                               .lead_time_sd = 2,
                               .order_quantity = q});
  // R: uniroot on G(k) = 0.1 -> k = 0.90234634751 (fixture); tolerance 1e-10 absolute.
  double k_r = 0;
  for (const auto& [g, k] : inventory_test::read_inventory_fixture("fill_rate_k")) {
    if (std::fabs(g - 0.1) < 1e-12) k_r = k;
    CHECK(invforecast::normal_loss_inverse(g) == Approx(k).margin(1e-10));  // incl. k < 0
  }
  CHECK(r.z.value() == Approx(k_r).margin(1e-10));
  CHECK(r.safety_stock == Approx(k_r * sigma).margin(1e-7));
  // Round trip: expected shortage per cycle sigma * G(k) = Q (1 - beta) (tol 1e-12 relative).
  CHECK(sigma * invforecast::normal_loss(*r.z) == Approx(q * 0.02).epsilon(1e-12));
  // Zero uncertainty: no safety stock needed.
  const auto none = safety_stock({.method = safety_stock_method::fill_rate,
                                  .service_level = 0.98,
                                  .average_daily_demand = 10,
                                  .lead_time_days = 5,
                                  .order_quantity = 100});
  CHECK(none.safety_stock == 0.0);
}

namespace {
// SES-like model: Var(sum_{h=1}^{L} y_{n+h}) = sigma2 * sum_{i=0}^{L-1} (1 + alpha i)^2 (each
// e_{n+j} enters y_{n+j} with weight 1 and every later y with weight alpha).
struct ses_like_model {
  double sigma2;
  double alpha;
  [[nodiscard]] double lead_time_demand_variance(int lead_time) const {
    double v = 0;
    for (int i = 0; i < lead_time; ++i) v += (1 + alpha * i) * (1 + alpha * i);
    return sigma2 * v;
  }
};
}  // namespace

TEST_CASE("safety_stock_forecast_model: from numbers and from a fitted model", "[safety_stock]") {
  // sigma2 4, alpha 0.5, L 3: 4 * (1 + 2.25 + 4) = 29; SS = z * sqrt(29).
  const auto r = invforecast::safety_stock_forecast_model({.service_level = 0.95,
                                                           .lead_time_demand_mean = 30,
                                                           .lead_time_demand_variance = 29,
                                                           .lead_time_days = 3});
  CHECK(r.method == safety_stock_method::forecast_model);
  CHECK(r.safety_stock == Approx(z95 * std::sqrt(29.0)).epsilon(1e-15));
  CHECK(r.lead_time_demand_mean == 30.0);
  const std::vector<double> mean{10, 10, 10, 12};
  const auto m = invforecast::safety_stock_forecast_model(ses_like_model{4, 0.5},
                                                          std::span<const double>(mean), 3, 0.95);
  CHECK(m.safety_stock == Approx(z95 * std::sqrt(29.0)).epsilon(1e-15));
  CHECK(m.lead_time_demand_mean == 30.0);  // first 3 forecast days
  CHECK(invforecast::safety_stock_forecast_model(ses_like_model{4, 0.5}, mean, 3, 0.95)
            .safety_stock == m.safety_stock);  // std::vector accepted
  // It exceeds sigma * sqrt(L) = 2 * sqrt(3), which ignores the error correlation.
  CHECK(m.lead_time_demand_sd > 2 * std::sqrt(3.0));
  REQUIRE_THROWS_AS(invforecast::safety_stock_forecast_model(
                        ses_like_model{4, 0.5}, std::span<const double>(mean), 5, 0.95),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(invforecast::safety_stock_forecast_model(
                        ses_like_model{4, 0.5}, std::span<const double>(mean), 0, 0.95),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::safety_stock_forecast_model(
                        {.service_level = 1.0, .lead_time_demand_variance = 1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::safety_stock_forecast_model({.lead_time_demand_variance = -1}),
                    invforecast::invalid_argument);
}

TEST_CASE("sample_quantile matches R quantile() types 1 and 7", "[safety_stock]") {
  std::vector<double> sample{0, 0, 3, 0, 5, 12, 0, 0, 7, 2, 0, 1, 9, 0, 4, 0, 6, 0, 0, 15};
  std::sort(sample.begin(), sample.end());
  const std::span<const double> s(sample);
  for (const auto& [p, want] : inventory_test::read_inventory_fixture("quantile_type1")) {
    INFO("p = " << p);
    CHECK(invforecast::sample_quantile(s, p, invforecast::quantile_definition::inverse_ecdf) ==
          want);  // exact
  }
  for (const auto& [p, want] : inventory_test::read_inventory_fixture("quantile_type7")) {
    INFO("p = " << p);
    CHECK(invforecast::sample_quantile(s, p, invforecast::quantile_definition::linear) ==
          Approx(want).margin(1e-12));
  }
  REQUIRE_THROWS_AS(invforecast::sample_quantile(std::span<const double>(), 0.5,
                                                 invforecast::quantile_definition::linear),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(invforecast::sample_quantile(s, 1.5, invforecast::quantile_definition::linear),
                    invforecast::invalid_argument);
}

TEST_CASE("safety_stock_empirical: quantile minus mean of lead-time demands", "[safety_stock]") {
  const std::vector<double> sample{0, 0, 3, 0, 5, 12, 0, 0, 7, 2, 0, 1, 9, 0, 4, 0, 6, 0, 0, 15};
  const double mean = inventory_test::read_inventory_fixture("mean_ltd").at(0).second;
  const double sd = inventory_test::read_inventory_fixture("sd_ltd").at(0).second;
  // Type 1 at 0.95: x_(19) = 12 (R); SS = 12 - 3.2 = 8.8.
  const auto r =
      invforecast::safety_stock_empirical(std::span<const double>(sample), {.service_level = 0.95});
  CHECK(r.method == safety_stock_method::empirical);
  CHECK(r.safety_stock == Approx(12 - mean).epsilon(1e-15));
  CHECK(r.lead_time_demand_mean == Approx(mean).epsilon(1e-15));
  CHECK(r.lead_time_demand_sd == Approx(sd).epsilon(1e-14));  // R sd(), tol 1e-14 relative
  // Type 7 at 0.95: 12.15 (R); SS = 8.95.
  // A std::vector converts (T defaults to double).
  CHECK(invforecast::safety_stock_empirical(sample, {.service_level = 0.95}).safety_stock ==
        r.safety_stock);
  const auto r7 = invforecast::safety_stock_empirical(
      std::span<const double>(sample),
      {.service_level = 0.95, .quantile = invforecast::quantile_definition::linear});
  CHECK(r7.safety_stock == Approx(12.15 - 3.2).margin(1e-12));
  REQUIRE_THROWS_AS(invforecast::safety_stock_empirical(std::span<const double>(sample.data(), 1)),
                    invforecast::insufficient_data);
  REQUIRE_THROWS_AS(
      invforecast::safety_stock_empirical(std::span<const double>(sample), {.service_level = 0.0}),
      invforecast::invalid_argument);
  const std::vector<double> bad{1, -2, 3};
  REQUIRE_THROWS_AS(invforecast::safety_stock_empirical(std::span<const double>(bad)),
                    invforecast::invalid_argument);
}

TEST_CASE("safety_stock_simulated: bootstrap of the daily history", "[safety_stock]") {
  // History alternates 0 and 10: a 2-day lead-time demand is 0 (p 1/4), 10 (1/2), 20 (1/4).
  // At 95 % the type-1 quantile is 20 (F(10) = 0.75 < 0.95), the mean 10: SS -> 10.
  // Monte-Carlo tolerance: sd of the simulated mean = sqrt(50 / 20000) = 0.05; use 0.25.
  std::vector<double> history;
  for (int i = 0; i < 50; ++i) history.push_back(i % 2 == 0 ? 0.0 : 10.0);
  const std::span<const double> h(history);
  const auto r = invforecast::safety_stock_simulated(
      h, {.service_level = 0.95, .lead_time_days = 2, .simulations = 20000});
  CHECK(r.method == safety_stock_method::simulated);
  CHECK(r.safety_stock == Approx(10.0).margin(0.25));
  CHECK(r.lead_time_demand_mean == Approx(10.0).margin(0.25));
  CHECK(r.lead_time_demand_sd == Approx(std::sqrt(50.0)).margin(0.2));  // Var = 2 * 25
  // At 70 % the quantile is 10: SS -> 0.
  const auto r70 = invforecast::safety_stock_simulated(
      h, {.service_level = 0.70, .lead_time_days = 2, .simulations = 20000});
  CHECK(r70.safety_stock == Approx(0.0).margin(0.25));
  // Same seed, same result (identity); another seed differs.
  const auto again = invforecast::safety_stock_simulated(
      h, {.service_level = 0.95, .lead_time_days = 2, .simulations = 20000});
  CHECK(again.lead_time_demand_mean == r.lead_time_demand_mean);
  const auto other = invforecast::safety_stock_simulated(
      h, {.service_level = 0.95, .lead_time_days = 2, .simulations = 20000, .seed = 7});
  CHECK(other.lead_time_demand_mean != r.lead_time_demand_mean);
  REQUIRE_THROWS_AS(invforecast::safety_stock_simulated(h, {.lead_time_days = 0}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::safety_stock_simulated(h, {.simulations = 10}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(invforecast::safety_stock_simulated(h.first(1)),
                    invforecast::insufficient_data);
}

TEST_CASE("safety_stock: bad input throws invalid_argument naming the value", "[safety_stock]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  REQUIRE_THROWS_WITH(safety_stock({.method = safety_stock_method::combined, .service_level = 1.0}),
                      "safety_stock: service_level = 1, must be in (0, 1)");
  REQUIRE_THROWS_AS(safety_stock({.method = safety_stock_method::combined, .service_level = 0.0}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_WITH(safety_stock({.lead_time_days = -3}),
                      "safety_stock: lead_time_days = -3, must be finite, >= 0 and <= 1e+15");
  REQUIRE_THROWS_AS(safety_stock({.average_daily_demand = nan}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(safety_stock({.demand_sd = -1}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(safety_stock({.lead_time_sd = nan}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(safety_stock({.service_level = nan, .demand_sd = 1, .lead_time_days = 1}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(safety_stock({.safety_days = -1}), invforecast::invalid_argument);
  REQUIRE_THROWS_AS(
      safety_stock({.method = safety_stock_method::fill_rate, .demand_sd = 1, .lead_time_days = 1}),
      invforecast::invalid_argument);  // order_quantity = 0
  REQUIRE_THROWS_AS(safety_stock({.method = safety_stock_method::empirical}),
                    invforecast::invalid_argument);
  REQUIRE_THROWS_AS(safety_stock({.demand_cv_threshold = -0.1}), invforecast::invalid_argument);
}

TEST_CASE("safety_stock_method names", "[safety_stock]") {
  CHECK(std::string(invforecast::to_string(safety_stock_method::combined)) == "combined");
  CHECK(std::string(invforecast::to_string(safety_stock_method::fill_rate)) == "fill_rate");
  CHECK(std::string(invforecast::to_string(safety_stock_method::simulated)) == "simulated");
}

TEST_CASE("safety_stock instantiates with float", "[safety_stock]") {
  const auto r = safety_stock<float>({.method = safety_stock_method::combined,
                                      .service_level = 0.95f,
                                      .average_daily_demand = 120,
                                      .demand_sd = 60,
                                      .lead_time_days = 5,
                                      .lead_time_sd = 2});
  CHECK(r.safety_stock == Approx(452.2599751576664).epsilon(1e-6));  // float: 1e-6 relative
  const std::vector<float> sample{1, 2, 3, 4};
  CHECK(invforecast::safety_stock_empirical<float>(std::span<const float>(sample),
                                                   {.service_level = 0.5f})
            .safety_stock == Approx(2 - 2.5).margin(1e-6));  // type 1 at 0.5: x_(2) = 2; mean 2.5
  CHECK(invforecast::safety_stock_simulated<float>(std::span<const float>(sample),
                                                   {.lead_time_days = 3})
            .safety_stock > 0);
}

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <vector>

#include "invforecast/detail/check.hpp"
#include "invforecast/error.hpp"

using namespace invforecast;

TEST_CASE("every exception derives from invforecast::error", "[error]") {
  CHECK_THROWS_AS(throw invalid_argument("x"), error);
  CHECK_THROWS_AS(throw insufficient_data("x"), error);
  CHECK_THROWS_AS(throw parse_error("x"), error);
  CHECK_THROWS_AS(throw database_error("x"), error);
  CHECK_THROWS_AS(throw invalid_argument("x"), std::runtime_error);
}

TEST_CASE("check messages name the function, the argument and the value", "[error]") {
  CHECK_THROWS_WITH(detail::check_open_interval("holt_winters", "alpha", 1.3, 0.0, 1.0),
                    "holt_winters: alpha = 1.3, must be in (0, 1)");
  CHECK_THROWS_WITH(detail::check_positive("eoq", "ordering_cost", -2.5),
                    "eoq: ordering_cost = -2.5, must be finite and > 0");
  CHECK_THROWS_WITH(detail::check_positive("eoq", "horizon", 0), "eoq: horizon = 0, must be > 0");
  CHECK_THROWS_WITH(detail::check_non_negative("f", "n", -1), "f: n = -1, must be >= 0");
  CHECK_THROWS_WITH(detail::check_finite("f", "x", std::numeric_limits<double>::quiet_NaN()),
                    "f: x = nan, must be finite");
  CHECK_THROWS_WITH(detail::check_level("z_score", "service_level", 1.0),
                    "z_score: service_level = 1, must be in (0, 1)");
  CHECK_THROWS_WITH(detail::check_closed_interval("f", "phi", 0.5, 0.8, 0.98),
                    "f: phi = 0.5, must be in [0.8, 0.98]");
  CHECK_THROWS_WITH(detail::check_non_negative("f", "x", -std::numeric_limits<double>::infinity()),
                    "f: x = -inf, must be finite and >= 0");
}

TEST_CASE("span checks name the first bad element", "[error]") {
  const std::vector<double> values{1.0, 2.0, -3.0, std::nan("")};
  CHECK_THROWS_WITH(detail::check_all_non_negative("fit", "y", std::span<const double>(values)),
                    "fit: y[2] = -3, must be finite and >= 0");
  CHECK_THROWS_WITH(detail::check_all_finite("fit", "y", std::span<const double>(values)),
                    "fit: y[3] = nan, must be finite");
  const std::vector<double> empty;
  CHECK_THROWS_AS(detail::check_not_empty("fit", "y", std::span<const double>(empty)),
                  insufficient_data);
  CHECK_THROWS_WITH(detail::check_not_empty("fit", "y", std::span<const double>(empty)),
                    "fit: y is empty");
}

TEST_CASE("checks accept valid values", "[error]") {
  CHECK_NOTHROW(detail::check_open_interval("f", "a", 0.5, 0.0, 1.0));
  CHECK_NOTHROW(detail::check_closed_interval("f", "phi", 0.8, 0.8, 0.98));
  CHECK_NOTHROW(detail::check_non_negative("f", "x", 0.0));
  CHECK_NOTHROW(detail::check_positive("f", "x", 1e-300));
  CHECK_NOTHROW(detail::require(true, "f", "never"));
  CHECK_THROWS_WITH(detail::require(false, "f", "dates must be sorted"), "f: dates must be sorted");
  CHECK(detail::format_value(0.1f) == "0.1");  // a float prints its own shortest form
  CHECK(detail::format_value(1e12) == "1e+12");
}

// Tests of the health check's Prometheus output (no database needed): every status writes text
// that the strict text-format parser accepts, with the four gauges of the ERP's check and the
// expected values; and the parser rejects malformed exposition text (so a passing check means
// something). Exit code 0 when every check passes. With a file argument, validates that file
// (as written by invforecast-health --prometheus) instead and requires the four gauges.

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "health.hpp"
#include "prometheus.hpp"

namespace {

int failures = 0;

void expect(bool ok, const std::string& what) {
  if (!ok) {
    ++failures;
    std::cerr << "FAILED: " << what << "\n";
  }
}

void expect_rejected(const std::string& text, const std::string& message_part) {
  try {
    (void)invforecast::tools::prometheus::parse(text);
    expect(false, "accepted malformed text: " + text);
  } catch (const invforecast::parse_error& e) {
    expect(std::string(e.what()).find(message_part) != std::string::npos,
           "message \"" + std::string(e.what()) + "\" lacks \"" + message_part + "\"");
  }
}

int validate_file(const char* path) {
  namespace prom = invforecast::tools::prometheus;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  try {
    const auto e = prom::parse(buffer.str());
    for (const char* name :
         {"inventory_forecasts_total", "forecast_accuracy_mape_percentage",
          "replenishment_recommendations_pending", "inventory_forecasting_health_status"}) {
      expect(e.value(name).has_value(), std::string("gauge ") + name + " present");
      expect(e.types.count(name) == 1 && e.types.at(name) == "gauge",
             std::string("TYPE of ") + name + " is gauge");
    }
    const auto s = e.value("inventory_forecasting_health_status");
    expect(s && (*s == 0 || *s == 1 || *s == 2), "health status is 0, 1 or 2");
    std::cout << path << ": valid Prometheus text format, " << e.samples.size() << " samples\n";
  } catch (const invforecast::parse_error& err) {
    std::cerr << path << ": " << err.what() << "\n";
    return 1;
  }
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  namespace health = invforecast::tools::health;
  namespace prom = invforecast::tools::prometheus;
  if (argc == 2) return validate_file(argv[1]);

  // One report per status: the overall status is the worst check.
  for (const auto worst :
       {health::status::healthy, health::status::degraded, health::status::unhealthy}) {
    health::report r;
    r.checks = {{"connection", health::status::healthy, "ok", 1.5},
                {"forecast_accuracy", worst, "30-day MAPE \"x\"\nnext", 12.25}};
    r.forecasts_total = 2880;
    r.mape_30_days = 23.5;
    r.pending_recommendations = 12;
    r.critical_recommendations = 2;
    const std::string text = health::prometheus_text(r);
    try {
      const auto e = prom::parse(text);
      expect(e.value("inventory_forecasts_total") == 2880.0, "inventory_forecasts_total = 2880");
      expect(e.value("forecast_accuracy_mape_percentage") == 23.5, "MAPE gauge = 23.5");
      expect(e.value("replenishment_recommendations_pending") == 12.0, "pending = 12");
      expect(e.value("replenishment_recommendations_pending", {{"urgency", "CRITICAL"}}) == 2.0,
             "pending CRITICAL = 2");
      // 2 healthy, 1 degraded, 0 unhealthy (targets.md).
      const double want = worst == health::status::healthy    ? 2.0
                          : worst == health::status::degraded ? 1.0
                                                              : 0.0;
      expect(e.value("inventory_forecasting_health_status") == want, "health status gauge");
      expect(
          e.value("inventory_forecasting_check_status", {{"check", "forecast_accuracy"}}) == want,
          "per-check gauge");
      expect(e.types.at("inventory_forecasting_health_status") == "gauge", "TYPE gauge");
      expect(health::exit_code(r.overall()) == static_cast<int>(2.0 - want), "exit code 0/1/2");
    } catch (const invforecast::parse_error& err) {
      expect(false, std::string("writer output rejected: ") + err.what() + "\n" + text);
    }
  }
  // Unknown MAPE is written as NaN, which the format allows.
  {
    health::report r;
    const auto e = prom::parse(health::prometheus_text(r));
    const auto v = e.value("forecast_accuracy_mape_percentage");
    expect(v && std::isnan(*v), "unknown MAPE -> NaN");
  }
  // Escaping round trip.
  {
    const std::string text = prom::write_gauges({{"m", "h", 1, {{"l", "a\\b\"c\nd"}}}});
    expect(text.find("l=\"a\\\\b\\\"c\\nd\"") != std::string::npos, "label escaped");
    expect(prom::parse(text).samples.at(0).labels.at("l") == "a\\b\"c\nd", "label round trip");
  }
  // The parser rejects malformed text.
  expect_rejected("m 1", "must end with a newline");
  expect_rejected("1m 1\n", "invalid metric name");
  expect_rejected("m{l=x} 1\n", "must be quoted");
  expect_rejected("m{l=\"x} 1\n", "unterminated value");
  expect_rejected("m{l=\"a\\q\"} 1\n", "invalid escape");
  expect_rejected("m{l=\"a\",l=\"b\"} 1\n", "duplicate label");
  expect_rejected("m{0l=\"a\"} 1\n", "invalid label name");
  expect_rejected("m abc\n", "is not a number");
  expect_rejected("m 1 12.5\n", "timestamp");
  expect_rejected("# TYPE m gauge\n# TYPE m gauge\nm 1\n", "second TYPE");
  expect_rejected("# TYPE m bogus\nm 1\n", "must be counter, gauge");
  expect_rejected("m 1\n# TYPE m gauge\n", "after its samples");
  expect_rejected("a 1\nb 1\na{x=\"1\"} 2\n", "not grouped together");
  expect_rejected("a 1\na 2\n", "appears twice");
  expect_rejected("# HELP m x\n# HELP m y\nm 1\n", "second HELP");

  if (failures == 0) std::cout << "prometheus format: all checks passed\n";
  return failures == 0 ? 0 : 1;
}

#include "invforecast/series/daily_series.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <limits>
#include <vector>

#include "invforecast/error.hpp"

using namespace invforecast;
using namespace std::chrono;

namespace {

using rec = demand_record<double>;
constexpr std::string_view fn = "daily_series::from_records: ";

std::vector<double> to_vector(std::span<const double> s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("from_records fills days without a record with zero", "[daily_series]") {
  // ERP rows for 2024-02-27 (3), 2024-03-01 (5), 2024-02-29 (2) in table order; 2024 is a leap
  // year, so the days are 02-27, 02-28, 02-29, 03-01 -> {3, 0, 2, 5}.
  const std::vector<rec> records{
      {2024y / February / 27, 3.0}, {2024y / March / 1, 5.0}, {2024y / February / 29, 2.0}};
  const auto s = daily_series<>::from_records(records);
  CHECK(s.first_day() == 2024y / February / 27);
  CHECK(s.last_day() == 2024y / March / 1);
  REQUIRE(s.size() == 4);
  CHECK(to_vector(s.values()) == std::vector<double>{3, 0, 2, 5});  // exact
  CHECK(s.date_at(2) == 2024y / February / 29);
  CHECK(s.index_of(2024y / March / 1) == 3);
  CHECK(s.value_at(3) == 5.0);
  CHECK(s.status_at(1) == day_status::observed);  // a filled zero is an observed zero
  CHECK(s.unknown_count() == 0);
  CHECK(s.observed_count() == 4);
  CHECK(s.launch_index() == 0);
  CHECK(s.total() == 10.0);  // 3 + 2 + 5, exact
  CHECK(s.contains(2024y / February / 28));
  CHECK_FALSE(s.contains(2024y / March / 2));
  CHECK_FALSE(s.contains(2023y / February / 29));
}

TEST_CASE("from_records over a non-leap February", "[daily_series]") {
  // 2023-02-28 is followed by 2023-03-01: two days, not three.
  const std::vector<rec> records{{2023y / February / 28, 1.0}, {2023y / March / 1, 4.0}};
  const auto s = daily_series<>::from_records(records, {.order = input_order::sorted});
  CHECK(s.size() == 2);
  CHECK(to_vector(s.values()) == std::vector<double>{1, 4});
}

TEST_CASE("from_records: series of one day", "[daily_series]") {
  const std::vector<rec> records{{2025y / June / 15, 7.5}};
  const auto s = daily_series<>::from_records(records);
  CHECK(s.size() == 1);
  CHECK(s.first_day() == s.last_day());
  CHECK(s.values()[0] == 7.5);
  CHECK(s.observed_values().size() == 1);
}

TEST_CASE("from_records: explicit range pads with zeros; empty records allowed then",
          "[daily_series]") {
  const std::vector<rec> records{{2025y / January / 3, 2.0}};
  const auto s = daily_series<>::from_records(
      records, {.first_day = 2024y / December / 30, .last_day = 2025y / January / 5});
  // Dec 30, 31, Jan 1, 2, 3, 4, 5 -> 7 days, the 2 on the fifth.
  CHECK(to_vector(s.values()) == std::vector<double>{0, 0, 0, 0, 2, 0, 0});
  const auto empty = daily_series<>::from_records(
      {}, {.first_day = 2025y / January / 1, .last_day = 2025y / January / 31});
  CHECK(empty.size() == 31);
  CHECK(empty.total() == 0.0);
  // Only one end given: the other comes from the records.
  const auto half = daily_series<>::from_records(records, {.first_day = 2025y / January / 1});
  CHECK(half.size() == 3);
  CHECK(half.last_day() == 2025y / January / 3);
}

TEST_CASE("from_records: duplicate days are summed on request", "[daily_series]") {
  // The ERP's record-demand adds to the day's row: 1.5 + 2.25 = 3.75 on 2025-03-02.
  const std::vector<rec> records{
      {2025y / March / 1, 1.0}, {2025y / March / 2, 1.5}, {2025y / March / 2, 2.25}};
  const auto s = daily_series<>::from_records(
      records, {.order = input_order::sorted, .duplicates = duplicate_policy::sum});
  CHECK(to_vector(s.values()) == std::vector<double>{1.0, 3.75});  // exact in binary
}

TEST_CASE("from_records: launch date masks earlier days", "[daily_series]") {
  // Range 2025-05-01..05-07, launch 05-04: indices 0..2 before launch, observed from index 3.
  const std::vector<rec> records{{2025y / May / 2, 0.0}, {2025y / May / 5, 4.0}};
  const auto s = daily_series<>::from_records(
      records,
      {.first_day = 2025y / May / 1, .last_day = 2025y / May / 7, .launch_date = 2025y / May / 4});
  CHECK(s.launch_index() == 3);
  CHECK(s.status_at(0) == day_status::before_launch);
  CHECK(s.status_at(2) == day_status::before_launch);
  CHECK(s.status_at(3) == day_status::observed);
  CHECK(to_vector(s.observed_values()) == std::vector<double>{0, 4, 0, 0});
  CHECK(s.observed_count() == 4);
  CHECK(s.known_mask()[2] == 0);
  CHECK(s.known_mask()[3] == 1);
  // Launch before the range: no effect; after the range: nothing observed.
  const auto early = daily_series<>::from_records(records, {.launch_date = 2020y / May / 1});
  CHECK(early.launch_index() == 0);
  const auto late = daily_series<>::from_records(std::vector<rec>{{2025y / May / 2, 0.0}},
                                                 {.launch_date = 2026y / January / 1});
  CHECK(late.launch_index() == 1);
  CHECK(late.observed_values().empty());
  CHECK(late.observed_count() == 0);
}

TEST_CASE("from_records: unknown days are flagged, stored as 0, and masked", "[daily_series]") {
  // Days 06-01..06-05 with demand {1, 9, 0, 2, 3}; 06-02 (record 9 ignored) and 06-03 unknown;
  // launch 06-02 so 06-01 is before launch. The unknown list has a repeat (allowed) and one
  // entry before the launch (stays before_launch).
  const std::vector<rec> records{{2025y / June / 5, 3.0},
                                 {2025y / June / 2, 9.0},
                                 {2025y / June / 4, 2.0},
                                 {2025y / June / 1, 0.0}};
  const auto s = daily_series<>::from_records(
      records,
      {.launch_date = 2025y / June / 2,
       .unknown_days = {2025y / June / 3, 2025y / June / 2, 2025y / June / 3, 2025y / June / 1}});
  REQUIRE(s.size() == 5);
  CHECK(to_vector(s.values()) == std::vector<double>{0, 0, 0, 2, 3});
  CHECK(s.status_at(0) == day_status::before_launch);
  CHECK(s.status_at(1) == day_status::unknown);
  CHECK(s.status_at(2) == day_status::unknown);
  CHECK(s.status_at(3) == day_status::observed);
  CHECK(s.unknown_count() == 2);
  CHECK(s.observed_count() == 2);
  const auto mask = s.observed_known_mask();
  CHECK(std::vector<std::uint8_t>(mask.begin(), mask.end()) ==
        std::vector<std::uint8_t>{0, 0, 1, 1});
  CHECK(s.observed_values().size() == mask.size());
  CHECK(s.total() == 5.0);
}

TEST_CASE("from_values builds a fully observed series", "[daily_series]") {
  const std::vector<double> v{1, 2, 3};
  const auto s = daily_series<>::from_values(2024y / December / 31, v);
  CHECK(s.last_day() == 2025y / January / 2);
  CHECK(to_vector(s.values()) == v);
  CHECK_THROWS_AS(daily_series<>::from_values(2024y / December / 31, std::span<const double>{}),
                  insufficient_data);
  CHECK_THROWS_WITH(daily_series<>::from_values(2024y / December / 31, std::vector<double>{1, -1}),
                    "daily_series::from_values: values[1] = -1, must be finite and >= 0");
  CHECK_THROWS_WITH(daily_series<>::from_values(2023y / February / 29, v),
                    "daily_series::from_values: first_day = 2023-02-29, must be a valid "
                    "calendar date");
}

TEST_CASE("from_records: float instantiation", "[daily_series]") {
  const std::vector<demand_record<float>> records{{2024y / January / 1, 1.5f},
                                                  {2024y / January / 3, 2.5f}};
  const auto s = daily_series<float>::from_records(records);
  CHECK(s.size() == 3);
  CHECK(s.values()[1] == 0.0f);
  CHECK(s.total() == 4.0f);  // 1.5 + 2.5, exact in binary
  CHECK_THROWS_WITH(daily_series<float>::from_records(
                        std::vector<demand_record<float>>{{2024y / January / 1, -0.5f}}),
                    std::string(fn) + "records[0].quantity = -0.5, must be finite and >= 0");
}

TEST_CASE("from_records: every error path names the function and the value", "[daily_series]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const auto build = [](std::vector<rec> records, daily_series_options options = {}) {
    return daily_series<>::from_records(records, options);
  };

  CHECK_THROWS_AS(build({}), insufficient_data);
  CHECK_THROWS_WITH(build({}), std::string(fn) + "records is empty");
  CHECK_THROWS_AS(build({}, {.first_day = 2025y / January / 1}), insufficient_data);

  CHECK_THROWS_AS(build({{2025y / January / 1, -1.0}}), invalid_argument);
  CHECK_THROWS_WITH(build({{2025y / January / 1, 1.0}, {2025y / January / 2, -2.5}}),
                    std::string(fn) + "records[1].quantity = -2.5, must be finite and >= 0");
  CHECK_THROWS_WITH(build({{2025y / January / 1, nan}}),
                    std::string(fn) + "records[0].quantity = nan, must be finite and >= 0");
  CHECK_THROWS_WITH(build({{2025y / January / 1, inf}}),
                    std::string(fn) + "records[0].quantity = inf, must be finite and >= 0");
  CHECK_THROWS_WITH(
      build({{2023y / February / 29, 1.0}}),
      std::string(fn) + "records[0].date = 2023-02-29, must be a valid calendar date");

  // Sorted promise broken.
  CHECK_THROWS_AS(build({{2025y / January / 2, 1.0}, {2025y / January / 1, 1.0}},
                        {.order = input_order::sorted}),
                  invalid_argument);
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 1.0}, {2025y / January / 5, 1.0}, {2025y / January / 3, 1.0}},
            {.order = input_order::sorted}),
      std::string(fn) +
          "records[2].date = 2025-01-03, must not be before records[1].date = 2025-01-05 "
          "(input_order::sorted)");
  // The same records are fine without the promise.
  CHECK(build({{2025y / January / 2, 1.0}, {2025y / January / 5, 1.0}, {2025y / January / 3, 1.0}})
            .size() == 4);

  // Duplicates rejected by default, sorted or not.
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 1.0}, {2025y / January / 3, 1.0}, {2025y / January / 2, 4.0}}),
      std::string(fn) +
          "records[2].date = 2025-01-02, must be unique (duplicate of records[0], "
          "duplicate_policy::reject)");
  CHECK_THROWS_WITH(build({{2025y / January / 2, 1.0}, {2025y / January / 2, 4.0}},
                          {.order = input_order::sorted}),
                    std::string(fn) +
                        "records[1].date = 2025-01-02, must be unique (duplicate of records[0], "
                        "duplicate_policy::reject)");

  // Range problems.
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 1.0}},
            {.first_day = 2025y / January / 10, .last_day = 2025y / January / 1}),
      std::string(fn) + "first_day = 2025-01-10, must not be after last_day = 2025-01-01");
  CHECK_THROWS_WITH(build({{2025y / January / 2, 1.0}, {2025y / February / 2, 1.0}},
                          {.first_day = 2025y / January / 1, .last_day = 2025y / January / 31}),
                    std::string(fn) +
                        "records[1].date = 2025-02-02, must be within [first_day, last_day] = "
                        "[2025-01-01, 2025-01-31]");
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 1.0}}, {.first_day = 2025y / January / 3}),
      std::string(fn) + "first_day = 2025-01-03, must not be after last_day = 2025-01-02");
  CHECK_THROWS_WITH(build({{2025y / January / 2, 1.0}}, {.first_day = 2025y / April / 31}),
                    std::string(fn) + "first_day = 2025-04-31, must be a valid calendar date");
  CHECK_THROWS_WITH(build({{2025y / January / 2, 1.0}}, {.last_day = 2025y / month{13} / 1}),
                    std::string(fn) + "last_day = 2025-13-01, must be a valid calendar date");

  // Launch problems.
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 3.0}, {2025y / January / 9, 1.0}},
            {.launch_date = 2025y / January / 5}),
      std::string(fn) +
          "records[0].date = 2025-01-02 with quantity 3, must not be before launch_date = "
          "2025-01-05");
  CHECK_THROWS_WITH(build({{2025y / January / 2, 3.0}}, {.launch_date = 2025y / February / 30}),
                    std::string(fn) + "launch_date = 2025-02-30, must be a valid calendar date");

  // Unknown-day problems.
  CHECK_THROWS_WITH(build({{2025y / January / 2, 1.0}, {2025y / January / 4, 1.0}},
                          {.unknown_days = {2025y / January / 3, 2025y / January / 5}}),
                    std::string(fn) +
                        "unknown_days[1] = 2025-01-05, must be within [first_day, last_day] = "
                        "[2025-01-02, 2025-01-04]");
  CHECK_THROWS_WITH(
      build({{2025y / January / 2, 1.0}}, {.unknown_days = {2025y / June / 31}}),
      std::string(fn) + "unknown_days[0] = 2025-06-31, must be a valid calendar date");
  // Every error derives from invforecast::error.
  CHECK_THROWS_AS(build({{2025y / January / 1, -1.0}}), error);
}

TEST_CASE("accessors reject out-of-range indices and dates", "[daily_series]") {
  const auto s = daily_series<>::from_records(
      std::vector<rec>{{2025y / January / 1, 1.0}, {2025y / January / 2, 1.0}});
  CHECK_THROWS_WITH(s.date_at(2), "daily_series::date_at: i = 2, must be < size() = 2");
  CHECK_THROWS_WITH(s.value_at(5), "daily_series::value_at: i = 5, must be < size() = 2");
  CHECK_THROWS_WITH(s.status_at(2), "daily_series::status_at: i = 2, must be < size() = 2");
  CHECK_THROWS_WITH(s.index_of(2024y / December / 31),
                    "daily_series::index_of: date = 2024-12-31, must be within [first_day, "
                    "last_day] = [2025-01-01, 2025-01-02]");
  CHECK_THROWS_WITH(s.index_of(2025y / February / 29),
                    "daily_series::index_of: date = 2025-02-29, must be a valid calendar date");
}

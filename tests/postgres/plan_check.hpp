#pragma once

// The library's own plan of what the adapters read, and the comparison of stored rows with
// it (to the columns' precision). Used by the generate_* tests: every stored number must be
// invforecast::plan()'s on the history read back.

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "invforecast/detail/dates.hpp"
#include "invforecast/planning/plan.hpp"
#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/demand.hpp"
#include "invforecast/postgres/forecasts.hpp"
#include "invforecast/postgres/replenishment.hpp"
#include "invforecast/series/daily_series.hpp"

namespace invforecast::pg::test {

/// plan() of the material's daily demand from the facility's earliest demand_history row to
/// `planning_day` (read back with get_demand_history: days without a row are 0). plan()
/// itself applies the launch date and policy.history_days.
inline invforecast::material_plan library_plan(
    connection& c, const scope& where, const std::string& material,
    const invforecast::planning_policy& policy, std::chrono::year_month_day planning_day,
    invforecast::inventory_position position = invforecast::batch_plan_options::unknown_stock()) {
  transaction tx(c, where.tenant_id);
  const result r = tx.exec("first day",
                           "SELECT min(demand_date) FROM demand_history WHERE tenant_id = $1::uuid "
                           "AND facility_id = $2::uuid AND deleted_at IS NULL",
                           {param(where.tenant_id), param(where.facility_id)});
  tx.commit();
  const std::chrono::year_month_day first = r.date(0, 0);
  const demand_series h = get_demand_history(c, where, material, first, planning_day);
  std::vector<double> y;
  for (const demand_day& d : h.days) y.push_back(d.actual_quantity);
  position.material = material;
  return invforecast::plan(
      invforecast::daily_series<double>::from_values(first, std::span<const double>(y)), position,
      policy);
}

/// A DECIMAL(p, 4) value equals x rounded to 4 decimals.
inline bool near4(double stored, double x) { return std::abs(stored - x) <= 0.5e-4 + 1e-9; }
/// A DECIMAL(15, 4) quantity column equals max(0, x) rounded to 4 decimals.
inline bool stored_as(double stored, double x) { return near4(stored, std::max(0.0, x)); }
/// DECIMAL(15, 2).
inline bool near2(double stored, double x) { return std::abs(stored - x) <= 0.5e-2 + 1e-9; }

/// The interval of `level`.
inline const invforecast::prediction_interval<double>& interval(const invforecast::material_plan& p,
                                                                double level) {
  return p.fit.fc.interval(level);
}

/// Every material_forecasts row of `rows` (one version, in date order from plan.as_of + 1)
/// holds the plan's numbers.
inline void check_forecast_rows(const std::vector<forecast_row>& rows,
                                const invforecast::material_plan& plan) {
  REQUIRE(rows.size() == plan.fit.fc.mean.size());
  const auto& i80 = interval(plan, 0.80);
  const auto& i95 = interval(plan, 0.95);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const forecast_row& f = rows[i];
    INFO("day " << i + 1 << " of " << plan.material);
    CHECK(f.forecast_date ==
          invforecast::detail::add_days(plan.as_of, static_cast<long long>(i) + 1));
    CHECK(stored_as(f.forecasted_quantity, plan.fit.fc.mean[i]));
    REQUIRE(f.lower_80);
    REQUIRE(f.upper_80);
    REQUIRE(f.lower_95);
    REQUIRE(f.upper_95);
    CHECK(stored_as(*f.lower_80, i80.lower[i]));
    CHECK(stored_as(*f.upper_80, i80.upper[i]));
    CHECK(stored_as(*f.lower_95, i95.lower[i]));
    CHECK(stored_as(*f.upper_95, i95.upper[i]));
    if (plan.accuracy) {
      REQUIRE(f.confidence);
      CHECK(near4(*f.confidence, plan.accuracy->confidence));
    } else {
      CHECK_FALSE(f.confidence);
    }
  }
}

/// The forecast_models row of a generation holds the plan's training window, size, algorithm
/// and backtest metrics (DECIMAL(10,4)).
inline void check_model_row(connection& owner, const std::string& forecast_model_id,
                            const invforecast::material_plan& plan) {
  const result m = owner.exec(
      "model",
      "SELECT training_start_date, training_end_date, training_sample_size, model_algorithm, "
      "test_mape, test_rmse, test_mae, test_bias, test_r_squared, "
      "model_hyperparameters->>'model', model_status, model_hyperparameters->>'backtest_refit' "
      "FROM forecast_models "
      "WHERE forecast_model_id = $1::uuid",
      {param(forecast_model_id)});
  REQUIRE(m.rows() == 1);
  CHECK(std::chrono::sys_days{m.date(0, 0)} == std::chrono::sys_days{plan.history_start});
  CHECK(std::chrono::sys_days{m.date(0, 1)} == std::chrono::sys_days{plan.as_of});
  CHECK(m.integer(0, 2) == static_cast<long long>(plan.history.size()));
  CHECK(m.text(0, 9) == plan.fit.model_name);
  CHECK(m.text(0, 10) == "ACTIVE");
  const auto metric = [&](int column, std::optional<double> x) {
    if (x) {
      REQUIRE(m.optional_number(0, column));
      CHECK(near4(*m.optional_number(0, column), *x));
    } else {
      CHECK(m.is_null(0, column));
    }
  };
  if (plan.accuracy) {
    CHECK(m.text(0, 11) == (plan.accuracy->refitted ? "full" : "fixed"));
    metric(4, plan.accuracy->mape);
    metric(5, plan.accuracy->rmse);
    metric(6, plan.accuracy->mae);
    metric(7, plan.accuracy->bias);
    metric(8, plan.accuracy->r_squared);
  } else {
    for (int c = 4; c <= 8; ++c) CHECK(m.is_null(0, c));
    CHECK(m.is_null(0, 11));
  }
}

/// A replenishment_suggestions row holds the plan's suggestion.
inline void check_suggestion_row(const replenishment_row& row,
                                 const invforecast::material_plan& plan) {
  INFO(plan.material);
  REQUIRE(plan.suggestion);
  const auto& s = *plan.suggestion;
  CHECK(row.material_id == plan.material);
  CHECK(row.status == "PENDING");
  CHECK(near4(row.on_hand, s.current_on_hand_quantity));
  CHECK(near4(row.allocated, s.current_allocated_quantity));
  CHECK(near4(row.available, s.current_available_quantity));
  CHECK(near4(row.on_order, s.current_on_order_quantity));
  CHECK(near4(row.safety_stock, plan.safety.safety_stock));
  CHECK(near4(row.reorder_point, plan.reorder_point));
  CHECK(row.economic_order_quantity.has_value() == s.economic_order_quantity.has_value());
  if (s.economic_order_quantity) {
    CHECK(near4(*row.economic_order_quantity, *s.economic_order_quantity));
  }
  CHECK(near4(row.demand_30_days, s.forecasted_demand_30_days));
  CHECK(row.demand_60_days.has_value() == s.forecasted_demand_60_days.has_value());
  if (s.forecasted_demand_60_days) CHECK(near4(*row.demand_60_days, *s.forecasted_demand_60_days));
  CHECK(row.demand_90_days.has_value() == s.forecasted_demand_90_days.has_value());
  if (s.forecasted_demand_90_days) CHECK(near4(*row.demand_90_days, *s.forecasted_demand_90_days));
  CHECK(row.projected_stockout_date == s.projected_stockout_date);
  CHECK(near4(row.recommended_quantity, s.recommended_order_quantity));
  CHECK(std::chrono::sys_days{row.order_date} == std::chrono::sys_days{s.recommended_order_date});
  REQUIRE(row.delivery_date);
  CHECK(std::chrono::sys_days{*row.delivery_date} ==
        std::chrono::sys_days{s.recommended_delivery_date});
  CHECK(row.unit_cost.has_value() == s.estimated_unit_cost.has_value());
  if (s.estimated_unit_cost) CHECK(near4(*row.unit_cost, *s.estimated_unit_cost));
  CHECK(row.total_cost.has_value() == s.estimated_total_cost.has_value());
  if (s.estimated_total_cost) CHECK(near2(*row.total_cost, *s.estimated_total_cost));
  CHECK(row.lead_time_days == s.vendor_lead_time_days);
  CHECK(row.calculation_method == invforecast::to_string(s.calculation_method));
  CHECK(row.urgency == std::string(invforecast::to_string(s.urgency_level)));
  CHECK(row.days_until_stockout == s.days_until_stockout);
  CHECK(row.reason.find(s.suggestion_reason) == 0);
}

}  // namespace invforecast::pg::test

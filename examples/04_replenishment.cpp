// 04 replenishment: one material's whole decision with invforecast::plan, from its demand
// history and inventory position to the reorder point, projected stockout, order quantity,
// order date and urgency (the columns of the ERP's replenishment_suggestions table).
//
// Material: sold 12 units every day for the 8 weeks to 2026-11-02 (a flat history, so that
// every number below can be checked by hand: the forecast is 12 a day and the model's
// lead-time demand has no variance); 120 on hand, 20 allocated, 50 on order arriving in 4 days;
// vendor lead time 7 days with a standard deviation of 1.5 days; next review in 7 days; unit
// cost 4.00; minimum order 100, multiples of 25. See docs/planning.md.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <invforecast/planning/plan.hpp>
#include <invforecast/series/calendar.hpp>
#include <invforecast/series/daily_series.hpp>

namespace {
void show(const char* title, const invforecast::material_plan& p) {
  using invforecast::to_iso_string;
  const auto& s = *p.suggestion;
  std::printf("== %s\n", title);
  std::printf("model %s, safety stock %.2f (%s)\n", p.fit.model_name.c_str(), p.safety.safety_stock,
              std::string(invforecast::to_string(p.safety.method)).c_str());
  std::printf("available %.2f, inventory position %.2f\n", s.current_available_quantity,
              s.inventory_position);
  std::printf("reorder point %.2f, target %.2f, EOQ %.2f\n", s.reorder_point_quantity,
              s.target_level, s.economic_order_quantity.value_or(0.0));
  if (s.days_until_stockout) {
    std::printf("stockout in %d days (%s)\n", *s.days_until_stockout,
                to_iso_string(*s.projected_stockout_date).c_str());
  } else {
    std::printf("no stockout within the forecast\n");
  }
  std::printf("order %.2f on %s, delivery %s, cost %.2f\n", s.recommended_order_quantity,
              to_iso_string(s.recommended_order_date).c_str(),
              to_iso_string(s.recommended_delivery_date).c_str(),
              s.estimated_total_cost.value_or(0.0));
  std::printf("urgency %s\n", std::string(invforecast::to_string(s.urgency_level)).c_str());
  std::printf("reason: %s\n", s.suggestion_reason.c_str());
}
}  // namespace

int main() {
  using namespace invforecast;
  using namespace std::chrono;
  const year_month_day today{2026y, November, 2d};  // the planning day: last day of history
  const std::vector<double> demand(56, 12.0);       // 12 units a day, oldest first
  const auto history =
      daily_series<double>::from_values(year_month_day{sys_days{today} - days{55}}, demand);

  inventory_position position{
      .material = "WIDGET-12",
      .on_hand = 120,
      .allocated = 20,
      .on_order = {{.quantity = 50, .due_date = year_month_day{sys_days{today} + days{4}}}},
      .lead_time_days = 7,
      .lead_time_sd_days = 1.5,
      .minimum_order_quantity = 100,
      .order_multiple = 25,
      .unit_cost = 4};
  planning_policy policy;  // service level 95 %, review period 7 days, 90-day forecast
  show("forecast based", plan(history, position, policy));

  policy.order_rule = calculation_method::eoq;  // order at least the economic order quantity
  show("EOQ", plan(history, position, policy));

  policy.order_rule = calculation_method::forecast_based;
  position.on_hand = 60;  // less stock, nothing on order: runs out within the lead time
  position.allocated = 0;
  position.on_order = {};
  show("short of stock", plan(history, position, policy));

  position.on_hand = 10;  // more allocated than on hand: nothing available
  position.allocated = 25;
  show("nothing available", plan(history, position, policy));
  return 0;
}

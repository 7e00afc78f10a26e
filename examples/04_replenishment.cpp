// 04 replenishment suggestion: from an inventory position and a daily forecast to an order
// quantity, order date and urgency (the columns of the ERP's replenishment_suggestions table).
//
// Material: 120 on hand, 20 allocated, 50 on order arriving in 4 days; forecast 12 units/day;
// safety stock 30; vendor lead time 7 days; next review in 7 days; unit cost 4.00; minimum
// order 100, multiples of 25.

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "invforecast/inventory/replenishment.hpp"
#include "invforecast/inventory/stockout.hpp"
#include "invforecast/series/calendar.hpp"

namespace {
void show(const char* title, const invforecast::replenishment_suggestion<double>& s) {
  using invforecast::to_iso_string;
  std::printf("== %s\n", title);
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
  const year_month_day today{2026y, November, 2d};
  const std::vector<double> forecast(60, 12.0);  // 12 units/day for 60 days, from tomorrow
  const std::vector<scheduled_receipt<double>> receipts{
      {.quantity = 50, .expected_date = year_month_day{sys_days{today} + days{4}}}};

  replenishment_input<double> in{.today = today,
                                 .on_hand = 120,
                                 .allocated = 20,
                                 .on_order = 50,
                                 .receipts = receipts,
                                 .daily_forecast = forecast,
                                 .safety_stock = 30,
                                 .vendor_lead_time_days = 7,
                                 .review_period_days = 7,
                                 .unit_cost = 4,
                                 .minimum_order_quantity = 100,
                                 .order_multiple = 25};
  show("forecast based", suggest_replenishment<double>(in));

  in.method = calculation_method::eoq;  // order at least the economic order quantity
  show("EOQ", suggest_replenishment<double>(in));

  in.method = calculation_method::forecast_based;
  in.on_hand = 60;  // less stock, nothing on order: runs out within the lead time
  in.allocated = 0;
  in.on_order = 0;
  in.receipts = {};
  show("short of stock", suggest_replenishment<double>(in));

  in.on_hand = 10;  // more allocated than on hand: nothing available
  in.allocated = 25;
  show("nothing available", suggest_replenishment<double>(in));
  return 0;
}

// 00 plan all materials: the shortest correct ERP integration. Demand records (material, date,
// quantity) and inventory positions in, a purchase decision for every material out, planned in
// parallel, one typed error per material that cannot be planned. The part between the README
// markers is README.md's "Use it" block, word for word (a ctest compares them).
//
// The data (load_demand, load_positions below) stands in for the ERP's tables and is chosen so
// that the result can be checked by hand: see examples/expected.cmake and docs/planning.md.

// README begin
#include <cstdio>
#include <invforecast/invforecast.hpp>

std::vector<invforecast::demand_row> load_demand();             // ERP: material, date, quantity
std::vector<invforecast::inventory_position> load_positions();  // stock, lead time, MOQ, ...

int main() {
  const auto plans = invforecast::plan(load_demand(), load_positions(), {}, {.threads = 8});
  for (const invforecast::plan_outcome& p : plans) {
    if (!p.ok())
      std::printf("%s failed: %s\n", p.material.c_str(), p.error.c_str());
    else if (const auto& s = p.plan->suggestion; s && s->recommended_order_quantity > 0)
      std::printf("%s: order %g by %s, %s\n", p.material.c_str(), s->recommended_order_quantity,
                  invforecast::to_iso_string(s->recommended_order_date).c_str(),
                  invforecast::to_string(s->urgency_level).data());
  }
}
// README end

// 90 days of demand to 2026-10-31 (the planning day): BOLT-M8 sells 20 a day, NUT-M8 5 a day,
// SEAL-KIT 2 a day (no inventory position: forecast and safety stock, no order).
std::vector<invforecast::demand_row> load_demand() {
  using namespace std::chrono;
  std::vector<invforecast::demand_row> rows;
  for (int day = 0; day < 90; ++day) {
    const year_month_day date{sys_days{2026y / October / 31} - days{89 - day}};
    rows.push_back({"BOLT-M8", date, 20.0});
    rows.push_back({"NUT-M8", date, 5.0});
    rows.push_back({"SEAL-KIT", date, 2.0});
  }
  return rows;
}

// BOLT-M8: 100 on hand, lead time 7 days (sd 2), multiples of 10. NUT-M8: 1000 on hand.
// WIDGET-NEW: launched on 2026-11-15, after the planning day: no history yet, a typed error.
std::vector<invforecast::inventory_position> load_positions() {
  using namespace std::chrono;
  return {{.material = "BOLT-M8",
           .on_hand = 100,
           .lead_time_days = 7,
           .lead_time_sd_days = 2,
           .order_multiple = 10},
          {.material = "NUT-M8", .on_hand = 1000},
          {.material = "WIDGET-NEW", .on_hand = 0, .launch_date = 2026y / November / 15}};
}

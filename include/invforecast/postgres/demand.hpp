#pragma once

/// @file
/// demand_history: zero-filled daily reads, recording demand (upsert, adding to the day),
/// backfilling from inventory transactions, and writing each day's forecast and forecast
/// errors into the row when the actual demand is known.

#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// One day of a material's demand.
struct demand_day {
  std::chrono::year_month_day date{};
  double actual_quantity = 0;                         ///< 0 for a day without a row
  std::optional<double> forecasted_quantity{};        ///< the forecast written back for this day
  std::optional<double> forecast_error{};             ///< actual - forecast
  std::optional<double> absolute_percentage_error{};  ///< percent (NULL when actual is 0)
  bool recorded = false;                              ///< a (not deleted) row exists for the day
};

/// A material's demand for every day of a range (days without a row filled with zero).
struct demand_series {
  std::string material_id{};
  std::chrono::year_month_day first_day{};
  std::chrono::year_month_day last_day{};
  std::string uom{};               ///< demand_uom of the latest row ("" when no row)
  std::vector<demand_day> days{};  ///< first_day .. last_day, one per day
};

/// Reads a material's daily demand for [from, to] (at most 20 000 days), filling days without
/// a row (or with a soft-deleted row) with zero demand.
/// @throws invalid_argument when an id is not a UUID, from > to, or the range is too long
/// @throws sql_error on a database error
[[nodiscard]] demand_series get_demand_history(connection& conn, const scope& where,
                                               std::string_view material_id,
                                               std::chrono::year_month_day from,
                                               std::chrono::year_month_day to);

/// Where a demand quantity came from (the demand_history source column it is added to).
enum class demand_source { sales_order, production_order, transfer_order, scrap, other };

/// One day's demand of a material to record.
struct demand_entry {
  std::string material_id{};
  std::chrono::year_month_day date{};
  double quantity = 0;  ///< >= 0
  std::string uom{};    ///< demand_uom (VARCHAR(10)); stored verbatim
  demand_source source = demand_source::other;
  std::optional<double> avg_unit_price{};
  std::optional<double> promotional_discount_pct{};  ///< clamped to DECIMAL(5,2)
  bool is_holiday = false;
  bool is_promotional_period = false;
  bool marketing_campaign_active = false;
};

/// How recorded quantities combine with a day that already has a row.
enum class upsert_mode {
  add,     ///< add to the day's quantities (record_demand: several events per day)
  replace  ///< overwrite the day's quantities (idempotent backfill)
};

/// Options of record_demand and backfill_demand_history.
struct record_options {
  upsert_mode mode = upsert_mode::add;
  std::string user = "invforecast";  ///< created_by / updated_by
  /// Also write the day's ACTIVE forecast, forecast_error and absolute_percentage_error into
  /// the rows touched (see apply_forecasts_to_history).
  bool apply_forecasts = true;
};

/// Records demand: one upsert per (material, day) on the unique key (tenant, facility,
/// material, day); entries for the same material and day in one call are summed first. A
/// soft-deleted row is revived with the new quantities. Calendar columns (year, month, ISO
/// week, ISO weekday, quarter) come from the date. Everything in one transaction.
/// @throws invalid_argument when an id is not a UUID, a quantity is negative, not finite or
///   too large for DECIMAL(15,4), or a UOM is empty or longer than 10 characters (nothing is
///   written)
/// @throws sql_error on a database error (nothing is written)
write_report record_demand(connection& conn, const scope& where,
                           std::span<const demand_entry> entries,
                           const record_options& options = {});

/// Kind of an inventory transaction (which demand source column it feeds).
enum class transaction_kind { sales_order, production_order, transfer_order, scrap };

/// An inventory issue supplied by the caller (e.g. from the ERP's inventory ledger).
struct inventory_transaction {
  std::string material_id{};
  std::chrono::year_month_day date{};
  double quantity = 0;  ///< issued quantity, >= 0
  std::string uom{};
  transaction_kind kind = transaction_kind::sales_order;
};

/// Builds daily demand from inventory transactions (summed per material, day and kind) and
/// upserts it; by default each day present in the input is replaced, so running the same
/// backfill twice gives the same table. Rows are sent in chunks of 5 000 days, all in one
/// transaction.
/// @throws invalid_argument as record_demand
/// @throws sql_error on a database error (nothing is written)
write_report backfill_demand_history(connection& conn, const scope& where,
                                     std::span<const inventory_transaction> transactions,
                                     const record_options& options = {
                                         .mode = upsert_mode::replace});

/// Writes, for every demand_history row of [from, to] (optionally only the given materials),
/// the ACTIVE forecast made for that day (manual override when present; the highest version
/// when several are ACTIVE) into forecasted_demand_quantity, forecast_error = actual -
/// forecast and absolute_percentage_error = 100 |error| / actual (NULL when actual = 0;
/// clamped to 999.99 and counted when larger). Rows without a forecast are left as they are.
/// @throws invalid_argument when an id is not a UUID or from > to
/// @throws sql_error on a database error (nothing is written)
write_report apply_forecasts_to_history(connection& conn, const scope& where,
                                        std::chrono::year_month_day from,
                                        std::chrono::year_month_day to,
                                        std::span<const std::string> material_ids = {});

}  // namespace invforecast::pg

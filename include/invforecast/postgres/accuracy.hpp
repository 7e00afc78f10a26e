#pragma once

/// @file
/// forecast_accuracy_metrics: calculating and storing accuracy for a period and aggregation
/// level, reading the stored metrics, and the 30/60/90-day accuracy summary per material.
/// Conventions (docs/accuracy.md): error e = actual - forecast; bias = mean e (positive =
/// under-forecasting); MAPE in percent over the non-zero actuals (NULL when every actual is
/// 0); tracking signal = sum e / MAD.

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "invforecast/postgres/connection.hpp"
#include "invforecast/postgres/types.hpp"

namespace invforecast::pg {

/// forecast_accuracy_metrics.aggregation_level.
enum class aggregation_level { daily, weekly, monthly, quarterly, yearly };

/// "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY".
[[nodiscard]] std::string_view to_string(aggregation_level level) noexcept;

/// One forecast_accuracy_metrics row.
struct accuracy_metric_row {
  std::string metric_id{};
  std::string material_id{};
  std::chrono::year_month_day period_start{};
  std::chrono::year_month_day period_end{};
  std::string aggregation_level{};
  std::optional<double> mape{}, rmse{}, mae{}, bias{}, tracking_signal{};
  int sample_size = 0;
  double total_actual = 0;
  double total_forecast = 0;
  bool within_tolerance = false;
  std::optional<double> target_mape{};
  std::size_t zero_actuals_excluded = 0;  ///< MAPE terms left out (calculate only; 0 on read)
  std::size_t clamped_values = 0;         ///< values clamped to DECIMAL(10,4) (calculate only)
};

/// What calculate_forecast_accuracy computes.
struct accuracy_request {
  /// Materials; empty = every material with an ACTIVE forecast dated in the period.
  std::vector<std::string> material_ids{};
  std::chrono::year_month_day period_start{};
  std::chrono::year_month_day period_end{};  ///< >= period_start, at most 3660 days later
  aggregation_level level = aggregation_level::daily;
  /// MAPE target (percent); unset = materials.target_forecast_accuracy_pct when the column
  /// exists, else 20.
  std::optional<double> target_mape{};
};

/// Computes the accuracy of the ACTIVE forecasts (manual override when present) made for the
/// days of the period against the actual demand (0 for a day without a demand row), per
/// material, and upserts one row per material on the table's unique key. With a level above
/// daily, actuals and forecasts are summed per calendar period (ISO week, month, ...) first
/// and the metrics are computed over those totals (sample_size = number of periods). Days
/// without a forecast are left out; a material without any is skipped.
/// @throws invalid_argument when an id is not a UUID or the period is invalid
/// @throws sql_error on a database error (nothing is written)
std::vector<accuracy_metric_row> calculate_forecast_accuracy(connection& conn, const scope& where,
                                                             const accuracy_request& request);

/// Reads stored metrics of a material whose period ends in [from, to] (unset = unbounded),
/// newest period end first.
/// @throws invalid_argument when an id is not a UUID
/// @throws sql_error on a database error
[[nodiscard]] std::vector<accuracy_metric_row> get_forecast_accuracy_metrics(
    connection& conn, const scope& where, std::string_view material_id,
    std::optional<std::chrono::year_month_day> from = std::nullopt,
    std::optional<std::chrono::year_month_day> to = std::nullopt);

/// Accuracy of one trailing window.
struct accuracy_window {
  int days = 0;                  ///< 30, 60 or 90
  std::optional<double> mape{};  ///< percent over days with actual > 0 (NULL when none)
  std::optional<double> bias{};  ///< mean (actual - forecast); NULL when no day has a forecast
  int sample_size = 0;           ///< days with a written-back forecast
};

/// 30/60/90-day accuracy of one material.
struct accuracy_summary_row {
  std::string material_id{};
  std::array<accuracy_window, 3> windows{};  ///< 30, 60, 90 days
};

/// The 30/60/90-day MAPE and bias per material from demand_history's written-back forecasts
/// (forecasted_demand_quantity, forecast_error) for the windows ending the day before as_of
/// (unset = server's current_date); optionally one material only. One query.
/// @throws invalid_argument when an id is not a UUID
/// @throws sql_error on a database error
[[nodiscard]] std::vector<accuracy_summary_row> get_accuracy_summary(
    connection& conn, const scope& where,
    std::optional<std::chrono::year_month_day> as_of = std::nullopt,
    std::optional<std::string> material_id = std::nullopt);

}  // namespace invforecast::pg

#pragma once

/// @file
/// Replenishment urgency, exactly as the ERP's database function
/// calculate_replenishment_urgency: CRITICAL when available <= 0; else HIGH when the days until
/// stockout <= the vendor lead time; else MEDIUM when available < safety stock; else LOW.

#include <concepts>
#include <optional>
#include <string_view>
#include <type_traits>

#include "invforecast/detail/check.hpp"
#include "invforecast/inventory/detail/inventory_common.hpp"

namespace invforecast {

/// Urgency of a replenishment suggestion (ordered: low < medium < high < critical).
enum class urgency { low, medium, high, critical };

/// The ERP's urgency_level value: "LOW", "MEDIUM", "HIGH", "CRITICAL".
[[nodiscard]] constexpr std::string_view to_string(urgency level) noexcept {
  switch (level) {
    case urgency::low:
      return "LOW";
    case urgency::medium:
      return "MEDIUM";
    case urgency::high:
      return "HIGH";
    case urgency::critical:
      return "CRITICAL";
  }
  return "LOW";
}

/// Inputs of the urgency rule.
template <std::floating_point T = double>
struct urgency_input {
  T available = 0;     ///< on hand - allocated
  T safety_stock = 0;  ///< units
  /// Days until the projected stockout (0 = today); empty when none is projected, which
  /// (like SQL NULL in the ERP's comparison) never makes the suggestion HIGH.
  std::optional<int> days_until_stockout{};
  int vendor_lead_time_days = 0;  ///< L, whole days
};

/// The ERP's urgency rule, in this order: CRITICAL when available <= 0; HIGH when
/// days_until_stockout <= vendor_lead_time_days; MEDIUM when available < safety_stock;
/// LOW otherwise.
/// @throws invalid_argument when available or safety_stock is not finite, or the lead time
///         or days until stockout is negative.
template <std::floating_point T = double>
[[nodiscard]] urgency replenishment_urgency(const std::type_identity_t<urgency_input<T>>& input) {
  constexpr std::string_view fn = "replenishment_urgency";
  detail::check_bounded(fn, "available", input.available, detail::max_total);
  detail::check_bounded(fn, "safety_stock", input.safety_stock);
  detail::check_days(fn, "vendor_lead_time_days", input.vendor_lead_time_days);
  if (input.days_until_stockout) {
    detail::check_non_negative(fn, "days_until_stockout", *input.days_until_stockout);
  }
  if (input.available <= 0) return urgency::critical;
  if (input.days_until_stockout && *input.days_until_stockout <= input.vendor_lead_time_days) {
    return urgency::high;
  }
  if (input.available < input.safety_stock) return urgency::medium;
  return urgency::low;
}

}  // namespace invforecast

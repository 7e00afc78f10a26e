#pragma once

/// @file
/// Syntetos-Boylan-Croston demand classification (ADI / CV^2) and the ERP's demand_pattern
/// strings. See docs/intermittent.md.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <span>
#include <string_view>
#include <type_traits>

#include "invforecast/detail/check.hpp"
#include "invforecast/intermittent/detail/common.hpp"

namespace invforecast {

/// Demand pattern. classify_demand() returns one of the first four; `seasonal` is set by
/// callers that detected seasonality (e.g. the forecaster), since ADI / CV^2 cannot see it.
enum class demand_pattern {
  smooth,        ///< ADI <= cutoff, CV^2 <= cutoff.
  erratic,       ///< ADI <= cutoff, CV^2 > cutoff.
  intermittent,  ///< ADI > cutoff, CV^2 <= cutoff.
  lumpy,         ///< ADI > cutoff, CV^2 > cutoff.
  seasonal       ///< Seasonal demand (not produced by classify_demand).
};

/// Result of classify_demand().
template <std::floating_point T = double>
struct demand_classification {
  /// Average inter-demand interval: the mean of the intervals between demands, the first
  /// counted from the start of the series (= 1-based index of the last demand / nonzero).
  /// 1 for a series without zeros. All zeros: set to n (a lower bound; see cv2_defined).
  T adi{};
  /// Squared coefficient of variation of the non-zero sizes, (sd / mean)^2 with the sample
  /// (n - 1) standard deviation. 0 when undefined (fewer than two non-zero values).
  T cv2{};
  /// Number of non-zero periods.
  std::size_t nonzero{};
  /// The class.
  demand_pattern pattern{demand_pattern::smooth};
  /// False when fewer than two non-zero values exist, so CV^2 is undefined (reported as 0).
  bool cv2_defined{};
};

/// The ERP's demand_pattern value: smooth -> "STABLE", erratic -> "ERRATIC",
/// intermittent -> "INTERMITTENT", lumpy -> "LUMPY", seasonal -> "SEASONAL".
[[nodiscard]] constexpr std::string_view erp_demand_pattern(demand_pattern pattern) noexcept {
  switch (pattern) {
    case demand_pattern::erratic:
      return "ERRATIC";
    case demand_pattern::intermittent:
      return "INTERMITTENT";
    case demand_pattern::lumpy:
      return "LUMPY";
    case demand_pattern::seasonal:
      return "SEASONAL";
    case demand_pattern::smooth:
      break;
  }
  return "STABLE";
}

/// Syntetos-Boylan-Croston classification of a demand series.
///
/// ADI = mean of the inter-demand intervals k_1..k_m (k_1 = 1-based index of the first
/// demand, k_j the gaps after it) = (1-based index of the last demand) / m, the definition of
/// tsintermittent::idclass and of Croston's interval process: trailing zeros after the last
/// demand are not an observed interval and do not count. CV^2 = (sd / mean)^2 of the non-zero
/// values, sample sd. Classes: ADI > adi_cutoff is "high", CV^2 > cv2_cutoff is "high"
/// (strict, as idclass): smooth (low, low), erratic (low, high), intermittent (high, low),
/// lumpy (high, high).
/// Edge cases: no zeros -> ADI = 1; one non-zero value -> CV^2 undefined, reported 0 with
/// cv2_defined = false (classified on ADI alone); all zeros -> nonzero = 0, ADI = n,
/// CV^2 = 0, cv2_defined = false, pattern intermittent.
/// Complexity O(n), no allocation.
/// Source: Syntetos, Boylan & Croston (2005), JORS 56, "On the categorization of demand
/// patterns"; cut-offs 1.32 and 0.49.
///
/// Any contiguous range of T is accepted for y (T is double unless given:
/// `classify_demand<float>(y)`):
/// @code
/// std::vector<double> y = {0, 3, 0, 0, 5, 0, 2};
/// auto c = invforecast::classify_demand(y);  // c.pattern, c.adi, c.cv2
/// @endcode
///
/// @param y demand per period, oldest first; every value finite, >= 0 and <= 1e15
///   (detail::max_magnitude, docs/errors.md "Limits").
/// @param adi_cutoff ADI threshold, finite and > 0 (default 1.32).
/// @param cv2_cutoff CV^2 threshold, finite and >= 0 (default 0.49).
/// @return ADI, CV^2, non-zero count and class.
/// @throws insufficient_data when y is empty.
/// @throws invalid_argument naming the index and value of the first negative, non-finite or
///         too large y, or when a cut-off is out of range.
template <std::floating_point T = double>
[[nodiscard]] demand_classification<T> classify_demand(
    std::type_identity_t<std::span<const T>> y, std::type_identity_t<T> adi_cutoff = T(1.32),
    std::type_identity_t<T> cv2_cutoff = T(0.49)) {
  constexpr std::string_view fn = "classify_demand";
  detail::intermittent::check_demand(fn, y);
  detail::check_positive(fn, "adi_cutoff", adi_cutoff);
  detail::check_non_negative(fn, "cv2_cutoff", cv2_cutoff);

  demand_classification<T> out;
  std::size_t last = 0;  // 1-based index of the last demand
  T mean = 0;            // running mean and sum of squared deviations (Welford)
  T m2 = 0;
  for (std::size_t t = 0; t < y.size(); ++t) {
    if (y[t] > 0) {
      ++out.nonzero;
      last = t + 1;
      const T d = y[t] - mean;
      mean += d / static_cast<T>(out.nonzero);
      m2 += d * (y[t] - mean);
    }
  }
  if (out.nonzero == 0) {
    out.adi = static_cast<T>(y.size());
    out.pattern = demand_pattern::intermittent;
    return out;
  }
  out.adi = static_cast<T>(last) / static_cast<T>(out.nonzero);
  if (out.nonzero >= 2) {
    const T cv = std::sqrt(m2 / static_cast<T>(out.nonzero - 1)) / mean;
    out.cv2 = cv * cv;
    out.cv2_defined = true;
  }
  const bool high_adi = out.adi > adi_cutoff;
  const bool high_cv2 = out.cv2 > cv2_cutoff;
  out.pattern = high_adi ? (high_cv2 ? demand_pattern::lumpy : demand_pattern::intermittent)
                         : (high_cv2 ? demand_pattern::erratic : demand_pattern::smooth);
  return out;
}

}  // namespace invforecast

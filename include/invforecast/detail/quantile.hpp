#pragma once

/// @file
/// The library's one set of sample quantiles (Hyndman & Fan 1996, numbered as R's quantile()
/// types): type 1 (inverse of the empirical distribution function) and type 7 (R's default,
/// linear) for the empirical safety stock, type 8 (median-unbiased, R's simulate/forecast
/// choice) for simulated prediction intervals, and the order-statistic placement that lets
/// type 8 read a few quantiles of unsorted data without a full sort. No argument checks here:
/// the public callers check (sorted non-empty, p in [0, 1]).

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <span>
#include <vector>

namespace invforecast::detail {

/// R type 1 of ascending data (non-empty, p in [0, 1]): the smallest x_(j) with j / n >= p,
/// x_(1) for p <= 1 / n. A tolerance of 64 epsilon keeps n p = integer exact.
template <std::floating_point T>
[[nodiscard]] T quantile_type1(std::span<const T> sorted, T p) {
  const std::size_t n = sorted.size();
  const T np = static_cast<T>(n) * p;
  auto j = static_cast<std::size_t>(
      std::ceil(np - T(64) * std::numeric_limits<T>::epsilon() * std::max(T(1), np)));
  j = std::clamp<std::size_t>(j, 1, n);
  return sorted[j - 1];
}

/// R type 7 of ascending data (non-empty, p in [0, 1]): h = (n - 1) p,
/// x_(floor h + 1) + (h - floor h)(x_(floor h + 2) - x_(floor h + 1)).
template <std::floating_point T>
[[nodiscard]] T quantile_type7(std::span<const T> sorted, T p) {
  const std::size_t n = sorted.size();
  const T h = static_cast<T>(n - 1) * p;
  const T lower = std::floor(h);
  const auto i = static_cast<std::size_t>(lower);
  if (i + 1 >= n) return sorted[n - 1];
  return sorted[i] + (h - lower) * (sorted[i + 1] - sorted[i]);
}

/// The two order statistics R's type-8 quantile at p reads from n sorted values (0-based
/// positions, clamped to the data), and the weight of the second.
template <std::floating_point T>
struct type8_positions {
  std::size_t lower = 0;
  std::size_t upper = 0;
  T weight{};
  type8_positions(std::size_t n, T p) {
    const T np = static_cast<T>(n) * p + (p + T(1)) / T(3);
    const T jf = std::floor(np);
    weight = np - jf;
    const auto last = static_cast<long long>(n);
    const auto j = static_cast<long long>(jf);  // 1-based
    lower = static_cast<std::size_t>(std::clamp(j, 1LL, last) - 1);
    upper = static_cast<std::size_t>(std::clamp(j + 1, 1LL, last) - 1);
  }
};

/// R's quantile type 8 (median-unbiased) of sorted data (or of data whose type-8 positions
/// for p place_order_statistics has placed).
template <std::floating_point T>
T quantile_type8(std::span<const T> sorted, T p) {
  if (sorted.empty()) return T(0);
  const type8_positions<T> at(sorted.size(), p);
  return (T(1) - at.weight) * sorted[at.lower] + at.weight * sorted[at.upper];
}

/// The positions quantile_type8 reads from n values for each of the probabilities, sorted and
/// without repeats.
template <std::floating_point T>
std::vector<std::size_t> type8_order_positions(std::size_t n, std::span<const T> probabilities) {
  std::vector<std::size_t> positions;
  if (n == 0) return positions;
  positions.reserve(2 * probabilities.size());
  for (const T p : probabilities) {
    const type8_positions<T> at(n, p);
    positions.push_back(at.lower);
    positions.push_back(at.upper);
  }
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  return positions;
}

/// Puts at each of `positions` (sorted, inside [lo, hi)) the value a full sort of
/// values[lo, hi) would put there: the middle one by std::nth_element (or a minimum or maximum
/// scan at the range's ends), then the others in the two halves it leaves.
template <std::floating_point T>
void place_order_statistics(std::span<T> values, std::span<const std::size_t> positions,
                            std::size_t lo, std::size_t hi) {
  if (positions.empty()) return;
  const std::size_t mid = positions.size() / 2;
  const std::size_t k = positions[mid];
  const auto at = [&](std::size_t i) { return values.begin() + static_cast<std::ptrdiff_t>(i); };
  if (k == lo) {
    std::iter_swap(at(k), std::min_element(at(lo), at(hi)));
  } else if (k + 1 == hi) {
    std::iter_swap(at(k), std::max_element(at(lo), at(hi)));
  } else {
    std::nth_element(at(lo), at(k), at(hi));
  }
  place_order_statistics(values, positions.first(mid), lo, k);
  place_order_statistics(values, positions.subspan(mid + 1), k + 1, hi);
}

/// place_order_statistics over all of `values`. With the positions of type8_order_positions,
/// quantile_type8 then reads the sorted data's quantiles, bit for bit, without a sort.
template <std::floating_point T>
void place_order_statistics(std::span<T> values, std::span<const std::size_t> positions) {
  place_order_statistics(values, positions, 0, values.size());
}

}  // namespace invforecast::detail

#pragma once

/// @file
/// Two-lane packs of a floating-point type (GCC/Clang vector extensions) and the few helpers
/// that let one body of code run on a scalar (one lane) or a pack (two lanes). A pack's
/// arithmetic is lane by lane and in the scalar's order, so each lane gets the scalar's result
/// bit for bit.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <type_traits>

namespace invforecast::detail {

/// lane_pair<T>::type is a pack of two T where the compiler has one (double and float with GCC
/// and Clang); `available` says whether it exists.
template <std::floating_point T>
struct lane_pair {
  static constexpr bool available = false;
};

#if defined(__GNUC__)
template <>
struct lane_pair<double> {
  static constexpr bool available = true;
  typedef double type __attribute__((vector_size(2 * sizeof(double))));
};
template <>
struct lane_pair<float> {
  static constexpr bool available = true;
  typedef float type __attribute__((vector_size(2 * sizeof(float))));
};
#endif

/// Number of lanes of V, a T or a pack of T.
template <typename V, std::floating_point T>
inline constexpr std::size_t lane_count = std::is_same_v<V, T> ? 1 : 2;

template <std::floating_point T>
[[nodiscard]] inline T lane(T v, std::size_t) noexcept {
  return v;
}
template <typename V>
[[nodiscard]] inline auto lane(const V& v, std::size_t i) noexcept
    -> std::remove_cvref_t<decltype(v[0])> {
  return v[i];
}

template <std::floating_point T>
inline void set_lane(T& v, std::size_t, T x) noexcept {
  v = x;
}
template <typename V, std::floating_point T>
inline void set_lane(V& v, std::size_t i, T x) noexcept {
  v[i] = x;
}

/// V with every lane equal to x (no arithmetic: -0 stays -0).
template <typename V, std::floating_point T>
[[nodiscard]] inline V splat(T x) noexcept {
  if constexpr (std::is_same_v<V, T>) {
    return x;
  } else {
    return V{x, x};
  }
}

/// V whose lane l is get(l).
template <typename V, std::floating_point T, typename Get>
[[nodiscard]] inline V gather(Get&& get) noexcept {
  V v = splat<V>(T(0));
  for (std::size_t l = 0; l < lane_count<V, T>; ++l) set_lane(v, l, static_cast<T>(get(l)));
  return v;
}

/// |v| lane by lane.
template <typename V, std::floating_point T>
[[nodiscard]] inline V abs_lanes(V v) noexcept {
  for (std::size_t l = 0; l < lane_count<V, T>; ++l) set_lane(v, l, std::abs(lane(v, l)));
  return v;
}

/// Whether any lane of a comparison result (or of comparisons combined with | and &) is true.
[[nodiscard]] inline bool any_lane(bool c) noexcept { return c; }
[[nodiscard]] inline bool any_lane(int c) noexcept { return c != 0; }
template <typename M>
[[nodiscard]] inline bool any_lane(const M& c) noexcept {
  return (c[0] | c[1]) != 0;
}

/// Whether every lane of a comparison result (or of comparisons combined with | and &) is true.
[[nodiscard]] inline bool all_lanes(bool c) noexcept { return c; }
[[nodiscard]] inline bool all_lanes(int c) noexcept { return c != 0; }
template <typename M>
[[nodiscard]] inline bool all_lanes(const M& c) noexcept {
  return (c[0] & c[1]) != 0;
}

}  // namespace invforecast::detail

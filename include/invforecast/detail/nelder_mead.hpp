#pragma once

/// @file
/// Nelder-Mead simplex minimiser with the conventions of R's optim(method = "Nelder-Mead")
/// (J. C. Nash, "Compact Numerical Methods for Computers", 1990, algorithm 19), which R's
/// forecast::ets uses through its own C entry point: same initial simplex (step = 10 % of the
/// largest |parameter|, 0.1 when all are zero), same reflection / expansion / contraction /
/// shrink order, convergence when f(high) <= f(low) + reltol * (|f(start)| + reltol), and a
/// budget counted in function evaluations. Non-finite objective values count as 1e35.

#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace invforecast::detail {

/// Settings of nelder_mead(); the defaults are R's ets() settings.
template <std::floating_point T>
struct nelder_mead_settings {
  T abstol = -std::numeric_limits<T>::infinity();
  T reltol = std::sqrt(std::numeric_limits<T>::epsilon());
  T reflection = T(1);     ///< alpha
  T contraction = T(0.5);  ///< beta
  T expansion = T(2);      ///< gamma
  int max_evaluations = 2000;
};

/// Outcome of nelder_mead().
template <std::floating_point T>
struct nelder_mead_result {
  T value{};
  int evaluations = 0;
  /// 0 converged, 1 evaluation budget exhausted, 10 simplex failed to shrink (R's codes).
  int status = 0;
};

/// Reusable storage: the simplex (n + 1 vertices of n coordinates plus their values), the
/// centroid and a trial point. Reused across calls of the same dimension without allocating.
template <std::floating_point T>
struct nelder_mead_workspace {
  std::vector<T> vertices;  // (n + 1) * n, vertex j at [j * n, (j + 1) * n)
  std::vector<T> values;    // n + 1
  std::vector<T> centroid;  // n
  std::vector<T> trial;     // n
  std::vector<T> spare;     // n: the contraction towards a reflected point, evaluated ahead
  void resize(std::size_t n) {
    vertices.resize((n + 1) * n);
    values.resize(n + 1);
    centroid.resize(n);
    trial.resize(n);
    spare.resize(n);
  }
};

/// An objective that can evaluate a second point alongside the first at little cost:
/// with_spare(p, spare) returns f(p) and, optionally, f(spare).
template <typename Objective, typename T>
concept objective_with_spare = requires(Objective& f, std::span<const T> p) {
  { f.with_spare(p, p) } -> std::same_as<std::pair<T, std::optional<T>>>;
};

/// Minimises `objective(std::span<const T>) -> T` starting from `x` (overwritten with the best
/// vertex). The objective is a template parameter (no std::function in the loop). An objective
/// with with_spare() (objective_with_spare) gets the vertices of a new or shrunk simplex two at
/// a time, and each reflected point together with the contraction towards it, which the step
/// after a reflection that lands between the best and the worst vertex needs. The search path,
/// the result and the evaluation count are the same as without it (an unused spare value is
/// not counted).
template <std::floating_point T, typename Objective>
nelder_mead_result<T> nelder_mead(Objective&& objective, std::span<T> x,
                                  const nelder_mead_settings<T>& settings,
                                  nelder_mead_workspace<T>& ws) {
  constexpr T big = T(1.0e35);
  const std::size_t n = x.size();
  nelder_mead_result<T> result;
  if (settings.max_evaluations <= 0 || n == 0) {
    result.value = objective(std::span<const T>(x.data(), n));
    return result;
  }
  ws.resize(n);
  const auto vertex = [&](std::size_t j) { return std::span<T>(ws.vertices.data() + j * n, n); };
  const auto counted = [&](T f) {
    if (!std::isfinite(f)) f = big;
    ++result.evaluations;
    return f;
  };
  const auto eval = [&](std::span<const T> p) { return counted(objective(p)); };

  T f = objective(std::span<const T>(x.data(), n));
  result.evaluations = 1;
  if (!std::isfinite(f)) {
    // R stops with "function cannot be evaluated at initial parameters".
    result.value = std::numeric_limits<T>::infinity();
    result.status = 2;
    return result;
  }
  const T convtol = settings.reltol * (std::abs(f) + settings.reltol);
  std::size_t low = 0;  // index of the best vertex
  {
    auto v0 = vertex(0);
    for (std::size_t i = 0; i < n; ++i) v0[i] = x[i];
    ws.values[0] = f;
  }
  T step = 0;
  for (std::size_t i = 0; i < n; ++i) step = std::max(step, T(0.1) * std::abs(x[i]));
  if (step == T(0)) step = T(0.1);
  T size = 0;
  for (std::size_t j = 1; j <= n; ++j) {
    auto v = vertex(j);
    for (std::size_t i = 0; i < n; ++i) v[i] = x[i];
    T trystep = step;
    while (v[j - 1] == x[j - 1]) {
      v[j - 1] = x[j - 1] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  T oldsize = size;
  bool calcvert = true;
  for (;;) {
    if (calcvert) {
      // Every vertex but the best; an objective with_spare takes them two at a time.
      std::size_t waiting = n + 1;  // a vertex waiting for a partner (none: n + 1)
      for (std::size_t j = 0; j <= n; ++j) {
        if (j == low) continue;
        if constexpr (objective_with_spare<Objective, T>) {
          if (waiting > n) {
            waiting = j;
            continue;
          }
          const auto [f_first, f_second] = objective.with_spare(vertex(waiting), vertex(j));
          ws.values[waiting] = counted(f_first);
          ws.values[j] = f_second ? counted(*f_second) : eval(vertex(j));
          waiting = n + 1;
        } else {
          ws.values[j] = eval(vertex(j));
        }
      }
      if (waiting <= n) ws.values[waiting] = eval(vertex(waiting));
      calcvert = false;
    }
    T vl = ws.values[low];
    T vh = vl;
    std::size_t high = low;
    for (std::size_t j = 0; j <= n; ++j) {
      if (j == low) continue;
      const T fj = ws.values[j];
      if (fj < vl) {
        low = j;
        vl = fj;
      }
      if (fj > vh) {
        high = j;
        vh = fj;
      }
    }
    if (vh <= vl + convtol || vl <= settings.abstol) break;

    // Centroid of all vertices but the highest.
    for (std::size_t i = 0; i < n; ++i) {
      T temp = -ws.vertices[high * n + i];
      for (std::size_t j = 0; j <= n; ++j) temp += ws.vertices[j * n + i];
      ws.centroid[i] = temp / static_cast<T>(n);
    }
    const T a = settings.reflection;
    const T b = settings.contraction;
    for (std::size_t i = 0; i < n; ++i) {
      ws.trial[i] = (T(1) + a) * ws.centroid[i] - a * ws.vertices[high * n + i];
    }
    T vr;
    std::optional<T> spare;  // objective at the contraction towards the reflected point
    if constexpr (objective_with_spare<Objective, T>) {
      for (std::size_t i = 0; i < n; ++i) {
        ws.spare[i] = (T(1) - b) * ws.trial[i] + b * ws.centroid[i];
      }
      const auto [f_trial, f_spare] = objective.with_spare(ws.trial, ws.spare);
      vr = counted(f_trial);
      spare = f_spare;
    } else {
      vr = eval(ws.trial);
    }
    if (vr < vl) {
      // Try an expansion; the centroid slot keeps the reflected point.
      const T g = settings.expansion;
      for (std::size_t i = 0; i < n; ++i) {
        const T e = g * ws.trial[i] + (T(1) - g) * ws.centroid[i];
        ws.centroid[i] = ws.trial[i];
        ws.trial[i] = e;
      }
      const T fe = eval(ws.trial);
      auto vh_ = vertex(high);
      if (fe < vr) {
        for (std::size_t i = 0; i < n; ++i) vh_[i] = ws.trial[i];
        ws.values[high] = fe;
      } else {
        for (std::size_t i = 0; i < n; ++i) vh_[i] = ws.centroid[i];
        ws.values[high] = vr;
      }
    } else {
      auto vhv = vertex(high);
      if (vr < vh) {
        for (std::size_t i = 0; i < n; ++i) vhv[i] = ws.trial[i];
        ws.values[high] = vr;
      }
      for (std::size_t i = 0; i < n; ++i) {
        ws.trial[i] = (T(1) - b) * vhv[i] + b * ws.centroid[i];
      }
      // When the reflected point replaced the worst, this is the spare point, bit for bit.
      const T fc = vr < vh && spare ? counted(*spare) : eval(ws.trial);
      if (fc < ws.values[high]) {
        for (std::size_t i = 0; i < n; ++i) vhv[i] = ws.trial[i];
        ws.values[high] = fc;
      } else if (vr >= vh) {
        // Shrink towards the best vertex.
        calcvert = true;
        size = 0;
        for (std::size_t j = 0; j <= n; ++j) {
          if (j == low) continue;
          for (std::size_t i = 0; i < n; ++i) {
            T& p = ws.vertices[j * n + i];
            const T pl = ws.vertices[low * n + i];
            p = b * (p - pl) + pl;
            size += std::abs(p - pl);
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          result.status = 10;
          break;
        }
      }
    }
    if (result.evaluations > settings.max_evaluations) break;
  }
  result.value = ws.values[low];
  for (std::size_t i = 0; i < n; ++i) x[i] = ws.vertices[low * n + i];
  if (result.evaluations > settings.max_evaluations) result.status = 1;
  return result;
}

}  // namespace invforecast::detail

#pragma once

/// @file
/// Nelder-Mead simplex minimiser with the conventions of R's optim(method = "Nelder-Mead")
/// (J. C. Nash, "Compact Numerical Methods for Computers", 1990, algorithm 19), which R's
/// forecast::ets uses through its own C entry point: same initial simplex (step = 10 % of the
/// largest |parameter|, 0.1 when all are zero), same reflection / expansion / contraction /
/// shrink order, convergence when f(high) <= f(low) + reltol * (|f(start)| + reltol), and a
/// budget counted in function evaluations. Non-finite objective values count as 1e35.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "invforecast/detail/lanes.hpp"

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

/// R's Nelder-Mead search as a state machine that asks for one objective value at a time
/// (point(), then tell(value)), so that the caller decides how to evaluate: one point per call,
/// two in one packed pass, or the points of several searches side by side. With lookahead(),
/// the point likely asked for next can be evaluated together with point() and handed to tell():
/// the next vertex of a new or shrunk simplex, or the contraction towards a reflected point
/// (which R's algorithm asks for when the reflection lands between the best and the worst
/// vertex). A lookahead value is counted as an evaluation only when the search uses it, so the
/// search path, the result and the evaluation count do not depend on how points are evaluated.
template <std::floating_point T>
class nelder_mead_search {
 public:
  /// Starts at x (copied). The first point asked for is x itself.
  nelder_mead_search(std::span<const T> x, const nelder_mead_settings<T>& settings,
                     nelder_mead_workspace<T>& ws)
      : settings_(settings), ws_(ws), n_(x.size()) {
    ws_.resize(n_);
    std::copy(x.begin(), x.end(), ws_.vertices.begin());
    point_ = vertex(0);
  }

  /// Whether the search has ended (result() and best() are then final).
  [[nodiscard]] bool done() const noexcept { return state_ == state::done; }
  /// The point whose objective value tell() expects. @pre !done()
  [[nodiscard]] std::span<const T> point() const noexcept { return point_; }
  /// A point the search will probably ask for right after point(); empty when none.
  [[nodiscard]] std::span<const T> lookahead() const noexcept { return lookahead_; }
  /// The outcome. @pre done()
  [[nodiscard]] const nelder_mead_result<T>& result() const noexcept { return result_; }
  /// The best vertex (the start point when the objective failed there). @pre done()
  [[nodiscard]] std::span<const T> best() const noexcept { return vertex(low_); }

  /// Hands over f(point()) and, optionally, f(lookahead()); runs the search up to the next
  /// point it needs. Non-finite values count as 1e35. @pre !done()
  void tell(T f, std::optional<T> f_lookahead = std::nullopt) {
    switch (state_) {
      case state::start:
        return start(f);
      case state::vertex:
        ws_.values[next_vertex_] = counted(f);
        next_vertex_ = vertex_after(next_vertex_);
        if (f_lookahead && next_vertex_ <= n_) {
          ws_.values[next_vertex_] = counted(*f_lookahead);
          next_vertex_ = vertex_after(next_vertex_);
        }
        return next_simplex_vertex();
      case state::reflect:
        return reflected(counted(f), f_lookahead);
      case state::expand:
        return expanded(counted(f));
      case state::contract:
        return contracted(counted(f));
      case state::done:
        return;
    }
  }

 private:
  enum class state { start, vertex, reflect, expand, contract, done };
  static constexpr T big = T(1.0e35);

  [[nodiscard]] std::span<T> vertex(std::size_t j) const noexcept {
    return std::span<T>(ws_.vertices.data() + j * n_, n_);
  }
  T counted(T f) noexcept {
    ++result_.evaluations;
    return std::isfinite(f) ? f : big;
  }
  /// The vertex after j that needs a value (n + 1: none).
  [[nodiscard]] std::size_t vertex_after(std::size_t j) const noexcept {
    ++j;
    if (j == low_) ++j;
    return j;
  }
  void ask(state s, std::span<const T> p, std::span<const T> ahead = {}) noexcept {
    state_ = s;
    point_ = p;
    lookahead_ = ahead;
  }

  void start(T f) {
    if (settings_.max_evaluations <= 0 || n_ == 0) {
      result_.value = f;  // nothing to search: the start point's value, no evaluation counted
      state_ = state::done;
      return;
    }
    result_.evaluations = 1;
    if (!std::isfinite(f)) {
      // R stops with "function cannot be evaluated at initial parameters".
      result_.value = std::numeric_limits<T>::infinity();
      result_.status = 2;
      state_ = state::done;
      return;
    }
    convtol_ = settings_.reltol * (std::abs(f) + settings_.reltol);
    ws_.values[0] = f;
    const auto x = vertex(0);
    T step = 0;
    for (std::size_t i = 0; i < n_; ++i) step = std::max(step, T(0.1) * std::abs(x[i]));
    if (step == T(0)) step = T(0.1);
    T size = 0;
    for (std::size_t j = 1; j <= n_; ++j) {
      auto v = vertex(j);
      for (std::size_t i = 0; i < n_; ++i) v[i] = x[i];
      T trystep = step;
      while (v[j - 1] == x[j - 1]) {
        v[j - 1] = x[j - 1] + trystep;
        trystep *= 10;
      }
      size += trystep;
    }
    oldsize_ = size;
    evaluate_simplex();
  }

  /// Asks for every vertex but the best.
  void evaluate_simplex() {
    next_vertex_ = low_ == 0 ? 1 : 0;
    next_simplex_vertex();
  }
  void next_simplex_vertex() {
    if (next_vertex_ > n_) return iterate();
    const std::size_t after = vertex_after(next_vertex_);
    ask(state::vertex, vertex(next_vertex_),
        after <= n_ ? std::span<const T>(vertex(after)) : std::span<const T>());
  }

  /// One iteration from a simplex with every value known: convergence test, then reflection.
  void iterate() {
    // Locals, not members, in the loops: the stores to T arrays would otherwise force reloads.
    const std::size_t n = n_;
    const T* const values = ws_.values.data();
    std::size_t low = low_;
    std::size_t high = low;
    T vl = values[low];
    T vh = vl;
    for (std::size_t j = 0; j <= n; ++j) {
      if (j == low) continue;
      const T fj = values[j];
      if (fj < vl) {
        low = j;
        vl = fj;
      }
      if (fj > vh) {
        high = j;
        vh = fj;
      }
    }
    low_ = low;
    high_ = high;
    vl_ = vl;
    vh_ = vh;
    if (vh <= vl + convtol_ || vl <= settings_.abstol) return finish();

    centroid_without(high);
    const T* const v = ws_.vertices.data();
    const T* const centroid = ws_.centroid.data();
    T* const trial = ws_.trial.data();
    T* const spare = ws_.spare.data();
    const T a = settings_.reflection;
    const T b = settings_.contraction;
    for (std::size_t i = 0; i < n; ++i) {
      trial[i] = (T(1) + a) * centroid[i] - a * v[high * n + i];
      spare[i] = (T(1) - b) * trial[i] + b * centroid[i];
    }
    ask(state::reflect, ws_.trial, ws_.spare);
  }

  /// The centroid of all vertices but `high`: each coordinate's sum in R's order (minus the
  /// worst vertex's coordinate, then vertices 0..n), divided by n. Coordinates are summed two
  /// to a pack, eight at a time in registers, so that their sums run side by side; each lane
  /// does the scalar's operations, so the centroid is the scalar loop's bit for bit.
  void centroid_without(std::size_t high) {
    const std::size_t n = n_;
    const T* const v = ws_.vertices.data();
    T* const centroid = ws_.centroid.data();
    std::size_t i = 0;
    if constexpr (lane_pair<T>::available) {
      using V = typename lane_pair<T>::type;
      const auto load = [](const T* p) {
        V x;
        std::memcpy(&x, p, sizeof x);
        return x;
      };
      const V count = splat<V>(static_cast<T>(n));
      const auto store = [&](T* p, V sum) {
        const V c = sum / count;
        std::memcpy(p, &c, sizeof c);
      };
      for (; i + 8 <= n; i += 8) {
        const T* const w = v + high * n + i;
        V s0 = -load(w);
        V s1 = -load(w + 2);
        V s2 = -load(w + 4);
        V s3 = -load(w + 6);
        for (std::size_t j = 0; j <= n; ++j) {
          const T* const p = v + j * n + i;
          s0 += load(p);
          s1 += load(p + 2);
          s2 += load(p + 4);
          s3 += load(p + 6);
        }
        store(centroid + i, s0);
        store(centroid + i + 2, s1);
        store(centroid + i + 4, s2);
        store(centroid + i + 6, s3);
      }
      for (; i + 2 <= n; i += 2) {
        V s = -load(v + high * n + i);
        for (std::size_t j = 0; j <= n; ++j) s += load(v + j * n + i);
        store(centroid + i, s);
      }
    }
    for (; i < n; ++i) {
      T temp = -v[high * n + i];
      for (std::size_t j = 0; j <= n; ++j) temp += v[j * n + i];
      centroid[i] = temp / static_cast<T>(n);
    }
  }

  void reflected(T vr, std::optional<T> f_spare) {
    vr_ = vr;
    if (vr < vl_) {
      // Try an expansion; the centroid slot keeps the reflected point.
      const T g = settings_.expansion;
      for (std::size_t i = 0; i < n_; ++i) {
        const T e = g * ws_.trial[i] + (T(1) - g) * ws_.centroid[i];
        ws_.centroid[i] = ws_.trial[i];
        ws_.trial[i] = e;
      }
      return ask(state::expand, ws_.trial);
    }
    const auto vhv = vertex(high_);
    if (vr < vh_) {
      for (std::size_t i = 0; i < n_; ++i) vhv[i] = ws_.trial[i];
      ws_.values[high_] = vr;
    }
    const T b = settings_.contraction;
    for (std::size_t i = 0; i < n_; ++i) ws_.trial[i] = (T(1) - b) * vhv[i] + b * ws_.centroid[i];
    // When the reflected point replaced the worst, this is the spare point, bit for bit.
    if (vr < vh_ && f_spare) return contracted(counted(*f_spare));
    ask(state::contract, ws_.trial);
  }

  void expanded(T fe) {
    const auto vhv = vertex(high_);
    if (fe < vr_) {
      for (std::size_t i = 0; i < n_; ++i) vhv[i] = ws_.trial[i];
      ws_.values[high_] = fe;
    } else {
      for (std::size_t i = 0; i < n_; ++i) vhv[i] = ws_.centroid[i];
      ws_.values[high_] = vr_;
    }
    next_iteration();
  }

  void contracted(T fc) {
    const auto vhv = vertex(high_);
    if (fc < ws_.values[high_]) {
      for (std::size_t i = 0; i < n_; ++i) vhv[i] = ws_.trial[i];
      ws_.values[high_] = fc;
    } else if (vr_ >= vh_) {
      // Shrink towards the best vertex.
      const T b = settings_.contraction;
      T size = 0;
      for (std::size_t j = 0; j <= n_; ++j) {
        if (j == low_) continue;
        for (std::size_t i = 0; i < n_; ++i) {
          T& p = ws_.vertices[j * n_ + i];
          const T pl = ws_.vertices[low_ * n_ + i];
          p = b * (p - pl) + pl;
          size += std::abs(p - pl);
        }
      }
      if (!(size < oldsize_)) {
        result_.status = 10;
        return finish();
      }
      oldsize_ = size;
      if (result_.evaluations > settings_.max_evaluations) return finish();
      return evaluate_simplex();
    }
    next_iteration();
  }

  void next_iteration() {
    if (result_.evaluations > settings_.max_evaluations) return finish();
    iterate();
  }

  void finish() noexcept {
    result_.value = ws_.values[low_];
    if (result_.evaluations > settings_.max_evaluations) result_.status = 1;
    state_ = state::done;
  }

  nelder_mead_settings<T> settings_;
  nelder_mead_workspace<T>& ws_;
  std::size_t n_;
  state state_ = state::start;
  std::span<const T> point_;
  std::span<const T> lookahead_;
  nelder_mead_result<T> result_;
  T convtol_{};
  T oldsize_{};
  T vl_{};
  T vh_{};
  T vr_{};
  std::size_t low_ = 0;  // index of the best vertex
  std::size_t high_ = 0;
  std::size_t next_vertex_ = 0;
};

/// Runs `search` to its end on `objective` (see nelder_mead).
template <std::floating_point T, typename Objective>
void nelder_mead_run(nelder_mead_search<T>& search, Objective& objective) {
  while (!search.done()) {
    if constexpr (objective_with_spare<Objective, T>) {
      if (const auto ahead = search.lookahead(); !ahead.empty()) {
        const auto [f, f_ahead] = objective.with_spare(search.point(), ahead);
        search.tell(f, f_ahead);
        continue;
      }
    }
    search.tell(objective(search.point()));
  }
}

/// Minimises `objective(std::span<const T>) -> T` starting from `x` (overwritten with the best
/// vertex). The objective is a template parameter (no std::function in the loop). An objective
/// with with_spare() (objective_with_spare) gets each point together with the search's
/// lookahead (nelder_mead_search): the search path, the result and the evaluation count are the
/// same as without it.
template <std::floating_point T, typename Objective>
nelder_mead_result<T> nelder_mead(Objective&& objective, std::span<T> x,
                                  const nelder_mead_settings<T>& settings,
                                  nelder_mead_workspace<T>& ws) {
  nelder_mead_search<T> search(x, settings, ws);
  nelder_mead_run(search, objective);
  const auto best = search.best();
  std::copy(best.begin(), best.end(), x.begin());
  return search.result();
}

}  // namespace invforecast::detail

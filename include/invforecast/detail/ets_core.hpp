#pragma once

/// @file
/// ETS internals: the state recursion, the point-forecast recursion, parameter checks
/// (usual and admissible regions) and R's initial states. Conventions are those of R's
/// forecast::ets (package forecast 8.20): the state vector is (l, b, s_1, ..., s_m) with s_1
/// the most recent seasonal; the seasonal used for step t is s_m (i.e. s_{t-m}).
/// Reference: Hyndman, Koehler, Ord & Snyder (2008), "Forecasting with Exponential
/// Smoothing: the State Space Approach", Springer, ch. 2-5.

#include <Eigen/Dense>
#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <numbers>
#include <optional>
#include <span>
#include <vector>

#include "invforecast/detail/lanes.hpp"
#include "invforecast/smoothing/ets_model.hpp"

// Forces inlining of the recursion's per-step lambdas. At -O2 (CMake's RelWithDebInfo) GCC 12
// called them out of line: MAM's recursion ran 1.5x slower than at -O3.
#if defined(__GNUC__)
#define INVFORECAST_DETAIL_ALWAYS_INLINE __attribute__((always_inline))
#else
#define INVFORECAST_DETAIL_ALWAYS_INLINE
#endif

namespace invforecast::detail {

/// Largest seasonal period the recursion supports (R's limit as well).
inline constexpr int ets_max_season_length = 24;

inline constexpr double ets_tol = 1.0e-10;   // R's TOL
inline constexpr double ets_hugen = 1.0e10;  // R's HUGEN

/// Smoothing coefficients as used by the recursion (beta = 0 without trend, gamma = 0 without
/// season, phi = 1 undamped).
template <std::floating_point T>
struct ets_coefficients {
  T alpha{};
  T beta{};
  T gamma{};
  T phi{1};
};

/// Seasonal ring buffer: s_k (k = 1 most recent .. m oldest) is ring[(head + k - 1) % m].
template <std::floating_point T>
struct ets_state {
  T l{};
  T b{};
  std::array<T, ets_max_season_length> ring{};
  int head = 0;
  int m = 1;

  [[nodiscard]] T season(int k) const noexcept {  // k in 1..m
    int idx = head + k - 1;
    if (idx >= m) idx -= m;
    return ring[static_cast<std::size_t>(idx)];
  }
  void load(const ets_model& model, int season_length, std::span<const T> x) noexcept {
    m = season_length;
    std::size_t at = 0;
    l = x[at++];
    b = model.trend != ets_trend::none ? x[at++] : T(0);
    head = 0;
    if (model.season != ets_season::none) {
      for (int k = 0; k < m; ++k) ring[static_cast<std::size_t>(k)] = x[at++];
    }
  }
  void store(const ets_model& model, std::span<T> x) const noexcept {
    std::size_t at = 0;
    x[at++] = l;
    if (model.trend != ets_trend::none) x[at++] = b;
    if (model.season != ets_season::none) {
      for (int k = 1; k <= m; ++k) x[at++] = season(k);
    }
  }
};

/// One-step prediction from the state (R's forecast() with h = 1). Returns false (no
/// prediction) when a multiplicative trend has b < 0, as R does.
/// Model form known at compile time: the recursion is instantiated per form so the component
/// branches fold away.
template <ets_error E, ets_trend TR, ets_season S>
struct static_ets_model {
  static constexpr ets_error error = E;
  static constexpr ets_trend trend = TR;
  static constexpr ets_season season = S;
};

template <typename Model, std::floating_point T>
inline bool ets_one_step(const Model& model, const ets_state<T>& st, T phi, T& f) noexcept {
  if (model.trend == ets_trend::none) {
    f = st.l;
  } else if (model.trend == ets_trend::additive) {
    f = st.l + phi * st.b;
  } else {
    if (st.b < 0) return false;
    // pow(b, 1) is b exactly; skipping it makes undamped multiplicative trends (fit and
    // simulation) several times faster with the same numbers.
    f = st.l * (phi == T(1) ? st.b : std::pow(st.b, phi));
  }
  if (model.season == ets_season::additive) {
    f += st.season(st.m);
  } else if (model.season == ets_season::multiplicative) {
    f *= st.season(st.m);
  }
  return true;
}

/// Point forecasts for steps 1..h from a state (R's etsforecast). Returns false when a
/// multiplicative trend has b < 0 (R returns NA).
template <std::floating_point T>
inline bool ets_point_forecasts(const ets_model& model, const ets_state<T>& st, T phi,
                                std::span<T> f) noexcept {
  T phistar = phi;
  const int h = static_cast<int>(f.size());
  for (int i = 0; i < h; ++i) {
    T v;
    if (model.trend == ets_trend::none) {
      v = st.l;
    } else if (model.trend == ets_trend::additive) {
      v = st.l + phistar * st.b;
    } else {
      if (st.b < 0) return false;
      v = st.l * std::pow(st.b, phistar);
    }
    if (model.season != ets_season::none) {
      // R: j = m - 1 - i (mod m) into (s_1..s_m) zero-based -> s_{j+1}.
      int j = st.m - 1 - i;
      while (j < 0) j += st.m;
      const T s = st.season(j + 1);
      if (model.season == ets_season::additive) {
        v += s;
      } else {
        v *= s;
      }
    }
    f[static_cast<std::size_t>(i)] = v;
    if (i < h - 1) {
      if (std::abs(phi - T(1)) < T(ets_tol)) {
        phistar += T(1);
      } else {
        phistar += std::pow(phi, static_cast<T>(i + 1));
      }
    }
  }
  return true;
}

/// State update after observing y (R's update()); `known == false` carries the state forward
/// with the one-step prediction (level = q, trend = phi*b (or b^phi), seasonal unchanged).
template <typename Model, std::floating_point T>
inline void ets_update(const Model& model, ets_state<T>& st, const ets_coefficients<T>& c, T y,
                       bool known) noexcept {
  const T oldl = st.l;
  const T oldb = st.b;
  const int m = st.m;
  const bool seasonal = model.season != ets_season::none;
  int old_idx = 0;
  T olds_m = 0;
  if (seasonal) {
    old_idx = st.head + m - 1;
    if (old_idx >= m) old_idx -= m;
    olds_m = st.ring[static_cast<std::size_t>(old_idx)];
  }
  T q;
  T phib;
  if (model.trend == ets_trend::none) {
    q = oldl;
    phib = 0;
  } else if (model.trend == ets_trend::additive) {
    phib = c.phi * oldb;
    q = oldl + phib;
  } else if (std::abs(c.phi - T(1)) < T(ets_tol)) {
    phib = oldb;
    q = oldl * oldb;
  } else {
    phib = std::pow(oldb, c.phi);
    q = oldl * phib;
  }
  T p;
  if (!known) {
    p = q;
  } else if (model.season == ets_season::none) {
    p = y;
  } else if (model.season == ets_season::additive) {
    p = y - olds_m;
  } else {
    p = std::abs(olds_m) < T(ets_tol) ? T(ets_hugen) : y / olds_m;
  }
  st.l = q + c.alpha * (p - q);
  if (model.trend != ets_trend::none) {
    T r;
    if (model.trend == ets_trend::additive) {
      r = st.l - oldl;
    } else {
      r = std::abs(oldl) < T(ets_tol) ? T(ets_hugen) : st.l / oldl;
    }
    st.b = phib + (c.beta / c.alpha) * (r - phib);
  }
  if (seasonal) {
    T t;
    if (!known) {
      t = olds_m;
    } else if (model.season == ets_season::additive) {
      t = y - q;
    } else {
      t = std::abs(q) < T(ets_tol) ? T(ets_hugen) : y / q;
    }
    // The new s_1 takes the slot of the old s_m; the ring head moves there.
    st.ring[static_cast<std::size_t>(old_idx)] = olds_m + c.gamma * (t - olds_m);
    st.head = old_idx;
  }
}

/// Result of one pass of the recursion over the data.
template <std::floating_point T>
struct ets_pass {
  T sse{};               ///< sum of squared residuals over known points
  T sum_log_abs_f{};     ///< sum of log|yhat| over known points
  std::size_t nobs = 0;  ///< known points
  bool ok = true;        ///< false when a prediction was undefined (R's NA)
  /// R's objective: nobs*log(sse) (+ 2*sum log|yhat| for multiplicative error).
  [[nodiscard]] T lik(const ets_model& model) const noexcept {
    T v = static_cast<T>(nobs) * std::log(sse);
    if (model.error == ets_error::multiplicative) v += T(2) * sum_log_abs_f;
    return v;
  }
};

/// Reference form of the recursion (R's etscalc step by step: ets_one_step + ets_update on the
/// seasonal ring). Used for multiplicative trends, whose state update is not linear.
template <typename Model, std::floating_point T>
ets_pass<T> ets_run_generic(const ets_model& runtime_model, int m, std::span<const T> y,
                            std::span<const std::uint8_t> unknown, std::span<const T> x0,
                            const ets_coefficients<T> c, std::span<T> fitted,
                            std::span<T> residuals, std::span<T> final_state) noexcept {
  constexpr Model model{};
  ets_pass<T> out;
  ets_state<T> st;
  st.load(runtime_model, model.season != ets_season::none ? m : 1, x0);
  constexpr bool multiplicative = model.error == ets_error::multiplicative;
  const bool store_f = !fitted.empty();
  const bool store_e = !residuals.empty();
  const bool masked = !unknown.empty();
  T sse = 0;
  T slog = 0;
  T prod = 1;
  const T big = std::sqrt(std::numeric_limits<T>::max());
  const T small = T(1) / big;
  std::size_t nobs = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    T f;
    if (!ets_one_step(model, st, c.phi, f)) {
      out.ok = false;
      return out;
    }
    const bool known = !masked || unknown[i] == 0;
    T e = 0;
    if (known) {
      if constexpr (multiplicative) {
        e = (y[i] - f) / f;
        // sum log|f| as log of a running product, renormalised before it can overflow: one
        // log per ~100 steps instead of one per step.
        prod *= std::abs(f);
        if (prod > big || prod < small) {
          slog += std::log(prod);
          prod = 1;
        }
      } else {
        e = y[i] - f;
      }
      sse += e * e;
      ++nobs;
    }
    if (store_f) fitted[i] = f;
    if (store_e) residuals[i] = e;
    ets_update(model, st, c, y[i], known);
  }
  if constexpr (multiplicative) slog += std::log(prod);
  out.sse = sse;
  out.sum_log_abs_f = slog;
  out.nobs = nobs;
  if (!final_state.empty()) st.store(runtime_model, final_state);
  return out;
}

/// Capacity of the linear seasonal buffer of ets_run_linear (steps per chunk + m).
inline constexpr std::size_t ets_season_buffer = 512;

/// The recursion for trends N, A and Ad (any error, any season), rewritten for few operations
/// and a short loop-carried dependency chain. The state is (q, b) with q = l + phi*b the level
/// forecast, and u the seasonally adjusted observation (u = y, y - s_m or y / s_m). R's update
/// l' = q + alpha*(u - q), b' = phi*b + beta*(u - q) then reads
///   q' = q + phi^2 b + k (u - q),  b' = phi b + beta (u - q),  with k = alpha + phi*beta,
/// a linear map of (q, b) driven by u, which depends only on the seasonal of m steps before.
/// Two steps are taken per link of the chain (x_{t+2} = C^2 x_t + C B u_t + B u_{t+1}); the
/// prediction, the error and the seasonal update (R's form, with R's guards |s| < 1e-10 and
/// |q| < 1e-10) are off the chain. Seasonals go to a linear buffer written forward
/// (s_{t-m} = buf[j], the new seasonal = buf[j + m]), moved to its front every
/// ets_season_buffer - m steps; a multiplicative season keeps the reciprocals alongside. Unknown
/// points carry the state forward exactly as R's update (l = q, b = phi*b, seasonal
/// unchanged). Equal to ets_run_generic up to rounding. Store = false (no fitted values, no
/// residuals: the optimiser's passes) compiles the loop without its store branches. V is T (one
/// pass) or lane_pair<T>::type (two passes over the same y, one per lane, for ets_run_pair):
/// every lane does the scalar's operations in the scalar's order, and R's guards and the log
/// product's renormalisation are taken lane by lane, so a lane's result is the scalar's bit for
/// bit.
template <typename Model, bool Masked, bool Store, typename V, std::floating_point T>
std::array<ets_pass<T>, lane_count<V, T>> ets_run_lanes(
    int m, std::span<const T> y, std::span<const std::uint8_t> unknown,
    const std::array<std::span<const T>, lane_count<V, T>>& x0,
    const std::array<ets_coefficients<T>, lane_count<V, T>>& c, std::span<T> fitted,
    std::span<T> residuals, std::span<T> final_state) noexcept {
  constexpr std::size_t lanes = lane_count<V, T>;
  static_assert(lanes == 1 || (!Masked && !Store), "two lanes: no unknown points, no outputs");
  constexpr bool has_trend = Model::trend != ets_trend::none;
  constexpr bool seasonal = Model::season != ets_season::none;
  constexpr bool aseason = Model::season == ets_season::additive;
  constexpr bool mseason = Model::season == ets_season::multiplicative;
  constexpr bool merror = Model::error == ets_error::multiplicative;
  const auto per_lane = [](auto get) { return gather<V, T>(get); };
  const V zero = splat<V>(T(0));
  const V one = splat<V>(T(1));
  const V alpha = per_lane([&](std::size_t l) { return c[l].alpha; });
  const V beta = has_trend ? per_lane([&](std::size_t l) { return c[l].beta; }) : zero;
  const V gamma = per_lane([&](std::size_t l) { return c[l].gamma; });
  const V phi = has_trend ? per_lane([&](std::size_t l) { return c[l].phi; }) : zero;
  const V phi2 = phi * phi;
  const V k = alpha + phi * beta;
  const T tol = T(ets_tol);
  const T hugen = T(ets_hugen);
  const bool store_f = Store && !fitted.empty();
  const bool store_e = Store && !residuals.empty();
  const std::size_t mu = seasonal ? static_cast<std::size_t>(m) : 0;
  V b = has_trend ? per_lane([&](std::size_t l) { return x0[l][1]; }) : zero;
  const V l0 = per_lane([&](std::size_t l) { return x0[l][0]; });
  V q = has_trend ? l0 + phi * b : l0;
  const std::size_t soff = has_trend ? 2 : 1;
  std::array<V, ets_season_buffer> buf;  // uninitialised on purpose: written before read
  // Multiplicative season: the reciprocals of the seasonals, alongside (written before read).
  [[maybe_unused]] std::array<V, mseason ? ets_season_buffer : 1> inv_buf;
  if constexpr (seasonal) {
    for (std::size_t i = 0; i < mu; ++i) {
      buf[i] = per_lane([&](std::size_t l) { return x0[l][soff + mu - 1 - i]; });
    }
  }
  if constexpr (mseason) {
    for (std::size_t i = 0; i < mu; ++i) inv_buf[i] = one / buf[i];
  }
  V sse_even = zero;  // two sums of squares, so that consecutive steps do not wait on each other
  V sse_odd = zero;
  // sum log|yhat|: |yhat| multiplied up once per pair of steps, the log taken only when the
  // product would leave [small, big] (one log per ~75 steps), term by term when the factor
  // itself over- or underflows.
  V slog = zero;
  V prod = one;
  const T big = std::sqrt(std::numeric_limits<T>::max());
  const T small = T(1) / big;
  const std::size_t n = y.size();
  const std::size_t chunk = ets_season_buffer - mu;
  struct adjusted {
    V u;   // seasonally adjusted observation
    V ea;  // u - q, the innovation of the level
    V f;   // one-step prediction
  };
  const auto multiply = [&](V factor, V f0, V f1) INVFORECAST_DETAIL_ALWAYS_INLINE {  // |f0 f1|
    const V next = prod * factor;
    if (all_lanes((next <= big) & (next >= small))) [[likely]] {
      prod = next;
      return;
    }
    for (std::size_t l = 0; l < lanes; ++l) {
      T p = lane(prod, l);
      T s = lane(slog, l);
      const T nl = lane(next, l);
      const T fl = lane(factor, l);
      if (nl <= big && nl >= small) {
        p = nl;
      } else if (fl <= big && fl >= small) {
        s += std::log(p);
        p = fl;
      } else {
        s += std::log(p) + (std::log(std::abs(lane(f0, l))) + std::log(std::abs(lane(f1, l))));
        p = 1;
      }
      set_lane(prod, l, p);
      set_lane(slog, l, s);
    }
  };
  // Observation at chunk offset j given the level forecast qj: accumulates the squared error
  // into sse, writes the new seasonal m steps ahead and returns u and u - q.
  const auto observe = [&](std::size_t start, std::size_t j, V qj, V& sse)
                           INVFORECAST_DETAIL_ALWAYS_INLINE -> adjusted {
    const T yv = y[start + j];
    const V yi = splat<V>(yv);
    V s = zero;
    if constexpr (seasonal) s = buf[j];
    V f;
    V e;
    adjusted a;
    if constexpr (mseason) {
      // The new seasonal s + gamma*(y/q - s) is d/q with d = (1 - gamma) q s + gamma y, and
      // its reciprocal (for u, m steps on) q/d: one division between this q and that u.
      f = qj * s;
      const V inv_s = inv_buf[j];
      const V inv_q = one / qj;
      a.u = yi * inv_s;
      e = merror ? (yi - f) * (inv_q * inv_s) : yi - f;
      const V d = (one - gamma) * f + gamma * yi;
      V next_s = d * inv_q;
      V next_inv = qj / d;
      const V abs_s = abs_lanes<V, T>(s);
      const V abs_q = abs_lanes<V, T>(qj);
      if (any_lane((abs_s < tol) | (abs_q < tol))) [[unlikely]] {
        // R's guards, lane by lane: u or y/q is HUGEN where s or q is below TOL.
        for (std::size_t l = 0; l < lanes; ++l) {
          const T sl = lane(s, l);
          const T ql = lane(qj, l);
          if (!(std::abs(sl) < tol || std::abs(ql) < tol)) continue;
          const T fl = lane(f, l);
          const T t = std::abs(ql) < tol ? hugen : yv / ql;
          const T ns = sl + lane(gamma, l) * (t - sl);
          set_lane(a.u, l, std::abs(sl) < tol ? hugen : yv / sl);
          set_lane(e, l, merror ? (yv - fl) / fl : yv - fl);
          set_lane(next_s, l, ns);
          set_lane(next_inv, l, T(1) / ns);
        }
      }
      a.ea = a.u - qj;
      buf[j + mu] = next_s;
      inv_buf[j + mu] = next_inv;
    } else {
      f = aseason ? qj + s : qj;
      a.u = aseason ? yi - s : yi;
      a.ea = a.u - qj;
      e = merror ? (yi - f) / f : a.ea;                       // additive: y - f to rounding
      if constexpr (aseason) buf[j + mu] = s + gamma * a.ea;  // R: s + gamma*((y - q) - s)
    }
    a.f = f;
    sse += e * e;
    if constexpr (Store) {
      if (store_f) fitted[start + j] = f;
      if (store_e) residuals[start + j] = e;
    }
    return a;
  };
  // Two steps per link (no unknown points; m >= 2 so that step t + 1 does not read the seasonal
  // written at step t): with C = [[1 - k, phi^2], [-beta, phi]] and B = (k, beta),
  // (q, b)_{t+2} = A (q, b)_t + W u_t + B u_{t+1}, A = C^2, W = C B.
  const V a11 = (one - k) * (one - k) - phi2 * beta;
  const V a12 = (one - k) * phi2 + phi2 * phi;
  const V a21 = -beta * (one - k) - phi * beta;
  const V a22 = phi2 - beta * phi2;
  const V w1 = (one - k) * k + phi2 * beta;
  const V w2 = -beta * k + phi * beta;
  // One step of the level forecast: q' = q + phi^2 b + k (u - q).
  const auto next_q = [&](V ea) { return has_trend ? q + (phi2 * b + k * ea) : q + k * ea; };
  const bool pairs = !Masked && (!seasonal || mu >= 2);
  for (std::size_t start = 0; start < n; start += chunk) {
    const std::size_t len = std::min(chunk, n - start);
    std::size_t j = 0;
    if (pairs) {
      for (; j + 1 < len; j += 2) {
        const adjusted x = observe(start, j, q, sse_even);
        const adjusted x1 = observe(start, j + 1, next_q(x.ea), sse_odd);
        const V u1 = x1.u;
        if constexpr (merror) multiply(abs_lanes<V, T>(x.f * x1.f), x.f, x1.f);
        if constexpr (has_trend) {
          const V nq = a11 * q + (a12 * b + (w1 * x.u + k * u1));
          b = a21 * q + (a22 * b + (w2 * x.u + beta * u1));
          q = nq;
        } else {
          q = a11 * q + (w1 * x.u + k * u1);
        }
      }
    }
    for (; j < len; ++j) {
      V ea = zero;  // unknown point: R's update with u = q (l = q, b = phi*b, seasonal unchanged)
      bool known = true;
      if constexpr (Masked) known = unknown[start + j] == 0;
      if (!known) {
        if constexpr (Masked) {
          T s = 0;
          if constexpr (seasonal) s = buf[j];
          if (store_f) fitted[start + j] = aseason ? q + s : (mseason ? q * s : q);
          if (store_e) residuals[start + j] = 0;
          if constexpr (seasonal) buf[j + mu] = s;
          if constexpr (mseason) inv_buf[j + mu] = inv_buf[j];
        }
      } else {
        const adjusted x = observe(start, j, q, sse_even);
        ea = x.ea;
        if constexpr (merror) multiply(abs_lanes<V, T>(x.f), x.f, one);
      }
      const V nq = next_q(ea);
      if constexpr (has_trend) b = phi * b + beta * ea;
      q = nq;
    }
    if constexpr (seasonal) {
      for (std::size_t i = 0; i < mu; ++i) buf[i] = buf[len + i];
      if constexpr (mseason) {
        for (std::size_t i = 0; i < mu; ++i) inv_buf[i] = inv_buf[len + i];
      }
    }
  }
  std::size_t nobs = n;
  if constexpr (Masked) {
    for (const std::uint8_t v : unknown.first(n)) nobs -= v == 0 ? 0 : 1;
  }
  const V sse = sse_even + sse_odd;
  std::array<ets_pass<T>, lanes> out;
  for (std::size_t l = 0; l < lanes; ++l) {
    out[l].sse = lane(sse, l);
    out[l].sum_log_abs_f = merror ? lane(slog, l) + std::log(lane(prod, l)) : lane(slog, l);
    out[l].nobs = nobs;
  }
  if constexpr (lanes == 1) {
    if (!final_state.empty()) {
      std::size_t at = 0;
      final_state[at++] = has_trend ? q - phi * b : q;
      if constexpr (has_trend) final_state[at++] = b;
      // buf[0..m-1] holds the last m seasonals, oldest first; the state is s_1 (newest)..s_m.
      for (std::size_t i = 0; i < mu; ++i) final_state[at++] = buf[mu - 1 - i];
    }
  }
  return out;
}

/// ets_run_lanes on one lane.
template <typename Model, bool Masked, bool Store, std::floating_point T>
ets_pass<T> ets_run_linear(int m, std::span<const T> y, std::span<const std::uint8_t> unknown,
                           std::span<const T> x0, const ets_coefficients<T>& c, std::span<T> fitted,
                           std::span<T> residuals, std::span<T> final_state) noexcept {
  return ets_run_lanes<Model, Masked, Store, T, T>(m, y, unknown, {x0}, {c}, fitted, residuals,
                                                   final_state)[0];
}

/// The recursion for a model form fixed at compile time (see ets_run).
template <typename Model, std::floating_point T>
ets_pass<T> ets_run_static(const ets_model& runtime_model, int m, std::span<const T> y,
                           std::span<const std::uint8_t> unknown, std::span<const T> x0,
                           const ets_coefficients<T> c, std::span<T> fitted, std::span<T> residuals,
                           std::span<T> final_state) noexcept {
  if constexpr (Model::trend == ets_trend::multiplicative) {
    return ets_run_generic<Model, T>(runtime_model, m, y, unknown, x0, c, fitted, residuals,
                                     final_state);
  } else {
    constexpr bool seasonal = Model::season != ets_season::none;
    // The linear buffer needs room for a chunk of steps beyond the m seasonals.
    if (seasonal && (m < 1 || m > ets_max_season_length)) {
      return ets_run_generic<Model, T>(runtime_model, m, y, unknown, x0, c, fitted, residuals,
                                       final_state);
    }
    if (fitted.empty() && residuals.empty() && unknown.empty()) {
      return ets_run_linear<Model, false, false, T>(m, y, unknown, x0, c, fitted, residuals,
                                                    final_state);
    }
    if (unknown.empty()) {
      return ets_run_linear<Model, false, true, T>(m, y, unknown, x0, c, fitted, residuals,
                                                   final_state);
    }
    return ets_run_linear<Model, true, true, T>(m, y, unknown, x0, c, fitted, residuals,
                                                final_state);
  }
}

/// Calls f(static_ets_model<E, TR, S>{}) for the runtime form `model`.
template <typename F>
decltype(auto) ets_dispatch(const ets_model& model, F&& f) {
  const auto by_season = [&]<ets_error E, ets_trend TR>() -> decltype(auto) {
    switch (model.season) {
      case ets_season::additive:
        return f(static_ets_model<E, TR, ets_season::additive>{});
      case ets_season::multiplicative:
        return f(static_ets_model<E, TR, ets_season::multiplicative>{});
      default:
        return f(static_ets_model<E, TR, ets_season::none>{});
    }
  };
  const auto by_trend = [&]<ets_error E>() -> decltype(auto) {
    switch (model.trend) {
      case ets_trend::additive:
        return by_season.template operator()<E, ets_trend::additive>();
      case ets_trend::multiplicative:
        return by_season.template operator()<E, ets_trend::multiplicative>();
      default:
        return by_season.template operator()<E, ets_trend::none>();
    }
  };
  if (model.error == ets_error::multiplicative) {
    return by_trend.template operator()<ets_error::multiplicative>();
  }
  return by_trend.template operator()<ets_error::additive>();
}

/// Runs the recursion from initial state x0 (R order, full m seasonals) over y (R's etscalc).
/// Optional outputs (may be empty spans): fitted one-step predictions, residuals (additive: y -
/// yhat; multiplicative: (y - yhat)/yhat; unknown points: 0), and the final state. No heap
/// allocation.
template <std::floating_point T>
ets_pass<T> ets_run(const ets_model& model, int m, std::span<const T> y,
                    std::span<const std::uint8_t> unknown, std::span<const T> x0,
                    const ets_coefficients<T>& c, std::span<T> fitted = {},
                    std::span<T> residuals = {}, std::span<T> final_state = {}) noexcept {
  return ets_dispatch(model, [&](auto form) {
    return ets_run_static<decltype(form), T>(model, m, y, unknown, x0, c, fitted, residuals,
                                             final_state);
  });
}

/// Whether ets_run_pair has a packed form for this model and data.
template <std::floating_point T>
bool ets_pair_form(const ets_model& model, int m, std::span<const std::uint8_t> unknown) noexcept {
  return lane_pair<T>::available && unknown.empty() && model.trend != ets_trend::multiplicative &&
         (model.season == ets_season::none || (m >= 1 && m <= ets_max_season_length));
}

/// Two passes of one model over y at once, one per lane of a pack: lane i is ets_run(model, m,
/// y, {}, x0[i], c[i]) bit for bit. nullopt where there is no packed form: a multiplicative
/// trend, unknown points, m beyond the seasonal buffer, or T without a two-lane pack.
template <std::floating_point T>
std::optional<std::array<ets_pass<T>, 2>> ets_run_pair(
    const ets_model& model, int m, std::span<const T> y, std::span<const std::uint8_t> unknown,
    const std::array<std::span<const T>, 2>& x0,
    const std::array<ets_coefficients<T>, 2>& c) noexcept {
  if constexpr (!lane_pair<T>::available) {
    return std::nullopt;
  } else {
    if (!ets_pair_form<T>(model, m, unknown)) return std::nullopt;
    return ets_dispatch(model, [&](auto form) -> std::optional<std::array<ets_pass<T>, 2>> {
      using Model = decltype(form);
      if constexpr (Model::trend == ets_trend::multiplicative) {
        return std::nullopt;
      } else {
        return ets_run_lanes<Model, false, false, typename lane_pair<T>::type, T>(m, y, unknown, x0,
                                                                                  c, {}, {}, {});
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Parameter regions

/// Smoothing-parameter bounds (R's lower/upper: alpha, beta, gamma, phi).
template <std::floating_point T>
struct ets_limits {
  std::array<T, 4> lower{T(1e-4), T(1e-4), T(1e-4), T(0.8)};
  std::array<T, 4> upper{T(0.9999), T(0.9999), T(0.9999), T(0.98)};
};

/// Which parameters are free (optimised) and which are given.
struct ets_free {
  bool alpha = false, beta = false, gamma = false, phi = false;
};

/// All roots of sum_k p[k] z^k (p[d] != 0) have modulus <= bound? Schur-Cohn reduction on
/// p(bound*z); falls back to the eigenvalues of the companion matrix when a reduction step is
/// too close to the unit circle to decide. @pre 2 <= p.size() <= ets_max_season_length + 2
template <std::floating_point T>
bool roots_within(std::span<const double> p, double bound) {
  const std::size_t d = p.size() - 1;
  // One scratch row, reduced in place (written before read).
  std::array<double, ets_max_season_length + 2> row;
  double* a = row.data();
  double scale = 1;
  for (std::size_t k = 0; k <= d; ++k) {
    a[k] = p[k] * scale;
    scale *= bound;
  }
  bool ambiguous = false;
  for (std::size_t deg = d; deg >= 1; --deg) {
    const double a0 = a[0];
    const double ad = a[deg];
    const double aa0 = std::abs(a0);
    const double aad = std::abs(ad);
    // ratio = |a0| / |ad| compared with 1 -+ 1e-7 without the division; an undefined or
    // infinite ratio is ambiguous.
    if (!(aad > 0) || !std::isfinite(aa0)) {
      ambiguous = true;
      break;
    }
    if (aa0 > (1 - 1e-7) * aad) {
      if (aa0 < (1 + 1e-7) * aad) ambiguous = true;
      if (!ambiguous) return false;
      break;
    }
    // q(z) = (ad*p(z) - a0*p~(z)) / z, degree deg - 1: q_k = ad*a_{k+1} - a0*a_{deg-1-k}.
    // In place, from both ends: coefficients lo and hi = deg - 1 - lo are written together,
    // from the old a_lo, a_{lo+1}, a_hi and a_{hi+1} (the outer two carried over).
    std::size_t lo = 0;
    std::size_t hi = deg - 1;
    double old_lo = a[0];
    double old_hi_next = a[deg];
    while (lo < hi) {
      const double next_lo = a[lo + 1];
      const double cur_hi = a[hi];
      a[lo] = ad * next_lo - a0 * cur_hi;
      a[hi] = ad * old_hi_next - a0 * old_lo;
      old_lo = next_lo;
      old_hi_next = cur_hi;
      ++lo;
      --hi;
    }
    if (lo == hi) a[lo] = ad * old_hi_next - a0 * old_lo;
    // The tests are scale-free: rescale only when the magnitudes (which about square at each
    // step) drift far from 1, to avoid under/overflow.
    const double lead = std::abs(a[deg - 1]);
    if (lead == 0) {
      ambiguous = true;
      break;
    }
    if (!(lead < 1e100 && lead > 1e-100)) {
      const double inv = 1 / lead;
      for (std::size_t k = 0; k < deg; ++k) a[k] *= inv;
    }
  }
  if (!ambiguous) return true;
  // Companion-matrix eigenvalues (rare, boundary cases only).
  const auto n = static_cast<Eigen::Index>(d);
  Eigen::MatrixXd comp = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < n; ++i) comp(0, i) = -p[d - 1 - static_cast<std::size_t>(i)] / p[d];
  for (Eigen::Index i = 1; i < n; ++i) comp(i, i - 1) = 1;
  Eigen::EigenSolver<Eigen::MatrixXd> solver(comp, false);
  if (solver.info() != Eigen::Success) return false;
  double mx = 0;
  for (Eigen::Index i = 0; i < n; ++i) mx = std::max(mx, std::abs(solver.eigenvalues()[i]));
  return mx <= bound;
}

/// R's admissible region (forecast's C++ admissible()): for non-seasonal models the
/// invertibility conditions of Hyndman et al. (2008, ch. 10); for seasonal models simple
/// conditions and the roots of the characteristic polynomial inside the unit circle
/// (modulus <= 1 + 1e-10).
template <std::floating_point T>
bool ets_admissible(const ets_model& model, int m, const ets_coefficients<T>& c, bool beta_used) {
  const double alpha = static_cast<double>(c.alpha);
  double beta = static_cast<double>(c.beta);
  const double gamma = static_cast<double>(c.gamma);
  const double phi = static_cast<double>(c.phi);
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (model.season == ets_season::none) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (beta_used) {
      if (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha)) return false;
    }
    return true;
  }
  if (m <= 1) return true;
  if (!beta_used) beta = 0;
  const double d0 = 1 - 1 / phi - alpha;
  if (gamma < std::max(d0, 0.0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - gamma * (1 - m + phi + phi * m) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // P(z) = phi(1-a-g) + (a+b-a*phi+g-1) z + sum_{k=2}^{m-1} (a+b-a*phi) z^k + (a+b-phi) z^m
  //        + z^{m+1}
  std::array<double, ets_max_season_length + 2> P;  // P[0..m+1] written below
  const auto mu = static_cast<std::size_t>(m);
  P[0] = phi * (1 - alpha - gamma);
  P[1] = alpha + beta - alpha * phi + gamma - 1;
  for (std::size_t k = 2; k + 1 <= mu; ++k) P[k] = alpha + beta - alpha * phi;
  P[mu] = alpha + beta - phi;
  P[mu + 1] = 1;
  std::size_t deg = mu + 1;
  // Deflate an exact unit root (phi = 1 and beta = 0 give P(1) = 0): roots at 1 are admissible.
  std::array<double, ets_max_season_length + 2> Q;  // written before read
  double total = 0;
  double absum = 0;
  for (std::size_t k = 0; k <= deg; ++k) {
    total += P[k];
    absum += std::abs(P[k]);
  }
  if (std::abs(total) <= 1e-12 * absum) {
    // Synthetic division by (z - 1): Q[k-1] = P[k] + Q[k] * 1, from the top.
    double carry = 0;
    for (std::size_t k = deg; k >= 1; --k) {
      carry = P[k] + carry;
      Q[k - 1] = carry;
    }
    deg -= 1;
    for (std::size_t k = 0; k <= deg; ++k) P[k] = Q[k];
  }
  return roots_within<T>(std::span<const double>(P.data(), deg + 1), 1 + 1e-10);
}

/// R's check.param for the "usual", "admissible" or "both" bounds. Only free parameters are
/// checked against the usual box (as R's C++ target function does).
template <std::floating_point T>
bool ets_check_params(const ets_model& model, int m, const ets_coefficients<T>& c,
                      const ets_free& free, const ets_limits<T>& lim, bool usual, bool admissible,
                      bool beta_given) {
  if (usual) {
    if (free.alpha && (c.alpha < lim.lower[0] || c.alpha > lim.upper[0])) return false;
    if (free.beta && (c.beta < lim.lower[1] || c.beta > c.alpha || c.beta > lim.upper[1]))
      return false;
    if (free.phi && (c.phi < lim.lower[3] || c.phi > lim.upper[3])) return false;
    if (free.gamma &&
        (c.gamma < lim.lower[2] || c.gamma > T(1) - c.alpha || c.gamma > lim.upper[2]))
      return false;
  }
  if (admissible) {
    const bool beta_used = free.beta || beta_given;
    if (!ets_admissible(model, m, c, beta_used)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Initial states (R's initstate)

/// Least-squares line through (1..n, y): returns {intercept, slope}.
template <std::floating_point T>
std::array<T, 2> ls_line(std::span<const T> y) {
  const std::size_t n = y.size();
  T sx = 0;
  T sy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sx += static_cast<T>(i + 1);
    sy += y[i];
  }
  const T mx = sx / static_cast<T>(n);
  const T my = sy / static_cast<T>(n);
  T sxy = 0;
  T sxx = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const T dx = static_cast<T>(i + 1) - mx;
    sxy += dx * (y[i] - my);
    sxx += dx * dx;
  }
  const T slope = sxx > 0 ? sxy / sxx : T(0);
  return {my - slope * mx, slope};
}

/// Seasonal component of R's classical decomposition (stats::decompose), aligned with the
/// first observation; requires n >= 2m.
template <std::floating_point T>
std::vector<T> classical_seasonal(std::span<const T> y, int m, bool multiplicative) {
  const std::size_t n = y.size();
  const auto mu = static_cast<std::size_t>(m);
  // Centred moving average: weights 1/m (m odd) or (0.5, 1, ..., 1, 0.5)/m (m even).
  const std::size_t half = mu / 2;
  std::vector<T> ratio(n, std::numeric_limits<T>::quiet_NaN());
  for (std::size_t i = half; i + half < n; ++i) {
    T tr = 0;
    if (mu % 2 == 1) {
      for (std::size_t j = i - half; j <= i + half; ++j) tr += y[j];
      tr /= static_cast<T>(m);
    } else {
      tr = T(0.5) * y[i - half] + T(0.5) * y[i + half];
      for (std::size_t j = i - half + 1; j < i + half; ++j) tr += y[j];
      tr /= static_cast<T>(m);
    }
    ratio[i] = multiplicative ? y[i] / tr : y[i] - tr;
  }
  std::vector<T> figure(mu, T(0));
  for (std::size_t k = 0; k < mu; ++k) {
    T sum = 0;
    std::size_t count = 0;
    for (std::size_t i = k; i < n; i += mu) {
      if (!std::isnan(ratio[i])) {
        sum += ratio[i];
        ++count;
      }
    }
    figure[k] = count > 0 ? sum / static_cast<T>(count) : T(0);
  }
  T mean = 0;
  for (T v : figure) mean += v;
  mean /= static_cast<T>(m);
  for (T& v : figure) v = multiplicative ? v / mean : v - mean;
  std::vector<T> seasonal(n);
  for (std::size_t i = 0; i < n; ++i) seasonal[i] = figure[i % mu];
  return seasonal;
}

/// R's initstate(): (l0, [b0], s_0..s_{-m+2}) — m - 1 seasonals, the last one being implied.
/// @pre n >= 4 for seasonal models.
template <std::floating_point T>
std::vector<T> ets_initial_states(const ets_model& model, std::span<const T> y, int m) {
  const std::size_t n = y.size();
  std::vector<T> out;
  std::vector<T> ysa(y.begin(), y.end());
  std::vector<T> init_seas;
  const bool seasonal = model.season != ets_season::none;
  const bool mult = model.season == ets_season::multiplicative;
  if (seasonal) {
    const auto mu = static_cast<std::size_t>(m);
    std::vector<T> yd;
    if (n < 3 * mu) {
      // Regression on trend and one Fourier pair (forecast::fourier(y, 1) + tslm).
      const bool with_sin = m != 2;
      const Eigen::Index cols = with_sin ? 4 : 3;
      Eigen::MatrixXd X(static_cast<Eigen::Index>(n), cols);
      Eigen::VectorXd Y(static_cast<Eigen::Index>(n));
      for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<Eigen::Index>(i);
        const double t = static_cast<double>(i + 1);
        const double angle = 2.0 * std::numbers::pi * t / static_cast<double>(m);
        X(r, 0) = 1;
        X(r, 1) = t;
        Eigen::Index c = 2;
        if (with_sin) X(r, c++) = std::sin(angle);
        X(r, c) = std::cos(angle);
        Y(r) = static_cast<double>(y[i]);
      }
      const Eigen::VectorXd coef = X.colPivHouseholderQr().solve(Y);
      yd.resize(n);
      for (std::size_t i = 0; i < n; ++i) {
        const double tr = coef(0) + coef(1) * static_cast<double>(i + 1);
        yd[i] =
            static_cast<T>(mult ? static_cast<double>(y[i]) / tr : static_cast<double>(y[i]) - tr);
      }
    } else {
      yd = classical_seasonal(y, m, mult);
    }
    init_seas.resize(mu - 1);
    for (std::size_t k = 0; k + 1 < mu; ++k) init_seas[k] = yd[mu - 1 - k];  // rev(yd[2:m])
    if (!mult) {
      for (std::size_t i = 0; i < n; ++i) ysa[i] = y[i] - yd[i];
    } else {
      T sum = 0;
      for (T& v : init_seas) {
        v = std::max(v, T(0.01));
        sum += v;
      }
      if (sum > static_cast<T>(m)) {
        const T denom = sum + T(0.01) * static_cast<T>(mu - 1);
        for (T& v : init_seas) v /= denom;
      }
      for (std::size_t i = 0; i < n; ++i) ysa[i] = y[i] / std::max(yd[i], T(0.01));
    }
  }
  const std::size_t maxn =
      std::min(std::max<std::size_t>(10, seasonal ? 2 * static_cast<std::size_t>(m) : 2), n);
  if (model.trend == ets_trend::none) {
    T s = 0;
    for (std::size_t i = 0; i < maxn; ++i) s += ysa[i];
    out.push_back(s / static_cast<T>(maxn));
  } else {
    const auto line = ls_line(std::span<const T>(ysa.data(), maxn));
    if (model.trend == ets_trend::additive) {
      T l0 = line[0];
      T b0 = line[1];
      if (std::abs(l0 + b0) < T(1e-8)) {
        l0 *= T(1.001);
        b0 *= T(0.999);
      }
      out.push_back(l0);
      out.push_back(b0);
    } else {
      T l0 = line[0] + line[1];
      if (std::abs(l0) < T(1e-8)) l0 = T(1e-7);
      T b0 = (line[0] + T(2) * line[1]) / l0;
      l0 = l0 / b0;
      if (std::abs(b0) > T(1e10)) b0 = b0 > 0 ? T(1e10) : T(-1e10);
      if (l0 < T(1e-8) || b0 < T(1e-8)) {
        l0 = std::max(ysa[0], T(0.001));
        b0 = std::max(ysa[1] / ysa[0], T(0.001));
      }
      out.push_back(l0);
      out.push_back(b0);
    }
  }
  out.insert(out.end(), init_seas.begin(), init_seas.end());
  return out;
}

}  // namespace invforecast::detail

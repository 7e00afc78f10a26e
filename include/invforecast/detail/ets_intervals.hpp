#pragma once

/// @file
/// ETS forecast distributions: analytic means and variances for the model classes 1-3 of
/// Hyndman, Koehler, Ord & Snyder (2008, ch. 6) exactly as R's forecast:::class1, class2 and
/// class3 compute them, and sample-path simulation (R's simulate.ets / pegelsfcast.C) for the
/// other models, with the library's seeded generator (detail/random.hpp); the type-8 quantiles
/// of the simulated paths are in detail/quantile.hpp.

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "invforecast/detail/ets_core.hpp"
#include "invforecast/detail/quantile.hpp"
#include "invforecast/detail/random.hpp"

namespace invforecast::detail {

/// Which analytic class a model belongs to (0 = none: simulate).
inline int ets_class(const ets_model& model) noexcept {
  const bool trend_an = model.trend != ets_trend::multiplicative;
  const bool season_na = model.season != ets_season::multiplicative;
  if (model.error == ets_error::additive && trend_an && season_na) return 1;
  if (model.error == ets_error::multiplicative && trend_an && season_na) return 2;
  if (model.error == ets_error::multiplicative && model.season == ets_season::multiplicative &&
      trend_an)
    return 3;
  return 0;
}

/// Means and variances for steps 1..h.
template <std::floating_point T>
struct ets_moments {
  std::vector<T> mean;
  std::vector<T> variance;
  std::vector<T> c;  ///< class 1 coefficients c_1..c_{h-1} (c_j = w' F^{j-1} g)
};

/// R's class1(): linear-state-space means mu_h = w' F^{h-1} x and variances
/// sigma^2 (1 + sum_{j<h} c_j^2). R's convention, reproduced exactly: g has gamma in its third
/// entry (so for a model without trend the seasonal smoothing enters at lag m - 1).
template <std::floating_point T>
ets_moments<T> ets_class1(const ets_model& model, int m, std::span<const T> x, T alpha, T beta,
                          T gamma, T phi, T sigma2, int h) {
  const auto p = static_cast<Eigen::Index>(x.size());
  const bool trend = model.trend == ets_trend::additive;
  const bool season = model.season == ets_season::additive;
  const T ph = model.damped ? phi : T(1);
  Eigen::Matrix<T, 1, Eigen::Dynamic> H = Eigen::Matrix<T, 1, Eigen::Dynamic>::Zero(p);
  H(0) = 1;
  if (season) H(p - 1) = 1;
  if (trend) H(1) = ph;
  Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic> F =
      Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>::Zero(p, p);
  F(0, 0) = 1;
  if (trend) {
    F(0, 1) = ph;
    F(1, 1) = ph;
  }
  if (season) {
    F(p - m, p - 1) = 1;
    for (Eigen::Index k = 0; k < m - 1; ++k) F(p - m + 1 + k, p - m + k) = 1;
  }
  Eigen::Matrix<T, Eigen::Dynamic, 1> G = Eigen::Matrix<T, Eigen::Dynamic, 1>::Zero(p);
  G(0) = alpha;
  if (trend) G(1) = beta;
  if (season) G(2) = gamma;
  Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>> state(x.data(), p);
  ets_moments<T> out;
  const auto hu = static_cast<std::size_t>(h);
  out.mean.resize(hu);
  out.variance.resize(hu);
  out.c.resize(hu > 0 ? hu - 1 : 0);
  Eigen::Matrix<T, 1, Eigen::Dynamic> row = H;  // H F^i
  T cum = 0;
  for (std::size_t i = 0; i < hu; ++i) {
    out.mean[i] = row.dot(state.transpose());
    out.variance[i] = sigma2 * (T(1) + cum);
    if (i + 1 < hu) {
      const T cj = row.dot(G.transpose());
      out.c[i] = cj;
      cum += cj * cj;
      row = (row * F).eval();
    }
  }
  return out;
}

/// R's class2(): multiplicative error, trend N/A/Ad, season N/A.
template <std::floating_point T>
ets_moments<T> ets_class2(const ets_model& model, int m, std::span<const T> x, T alpha, T beta,
                          T gamma, T phi, T sigma2, int h) {
  ets_moments<T> out = ets_class1(model, m, x, alpha, beta, gamma, phi, sigma2, h);
  const auto hu = static_cast<std::size_t>(h);
  std::vector<T> theta(hu);
  theta[0] = out.mean[0] * out.mean[0];
  for (std::size_t j = 1; j < hu; ++j) {
    T s = 0;
    for (std::size_t i = 0; i < j; ++i) s += out.c[i] * out.c[i] * theta[j - 1 - i];
    theta[j] = out.mean[j] * out.mean[j] + sigma2 * s;
  }
  for (std::size_t j = 0; j < hu; ++j) {
    out.variance[j] = (T(1) + sigma2) * theta[j] - out.mean[j] * out.mean[j];
  }
  return out;
}

/// Draws `paths` future sample paths of length h from the final state x (R's simulate.ets with
/// future = TRUE and normal errors of variance sigma2), the recursion compiled for the model's
/// form (ets_dispatch). Path k consumes the generator's normals in order; a path whose
/// prediction becomes undefined (multiplicative trend with b < 0) or not finite is dropped.
/// For every kept path, row_for(kept) gives the h values' storage (T*, filled step by step)
/// and on_path(row) is called after it is complete. Returns the number of paths kept. No heap
/// allocation.
template <std::floating_point T, typename RowFor, typename OnPath>
std::size_t ets_simulate_paths(const ets_model& model, int m, std::span<const T> x,
                               const ets_coefficients<T>& c, T sigma2, int h, int paths,
                               std::uint64_t seed, RowFor&& row_for, OnPath&& on_path) {
  const auto hu = static_cast<std::size_t>(h);
  seeded_rng rng(seed);
  const double sd = std::sqrt(static_cast<double>(sigma2));
  const int mm = model.season != ets_season::none ? m : 1;
  return ets_dispatch(model, [&](auto form) {
    using form_type = decltype(form);
    std::size_t kept = 0;
    for (int k = 0; k < paths; ++k) {
      ets_state<T> st;
      st.load(model, mm, x);
      T* row = row_for(kept);
      bool ok = true;
      for (std::size_t i = 0; i < hu; ++i) {
        T f;
        if (!ets_one_step(form, st, c.phi, f)) {
          ok = false;
          break;
        }
        const T e = static_cast<T>(sd * rng.normal());
        T yv;
        if constexpr (form_type::error == ets_error::additive) {
          yv = f + e;
        } else {
          yv = f * (T(1) + e);
        }
        if (!std::isfinite(yv)) {
          ok = false;
          break;
        }
        row[i] = yv;
        ets_update(form, st, c, yv, true);
      }
      if (ok) {
        on_path(static_cast<const T*>(row));
        ++kept;
      }
    }
    return kept;
  });
}

/// Simulates `paths` future sample paths of length h from the final state (R's simulate.ets
/// with future = TRUE and normal errors of variance sigma2; see ets_simulate_paths). Output
/// row-major: path k, step i at [k*h + i]. Paths whose prediction becomes undefined
/// (multiplicative trend with b < 0) are dropped; returns the number of paths kept.
template <std::floating_point T>
std::size_t ets_simulate(const ets_model& model, int m, std::span<const T> x,
                         const ets_coefficients<T>& c, T sigma2, int h, int paths,
                         std::uint64_t seed, std::vector<T>& out) {
  const auto hu = static_cast<std::size_t>(h);
  out.assign(static_cast<std::size_t>(paths) * hu, T(0));
  const std::size_t kept = ets_simulate_paths<T>(
      model, m, x, c, sigma2, h, paths, seed,
      [&out, hu](std::size_t k) { return out.data() + k * hu; }, [](const T*) {});
  out.resize(kept * hu);
  return kept;
}

/// Var(y_{n+1} + ... + y_{n+L}) for L = 1..max_l (out[L - 1]), covariances included.
/// Classes 1 and 2 in closed form: the sum is a constant plus sum_i u_i C_{L-i} with
/// C_k = 1 + c_1 + ... + c_k (c_j = w'F^{j-1}g) and uncorrelated innovations u_i of variance
/// sigma^2 theta_i (class 1: theta_i = 1; class 2: theta_i = E[mu_i^2], R's class2 theta), so
/// Var = sigma^2 sum_{i=1}^{L} theta_i C_{L-i}^2 (Hyndman et al. 2008, sec. 6.6). For seasonal
/// models without trend (A,N,A and M,N,A) c_j = alpha + gamma [j mod m = 0], not R's class1
/// c_j (see the body). Other
/// models: the sample variance (divisor kept - 1) of the running sums S_L of one simulation of
/// `paths` paths (ets_simulate_paths), accumulated path by path as sums of S_L - K_L and their
/// squares, K_L the first path's sums (the shifted-data algorithm: no cancellation, no stored
/// paths). 0 when fewer than 2 paths are kept.
template <std::floating_point T>
std::vector<T> ets_lead_time_variances(const ets_model& model, int m, std::span<const T> x,
                                       const ets_coefficients<T>& c, T sigma2, int max_l, int paths,
                                       std::uint64_t seed) {
  const auto lu = static_cast<std::size_t>(max_l);
  std::vector<T> out(lu, T(0));
  const int cls = ets_class(model);
  if (cls == 1 || cls == 2) {
    ets_moments<T> mom = ets_class1(model, m, x, c.alpha, c.beta, c.gamma, c.phi, sigma2, max_l);
    if (model.season != ets_season::none && model.trend == ets_trend::none) {
      // ets_class1 keeps R's class1 convention (gamma in the third entry of g: for a model
      // without trend that is s_2, so its c_j carry gamma at j = m - 1, 2m - 1, ...). The sums
      // need the model's true c_j = alpha + gamma [j mod m = 0] (the seasonal updated at t
      // comes back at t + m), which the simulation of the recursion confirms.
      for (std::size_t k = 0; k < mom.c.size(); ++k) {
        mom.c[k] = (k + 1) % static_cast<std::size_t>(m) == 0 ? c.alpha + c.gamma : c.alpha;
      }
    }
    std::vector<T> cum(lu);  // C_0 .. C_{L-1}
    std::vector<T> theta(lu, T(1));
    T run = 1;
    for (std::size_t k = 0; k < lu; ++k) {
      cum[k] = run;
      if (k + 1 < lu) run += mom.c[k];
    }
    if (cls == 2) {
      for (std::size_t j = 0; j < lu; ++j) {
        T s = 0;
        for (std::size_t i = 0; i < j; ++i) s += mom.c[i] * mom.c[i] * theta[j - 1 - i];
        theta[j] = mom.mean[j] * mom.mean[j] + (j == 0 ? T(0) : sigma2 * s);
      }
    }
    for (std::size_t l = 1; l <= lu; ++l) {
      T total = 0;
      for (std::size_t i = 1; i <= l; ++i) total += theta[i - 1] * cum[l - i] * cum[l - i];
      out[l - 1] = sigma2 * total;
    }
    return out;
  }
  std::vector<T> row(lu);
  std::vector<double> shift(lu, 0.0);  // K_L
  std::vector<double> s1(lu, 0.0);     // sum of S_L - K_L
  std::vector<double> s2(lu, 0.0);     // sum of (S_L - K_L)^2
  bool first = true;
  const std::size_t kept = ets_simulate_paths<T>(
      model, m, x, c, sigma2, max_l, paths, seed, [&row](std::size_t) { return row.data(); },
      [&](const T* r) {
        double sum = 0.0;
        if (first) {
          for (std::size_t i = 0; i < lu; ++i) {
            sum += static_cast<double>(r[i]);
            shift[i] = sum;
          }
          first = false;
          return;  // its deviations are 0
        }
        for (std::size_t i = 0; i < lu; ++i) {
          sum += static_cast<double>(r[i]);
          const double d = sum - shift[i];
          s1[i] += d;
          s2[i] += d * d;
        }
      });
  if (kept < 2) return out;
  const auto n = static_cast<double>(kept);
  for (std::size_t i = 0; i < lu; ++i) {
    out[i] = static_cast<T>(std::max(0.0, (s2[i] - s1[i] * s1[i] / n) / (n - 1.0)));
  }
  return out;
}

}  // namespace invforecast::detail

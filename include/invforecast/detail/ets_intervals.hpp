#pragma once

/// @file
/// ETS forecast distributions: analytic means and variances for the model classes 1-3 of
/// Hyndman, Koehler, Ord & Snyder (2008, ch. 6) exactly as R's forecast:::class1, class2 and
/// class3 compute them, and sample-path simulation (R's simulate.ets / pegelsfcast.C) for the
/// other models, with a portable seeded generator.

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

#include "invforecast/detail/ets_core.hpp"

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

/// Kronecker product A (x) B.
template <typename M>
M kron(const M& a, const M& b) {
  M out(a.rows() * b.rows(), a.cols() * b.cols());
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      out.block(i * b.rows(), j * b.cols(), b.rows(), b.cols()) = a(i, j) * b;
    }
  }
  return out;
}

/// R's class3(): multiplicative error and multiplicative season, trend N/A/Ad. The mean
/// carries sigma^2 terms. Reproduces R exactly, including its observation row (1, 1) and
/// transition ((1, 1), (0, phi)) for the level/trend block when damped.
template <std::floating_point T>
ets_moments<T> ets_class3(const ets_model& model, int m, std::span<const T> x, T alpha, T beta,
                          T gamma, T phi, T sigma2, int h) {
  using Mat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;
  const bool trend = model.trend != ets_trend::none;
  const Eigen::Index q = trend ? 2 : 1;
  const Eigen::Index mm = m;
  Mat H1 = Mat::Ones(1, q);
  Mat H2 = Mat::Zero(1, mm);
  H2(0, mm - 1) = 1;
  Mat F1(q, q);
  Mat G1(q, q);
  if (!trend) {
    F1(0, 0) = 1;
    G1(0, 0) = alpha;
  } else {
    F1 << 1, 1, 0, (model.damped ? phi : T(1));
    G1 << alpha, alpha, beta, beta;
  }
  Mat F2 = Mat::Zero(mm, mm);
  F2(0, mm - 1) = 1;
  for (Eigen::Index k = 0; k < mm - 1; ++k) F2(k + 1, k) = 1;
  Mat G2 = Mat::Zero(mm, mm);
  G2(0, mm - 1) = gamma;
  Mat Mh(q, mm);
  for (Eigen::Index i = 0; i < q; ++i) {
    for (Eigen::Index j = 0; j < mm; ++j) {
      Mh(i, j) = x[static_cast<std::size_t>(i)] * x[static_cast<std::size_t>(q + j)];
    }
  }
  const Eigen::Index d = q * mm;
  Mat Vh = Mat::Zero(d, d);
  const Mat H21 = kron(H2, H1);
  const Mat F21 = kron(F2, F1);
  const Mat G21 = kron(G2, G1);
  const Mat K = kron(G2, F1) + kron(F2, G1);
  ets_moments<T> out;
  const auto hu = static_cast<std::size_t>(h);
  out.mean.resize(hu);
  out.variance.resize(hu);
  for (std::size_t i = 0; i < hu; ++i) {
    const T mu = (H1 * Mh * H2.transpose())(0, 0);
    out.mean[i] = mu;
    out.variance[i] = (T(1) + sigma2) * (H21 * Vh * H21.transpose())(0, 0) + sigma2 * mu * mu;
    Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>> vec(Mh.data(), d);
    const Mat vv = vec * vec.transpose();
    const Mat Vn = F21 * Vh * F21.transpose() +
                   sigma2 * (F21 * Vh * G21.transpose() + G21 * Vh * F21.transpose() +
                             K * (Vh + vv) * K.transpose() +
                             sigma2 * G21 * (T(3) * Vh + T(2) * vv) * G21.transpose());
    Vh = Vn;
    const Mat Mn = F1 * Mh * F2.transpose() + G1 * Mh * G2.transpose() * sigma2;
    Mh = Mn;
  }
  return out;
}

/// Portable generator (xoshiro256**, seeded by splitmix64) with Box-Muller normals: the same
/// seed gives the same paths on every platform and standard library.
class ets_rng {
 public:
  explicit ets_rng(std::uint64_t seed) noexcept {
    for (auto& s : s_) {
      seed += 0x9e3779b97f4a7c15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  std::uint64_t next() noexcept {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in (0, 1).
  double uniform() noexcept {
    return (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
  }
  /// Standard normal.
  double normal() noexcept {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform();
    const double u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double a = 2.0 * std::numbers::pi * u2;
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
  double spare_ = 0;
  bool has_spare_ = false;
};

/// Simulates `paths` future sample paths of length h from the final state (R's simulate.ets
/// with future = TRUE and normal errors of variance sigma2). Output row-major: path k, step i
/// at [k*h + i]. Paths whose prediction becomes undefined (multiplicative trend with b < 0)
/// are dropped; returns the number of paths kept.
template <std::floating_point T>
std::size_t ets_simulate(const ets_model& model, int m, std::span<const T> x,
                         const ets_coefficients<T>& c, T sigma2, int h, int paths,
                         std::uint64_t seed, std::vector<T>& out) {
  const auto hu = static_cast<std::size_t>(h);
  out.assign(static_cast<std::size_t>(paths) * hu, T(0));
  ets_rng rng(seed);
  const double sd = std::sqrt(static_cast<double>(sigma2));
  const int mm = model.season != ets_season::none ? m : 1;
  std::size_t kept = 0;
  for (int k = 0; k < paths; ++k) {
    ets_state<T> st;
    st.load(model, mm, x);
    T* row = out.data() + kept * hu;
    bool ok = true;
    for (std::size_t i = 0; i < hu; ++i) {
      T f;
      if (!ets_one_step(model, st, c.phi, f)) {
        ok = false;
        break;
      }
      const T e = static_cast<T>(sd * rng.normal());
      const T yv = model.error == ets_error::additive ? f + e : f * (T(1) + e);
      if (!std::isfinite(yv)) {
        ok = false;
        break;
      }
      row[i] = yv;
      ets_update(model, st, c, yv, true);
    }
    if (ok) ++kept;
  }
  out.resize(kept * hu);
  return kept;
}

/// R's quantile type 8 (median-unbiased) of sorted data.
template <std::floating_point T>
T quantile_type8(std::span<const T> sorted, T p) {
  const auto n = static_cast<T>(sorted.size());
  if (sorted.empty()) return T(0);
  const T mshift = (p + T(1)) / T(3);
  const T np = n * p + mshift;
  const T jf = std::floor(np);
  const T g = np - jf;
  const auto last = static_cast<long long>(sorted.size());
  auto at = [&](long long j) {  // 1-based, clamped
    j = std::clamp(j, 1LL, last);
    return sorted[static_cast<std::size_t>(j - 1)];
  };
  const auto j = static_cast<long long>(jf);
  return (T(1) - g) * at(j) + g * at(j + 1);
}

}  // namespace invforecast::detail

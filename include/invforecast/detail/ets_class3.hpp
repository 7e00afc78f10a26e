#pragma once

/// @file
/// Structured evaluation of R's forecast:::class3 forecast means and variances (multiplicative
/// error and season, trend N/A/Ad; Hyndman, Koehler, Ord & Snyder 2008, ch. 6): the numbers of
/// R's dense matrix recursion (up to rounding) in O(h m q^2) time and O(m q^2) memory instead of
/// O(h (q m)^3) time, with one allocation besides the two output vectors.

#include <Eigen/Dense>
#include <concepts>
#include <cstddef>
#include <span>
#include <vector>

#include "invforecast/detail/ets_intervals.hpp"

namespace invforecast::detail {

namespace class3 {

/// Per seasonal position p: the q-vector M_p (column p of R's mean matrix M_h, p in storage
/// order) and the q x q diagonal block V_p of R's covariance matrix V_h belonging to it.
template <std::floating_point T, int Q>
struct lane {
  Eigen::Matrix<T, Q, Q, Eigen::DontAlign> v;
  Eigen::Matrix<T, Q, 1, Eigen::DontAlign> mean;
};

/// ets_class3 for a level/trend block of size Q (1: trend N; 2: trend A or Ad).
template <int Q, std::floating_point T>
ets_moments<T> run(bool damped, int m, std::span<const T> x, T alpha, T beta, T gamma, T phi,
                   T sigma2, int h) {
  using MatQ = Eigen::Matrix<T, Q, Q>;
  using VecQ = Eigen::Matrix<T, Q, 1>;
  // R's level/trend block: F1 = 1, G1 = alpha (q = 1) or F1 = ((1, 1), (0, phi)),
  // G1 = ((alpha, alpha), (beta, beta)) (q = 2); G1 = g 1' with g = (alpha[, beta])'.
  MatQ f1;
  VecQ g;
  if constexpr (Q == 1) {
    f1(0, 0) = T(1);
    g(0) = alpha;
  } else {
    f1 << T(1), T(1), T(0), (damped ? phi : T(1));
    g << alpha, beta;
  }
  const MatQ g1 = g * VecQ::Ones().transpose();
  const MatQ ggt = g * g.transpose();
  const MatQ a = gamma * g1;        // the non-zero block of G21 = G2 (x) G1
  const MatQ k0 = gamma * f1 + g1;  // block (0, m - 1) of K = G2 (x) F1 + F2 (x) G1
  const MatQ f1t = f1.transpose();
  const MatQ at = a.transpose();
  const MatQ k0t = k0.transpose();

  ets_moments<T> out;
  if (m < 1 || h <= 0) return out;
  const auto mu = static_cast<std::size_t>(m);
  std::vector<lane<T, Q>> lanes(mu);
  for (std::size_t p = 0; p < mu; ++p) {
    for (int i = 0; i < Q; ++i) {
      lanes[p].mean(i) = x[static_cast<std::size_t>(i)] * x[static_cast<std::size_t>(Q) + p];
    }
    lanes[p].v.setZero();
  }

  const auto hu = static_cast<std::size_t>(h);
  out.mean.resize(hu);
  out.variance.resize(hu);
  const T s2sq = sigma2 * sigma2;
  for (std::size_t i = 0; i < hu; ++i) {
    // After i steps storage position p holds R's seasonal position (p + i) mod m; H picks
    // position m - 1.
    const std::size_t s = mu - 1 - i % mu;
    const T mean = lanes[s].mean.sum();
    out.mean[i] = mean;
    out.variance[i] = (T(1) + sigma2) * lanes[s].v.sum() + sigma2 * mean * mean;
    if (i + 1 == hu) break;
    for (std::size_t p = 0; p < mu; ++p) {
      lane<T, Q>& l = lanes[p];
      const MatQ v = l.v;
      const VecQ mv = l.mean;
      if (p != s) {
        // Target position != 0: K and F21 act as G1 and F1, G21 is zero here:
        // V <- F1 V F1' + sigma2 G1 (V + M M') G1' = F1 V F1' + sigma2 (1'V1 + (1'M)^2) g g'.
        const T sm = mv.sum();
        l.v.noalias() = f1 * v * f1t;
        l.v += (sigma2 * (v.sum() + sm * sm)) * ggt;
        l.mean.noalias() = f1 * mv;
      } else {
        // Target position 0: every term of R's recursion contributes.
        const MatQ w = v + mv * mv.transpose();
        const MatQ u = T(3) * v + T(2) * (mv * mv.transpose());
        const MatQ fv = f1 * v;
        l.v.noalias() = fv * f1t;
        l.v += sigma2 * (fv * at + a * v * f1t + k0 * w * k0t);
        l.v += s2sq * (a * u * at);
        l.mean.noalias() = f1 * mv;
        l.mean += sigma2 * (a * mv);
      }
    }
  }
  return out;
}

}  // namespace class3

/// R's class3() (forecast:::class3; Hyndman et al. 2008, sec. 6.5) for models with multiplicative
/// error and multiplicative season and trend N, A or Ad: forecast means mu_1..mu_h (with their
/// sigma^2 terms) and variances, identical (up to rounding) to R's dense recursion,
/// including R's observation row (1, 1) and transition ((1, 1), (0, phi)) of the damped
/// level/trend block.
///
/// Method. With d = q m, R iterates M_{j+1} = F1 M_j F2' + sigma^2 G1 M_j G2' and
/// V_{j+1} = F21 V_j F21' + sigma^2 [F21 V_j G21' + G21 V_j F21' + K (V_j + v v') K' +
/// sigma^2 G21 (3 V_j + 2 v v') G21'], v = vec M_j, on dense d x d matrices. F2 is the cyclic
/// shift and G2 = gamma e_1 e_m', so F21 = F2 (x) F1, G21 = G2 (x) G1 and K = G2 (x) F1 +
/// F2 (x) G1 are each "shift the q-blocks cyclically by one, then multiply block j by a q x q
/// matrix": F1 for F21; gamma G1 at block 0 (else 0) for G21; gamma F1 + G1 at block 0 (else G1)
/// for K. Hence block (j, k) of V_{j+1} depends only on block (j-1, k-1) of V_j and columns j-1,
/// k-1 of M_j, and the output sigma^2 mu^2 + (1 + sigma^2) 1'V(m,m)1 reads a diagonal block:
/// only the m diagonal q x q blocks are carried (off-diagonal blocks never feed them). The
/// cyclic shift is done by relabelling (storage position p holds seasonal position
/// (p + step) mod m), so each step updates every block in place with q x q products;
/// G1 = g 1' makes G1 Z G1' = (1'Z1) g g'.
///
/// @param model  the model form (error and season multiplicative, trend none or additive)
/// @param m      season length (< 1 gives empty vectors)
/// @param x      final states in R's order (l, [b], s_1..s_m), size q + m
/// @param sigma2 innovation variance
/// @param h      horizon (<= 0 gives empty vectors)
/// @return means and variances for steps 1..h (the class 1 coefficients `c` stay empty).
///
/// Complexity: O(h m q^2) time, O(m q^2) extra memory in one allocation. Does not validate
/// its arguments (internal; callers check them).
template <std::floating_point T>
ets_moments<T> ets_class3(const ets_model& model, int m, std::span<const T> x, T alpha, T beta,
                          T gamma, T phi, T sigma2, int h) {
  if (model.trend != ets_trend::none) {
    return class3::run<2, T>(model.damped, m, x, alpha, beta, gamma, phi, sigma2, h);
  }
  return class3::run<1, T>(model.damped, m, x, alpha, beta, gamma, phi, sigma2, h);
}

}  // namespace invforecast::detail

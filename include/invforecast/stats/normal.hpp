#pragma once

/// @file
/// The standard normal distribution: density, distribution function, its complement, the
/// inverse distribution function (quantile), the standard loss function G(k) and its inverse,
/// and the service-level -> z mapping used by every safety-stock formula.
///
/// Accuracy (double, measured against R 4.x `dnorm`/`pnorm`/`qnorm`, see
/// tests/stats/normal_test.cpp and docs/inventory.md): quantile and distribution function agree
/// to a few 1e-16 relative over p in (1e-300, 1 - 1e-16).

#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>
#include <numbers>

#include "invforecast/detail/check.hpp"

namespace invforecast {

namespace detail {

/// Throws invalid_argument when `value` is NaN (infinities are allowed).
template <std::floating_point T>
void check_not_nan(std::string_view function, std::string_view name, T value) {
  if (std::isnan(value)) throw_invalid_value(function, name, value, "a number (not NaN)");
}

/// erfc(x / sqrt(2)) without the rounding error of the scaled argument: x / sqrt(2) is formed
/// as t + d (t the rounded product, d its error from an fma and the low part of 1/sqrt(2)),
/// and erfc(t + d) = erfc(t) - d * 2/sqrt(pi) * exp(-t^2) to first order. Without the
/// correction the relative error of the tail grows like x^2 * eps (1e-13 at x = 37).
template <std::floating_point T>
T erfc_of_scaled(T x) {
  constexpr long double inv_sqrt2 = 0.707106781186547524400844362104849039L;
  constexpr T c_hi = static_cast<T>(inv_sqrt2);
  constexpr T c_lo = static_cast<T>(inv_sqrt2 - static_cast<long double>(c_hi));
  const T t = x * c_hi;
  const T value = std::erfc(t);
  if (!(std::fabs(t) > T(0.5)) || !std::isfinite(t)) return value;
  const T d = std::fma(x, c_hi, -t) + x * c_lo;
  return value - d * std::numbers::inv_sqrtpi_v<T> * T(2) * std::exp(-t * t);
}

/// Wichura's AS241 (PPND16) rational approximations: the quantile of p (0 < p < 1), about
/// 1e-16 relative. Coefficients from M. J. Wichura, "Algorithm AS 241: The percentage points
/// of the normal distribution", Applied Statistics 37(3), 477-484, 1988.
template <std::floating_point T>
T ppnd16(T p) {
  const T q = p - T(0.5);
  if (std::fabs(q) <= T(0.425)) {
    const T r = T(0.180625) - q * q;
    const T num = ((((((((T(2.5090809287301226727e3) * r + T(3.3430575583588128105e4)) * r +
                         T(6.7265770927008700853e4)) *
                            r +
                        T(4.5921953931549871457e4)) *
                           r +
                       T(1.3731693765509461125e4)) *
                          r +
                      T(1.9715909503065514427e3)) *
                         r +
                     T(1.3314166789178437745e2)) *
                        r +
                    T(3.3871328727963666080e0)));
    const T den = (((((((T(5.2264952788528545610e3) * r + T(2.8729085735721942674e4)) * r +
                        T(3.9307895800092710610e4)) *
                           r +
                       T(2.1213794301586595867e4)) *
                          r +
                      T(5.3941960214247511077e3)) *
                         r +
                     T(6.8718700749205790830e2)) *
                        r +
                    T(4.2313330701600911252e1)) *
                       r +
                   T(1));
    return q * num / den;
  }
  // r = sqrt(-log(min(p, 1 - p))); for p < 0.5 the tail value p itself is exact.
  T r = std::sqrt(-std::log(q < 0 ? p : T(1) - p));
  T value;
  if (r <= T(5)) {
    r -= T(1.6);
    const T num = (((((((T(7.74545014278341407640e-4) * r + T(2.27238449892691845833e-2)) * r +
                        T(2.41780725177450611770e-1)) *
                           r +
                       T(1.27045825245236838258e0)) *
                          r +
                      T(3.64784832476320460504e0)) *
                         r +
                     T(5.76949722146069140550e0)) *
                        r +
                    T(4.63033784615654529590e0)) *
                       r +
                   T(1.42343711074968357734e0));
    const T den = (((((((T(1.05075007164441684324e-9) * r + T(5.47593808499534494600e-4)) * r +
                        T(1.51986665636164571966e-2)) *
                           r +
                       T(1.48103976427480074590e-1)) *
                          r +
                      T(6.89767334985100004550e-1)) *
                         r +
                     T(1.67638483018380384940e0)) *
                        r +
                    T(2.05319162663775882187e0)) *
                       r +
                   T(1));
    value = num / den;
  } else {
    r -= T(5);
    const T num = (((((((T(2.01033439929228813265e-7) * r + T(2.71155556874348757815e-5)) * r +
                        T(1.24266094738807843860e-3)) *
                           r +
                       T(2.65321895265761230930e-2)) *
                          r +
                      T(2.96560571828504891230e-1)) *
                         r +
                     T(1.78482653991729133580e0)) *
                        r +
                    T(5.46378491116411436990e0)) *
                       r +
                   T(6.65790464350110377720e0));
    const T den = (((((((T(2.04426310338993978564e-15) * r + T(1.42151175831644588870e-7)) * r +
                        T(1.84631831751005468180e-5)) *
                           r +
                       T(7.86869131145613259100e-4)) *
                          r +
                      T(1.48753612908506148525e-2)) *
                         r +
                     T(1.36929880922735805310e-1)) *
                        r +
                    T(5.99832206555887937690e-1)) *
                       r +
                   T(1));
    value = num / den;
  }
  return q < 0 ? -value : value;
}

/// c(k) = 1 / (k + 2 / (k + 3 / (k + ...))) for k >= 2, so that the Mills ratio is
/// Q(k) / phi(k) = 1 / (k + c(k)) (Laplace's continued fraction), evaluated bottom-up. The
/// depth shrinks with k; each depth was checked against 60-digit arithmetic to converge to
/// below 2e-16 relative in G (120 terms at k = 2 down to 24 for k >= 6).
template <std::floating_point T>
T mills_tail_fraction(T k) {
  const int depth = k < T(2.5) ? 120
                    : k < T(3) ? 90
                    : k < T(4) ? 60
                    : k < T(5) ? 45
                    : k < T(6) ? 30
                               : 24;
  T tail = 0;
  for (int j = depth; j >= 2; --j) tail = static_cast<T>(j) / (k + tail);
  return T(1) / (k + tail);
}

}  // namespace detail

/// Standard normal density \f$\varphi(x) = e^{-x^2/2} / \sqrt{2\pi}\f$.
///
/// x^2 is formed exactly (an fma gives its rounding error), so the relative error stays near
/// one ulp in the far tails. Infinite x gives 0.
/// @param x any number except NaN.
/// @return the density at x.
/// @throws invalid_argument when x is NaN.
template <std::floating_point T = double>
[[nodiscard]] T normal_pdf(T x) {
  detail::check_not_nan("normal_pdf", "x", x);
  // Beyond |x| = 64 the density is below every float and double (and x * x may overflow).
  if (!(std::fabs(x) <= T(64))) return T(0);
  const T hi = x * x;
  const T lo = std::fma(x, x, -hi);
  constexpr T inv_sqrt_2pi = std::numbers::inv_sqrtpi_v<T> / std::numbers::sqrt2_v<T>;
  return inv_sqrt_2pi * std::exp(T(-0.5) * hi) * (T(1) - T(0.5) * lo);
}

/// Standard normal distribution function \f$\Phi(x) = \tfrac12\,\mathrm{erfc}(-x/\sqrt2)\f$.
///
/// Computed from std::erfc with the argument's rounding error corrected, so the lower tail
/// keeps full relative accuracy down to Phi(x) ~ 1e-300.
/// @param x any number except NaN (-inf -> 0, +inf -> 1).
/// @return P(Z <= x).
/// @throws invalid_argument when x is NaN.
template <std::floating_point T = double>
[[nodiscard]] T normal_cdf(T x) {
  detail::check_not_nan("normal_cdf", "x", x);
  return T(0.5) * detail::erfc_of_scaled(-x);
}

/// Upper tail \f$Q(x) = 1 - \Phi(x) = \tfrac12\,\mathrm{erfc}(x/\sqrt2)\f$, computed directly
/// (no cancellation), with full relative accuracy for large x.
/// @param x any number except NaN.
/// @return P(Z > x).
/// @throws invalid_argument when x is NaN.
template <std::floating_point T = double>
[[nodiscard]] T normal_ccdf(T x) {
  detail::check_not_nan("normal_ccdf", "x", x);
  return T(0.5) * detail::erfc_of_scaled(x);
}

/// Inverse of the standard normal distribution function: the x with Phi(x) = p.
///
/// Wichura's AS241 (PPND16, about 1e-16 relative; the algorithm R's qnorm uses), valid for
/// every p in (0, 1) including the subnormal-adjacent lower tail (p = 1e-300 -> -37.0471).
/// The upper tail is limited by the spacing of doubles near 1: the largest p < 1 is
/// 1 - 2^-53, giving 8.2095.
/// Examples: 0.5 -> 0; 0.95 -> 1.6448536269514722; 0.999 -> 3.090232306167813.
/// @param p probability, strictly inside (0, 1).
/// @return the quantile z_p.
/// @throws invalid_argument when p is not in (0, 1) (0, 1 and NaN included).
template <std::floating_point T = double>
[[nodiscard]] T normal_quantile(T p) {
  detail::check_open_interval("normal_quantile", "p", p, T(0), T(1));
  return detail::ppnd16(p);
}

/// The z of a cycle service level (probability of no stockout per replenishment cycle):
/// z = Phi^{-1}(service_level), the exact inverse normal (0.95 -> 1.6448536269514722,
/// 0.999 -> 3.090232306167813), never a step table.
/// @param service_level probability strictly inside (0, 1).
/// @return z (negative for service levels below 0.5).
/// @throws invalid_argument when service_level is not in (0, 1) (0, 1 and NaN included).
template <std::floating_point T = double>
[[nodiscard]] T z_for_service_level(T service_level) {
  detail::check_open_interval("z_for_service_level", "service_level", service_level, T(0), T(1));
  return detail::ppnd16(service_level);
}

/// Standard normal loss function (expected shortage per unit standard deviation):
/// \f$G(k) = E[(Z - k)^+] = \varphi(k) - k\,(1 - \Phi(k))\f$.
///
/// For k < 0 the identity G(k) = G(-k) - k avoids cancellation; for k >= 2 the Mills-ratio
/// continued fraction gives G(k) = phi(k) c / (k + c) without cancellation, so the relative
/// accuracy holds far into the tail (G(10) ~ 7.3e-25). G is positive, convex and decreasing,
/// G(0) = 1/sqrt(2 pi), G(k) -> -k as k -> -inf.
/// @param k any number except NaN (+inf -> 0, -inf -> +inf).
/// @return G(k) >= 0.
/// @throws invalid_argument when k is NaN.
template <std::floating_point T = double>
[[nodiscard]] T normal_loss(T k) {
  detail::check_not_nan("normal_loss", "k", k);
  if (std::isinf(k)) return k > 0 ? T(0) : std::numeric_limits<T>::infinity();
  const T a = std::fabs(k);
  T g_abs;
  if (a > T(64)) {
    g_abs = T(0);  // G(|k|) < pdf(|k|) / |k|, below every float and double
  } else if (a < T(2)) {
    g_abs = normal_pdf(a) - a * normal_ccdf(a);
  } else {
    const T c = detail::mills_tail_fraction(a);
    g_abs = normal_pdf(a) * c / (a + c);
  }
  return k < 0 ? g_abs + a : g_abs;
}

/// Inverse of the loss function: the k with G(k) = g (k may be negative).
///
/// Safeguarded Newton's method on log G (log G is concave, its derivative is -Q(k)/G(k)),
/// inside a bracket [lo, hi] with G(lo) > g >= G(hi): lo = -g - 1 (G(k) > -k) and hi the point
/// where phi(hi) <= g (G(k) <= phi(k) for k >= 0). A step leaving the bracket is replaced by
/// bisection. Stops when the step is below 1e-14 (1 + |k|) (about 6 iterations typically).
/// @param g target loss, finite and > 0.
/// @return k with G(k) = g.
/// @throws invalid_argument when g is not finite and > 0.
template <std::floating_point T = double>
[[nodiscard]] T normal_loss_inverse(T g) {
  detail::check_positive("normal_loss_inverse", "g", g);
  constexpr T sqrt_2pi = std::numbers::sqrt2_v<T> / std::numbers::inv_sqrtpi_v<T>;
  T lo = -g - T(1);
  const T phi_bound = -T(2) * std::log(g * sqrt_2pi);
  T hi = phi_bound > 0 ? std::sqrt(phi_bound) + T(1) : T(0);
  const T log_g = std::log(g);
  T k = g >= T(0.3989422804014327) ? -g : std::sqrt(std::max(phi_bound, T(0)));
  for (int iteration = 0; iteration < 200; ++iteration) {
    const T loss = normal_loss(k);
    if (!(loss > 0)) {  // underflow: k is far right of the root
      hi = k;
      k = T(0.5) * (lo + hi);
      continue;
    }
    const T f = std::log(loss) - log_g;
    if (f == 0) return k;
    if (f > 0) {
      lo = k;
    } else {
      hi = k;
    }
    T next = k + f * loss / normal_ccdf(k);  // Newton on log G: f / (Q / G)
    if (!(next >= lo && next <= hi)) next = T(0.5) * (lo + hi);
    const T change = next - k;
    k = next;
    const T tolerance = std::max(T(1e-14), T(8) * std::numeric_limits<T>::epsilon());
    if (std::fabs(change) <= tolerance * (T(1) + std::fabs(k))) break;
  }
  return k;
}

}  // namespace invforecast

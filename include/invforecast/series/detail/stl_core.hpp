#pragma once

/// @file
/// The STL engine (Cleveland, Cleveland, McRae & Terpenning 1990) as R's stats::stl runs it
/// (R's src/library/stats/src/stl.f, the netlib code in double precision): the same loess
/// estimator, the same jumps and linear interpolation between jump points, the same moving
/// averages of the low-pass filter, the same cycle-subseries extension by one point at each end
/// and the same robustness weights. Positions are 1-based inside the loess helpers (as in the
/// Fortran: the abscissa of y[i - 1] is i) so that every window bound and tie rule is the one R
/// uses. Used by series/mstl.hpp; not part of the public API.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <vector>

namespace invforecast::detail {

/// The integer parameters of one STL run, after R's stl() has filled in its defaults.
struct stl_params {
  std::size_t np = 2;      ///< period (R: as.integer(frequency))
  std::size_t ns = 3;      ///< seasonal smoother span
  std::size_t nt = 3;      ///< trend smoother span
  std::size_t nl = 3;      ///< low-pass smoother span
  int isdeg = 0;           ///< seasonal local degree (0 or 1)
  int itdeg = 1;           ///< trend local degree
  int ildeg = 1;           ///< low-pass local degree
  std::size_t nsjump = 1;  ///< seasonal jump (>= 1)
  std::size_t ntjump = 1;  ///< trend jump
  std::size_t nljump = 1;  ///< low-pass jump
  std::size_t ni = 2;      ///< inner iterations
  std::size_t no = 0;      ///< outer (robustness) iterations
};

/// Local (degree 0 or 1) tricube-weighted fit at abscissa xs over the 1-based positions
/// nleft..nright of y (length n); the window half-width is the larger distance to a bound,
/// widened by (len - n) / 2 when the span exceeds the series (R's stlest). Returns false when
/// every weight is zero (the caller keeps its own value). w receives the weights (1-based).
template <std::floating_point T>
bool stl_est(const T* y, std::size_t n, std::size_t len, int ideg, T xs, T& ys, std::size_t nleft,
             std::size_t nright, T* w, bool userw, const T* rw) {
  const T range = static_cast<T>(n) - T(1);
  T h = std::max(xs - static_cast<T>(nleft), static_cast<T>(nright) - xs);
  if (len > n) h += static_cast<T>((len - n) / 2);
  const T h9 = h * T(0.999);
  const T h1 = h * T(0.001);
  T a = 0;
  for (std::size_t j = nleft; j <= nright; ++j) {
    const T r = std::fabs(static_cast<T>(j) - xs);
    if (r <= h9) {
      if (r <= h1) {
        w[j - 1] = 1;
      } else {
        const T u = r / h;
        const T c = T(1) - u * (u * u);
        w[j - 1] = c * (c * c);
      }
      if (userw) w[j - 1] = rw[j - 1] * w[j - 1];
      a += w[j - 1];
    } else {
      w[j - 1] = 0;
    }
  }
  if (a <= 0) return false;
  // The Fortran's loops, fused where each element sees the same operations in the same order
  // (normalisation with the weighted mean of the abscissae, the slope correction with the
  // weighted sum): the result is bit for bit R's.
  if (h > 0 && ideg > 0) {
    T mean = 0;
    for (std::size_t j = nleft; j <= nright; ++j) {
      w[j - 1] /= a;
      mean += w[j - 1] * static_cast<T>(j);
    }
    T b = xs - mean;
    T c = 0;
    for (std::size_t j = nleft; j <= nright; ++j) {
      const T d = static_cast<T>(j) - mean;
      c += w[j - 1] * (d * d);
    }
    T sum = 0;
    if (std::sqrt(c) > range * T(0.001)) {
      b /= c;
      for (std::size_t j = nleft; j <= nright; ++j) {
        w[j - 1] *= b * (static_cast<T>(j) - mean) + T(1);
        sum += w[j - 1] * y[j - 1];
      }
    } else {
      for (std::size_t j = nleft; j <= nright; ++j) sum += w[j - 1] * y[j - 1];
    }
    ys = sum;
    return true;
  }
  T sum = 0;
  for (std::size_t j = nleft; j <= nright; ++j) {
    w[j - 1] /= a;
    sum += w[j - 1] * y[j - 1];
  }
  ys = sum;
  return true;
}

/// Loess smooth of y (length n) with span len, evaluated every njump points and linearly
/// interpolated in between (R's stless). ys and res have length n.
template <std::floating_point T>
void stl_ess(const T* y, std::size_t n, std::size_t len, int ideg, std::size_t njump, bool userw,
             const T* rw, T* ys, T* res) {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const std::size_t newnj = std::min(njump, n - 1);
  std::size_t nleft = 1;
  std::size_t nright = n;
  const auto estimate = [&](std::size_t i) {
    if (!stl_est(y, n, len, ideg, static_cast<T>(i), ys[i - 1], nleft, nright, res, userw, rw)) {
      ys[i - 1] = y[i - 1];
    }
  };
  if (len >= n) {
    nleft = 1;
    nright = n;
    for (std::size_t i = 1; i <= n; i += newnj) estimate(i);
  } else if (newnj == 1) {
    const std::size_t nsh = (len + 1) / 2;
    nleft = 1;
    nright = len;
    for (std::size_t i = 1; i <= n; ++i) {
      if (i > nsh && nright != n) {
        ++nleft;
        ++nright;
      }
      estimate(i);
    }
  } else {
    const std::size_t nsh = (len + 1) / 2;
    for (std::size_t i = 1; i <= n; i += newnj) {
      if (i < nsh) {
        nleft = 1;
        nright = len;
      } else if (i >= n - nsh + 1) {
        nleft = n - len + 1;
        nright = n;
      } else {
        nleft = i - nsh + 1;
        nright = len + i - nsh;
      }
      estimate(i);
    }
  }
  if (newnj == 1) return;
  for (std::size_t i = 1; i + newnj <= n; i += newnj) {
    const T delta = (ys[i + newnj - 1] - ys[i - 1]) / static_cast<T>(newnj);
    for (std::size_t j = i + 1; j <= i + newnj - 1; ++j) {
      ys[j - 1] = ys[i - 1] + delta * static_cast<T>(j - i);
    }
  }
  const std::size_t k = (n - 1) / newnj * newnj + 1;
  if (k != n) {
    // The window of the last jump point is kept (as R does).
    estimate(n);
    if (k != n - 1) {
      const T delta = (ys[n - 1] - ys[k - 1]) / static_cast<T>(n - k);
      for (std::size_t j = k + 1; j <= n - 1; ++j) {
        ys[j - 1] = ys[k - 1] + delta * static_cast<T>(j - k);
      }
    }
  }
}

/// Moving average of length len over x (length n): n - len + 1 values (R's stlma).
template <std::floating_point T>
void stl_ma(const T* x, std::size_t n, std::size_t len, T* ave) {
  const std::size_t newn = n - len + 1;
  const T flen = static_cast<T>(len);
  T v = 0;
  for (std::size_t i = 0; i < len; ++i) v += x[i];
  ave[0] = v / flen;
  for (std::size_t j = 1; j < newn; ++j) {
    v = v - x[j - 1] + x[len + j - 1];
    ave[j] = v / flen;
  }
}

/// The low-pass filter's moving averages: np, np, 3 (R's stlfts).
template <std::floating_point T>
void stl_fts(const T* x, std::size_t n, std::size_t np, T* trend, T* work) {
  stl_ma(x, n, np, trend);
  stl_ma(trend, n - np + 1, np, work);
  stl_ma(work, n - 2 * np + 2, std::size_t{3}, trend);
}

/// Cycle-subseries smoothing: each of the np subseries is loess-smoothed and extended by one
/// point before its start and after its end; season (length n + 2 np) holds the result
/// (R's stlss). work1..work4 have at least n / np + 3 elements.
template <std::floating_point T>
void stl_ss(const T* y, std::size_t n, std::size_t np, std::size_t ns, int isdeg,
            std::size_t nsjump, bool userw, const T* rw, T* season, T* work1, T* work2, T* work3,
            T* work4) {
  for (std::size_t j = 1; j <= np; ++j) {
    const std::size_t k = (n - j) / np + 1;
    for (std::size_t i = 1; i <= k; ++i) work1[i - 1] = y[(i - 1) * np + j - 1];
    if (userw) {
      for (std::size_t i = 1; i <= k; ++i) work3[i - 1] = rw[(i - 1) * np + j - 1];
    }
    stl_ess(work1, k, ns, isdeg, nsjump, userw, work3, work2 + 1, work4);
    const std::size_t nright = std::min(ns, k);
    if (!stl_est(work1, k, ns, isdeg, T(0), work2[0], std::size_t{1}, nright, work4, userw,
                 work3)) {
      work2[0] = work2[1];
    }
    const std::size_t nleft = k + 1 > ns ? k - ns + 1 : 1;
    if (!stl_est(work1, k, ns, isdeg, static_cast<T>(k + 1), work2[k + 1], nleft, k, work4, userw,
                 work3)) {
      work2[k + 1] = work2[k];
    }
    for (std::size_t m = 1; m <= k + 2; ++m) season[(m - 1) * np + j - 1] = work2[m - 1];
  }
}

/// R's psort (stl.f): Singleton-style partial quicksort that is meant to put the order
/// statistics at the 1-based positions ind[0..ni-1] in place. R calls it with
/// ind = {n/2 + 1, n - n/2}, which for even n is in descending order, and then the routine does
/// not always deliver the exact order statistics; R's robustness weights (and so every robust
/// STL) depend on what it leaves in those positions, so it is reproduced statement by
/// statement, gotos included (labels are the Fortran's).
template <std::floating_point T>
void stl_psort(T* a0, std::ptrdiff_t n, const std::ptrdiff_t* ind0, std::ptrdiff_t ni) {
  if (n < 2 || ni <= 0) return;
  T* a = a0 - 1;                         // 1-based
  const std::ptrdiff_t* ind = ind0 - 1;  // 1-based
  std::ptrdiff_t indu[17], indl[17], iu[17], il[17];
  std::ptrdiff_t p = 0, jl = 1, ju = ni, i = 1, j = n, m = 1, k = 0, ij = 0, l = 0;
  T t, tt;
  indl[1] = 1;
  indu[1] = ni;
L161:
  if (i < j) goto L10;
L166:
  m = m - 1;
  if (m == 0) return;
  i = il[m];
  j = iu[m];
  jl = indl[m];
  ju = indu[m];
  if (!(jl <= ju)) goto L166;
L173:
  if (!(j - i > 10)) goto L174;
L10:
  k = i;
  ij = (i + j) / 2;
  t = a[ij];
  if (a[i] > t) {
    a[ij] = a[i];
    a[i] = t;
    t = a[ij];
  }
  l = j;
  if (a[j] < t) {
    a[ij] = a[j];
    a[j] = t;
    t = a[ij];
    if (a[i] > t) {
      a[ij] = a[i];
      a[i] = t;
      t = a[ij];
    }
  }
L181:
  l = l - 1;
  if (a[l] <= t) {
    tt = a[l];
  L186:
    k = k + 1;
    if (!(a[k] >= t)) goto L186;
    if (k > l) goto L183;
    a[l] = a[k];
    a[k] = tt;
  }
  goto L181;
L183:
  indl[m] = jl;
  indu[m] = ju;
  p = m;
  m = m + 1;
  if (l - i <= j - k) {
    il[p] = k;
    iu[p] = j;
    j = l;
  L193:
    if (jl > ju) goto L166;
    if (ind[ju] > j) {
      ju = ju - 1;
      goto L193;
    }
    indl[p] = ju + 1;
  } else {
    il[p] = i;
    iu[p] = l;
    i = k;
  L200:
    if (jl > ju) goto L166;
    if (ind[jl] < i) {
      jl = jl + 1;
      goto L200;
    }
    indu[p] = jl - 1;
  }
  goto L173;
L174:
  if (i != 1) {
    i = i - 1;
  L209:
    i = i + 1;
    if (i == j) goto L166;
    t = a[i + 1];
    if (a[i] > t) {
      k = i;
    L216:
      a[k + 1] = a[k];
      k = k - 1;
      if (!(t >= a[k])) goto L216;
      a[k + 1] = t;
    }
    goto L209;
  }
  goto L161;
}

/// Tukey biweight robustness weights of the residuals y - fit with 6 * "MAD" as R's stlrwt
/// computes it (the two middle values as stl_psort leaves them).
template <std::floating_point T>
void stl_rwt(const T* y, std::size_t n, const T* fit, T* rw) {
  for (std::size_t i = 0; i < n; ++i) rw[i] = std::fabs(y[i] - fit[i]);
  const auto sn = static_cast<std::ptrdiff_t>(n);
  const std::ptrdiff_t mid[2] = {sn / 2 + 1, sn - (sn / 2 + 1) + 1};
  stl_psort(rw, sn, mid, 2);
  const T cmad = T(3) * (rw[mid[0] - 1] + rw[mid[1] - 1]);  // 6 * median |residual|
  const T c9 = T(0.999) * cmad;
  const T c1 = T(0.001) * cmad;
  for (std::size_t i = 0; i < n; ++i) {
    const T r = std::fabs(y[i] - fit[i]);
    if (r <= c1) {
      rw[i] = 1;
    } else if (r <= c9) {
      const T u = r / cmad;
      const T c = T(1) - u * u;
      rw[i] = c * c;
    } else {
      rw[i] = 0;
    }
  }
}

/// The working storage of one STL run: five columns of n + 2 np (R's work(n + 2 np, 5)).
template <std::floating_point T>
struct stl_workspace {
  std::vector<T> columns;
  std::size_t stride = 0;
  void reset(std::size_t n, std::size_t np) {
    stride = n + 2 * np;
    columns.assign(5 * stride, T(0));
  }
  T* column(std::size_t c) { return columns.data() + c * stride; }
};

/// The inner loop, ni passes of: detrend, cycle-subseries smoothing, low-pass filter of the
/// smoothed subseries, seasonal = smoothed - low-pass, deseasonalise, trend smoothing
/// (R's stlstp).
template <std::floating_point T>
void stl_step(const T* y, std::size_t n, const stl_params& p, bool userw, const T* rw, T* season,
              T* trend, stl_workspace<T>& work) {
  T* w1 = work.column(0);
  T* w2 = work.column(1);
  T* w3 = work.column(2);
  T* w4 = work.column(3);
  T* w5 = work.column(4);
  for (std::size_t iteration = 0; iteration < p.ni; ++iteration) {
    for (std::size_t i = 0; i < n; ++i) w1[i] = y[i] - trend[i];
    stl_ss(w1, n, p.np, p.ns, p.isdeg, p.nsjump, userw, rw, w2, w3, w4, w5, season);
    stl_fts(w2, n + 2 * p.np, p.np, w3, w1);
    stl_ess(w3, n, p.nl, p.ildeg, p.nljump, false, w4, w1, w5);
    for (std::size_t i = 0; i < n; ++i) season[i] = w2[p.np + i] - w1[i];
    for (std::size_t i = 0; i < n; ++i) w1[i] = y[i] - season[i];
    stl_ess(w1, n, p.nt, p.itdeg, p.ntjump, userw, rw, trend, w3);
  }
}

/// A span made at least 3 and odd (R's stl.f).
inline std::size_t stl_odd_span(std::size_t span) {
  span = std::max<std::size_t>(3, span);
  return span % 2 == 0 ? span + 1 : span;
}

/// The whole STL (R's stl.f `stl`): outer robustness loop around the inner loop. season, trend
/// and rw have length n; rw is all 1 when p.no == 0. Requires n > 2 * np (checked by callers).
template <std::floating_point T>
void stl_run(const T* y, std::size_t n, stl_params p, T* season, T* trend, T* rw,
             stl_workspace<T>& work) {
  p.ns = stl_odd_span(p.ns);
  p.nt = stl_odd_span(p.nt);
  p.nl = stl_odd_span(p.nl);
  p.np = std::max<std::size_t>(2, p.np);
  work.reset(n, p.np);
  std::fill(trend, trend + n, T(0));
  bool userw = false;
  for (std::size_t k = 0;; ++k) {
    stl_step(y, n, p, userw, rw, season, trend, work);
    if (k + 1 > p.no) break;
    T* fit = work.column(0);
    for (std::size_t i = 0; i < n; ++i) fit[i] = trend[i] + season[i];
    stl_rwt(y, n, fit, rw);
    userw = true;
  }
  if (p.no == 0) std::fill(rw, rw + n, T(1));
}

}  // namespace invforecast::detail

// Tests of detail::ets_class3 (include/invforecast/detail/ets_class3.hpp): R's
// forecast:::class3 means and variances computed on the diagonal q x q blocks only. Checked
// (1) against the dense transcription of R's matrix recursion below, (2) against
// moments derived by hand from the model equations, (3) against R's class-3 prediction
// intervals in the ETS fixtures (tests/reference/generate_ets_fixtures.R).

#include <Eigen/Dense>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <invforecast/detail/ets_class3.hpp>
#include <invforecast/detail/ets_intervals.hpp>
#include <invforecast/smoothing/ets.hpp>
#include <invforecast/smoothing/ets_model.hpp>
#include <span>
#include <string>
#include <vector>

#include "smoothing/ets_fixtures.hpp"

namespace {

namespace d = invforecast::detail;
using invforecast::ets_model;
using invforecast::ets_trend;

// Kronecker product A (x) B.
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

// R's class3() transcribed matrix by matrix (dense Kronecker products, O(h d^3)): the
// reference the structured version is checked against. Keeps R's observation row (1, 1) and
// transition ((1, 1), (0, phi)) for the damped level/trend block.
template <std::floating_point T>
d::ets_moments<T> dense_class3(const ets_model& model, int m, std::span<const T> x, T alpha, T beta,
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
  d::ets_moments<T> out;
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

bool rel_close(double a, double b, double rel) {
  return std::abs(a - b) <= rel * std::max(std::abs(b), 1e-300);
}

struct params {
  double alpha, beta, gamma, phi, sigma2;
};

// Final states (l, [b], s_1..s_m) in R's order; seasonal indices around 1.
std::vector<double> states(bool trend, int m, double level, double slope, double amp) {
  std::vector<double> x{level};
  if (trend) x.push_back(slope);
  for (int j = 0; j < m; ++j) {
    x.push_back(1.0 + amp * std::sin(2.0 * 3.141592653589793 * (j + 0.5) / m));
  }
  return x;
}

}  // namespace

TEST_CASE("class 3 structured moments equal the dense matrix recursion", "[ets][class3]") {
  // Parameter sets: moderate; gamma at 0.999 of its bound 1 - alpha with small sigma^2;
  // large sigma^2 with strong damping; alpha near 1 with tiny beta, gamma.
  const std::vector<params> sets{{0.3, 0.05, 0.4, 0.9, 0.02},
                                 {0.1, 0.01, 0.999 * (1 - 0.1), 0.8, 1e-3},
                                 {0.7, 0.2, 0.05, 0.85, 0.5},
                                 {0.9999, 1e-4, 1e-4, 0.98, 0.08}};
  const int h = 120;
  for (const char* code : {"MNM", "MAM", "MAdM"}) {
    const ets_model model = ets_model::parse(code);
    const bool trend = model.trend != ets_trend::none;
    for (int m : {4, 7, 12, 24}) {
      for (std::size_t k = 0; k < sets.size(); ++k) {
        const params& p = sets[k];
        // Alternate an increasing and a decreasing trend and the seasonal amplitude.
        const auto x =
            k % 2 == 0 ? states(trend, m, 100.0, 1.5, 0.3) : states(trend, m, 3.7, -0.02, 0.6);
        const std::span<const double> xs(x);
        INFO(code << " m = " << m << " set " << k);
        const auto dense =
            dense_class3<double>(model, m, xs, p.alpha, p.beta, p.gamma, p.phi, p.sigma2, h);
        const auto ours =
            d::ets_class3<double>(model, m, xs, p.alpha, p.beta, p.gamma, p.phi, p.sigma2, h);
        REQUIRE(ours.mean.size() == static_cast<std::size_t>(h));
        REQUIRE(ours.variance.size() == static_cast<std::size_t>(h));
        for (std::size_t i = 0; i < static_cast<std::size_t>(h); ++i) {
          INFO("h = " << i + 1);
          // Same quantities, different order of floating-point operations: 1e-10 relative.
          CHECK(rel_close(ours.mean[i], dense.mean[i], 1e-10));
          CHECK(rel_close(ours.variance[i], dense.variance[i], 1e-10));
        }
        // A shorter horizon gives the leading part of the longer one (same operations: exact).
        const auto part =
            d::ets_class3<double>(model, m, xs, p.alpha, p.beta, p.gamma, p.phi, p.sigma2, 13);
        REQUIRE(part.mean.size() == 13);
        for (std::size_t i = 0; i < 13; ++i) {
          CHECK(part.mean[i] == ours.mean[i]);
          CHECK(part.variance[i] == ours.variance[i]);
        }
      }
    }
  }
}

TEST_CASE("class 3 structured moments equal hand-derived MNM and MAM moments", "[ets][class3]") {
  // ETS(M,N,M): y_t = l_{t-1} s_{t-m} (1 + e_t), l_t = l_{t-1} (1 + alpha e_t),
  // s_t = s_{t-m} (1 + gamma e_t), e_t ~ N(0, sigma^2). R's state x = (l, s_1..s_m) keeps the
  // newest seasonal first, so y_{n+j} uses x[1 + m - j] for j = 1..m (here 1-based x[0] = l).
  // With l = 50, seasons (0.8, 1.1, 0.9, 1.2), m = 4, alpha = 0.3, gamma = 0.2, sigma^2 = 0.04:
  //  h = 1: y = l s_4 (1 + e_1): mean 50 * 1.2 = 60, variance sigma^2 * 60^2 = 144.
  //  h = 2: y = l (1 + alpha e_1) s_3 (1 + e_2): mean 50 * 0.9 = 45,
  //         E[y^2] = 45^2 (1 + alpha^2 sigma^2)(1 + sigma^2), so
  //         Var = 45^2 [(1 + alpha^2 sigma^2)(1 + sigma^2) - 1]
  //             = 45^2 sigma^2 (1 + alpha^2 (1 + sigma^2)) = 2025 * 0.04 * 1.0936 = 88.5816.
  //  h = m + 1 = 5: y = l prod_{i=1}^{4} (1 + alpha e_i) * s_4 (1 + gamma e_1) * (1 + e_5):
  //         mean = 60 E[(1 + alpha e)(1 + gamma e)] = 60 (1 + alpha gamma sigma^2) = 60.144;
  //         (1 + alpha e)(1 + gamma e) = 1 + (alpha + gamma) e + alpha gamma e^2 has second
  //         moment 1 + ((alpha + gamma)^2 + 2 alpha gamma) sigma^2 + 3 alpha^2 gamma^2 sigma^4
  //         (E e^4 = 3 sigma^4), so E[y^2] = 60^2 (1 + alpha^2 sigma^2)^3 * that * (1 + sigma^2).
  const ets_model mnm = ets_model::parse("MNM");
  const std::vector<double> x{50.0, 0.8, 1.1, 0.9, 1.2};
  const double a = 0.3;
  const double g = 0.2;
  const double s2 = 0.04;
  const auto r = d::ets_class3<double>(mnm, 4, std::span<const double>(x), a, 0.0, g, 1.0, s2, 5);
  REQUIRE(r.mean.size() == 5);
  CHECK(r.mean[0] == Approx(60.0).epsilon(1e-14));         // 1e-14 relative
  CHECK(r.variance[0] == Approx(144.0).epsilon(1e-14));    // 1e-14 relative
  CHECK(r.mean[1] == Approx(45.0).epsilon(1e-14));         // 1e-14 relative
  CHECK(r.variance[1] == Approx(88.5816).epsilon(1e-13));  // 1e-13 relative
  const double mean5 = 60.0 * (1.0 + a * g * s2);
  CHECK(mean5 == Approx(60.144).epsilon(1e-15));
  const double m2 = 1.0 + ((a + g) * (a + g) + 2.0 * a * g) * s2 + 3.0 * a * a * g * g * s2 * s2;
  const double ey2 = 3600.0 * std::pow(1.0 + a * a * s2, 3) * m2 * (1.0 + s2);
  CHECK(r.mean[4] == Approx(mean5).epsilon(1e-14));                    // 1e-14 relative
  CHECK(r.variance[4] == Approx(ey2 - mean5 * mean5).epsilon(1e-12));  // 1e-12 relative

  // ETS(M,A,M), h = 2: y_{n+2} = (l_{n+1} + b_{n+1}) s_{m-1} (1 + e_2) with
  // l_{n+1} + b_{n+1} = (l + b)(1 + alpha e_1) + b + beta (l + b) e_1
  //                   = (l + 2b) + (l + b)(alpha + beta) e_1, hence mean (l + 2b) s and
  // Var = s^2 [sigma^2 (l + 2b)^2 + (1 + sigma^2)(l + b)^2 (alpha + beta)^2 sigma^2].
  // l = 20, b = 2, s = (1.1, 0.7, 1.2), alpha = 0.4, beta = 0.1, sigma^2 = 0.05:
  // mean_1 = 22 * 1.2 = 26.4, Var_1 = 0.05 * 26.4^2 = 34.848; mean_2 = 24 * 0.7 = 16.8,
  // Var_2 = 0.49 * (0.05 * 576 + 1.05 * 484 * 0.25 * 0.05) = 0.49 * 35.1525 = 17.224725.
  const ets_model mam = ets_model::parse("MAM");
  const std::vector<double> y{20.0, 2.0, 1.1, 0.7, 1.2};
  const auto t =
      d::ets_class3<double>(mam, 3, std::span<const double>(y), 0.4, 0.1, 0.3, 1.0, 0.05, 2);
  REQUIRE(t.mean.size() == 2);
  CHECK(t.mean[0] == Approx(26.4).epsilon(1e-14));           // 1e-14 relative
  CHECK(t.variance[0] == Approx(34.848).epsilon(1e-14));     // 1e-14 relative
  CHECK(t.mean[1] == Approx(16.8).epsilon(1e-14));           // 1e-14 relative
  CHECK(t.variance[1] == Approx(17.224725).epsilon(1e-13));  // 1e-13 relative
}

TEST_CASE("class 3 structured moments give R's prediction intervals", "[ets][class3]") {
  // R fixtures: models with multiplicative error and season, trend N/A/Ad, at R's parameters,
  // R's sigma^2 and the final states of our recursion from R's initial states (itself checked
  // against R in ets_reference_test.cpp). Bounds mean -/+ z sqrt(variance) with
  // z = qnorm(0.9), qnorm(0.975) from R.
  const double z80 = 1.2815515655446008;
  const double z95 = 1.9599639845400536;
  const auto& c = ets_fixtures::load();
  std::size_t checked = 0;
  for (const auto& row : c.fits) {
    if (std::isnan(row.aicc)) continue;
    const ets_model model = ets_model::parse(ets_fixtures::code_of(row.model));
    if (d::ets_class(model) != 3) continue;
    const auto& fc = c.forecasts.at({row.id, row.model});
    if (std::isnan(fc[0].lo80)) continue;
    const auto& s = c.series_by_id.at(row.id);
    INFO(row.id << " " << row.model);
    invforecast::ets_options<double> o;
    o.model = model;
    o.season_length = s.m;
    o.alpha = row.alpha;
    if (!std::isnan(row.beta)) o.beta = row.beta;
    o.gamma = row.gamma;
    if (!std::isnan(row.phi)) o.phi = row.phi;
    o.initial_states = c.states.at({row.id, row.model});
    const auto fit = invforecast::ets_spec<double>(o).fit(s.y);
    const double beta = std::isnan(row.beta) ? 0.0 : row.beta;
    const double phi = std::isnan(row.phi) ? 1.0 : row.phi;
    const auto r =
        d::ets_class3<double>(model, s.m, std::span<const double>(fit.final_states()), row.alpha,
                              beta, row.gamma, phi, row.sigma2, static_cast<int>(fc.size()));
    REQUIRE(r.mean.size() == fc.size());
    for (std::size_t i = 0; i < fc.size(); ++i) {
      INFO("h = " << i + 1);
      const double sd = std::sqrt(r.variance[i]);
      // 1e-6 relative, as the interval parity test of ets_reference_test.cpp.
      CHECK(rel_close(r.mean[i], fc[i].mean, 1e-6));
      CHECK(rel_close(r.mean[i] - z80 * sd, fc[i].lo80, 1e-6));
      CHECK(rel_close(r.mean[i] + z80 * sd, fc[i].hi80, 1e-6));
      CHECK(rel_close(r.mean[i] - z95 * sd, fc[i].lo95, 1e-6));
      CHECK(rel_close(r.mean[i] + z95 * sd, fc[i].hi95, 1e-6));
    }
    ++checked;
  }
  CHECK(checked >= 10);
}

TEST_CASE("class 3 structured moments: float, empty horizon, m = 1", "[ets][class3]") {
  const ets_model model = ets_model::parse("MAdM");
  const std::vector<double> xd = states(true, 12, 100.0, 1.5, 0.3);
  std::vector<float> xf(xd.begin(), xd.end());
  const auto rd =
      d::ets_class3<double>(model, 12, std::span<const double>(xd), 0.3, 0.05, 0.4, 0.9, 0.02, 48);
  const auto rf = d::ets_class3<float>(model, 12, std::span<const float>(xf), 0.3f, 0.05f, 0.4f,
                                       0.9f, 0.02f, 48);
  REQUIRE(rf.mean.size() == 48);
  for (std::size_t i = 0; i < 48; ++i) {
    // float rounding accumulated over 48 steps: 1e-4 relative.
    CHECK(rel_close(static_cast<double>(rf.mean[i]), rd.mean[i], 1e-4));
    CHECK(rel_close(static_cast<double>(rf.variance[i]), rd.variance[i], 1e-4));
  }
  const std::span<const double> xs(xd);
  const auto none = d::ets_class3<double>(model, 12, xs, 0.3, 0.05, 0.4, 0.9, 0.02, 0);
  CHECK(none.mean.empty());
  CHECK(none.variance.empty());
  const auto bad_m = d::ets_class3<double>(model, 0, xs, 0.3, 0.05, 0.4, 0.9, 0.02, 5);
  CHECK(bad_m.mean.empty());
  // m = 1: the season is a single state updated every step; still R's matrix recursion.
  const std::vector<double> x1{40.0, 0.5, 1.3};
  const auto dense =
      dense_class3<double>(model, 1, std::span<const double>(x1), 0.2, 0.05, 0.3, 0.9, 0.1, 30);
  const auto ours =
      d::ets_class3<double>(model, 1, std::span<const double>(x1), 0.2, 0.05, 0.3, 0.9, 0.1, 30);
  for (std::size_t i = 0; i < 30; ++i) {
    CHECK(rel_close(ours.mean[i], dense.mean[i], 1e-10));          // 1e-10 relative
    CHECK(rel_close(ours.variance[i], dense.variance[i], 1e-10));  // 1e-10 relative
  }
}

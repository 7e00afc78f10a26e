// Tests of include/invforecast/detail/random.hpp: the library's one seeded generator.

#include "invforecast/detail/random.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

using invforecast::detail::seeded_rng;

TEST_CASE("seeded_rng: the stream is fixed (xoshiro256** seeded by splitmix64)", "[random]") {
  // The first draws for seed 42, as the ETS simulator has always drawn them (the simulated
  // intervals' bit-for-bit checks rely on this stream): exact integers.
  seeded_rng rng(42);
  CHECK(rng.next() == 0x15780b2e0c2ec716ULL);
  CHECK(rng.next() == 0x6104d9866d113a7eULL);
  CHECK(rng.next() == 0xae17533239e499a1ULL);
  // Polar-method normals for seed 7 (tolerance 1e-15 relative: one platform log per pair).
  seeded_rng normals(7);
  CHECK(normals.normal() == Approx(-0.65574060554217783).epsilon(1e-15));
  CHECK(normals.normal() == Approx(0.61046807993372332).epsilon(1e-15));
  CHECK(normals.normal() == Approx(-2.1116102904613241).epsilon(1e-15));
  CHECK(normals.normal() == Approx(-0.24888449630220075).epsilon(1e-15));
}

TEST_CASE("seeded_rng: same seed same stream, other seed other stream", "[random]") {
  seeded_rng a(2024);
  seeded_rng b(2024);
  seeded_rng c(2025);
  bool same = true;
  bool differs = false;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t x = a.next();
    same = same && x == b.next();
    differs = differs || x != c.next();
  }
  CHECK(same);
  CHECK(differs);
}

TEST_CASE("seeded_rng: uniform draws and indices stay in range and are uniform", "[random]") {
  seeded_rng rng(1);
  constexpr int n = 200000;
  double sum = 0;
  double signed_sum = 0;
  std::vector<int> counts(10, 0);
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform();
    REQUIRE(u > 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    const double s = rng.signed_uniform();
    REQUIRE(s >= -1.0);
    REQUIRE(s < 1.0);
    signed_sum += s;
    const std::size_t k = rng.below(10);
    REQUIRE(k < 10);
    ++counts[k];
  }
  // Means: 1/2 (SE sqrt(1/12 / N) = 0.00065) and 0 (SE sqrt(1/3 / N) = 0.0013); 4 SE each.
  CHECK(std::abs(sum / n - 0.5) <= 4 * 0.00065);
  CHECK(std::abs(signed_sum / n) <= 4 * 0.0013);
  // Each of 10 indices: N/10 = 20000 expected, SE sqrt(N 0.1 0.9) = 134; 4 SE.
  for (const int count : counts) CHECK(std::abs(count - n / 10) <= 4 * 134);
  CHECK(rng.below(1) == 0);
}

TEST_CASE("seeded_rng: bernoulli draws occur with probability p", "[random]") {
  seeded_rng rng(3);
  constexpr int n = 200000;
  for (const double p : {0.05, 0.25, 0.5, 0.9}) {
    int hits = 0;
    for (int i = 0; i < n; ++i) hits += rng.bernoulli(p) ? 1 : 0;
    // Frequency p, SE sqrt(p (1 - p) / N) (at most 0.0011); 4 SE.
    INFO("p = " << p << ", frequency " << static_cast<double>(hits) / n);
    CHECK(std::abs(static_cast<double>(hits) / n - p) <= 4 * std::sqrt(p * (1 - p) / n));
  }
  bool never = false;
  bool always = true;
  for (int i = 0; i < 10000; ++i) {
    never = never || rng.bernoulli(0.0);    // uniform() > 0
    always = always && rng.bernoulli(1.0);  // uniform() < 1
  }
  CHECK_FALSE(never);
  CHECK(always);
}

TEST_CASE("seeded_rng: poisson draws have the Poisson moments and probabilities", "[random]") {
  // For X ~ Poisson(m): E X = m, Var X = m, P(X = 0) = e^-m, P(X = 1) = m e^-m. Over N draws
  // the sample mean has SE sqrt(m / N), the sample variance SE sqrt((m + 2 m^2) / N) (fourth
  // central moment m (1 + 3 m)), a frequency p SE sqrt(p (1 - p) / N); 4 SE each. m = 300
  // is drawn in two pieces (256 + 44), m = 1000 in four.
  seeded_rng rng(11);
  for (const double m : {0.3, 1.0, 4.0, 30.0, 300.0, 1000.0}) {
    const int n = m > 100 ? 20000 : 200000;
    double sum = 0;
    double sq = 0;
    int zeros = 0;
    int ones = 0;
    for (int i = 0; i < n; ++i) {
      const auto x = static_cast<double>(rng.poisson(m));
      sum += x;
      sq += x * x;
      zeros += x == 0 ? 1 : 0;
      ones += x == 1 ? 1 : 0;
    }
    const double mean = sum / n;
    const double variance = (sq - n * mean * mean) / (n - 1);
    INFO("m = " << m << ": mean " << mean << ", variance " << variance);
    CHECK(std::abs(mean - m) <= 4 * std::sqrt(m / n));
    CHECK(std::abs(variance - m) <= 4 * std::sqrt((m + 2 * m * m) / n));
    const double p0 = std::exp(-m);
    const double p1 = m * std::exp(-m);
    CHECK(std::abs(static_cast<double>(zeros) / n - p0) <=
          4 * std::sqrt(p0 * (1 - p0) / n) + 1e-12);
    CHECK(std::abs(static_cast<double>(ones) / n - p1) <= 4 * std::sqrt(p1 * (1 - p1) / n) + 1e-12);
  }
  CHECK(rng.poisson(0.0) == 0);
  CHECK(rng.poisson(-2.0) == 0);
}

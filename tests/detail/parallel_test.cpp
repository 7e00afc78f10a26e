// Tests of include/invforecast/detail/parallel.hpp: the library's one thread pool.

#include "invforecast/detail/parallel.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace {

using invforecast::detail::parallel_for_index;

// Runs parallel_for_index and returns how often each index ran (each must be 1).
template <typename... Start>
std::vector<int> run_counts(std::size_t count, unsigned threads, Start&&... start) {
  std::vector<std::atomic<int>> runs(count);
  parallel_for_index(
      count, threads, [&](std::size_t i) { runs[i].fetch_add(1, std::memory_order_relaxed); },
      start...);
  std::vector<int> out;
  out.reserve(count);
  for (const auto& r : runs) out.push_back(r.load());
  return out;
}

}  // namespace

TEST_CASE("parallel_for_index runs every index exactly once", "[parallel]") {
  for (const unsigned threads : {1U, 2U, 8U}) {
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{100}}) {
      INFO("threads = " << threads << ", count = " << count);
      const std::vector<int> counts = run_counts(count, threads);
      REQUIRE(counts.size() == count);
      for (std::size_t i = 0; i < count; ++i) CHECK(counts[i] == 1);
    }
  }
}

TEST_CASE("parallel_for_index never starts more threads than indices", "[parallel]") {
  // The calling thread is one of the workers: count indices need at most count - 1 more.
  for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{3}}) {
    std::size_t started = 0;
    const auto counting_start = [&started](const auto& worker) {
      ++started;  // only the calling thread starts threads
      return std::thread(worker);
    };
    const std::vector<int> counts = run_counts(count, 8, counting_start);
    CHECK(started == (count > 0 ? count - 1 : 0));
    for (const int c : counts) CHECK(c == 1);
  }
  std::size_t started = 0;
  const auto counting_start = [&started](const auto& worker) {
    ++started;
    return std::thread(worker);
  };
  CHECK(run_counts(100, 1, counting_start) == std::vector<int>(100, 1));
  CHECK(started == 0);  // threads = 1: the calling thread alone
}

TEST_CASE("parallel_for_index survives a thread that cannot start", "[parallel]") {
  // The first start succeeds, every later one throws as std::thread does when the system is
  // out of threads: the running workers (and the calling thread) still do every index, and
  // nothing terminates.
  for (const std::size_t count : {std::size_t{1}, std::size_t{2}, std::size_t{100}}) {
    int attempts = 0;
    const auto failing_start = [&attempts](const auto& worker) {
      if (++attempts > 1) {
        throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                                "injected thread start failure");
      }
      return std::thread(worker);
    };
    INFO("count = " << count);
    const std::vector<int> counts = run_counts(count, 8, failing_start);
    REQUIRE(counts.size() == count);
    for (const int c : counts) CHECK(c == 1);
    CHECK(attempts == (count > 2 ? 2 : static_cast<int>(count > 0 ? count - 1 : 0)));
  }
  // No thread starts at all: the calling thread does everything.
  const auto never_start = [](const auto&) -> std::thread {
    throw std::system_error(std::make_error_code(std::errc::resource_unavailable_try_again),
                            "injected thread start failure");
  };
  CHECK(run_counts(50, 4, never_start) == std::vector<int>(50, 1));
}

TEST_CASE("resolve_threads: 0 means the hardware's threads, at least 1", "[parallel]") {
  using invforecast::detail::resolve_threads;
  CHECK(resolve_threads(1) == 1);
  CHECK(resolve_threads(5) == 5);
  const unsigned hw = std::thread::hardware_concurrency();
  CHECK(resolve_threads(0) == (hw == 0 ? 1U : hw));
}

#pragma once

/// @file
/// The library's one thread pool: run job(i) for every index on a number of threads. Used by
/// the batch forecaster, the backtest and the planning batch.

#include <atomic>
#include <cstddef>
#include <system_error>
#include <thread>
#include <vector>

namespace invforecast::detail {

/// Threads to use for a request of `threads` (0 = std::thread::hardware_concurrency(), and 1
/// when that is unknown).
[[nodiscard]] inline unsigned resolve_threads(unsigned threads) noexcept {
  if (threads != 0) return threads;
  const unsigned hw = std::thread::hardware_concurrency();
  return hw == 0 ? 1U : hw;
}

/// Runs job(i) for i = 0..count-1 on up to `threads` threads (the calling thread is one of
/// them; never more threads than indices). Each worker takes the next index from an atomic
/// counter, so which thread runs an index varies but every index runs exactly once; results
/// stored by index do not depend on the thread count. `job` must not throw.
///
/// A thread that the system cannot start (std::system_error from std::thread) is not an error
/// and never std::terminate: the workers already running, at least the calling thread, do the
/// remaining indices. `start_thread` exists for tests, which inject a failing start.
template <typename Job, typename StartThread>
void parallel_for_index(std::size_t count, unsigned threads, Job&& job,
                        StartThread&& start_thread) {
  std::atomic<std::size_t> next{0};
  const auto worker = [&]() {
    for (std::size_t i = next.fetch_add(1, std::memory_order_relaxed); i < count;
         i = next.fetch_add(1, std::memory_order_relaxed)) {
      job(i);
    }
  };
  std::size_t extra = threads > 1 ? threads - 1 : 0;
  if (extra >= count) extra = count > 0 ? count - 1 : 0;
  std::vector<std::thread> pool;
  pool.reserve(extra);
  for (std::size_t t = 0; t < extra; ++t) {
    try {
      pool.push_back(start_thread(worker));
    } catch (const std::system_error&) {
      break;  // fewer threads: the ones running (and this one) do the rest
    }
  }
  worker();
  for (auto& thread : pool) thread.join();
}

/// parallel_for_index with std::thread.
template <typename Job>
void parallel_for_index(std::size_t count, unsigned threads, Job&& job) {
  parallel_for_index(count, threads, job, [](const auto& worker) { return std::thread(worker); });
}

}  // namespace invforecast::detail

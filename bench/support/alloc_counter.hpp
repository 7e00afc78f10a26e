#pragma once

/// @file
/// Counting allocator for the benchmarks: the C allocation functions (malloc, free, calloc,
/// realloc, the aligned variants) are interposed in alloc_counter.cpp, which every benchmark
/// executable links. Interposing malloc rather than operator new also counts Eigen, which
/// allocates with std::malloc directly; operator new in libstdc++ ends in malloc as well.
/// The counts are process-wide (every thread).

#include <cstddef>
#include <cstdint>

#include <benchmark/benchmark.h>

namespace invforecast::bench {

/// Heap use of one measured call.
struct alloc_stats {
  std::int64_t peak_bytes = 0;   ///< highest live heap bytes above the level at the start
  std::int64_t total_bytes = 0;  ///< bytes requested by all allocations in the scope
  std::int64_t allocations = 0;  ///< number of allocations in the scope
};

namespace detail {
void alloc_scope_begin() noexcept;
alloc_stats alloc_scope_end() noexcept;
}  // namespace detail

/// Runs `fn` once and returns its heap use. Bytes are what malloc_usable_size reports for
/// each block (the request rounded up to the allocator's granule), so they slightly
/// overstate the requested sizes.
template <class Fn>
alloc_stats measure_allocations(Fn&& fn) {
  detail::alloc_scope_begin();
  fn();
  return detail::alloc_scope_end();
}

/// Measures one call of `fn` and adds the counters peak_bytes, allocs to the benchmark.
template <class Fn>
void report_allocations(benchmark::State& state, Fn&& fn) {
  const alloc_stats s = measure_allocations(fn);
  state.counters["peak_bytes"] = benchmark::Counter(static_cast<double>(s.peak_bytes));
  state.counters["allocs"] = benchmark::Counter(static_cast<double>(s.allocations));
}

}  // namespace invforecast::bench

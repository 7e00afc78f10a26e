// Interposes glibc's allocation functions to count heap bytes (see alloc_counter.hpp).
// glibc documents replacing malloc this way ("Replacing malloc" in its manual): an executable
// that defines malloc, free, calloc, realloc and the aligned variants is used by every shared
// library too. Each function forwards to glibc's own implementation (__libc_*).

#include "alloc_counter.hpp"

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstddef>
#include <cstdint>

extern "C" {
void* __libc_malloc(std::size_t size);
void __libc_free(void* ptr);
void* __libc_calloc(std::size_t n, std::size_t size);
void* __libc_realloc(void* ptr, std::size_t size);
void* __libc_memalign(std::size_t alignment, std::size_t size);
}

namespace {

std::atomic<std::int64_t> live_bytes{0};
std::atomic<std::int64_t> peak_bytes{0};
std::atomic<std::int64_t> total_bytes{0};
std::atomic<std::int64_t> allocations{0};
std::int64_t scope_base = 0;
std::int64_t scope_total = 0;
std::int64_t scope_count = 0;

void on_alloc(void* p) noexcept {
  if (p == nullptr) return;
  const auto n = static_cast<std::int64_t>(malloc_usable_size(p));
  const std::int64_t now = live_bytes.fetch_add(n, std::memory_order_relaxed) + n;
  std::int64_t peak = peak_bytes.load(std::memory_order_relaxed);
  while (now > peak && !peak_bytes.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
  }
  total_bytes.fetch_add(n, std::memory_order_relaxed);
  allocations.fetch_add(1, std::memory_order_relaxed);
}

void on_free(void* p) noexcept {
  if (p == nullptr) return;
  live_bytes.fetch_sub(static_cast<std::int64_t>(malloc_usable_size(p)), std::memory_order_relaxed);
}

}  // namespace

namespace invforecast::bench::detail {

void alloc_scope_begin() noexcept {
  scope_base = live_bytes.load();
  peak_bytes.store(scope_base);
  scope_total = total_bytes.load();
  scope_count = allocations.load();
}

alloc_stats alloc_scope_end() noexcept {
  alloc_stats s;
  s.peak_bytes = std::max<std::int64_t>(0, peak_bytes.load() - scope_base);
  s.total_bytes = total_bytes.load() - scope_total;
  s.allocations = allocations.load() - scope_count;
  return s;
}

}  // namespace invforecast::bench::detail

extern "C" {

void* malloc(std::size_t size) noexcept {
  void* p = __libc_malloc(size);
  on_alloc(p);
  return p;
}

void free(void* ptr) noexcept {
  on_free(ptr);
  __libc_free(ptr);
}

void* calloc(std::size_t n, std::size_t size) noexcept {
  void* p = __libc_calloc(n, size);
  on_alloc(p);
  return p;
}

void* realloc(void* ptr, std::size_t size) noexcept {
  on_free(ptr);
  void* p = __libc_realloc(ptr, size);
  if (p == nullptr && ptr != nullptr && size != 0) {
    on_alloc(ptr);  // failed: the old block is still live
    return nullptr;
  }
  on_alloc(p);
  return p;
}

void* memalign(std::size_t alignment, std::size_t size) noexcept {
  void* p = __libc_memalign(alignment, size);
  on_alloc(p);
  return p;
}

void* aligned_alloc(std::size_t alignment, std::size_t size) noexcept {
  return memalign(alignment, size);
}

int posix_memalign(void** out, std::size_t alignment, std::size_t size) noexcept {
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* p = memalign(alignment, size);
  if (p == nullptr) return ENOMEM;
  *out = p;
  return 0;
}

void* valloc(std::size_t size) noexcept { return memalign(4096, size); }

void* pvalloc(std::size_t size) noexcept {
  return memalign(4096, (size + 4095) & ~std::size_t{4095});
}

}  // extern "C"

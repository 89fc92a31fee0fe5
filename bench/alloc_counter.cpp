#include "alloc_counter.hpp"

#include <openssl/crypto.h>

#include <cstdlib>
#include <new>

namespace jot::bench {
namespace {

// Per thread: benchmarks on two threads each see their own allocations, and counting
// costs no atomic operation.
thread_local std::uint64_t t_cxx = 0;
thread_local std::uint64_t t_openssl = 0;

void* counted_malloc(std::size_t size) {
  ++t_cxx;
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void* counted_aligned(std::size_t size, std::align_val_t align) {
  ++t_cxx;
  const auto alignment = static_cast<std::size_t>(align);
  const std::size_t rounded = (size + alignment - 1) / alignment * alignment;
  void* p = std::aligned_alloc(alignment, rounded == 0 ? alignment : rounded);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}

void* ossl_malloc(std::size_t size, const char*, int) {
  ++t_openssl;
  return std::malloc(size);
}
void* ossl_realloc(void* p, std::size_t size, const char*, int) {
  ++t_openssl;
  return std::realloc(p, size);
}
void ossl_free(void* p, const char*, int) {
  std::free(p);
}

}  // namespace

AllocCounts alloc_counts() noexcept {
  return {t_cxx, t_openssl};
}

bool install_openssl_counter() noexcept {
  return CRYPTO_set_mem_functions(ossl_malloc, ossl_realloc, ossl_free) == 1;
}

}  // namespace jot::bench

// ---- Global replacement of the allocation functions (counted) -----------------------------

void* operator new(std::size_t size) {
  return jot::bench::counted_malloc(size);
}
void* operator new[](std::size_t size) {
  return jot::bench::counted_malloc(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return jot::bench::counted_malloc(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return jot::bench::counted_malloc(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t align) {
  return jot::bench::counted_aligned(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return jot::bench::counted_aligned(size, align);
}

void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  std::free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  std::free(p);
}

// The counting global allocation functions behind tests/support/alloc_counter.hpp. The
// counters are per thread (no atomics, nothing shared; benchmarks on two threads each see
// their own), and a plain integer needs no dynamic initialisation, so it is safe to touch
// from the very first allocation of a thread.

#include "support/alloc_counter.hpp"

#include <openssl/crypto.h>

#include <cstdlib>
#include <new>

namespace {

thread_local long t_allocations = 0;
thread_local long t_openssl_allocations = 0;

void* openssl_malloc(std::size_t size, const char*, int) {
  ++t_openssl_allocations;
  return std::malloc(size);
}
void* openssl_realloc(void* p, std::size_t size, const char*, int) {
  ++t_openssl_allocations;
  return std::realloc(p, size);
}
void openssl_free(void* p, const char*, int) {
  std::free(p);
}

void* allocate(std::size_t size) {
  ++t_allocations;
  if (size == 0) size = 1;
  if (void* p = std::malloc(size)) return p;
  throw std::bad_alloc();
}

void* allocate_aligned(std::size_t size, std::align_val_t align) {
  ++t_allocations;
  const auto a = static_cast<std::size_t>(align);
  std::size_t rounded = (size + a - 1) / a * a;
  if (rounded == 0) rounded = a;
  if (void* p = std::aligned_alloc(a, rounded)) return p;
  throw std::bad_alloc();
}

}  // namespace

long jot_test::thread_allocations() noexcept {
  return t_allocations;
}

long jot_test::thread_openssl_allocations() noexcept {
  return t_openssl_allocations;
}

bool jot_test::count_openssl_allocations() noexcept {
  return CRYPTO_set_mem_functions(openssl_malloc, openssl_realloc, openssl_free) == 1;
}

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  try {
    return allocate(size);
  } catch (...) {
    return nullptr;
  }
}
void* operator new(std::size_t size, std::align_val_t align) {
  return allocate_aligned(size, align);
}
void* operator new[](std::size_t size, std::align_val_t align) {
  return allocate_aligned(size, align);
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

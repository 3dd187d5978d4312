// Shared machinery of the element-wise families (unary.cc, binary.cc, ternary.cc): the N-operand
// runner over for_each's 1-d runs with its contiguous, scalar-broadcast and streamed-output fast
// paths, and integer arithmetic that wraps like PyTorch's. ISA code only (internal linkage).
#pragma once

#include "kernel.h"
#include "vecmath.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// Wrapping integer arithmetic (two's complement, as PyTorch's CPU kernels behave) without
// signed-overflow UB: computed in an unsigned type at least as wide as int.
template <typename T> using wide_unsigned_t = typename std::conditional<(sizeof(T) <= 4), uint32_t, uint64_t>::type;
template <typename T> inline T wrap_add(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
}
template <typename T> inline T wrap_sub(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
}
template <typename T> inline T wrap_mul(T a, T b) {
  using U = wide_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
}
template <typename T> inline T wrap_neg(T a) { return wrap_sub<T>(T(0), a); }

// Loads and stores of one element at an arbitrary (possibly unaligned) address.
template <typename T> inline T ld(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}
template <typename T> inline void st(char* p, T v) { std::memcpy(p, &v, sizeof(T)); }

// Whether p is aligned for T: the contiguous fast paths access elements through T pointers (and
// GCC's vector loops may assume element alignment); a view at an odd byte offset takes the
// memcpy-based strided loop instead.
template <typename T> inline bool aligned_for(const char* p) {
  return (reinterpret_cast<uintptr_t>(p) & (alignof(T) - 1)) == 0;
}

// Streaming pays off for a 1-d contiguous output whose working set is far beyond the cache, and
// only when the output does not overlap an input.
template <int N>
inline bool want_stream(const Plan<N>& p, const Operand* ops) {
  if (kReference || p.ndim != 1) return false;
  const int64_t out_item = static_cast<int64_t>(item_size(ops[0].dtype));
  if (p.strides[0][0] != out_item) return false;
  int64_t total = p.numel * out_item;
  for (int k = 1; k < N; ++k) {
    if (p.strides[k][0] != 0) total += p.numel * static_cast<int64_t>(item_size(ops[k].dtype));
  }
  if (total < kStreamMinBytes) return false;
  const char* olo;
  int64_t obytes;
  plan_extent<N>(p, 0, &olo, &obytes, out_item);
  for (int k = 1; k < N; ++k) {
    const char* lo;
    int64_t bytes;
    plan_extent<N>(p, k, &lo, &bytes, static_cast<int64_t>(item_size(ops[k].dtype)));
    if (overlaps(olo, obytes, lo, bytes)) return false;
  }
  return true;
}

// Runs `run(ptrs, byte_strides, n, stream)` over the 1-d runs of an N-operand iteration (operand 0
// is the output), in parallel above `grain` elements. `stream` says the caller may write a
// contiguous output with streaming stores (see `streamed`).
template <int N, typename Run>
inline void elementwise(const Parallel& par, const Geometry& g, const Operand* ops, int64_t grain, const Run& run) {
  const Plan<N> p = make_plan<N>(g, ops);
  if (p.numel == 0) return;
  const bool stream = want_stream<N>(p, ops);
  parallel_for(par, 0, p.numel, grain, [&](int64_t b, int64_t e) {
    run_range<N>(p, b, e, [&](char** ptrs, const int64_t* s, int64_t n) { run(ptrs, s, n, stream); });
  });
}

// Grains: cheap arithmetic, vectorized transcendental math, scalar libm calls.
constexpr int64_t kGrainCheap = kElementwiseGrain;
constexpr int64_t kGrainVector = 8192;
constexpr int64_t kGrainScalarMath = 1024;

}  // namespace
}  // namespace TSJIT_ISA
}  // namespace tsjit

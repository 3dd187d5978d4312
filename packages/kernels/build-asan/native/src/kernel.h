// Helpers for kernel code. Every kernel family file is compiled once per ISA (portable, AVX2+FMA,
// AVX-512) with TSJIT_ISA set to that variant's namespace, and once more without it for the
// N-API glue. Everything defined here therefore has internal linkage (an anonymous namespace
// inside the ISA namespace): an inline function compiled with -mavx512f in one object must never
// be picked by the linker for the portable variant. Kernel code must follow the same rule: no
// out-of-line standard-library templates (std::vector, std::sort, ...) in ISA code; scratch memory
// comes from Parallel::alloc.
#pragma once

#ifndef TSJIT_ISA
#error "kernel.h is for ISA-specific kernel code; compile with -DTSJIT_ISA=<variant>"
#endif

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>

#include "common.h"

#ifndef TSJIT_REFERENCE
#define TSJIT_REFERENCE 0
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// True in the naive scalar reference variant: kernels skip every fast path (contiguous loops,
// vector code, blocking, threads) so that tests can compare the fast paths against it.
constexpr bool kReference = TSJIT_REFERENCE != 0;

// ---------------------------------------------------------------------------------------------
// 16-bit floating types. Arithmetic happens in float32; storage stays 16 bits.

inline float half_bits_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: normalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3ffu;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

inline uint16_t float_to_half_bits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
  const uint32_t absx = x & 0x7fffffffu;
  if (absx >= 0x7f800000u) {  // inf or nan
    return static_cast<uint16_t>(sign | 0x7c00u | (absx > 0x7f800000u ? 0x200u | ((absx >> 13) & 0x3ffu) : 0u));
  }
  if (absx >= 0x477ff000u) return static_cast<uint16_t>(sign | 0x7c00u);  // overflow to inf
  if (absx < 0x38800000u) {  // subnormal or zero in half
    if (absx < 0x33000000u) return sign;  // rounds to zero
    const uint32_t e = absx >> 23;
    const uint32_t m = (absx & 0x7fffffu) | 0x800000u;
    const uint32_t shift = 126 - e;  // 14..24
    uint32_t r = m >> shift;
    const uint32_t rem = m & ((1u << shift) - 1);
    const uint32_t halfway = 1u << (shift - 1);
    if (rem > halfway || (rem == halfway && (r & 1u))) ++r;
    return static_cast<uint16_t>(sign | r);
  }
  uint32_t r = absx - 0x38000000u;  // rebias exponent 127 -> 15
  r = (r + 0xfffu + ((r >> 13) & 1u)) >> 13;
  return static_cast<uint16_t>(sign | r);
}

inline float bf16_bits_to_float(uint16_t h) {
  const uint32_t bits = static_cast<uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

inline uint16_t float_to_bf16_bits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  if ((x & 0x7fffffffu) > 0x7f800000u) return static_cast<uint16_t>((x >> 16) | 0x40u);  // quiet nan
  const uint32_t rounding = 0x7fffu + ((x >> 16) & 1u);
  return static_cast<uint16_t>((x + rounding) >> 16);
}

struct Half {
  uint16_t bits;
  Half() = default;
  Half(float f) : bits(float_to_half_bits(f)) {}  // NOLINT: implicit like c10::Half
  operator float() const { return half_bits_to_float(bits); }
};

struct BFloat16 {
  uint16_t bits;
  BFloat16() = default;
  BFloat16(float f) : bits(float_to_bf16_bits(f)) {}  // NOLINT
  operator float() const { return bf16_bits_to_float(bits); }
};

// bool storage: one byte, read as "!= 0" so that any byte pattern is a valid value.
struct Bool {
  uint8_t v;
  Bool() = default;
  Bool(bool b) : v(b ? 1 : 0) {}  // NOLINT
  operator bool() const { return v != 0; }
};

static_assert(sizeof(Half) == 2 && sizeof(BFloat16) == 2 && sizeof(Bool) == 1, "storage sizes");

// The type arithmetic happens in: float for the 16-bit floats, the type itself otherwise.
template <typename T> struct Acc { using type = T; };
template <> struct Acc<Half> { using type = float; };
template <> struct Acc<BFloat16> { using type = float; };
template <> struct Acc<Bool> { using type = bool; };
template <typename T> using acc_t = typename Acc<T>::type;

template <typename T> constexpr bool is_floating_v =
    std::is_floating_point<T>::value || std::is_same<T, Half>::value || std::is_same<T, BFloat16>::value;

// Value conversion between storage types with PyTorch's CPU results: float -> integer truncates
// toward zero and wraps to the target width (NaN and values outside int64 become INT64_MIN, as
// the x86 conversion instruction gives), anything -> bool is "!= 0" (stored as 0/1).
template <typename To, typename From>
inline To convert(From v) {
  using F = acc_t<From>;
  const F x = static_cast<F>(v);
  if constexpr (std::is_same<To, Bool>::value) {
    return Bool(x != F(0));
  } else if constexpr (is_floating_v<To>) {
    return To(static_cast<acc_t<To>>(x));
  } else if constexpr (is_floating_v<From>) {
    const double d = static_cast<double>(x);
    int64_t i;
    if (!(d > -9223372036854775808.0 && d < 9223372036854775808.0)) {
      i = std::numeric_limits<int64_t>::min();
    } else {
      i = static_cast<int64_t>(d);
    }
    return static_cast<To>(static_cast<typename std::make_unsigned<To>::type>(static_cast<uint64_t>(i)));
  } else {
    return static_cast<To>(x);
  }
}

// ---------------------------------------------------------------------------------------------
// dtype dispatch: TSJIT_DISPATCH_ALL(dtype, T, { body using T }) runs body with T bound to the C++
// storage type of dtype (bool as Bool, one byte read as != 0).

#define TSJIT_CASE(CODE, TYPE, ...) \
  case ::tsjit::DType::CODE: {      \
    using T = TYPE;                 \
    __VA_ARGS__;                    \
    break;                          \
  }

#define TSJIT_DISPATCH_FLOATING(dtype, ...)              \
  switch (dtype) {                                       \
    TSJIT_CASE(Float32, float, __VA_ARGS__)              \
    TSJIT_CASE(Float64, double, __VA_ARGS__)             \
    TSJIT_CASE(Float16, Half, __VA_ARGS__)               \
    TSJIT_CASE(BFloat16, BFloat16, __VA_ARGS__)          \
    default: break;                                      \
  }

#define TSJIT_DISPATCH_INTEGRAL(dtype, ...)              \
  switch (dtype) {                                       \
    TSJIT_CASE(Int64, int64_t, __VA_ARGS__)              \
    TSJIT_CASE(Int32, int32_t, __VA_ARGS__)              \
    TSJIT_CASE(Int16, int16_t, __VA_ARGS__)              \
    TSJIT_CASE(Int8, int8_t, __VA_ARGS__)                \
    TSJIT_CASE(UInt8, uint8_t, __VA_ARGS__)              \
    default: break;                                      \
  }

#define TSJIT_DISPATCH_ALL(dtype, ...)                   \
  switch (dtype) {                                       \
    TSJIT_CASE(Float32, float, __VA_ARGS__)              \
    TSJIT_CASE(Float64, double, __VA_ARGS__)             \
    TSJIT_CASE(Float16, Half, __VA_ARGS__)               \
    TSJIT_CASE(BFloat16, BFloat16, __VA_ARGS__)          \
    TSJIT_CASE(Int64, int64_t, __VA_ARGS__)              \
    TSJIT_CASE(Int32, int32_t, __VA_ARGS__)              \
    TSJIT_CASE(Int16, int16_t, __VA_ARGS__)              \
    TSJIT_CASE(Int8, int8_t, __VA_ARGS__)                \
    TSJIT_CASE(UInt8, uint8_t, __VA_ARGS__)              \
    TSJIT_CASE(Bool, Bool, __VA_ARGS__)               \
  }

// ---------------------------------------------------------------------------------------------
// Parallelism

template <typename F>
void parallel_for(const Parallel& par, int64_t begin, int64_t end, int64_t grain, const F& f) {
  if (end <= begin) return;
  if (kReference || par.threads <= 1 || end - begin <= grain) {
    f(begin, end);
    return;
  }
  par.run(
      par.pool, begin, end, grain,
      [](void* ctx, int64_t b, int64_t e) { (*static_cast<const F*>(ctx))(b, e); },
      const_cast<void*>(static_cast<const void*>(&f)));
}

// Scratch memory that frees itself.
struct Scratch {
  const Parallel& par;
  void* p;
  Scratch(const Parallel& par_, size_t bytes) : par(par_), p(par_.alloc(bytes)) {}
  ~Scratch() { if (p) par.release(p); }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  template <typename T> T* as() const { return static_cast<T*>(p); }
};

// ---------------------------------------------------------------------------------------------
// N-d strided iteration shared by the element-wise families (the role of PyTorch's
// TensorIterator): drops size-1 dimensions, orders dimensions so that the output's innermost
// stride comes last, merges dimensions that are contiguous with each other for every operand,
// and calls `loop(ptrs, byte_strides, n)` on 1-d runs of the innermost dimension, in parallel
// over the outer index space when the work is large enough.

template <int N>
struct Plan {
  int ndim = 0;
  int64_t sizes[kMaxDims];
  int64_t strides[N][kMaxDims];  // bytes; dimension ndim-1 is innermost
  char* base[N];
  int64_t numel = 1;
};

template <int N>
Plan<N> make_plan(const Geometry& g, const Operand* ops) {
  Plan<N> p;
  for (int k = 0; k < N; ++k) p.base[k] = ops[k].data;
  // Keep dims with size != 1, tracking their original order.
  int dims[kMaxDims];
  int nd = 0;
  for (int d = 0; d < g.ndim; ++d) {
    p.numel *= g.sizes[d];
    if (g.sizes[d] != 1) dims[nd++] = d;
  }
  if (p.numel == 0) {
    p.ndim = 1;
    p.sizes[0] = 0;
    for (int k = 0; k < N; ++k) p.strides[k][0] = 0;
    return p;
  }
  // Stable insertion sort by the output's (then the inputs') strides, largest first, so that
  // the innermost loop walks the output contiguously when some permutation of it is contiguous.
  auto bigger = [&](int a, int b) {
    for (int k = 0; k < N; ++k) {
      const int64_t sa = ops[k].strides[a], sb = ops[k].strides[b];
      if (sa == 0 || sb == 0) continue;  // broadcast dims do not decide the order
      if (sa != sb) return sa > sb;
    }
    return false;
  };
  for (int i = 1; i < nd; ++i) {
    const int cur = dims[i];
    int j = i - 1;
    while (j >= 0 && bigger(cur, dims[j])) {
      dims[j + 1] = dims[j];
      --j;
    }
    dims[j + 1] = cur;
  }
  // Merge neighbours (outer o, inner i) when stride[o] == stride[i] * size[i] for every operand.
  int out = 0;
  for (int i = 0; i < nd; ++i) {
    const int d = dims[i];
    if (out > 0) {
      bool merge = true;
      for (int k = 0; k < N && merge; ++k) {
        const int64_t item = static_cast<int64_t>(item_size(ops[k].dtype));
        merge = p.strides[k][out - 1] == ops[k].strides[d] * item * g.sizes[d];
      }
      if (merge) {
        p.sizes[out - 1] *= g.sizes[d];
        for (int k = 0; k < N; ++k) {
          p.strides[k][out - 1] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
        }
        continue;
      }
    }
    p.sizes[out] = g.sizes[d];
    for (int k = 0; k < N; ++k) {
      p.strides[k][out] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
    }
    ++out;
  }
  if (out == 0) {  // a single element
    p.sizes[0] = 1;
    for (int k = 0; k < N; ++k) p.strides[k][0] = 0;
    out = 1;
  }
  p.ndim = out;
  return p;
}

// Runs loop over linear indices [begin, end) of the plan.
template <int N, typename Loop>
void run_range(const Plan<N>& p, int64_t begin, int64_t end, const Loop& loop) {
  const int nd = p.ndim;
  const int64_t inner = p.sizes[nd - 1];
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  for (int d = nd - 1; d >= 0; --d) {
    idx[d] = rem % p.sizes[d];
    rem /= p.sizes[d];
  }
  char* ptrs[N];
  int64_t inner_strides[N];
  for (int k = 0; k < N; ++k) inner_strides[k] = p.strides[k][nd - 1];
  int64_t pos = begin;
  while (pos < end) {
    for (int k = 0; k < N; ++k) {
      char* q = p.base[k];
      for (int d = 0; d < nd; ++d) q += idx[d] * p.strides[k][d];
      ptrs[k] = q;
    }
    const int64_t n = (inner - idx[nd - 1]) < (end - pos) ? (inner - idx[nd - 1]) : (end - pos);
    loop(ptrs, inner_strides, n);
    pos += n;
    idx[nd - 1] += n;
    for (int d = nd - 1; d > 0 && idx[d] >= p.sizes[d]; --d) {
      idx[d] = 0;
      ++idx[d - 1];
    }
  }
}

template <int N, typename Loop>
void for_each(const Parallel& par, const Geometry& g, const Operand* ops, int64_t grain, const Loop& loop) {
  const Plan<N> p = make_plan<N>(g, ops);
  if (p.numel == 0) return;
  parallel_for(par, 0, p.numel, grain, [&](int64_t b, int64_t e) { run_range<N>(p, b, e, loop); });
}

// Default grain for cheap element-wise work: below this many elements a thread wake-up costs
// more than it saves.
constexpr int64_t kElementwiseGrain = 32768;

}  // namespace
}  // namespace TSJIT_ISA
}  // namespace tsjit

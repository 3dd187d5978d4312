// Vectorized float32 math and memory helpers for the element-wise kernel families (ISA code only;
// everything has internal linkage, see ../README.md). The vector type is a GCC vector extension
// whose width follows the variant (16 lanes with AVX-512, 8 with AVX2, 4 otherwise), so one source
// serves every ISA; FMA contraction happens where the variant has FMA.
//
// The polynomials are fitted here (weighted least squares iterated toward minimax on [a, b], in
// double precision) and checked against double-precision references by the tests: exp, log, erf,
// tanh and the functions built on them are within ~2 ulp of the correctly rounded float32 result.
#pragma once

#include "kernel.h"

#if defined(__AVX512F__) || defined(__AVX2__) || defined(__SSE2__)
#include <immintrin.h>
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX2__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif

typedef float vfloat __attribute__((vector_size(kLanes * 4)));
typedef int32_t vint __attribute__((vector_size(kLanes * 4)));
typedef uint32_t vuint __attribute__((vector_size(kLanes * 4)));  // wrapping arithmetic

inline vfloat vload(const float* p) {
  vfloat v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void vstore(float* p, vfloat v) { std::memcpy(p, &v, sizeof v); }
inline vfloat vsplat(float x) { return vfloat{} + x; }
inline vint vsplati(int32_t x) { return vint{} + x; }
inline vfloat as_float(vint v) { return (vfloat)v; }  // bit casts (same-size vector types)
inline vint as_int(vfloat v) { return (vint)v; }
inline vfloat vabs(vfloat x) { return as_float(as_int(x) & 0x7fffffff); }
// Copies the sign of s onto the non-negative magnitude m.
inline vfloat vwithsign(vfloat m, vfloat s) {
  return as_float(as_int(m) | (as_int(s) & static_cast<int32_t>(0x80000000u)));
}
// Round to nearest (ties to even) for |x| < 2^22.
inline vfloat vround_small(vfloat x) {
  const vfloat m = vsplat(12582912.0f);
  return (x + m) - m;
}
// min/max that keep a NaN x (the comparison is false for NaN).
inline vfloat vmin_keepnan(vfloat x, float hi) { return x > hi ? vsplat(hi) : x; }
inline vfloat vmax_keepnan(vfloat x, float lo) { return x < lo ? vsplat(lo) : x; }

// e^x: x = n ln2 + r, |r| <= ln2/2, e^r by its Taylor polynomial of degree 7 (truncation error
// below 1e-8 relative), 2^n applied in two halves so that subnormal results come out right.
inline vfloat vexp(vfloat x) {
  const vfloat xc = vmax_keepnan(vmin_keepnan(x, 89.0f), -104.0f);
  vfloat n = vround_small(xc * 1.44269504088896341f);
  n = n == n ? n : vsplat(0.0f);  // NaN x: p is NaN anyway; keep the conversion below defined
  vfloat r = xc - n * 0.693145751953125f;
  r = r - n * 1.428606765330187e-06f;
  vfloat p = vsplat(1.0f / 5040);
  p = p * r + (1.0f / 720);
  p = p * r + (1.0f / 120);
  p = p * r + (1.0f / 24);
  p = p * r + (1.0f / 6);
  p = p * r + 0.5f;
  p = p * r + 1.0f;
  p = p * r + 1.0f;
  const vint ni = __builtin_convertvector(n, vint);
  const vint n1 = ni >> 1;
  const vint n2 = ni - n1;
  const vfloat s1 = as_float((vint)((vuint)(n1 + 127) << 23));
  const vfloat s2 = as_float((vint)((vuint)(n2 + 127) << 23));
  return p * s1 * s2;
}

// log(x): x = 2^k m with m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f),
// log(1 + f) = f - f^2/2 + s (f^2/2 + R(s^2)) with R the atanh series (fdlibm's arrangement).
inline vfloat vlog(vfloat x) {
  const vint tiny = x < 1.17549435e-38f;
  const vfloat xs = tiny ? x * 8388608.0f : x;
  const vint ix = (vint)((vuint)as_int(xs) - 0x3f3504f3u);
  const vint k = (ix >> 23) + (tiny & -23);
  const vfloat m = as_float((ix & 0x7fffff) + 0x3f3504f3);
  const vfloat f = m - 1.0f;
  const vfloat s = f / (f + 2.0f);
  const vfloat z = s * s;
  vfloat R = vsplat(2.0f / 9);
  R = R * z + (2.0f / 7);
  R = R * z + (2.0f / 5);
  R = R * z + (2.0f / 3);
  R = R * z;
  const vfloat hfsq = 0.5f * f * f;
  const vfloat kf = __builtin_convertvector(k, vfloat);
  vfloat y = kf * 0.693145751953125f + (f - (hfsq - (s * (hfsq + R) + kf * 1.428606765330187e-06f)));
  y = x < __builtin_inff() ? y : x;  // +inf and NaN
  const vfloat neg = x == 0.0f ? vsplat(-__builtin_inff()) : vsplat(__builtin_nanf(""));
  return x > 0.0f ? y : (x == x ? neg : x);
}

// erf(x): x P(x^2) for |x| < 1; 1 - exp(Q(|x| - 2.475)) above, where Q fits log(erfc) on
// [1, 3.95] (erf rounds to 1 beyond).
inline vfloat verf(vfloat x) {
  const vfloat a = vabs(x);
  const vfloat z = x * x;
  vfloat p = vsplat(7.889285540871316e-05f);
  p = p * z - 0.0008020894952828483f;
  p = p * z + 0.005189542005299405f;
  p = p * z - 0.026854448558536692f;
  p = p * z + 0.11283600290675452f;
  p = p * z - 0.3761262715004158f;
  p = p * z + 1.1283791659186473f;
  const vfloat small = x * p;
  const vfloat t = vmin_keepnan(a, 3.95f) - 2.475f;
  vfloat q = vsplat(1.6201153361095066e-06f);
  q = q * t - 1.3611899616350343e-05f;
  q = q * t + 7.97299223393999e-05f;
  q = q * t - 0.000431999803980343f;
  q = q * t + 0.002218435274413233f;
  q = q * t - 0.011077616164584914f;
  q = q * t - 0.9430710741804639f;
  q = q * t - 5.305506510431533f;
  q = q * t - 7.673588022617737f;
  const vfloat large = vwithsign(1.0f - vexp(q), x);
  return a < 1.0f ? small : large;
}

// tanh(x): x + x^3 P(x^2) for |x| < 0.625, else sign(x) (1 - 2 / (e^{2|x|} + 1)).
inline vfloat vtanh(vfloat x) {
  const vfloat a = vabs(x);
  const vfloat z = x * x;
  vfloat p = vsplat(-0.005704990367374551f);
  p = p * z + 0.020639090614574f;
  p = p * z - 0.05373971626431638f;
  p = p * z + 0.1333144221481872f;
  p = p * z - 0.33333281942773646f;
  const vfloat small = vwithsign(vabs(x + x * (z * p)), x);  // keeps tanh(-0) = -0
  const vfloat e = vexp(2.0f * vmin_keepnan(a, 9.1f));
  const vfloat large = vwithsign(1.0f - 2.0f / (e + 1.0f), x);
  return a < 0.625f ? small : large;
}

inline vfloat vsigmoid(vfloat x) { return 1.0f / (1.0f + vexp(-x)); }

// Exact GELU x * Phi(x), Phi(x) = 1/2 (1 + erf(x / sqrt 2)). With AVX-512 and AVX2, Phi(|x|) - 1/2 is
// a degree-5 polynomial per interval of 0.35 on [0, 5.6) (fitted here, within 3.3e-8 absolute
// after float32 evaluation; Phi rounds to 1 beyond), its coefficients picked by a lane permute:
// about half the work of going through erf, with the same absolute accuracy of Phi as PyTorch's
// erf form (whose 1 + erf cancels for negative x just as 1/2 - g does here).
alignas(64) constexpr float kGeluTable[7][16] = {
    {1.750000000e-01f, 5.250000000e-01f, 8.750000000e-01f, 1.225000000e+00f, 1.575000000e+00f, 1.925000000e+00f,
     2.275000000e+00f, 2.625000000e+00f, 2.975000000e+00f, 3.325000000e+00f, 3.675000000e+00f, 4.025000000e+00f,
     4.375000000e+00f, 4.725000000e+00f, 5.075000000e+00f, 5.425000000e+00f},
    {6.946018338e-02f, 2.002083957e-01f, 3.092130423e-01f, 3.897123933e-01f, 4.423717856e-01f, 4.728853106e-01f,
     4.885470271e-01f, 4.956675470e-01f, 4.985350668e-01f, 4.995579123e-01f, 4.998810887e-01f, 4.999715090e-01f,
     4.999939203e-01f, 4.999988377e-01f, 4.999997914e-01f, 4.999999702e-01f},
    {3.928799927e-01f, 3.475832641e-01f, 2.720550001e-01f, 1.883881092e-01f, 1.154115275e-01f, 6.255237758e-02f,
     2.999420464e-02f, 1.272418071e-02f, 4.775526002e-03f, 1.585665625e-03f, 4.658016260e-04f, 1.210568953e-04f,
     2.783410491e-05f, 5.661928299e-06f, 1.018945682e-06f, 1.622323822e-07f},
    {-3.437626734e-02f, -9.123896807e-02f, -1.190226823e-01f, -1.153873354e-01f, -9.088706225e-02f, -6.020739302e-02f,
     -3.411890566e-02f, -1.670064591e-02f, -7.103546988e-03f, -2.636066638e-03f, -8.558320696e-04f, -2.435854112e-04f,
     -6.086991198e-05f, -1.337050344e-05f, -2.583939022e-06f, -4.396647455e-07f},
    {-6.347350031e-02f, -4.196315259e-02f, -1.062781084e-02f, 1.571771875e-02f, 2.847970091e-02f, 2.820725739e-02f,
     2.087439038e-02f, 1.249248255e-02f, 6.248581689e-03f, 2.657476813e-03f, 9.708237485e-04f, 3.066622594e-04f,
     8.413989417e-05f, 2.011808829e-05f, 4.202187938e-06f, 7.682150454e-07f},
    {8.442397229e-03f, 2.057163045e-02f, 2.204196528e-02f, 1.438436098e-02f, 3.975717817e-03f, -3.476558952e-03f,
     -6.142382976e-03f, -5.400856026e-03f, -3.467667149e-03f, -1.778601902e-03f, -7.561275852e-04f, -2.715977316e-04f,
     -8.337794134e-05f, -2.204043267e-05f, -5.043021247e-06f, -1.002549197e-06f},
    {9.158690460e-03f, 4.103819374e-03f, -2.247775206e-03f, -5.839664023e-03f, -5.483713932e-03f, -2.870522672e-03f,
     -3.330119653e-04f, 9.549568640e-04f, 1.117719570e-03f, 7.781935274e-04f, 4.069256538e-04f, 1.712504891e-04f,
     5.983666779e-05f, 1.765927846e-05f, 4.449121207e-06f, 9.637932408e-07f},
};

inline vfloat vgelu(vfloat x) {
#if defined(__AVX512F__) || defined(__AVX2__)
  const vfloat a = vmin_keepnan(vabs(x), 5.5999994f);
  const vfloat scaled = a * (16.0f / 5.6f);
  const vint idx = __builtin_convertvector(scaled == scaled ? scaled : vsplat(0.0f), vint);
#if defined(__AVX512F__)
  const __m512i ix = (__m512i)idx;
  auto coef = [&](int j) { return (vfloat)_mm512_permutexvar_ps(ix, _mm512_load_ps(kGeluTable[j])); };
#else
  const __m256i ix = (__m256i)idx;
  const __m256 upper = _mm256_castsi256_ps(_mm256_cmpgt_epi32(ix, _mm256_set1_epi32(7)));
  auto coef = [&](int j) {
    const __m256 lo = _mm256_permutevar8x32_ps(_mm256_load_ps(kGeluTable[j]), ix);
    const __m256 hi = _mm256_permutevar8x32_ps(_mm256_load_ps(kGeluTable[j] + 8), ix);
    return (vfloat)_mm256_blendv_ps(lo, hi, upper);
  };
#endif
  const vfloat t = a - coef(0);
  vfloat g = coef(6);
  g = g * t + coef(5);
  g = g * t + coef(4);
  g = g * t + coef(3);
  g = g * t + coef(2);
  g = g * t + coef(1);
  return x * (0.5f + vwithsign(g, x));
#else
  return 0.5f * x * (1.0f + verf(x * 0.70710678118654752440f));
#endif
}

// Applies a vector function to n contiguous floats (out may be in; the tail goes through a
// padded buffer).
template <typename VF>
inline void map_f32(float* out, const float* in, int64_t n, const VF& vf) {
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes) vstore(out + i, vf(vload(in + i)));
  if (i < n) {
    float buf[kLanes] = {};
    const int64_t rest = n - i;
    std::memcpy(buf, in + i, static_cast<size_t>(rest) * 4);
    vstore(buf, vf(vload(buf)));
    std::memcpy(out + i, buf, static_cast<size_t>(rest) * 4);
  }
}

// ---------------------------------------------------------------------------------------------
// 16-bit float blocks: the fast paths compute 16-bit floats by converting a block to float32,
// running the float32 loop, and converting back.

constexpr int64_t kBlock = 512;

template <typename T>
inline void to_f32(float* dst, const T* src, int64_t n) {
  if constexpr (std::is_same<T, BFloat16>::value) {
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t b = static_cast<uint32_t>(src[i].bits) << 16;
      std::memcpy(dst + i, &b, 4);
    }
  } else if constexpr (std::is_same<T, Half>::value) {
    int64_t i = 0;
#if defined(__F16C__) && defined(__AVX2__)
    for (; i + 8 <= n; i += 8) {
      const __m128i h = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
      _mm256_storeu_ps(dst + i, _mm256_cvtph_ps(h));
    }
#endif
    for (; i < n; ++i) dst[i] = static_cast<float>(src[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<float>(src[i]);
  }
}

template <typename T>
inline void from_f32(T* dst, const float* src, int64_t n) {
  if constexpr (std::is_same<T, BFloat16>::value) {
    for (int64_t i = 0; i < n; ++i) {
      uint32_t x;
      std::memcpy(&x, src + i, 4);
      const uint32_t rounded = (x + 0x7fffu + ((x >> 16) & 1u)) >> 16;
      const uint32_t nan = (x >> 16) | 0x40u;
      dst[i].bits = static_cast<uint16_t>((x & 0x7fffffffu) > 0x7f800000u ? nan : rounded);
    }
  } else if constexpr (std::is_same<T, Half>::value) {
    int64_t i = 0;
#if defined(__F16C__) && defined(__AVX2__)
    for (; i + 8 <= n; i += 8) {
      const __m128i h = _mm256_cvtps_ph(_mm256_loadu_ps(src + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + i), h);
    }
#endif
    for (; i < n; ++i) dst[i] = Half(src[i]);
  } else {
    for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<T>(src[i]);
  }
}

// ---------------------------------------------------------------------------------------------
// Non-temporal output: large contiguous outputs that do not alias the inputs are written with
// streaming stores, which skip the read-for-ownership of the output's cache lines (a third less
// memory traffic for c = a + b) and keep the output from evicting the inputs.

// Worth it when the working set is far beyond the last-level cache (32 MiB here) anyway.
constexpr int64_t kStreamMinBytes = 24 << 20;

// Copies `bytes` (a multiple of 64) from the 64-byte aligned src to the 64-byte aligned dst.
inline void stream_copy(char* dst, const char* src, int64_t bytes) {
#if defined(__AVX512F__)
  for (int64_t i = 0; i < bytes; i += 64) {
    _mm512_stream_si512(reinterpret_cast<__m512i*>(dst + i), _mm512_load_si512(src + i));
  }
#elif defined(__AVX2__)
  for (int64_t i = 0; i < bytes; i += 32) {
    _mm256_stream_si256(reinterpret_cast<__m256i*>(dst + i), _mm256_load_si256(reinterpret_cast<const __m256i*>(src + i)));
  }
#elif defined(__SSE2__)
  for (int64_t i = 0; i < bytes; i += 16) {
    _mm_stream_si128(reinterpret_cast<__m128i*>(dst + i), _mm_load_si128(reinterpret_cast<const __m128i*>(src + i)));
  }
#else
  std::memcpy(dst, src, static_cast<size_t>(bytes));
#endif
}

inline void stream_fence() {
#if defined(__SSE2__)
  _mm_sfence();
#endif
}

// Runs `compute(dst, begin, count)` over [0, n) elements of an output of type O at out, streaming
// full 64-byte-aligned blocks through an L1-resident buffer. compute writes `count` results for
// elements [begin, begin + count) to dst.
template <typename O, typename Compute>
inline void streamed(O* out, int64_t n, const Compute& compute) {
  constexpr int64_t kBytes = 4096;
  constexpr int64_t kItems = kBytes / static_cast<int64_t>(sizeof(O));
  alignas(64) char buf[kBytes];
  const uintptr_t addr = reinterpret_cast<uintptr_t>(out);
  int64_t head = static_cast<int64_t>(((64 - (addr & 63)) & 63) / sizeof(O));
  if ((addr % sizeof(O)) != 0 || head > n) head = n;
  if (head > 0) compute(out, 0, head);
  int64_t i = head;
  for (; i + kItems <= n; i += kItems) {
    compute(reinterpret_cast<O*>(buf), i, kItems);
    stream_copy(reinterpret_cast<char*>(out + i), buf, kBytes);
  }
  const int64_t full = ((n - i) * static_cast<int64_t>(sizeof(O))) & ~static_cast<int64_t>(63);
  if (full > 0) {
    const int64_t items = full / static_cast<int64_t>(sizeof(O));
    compute(reinterpret_cast<O*>(buf), i, items);
    stream_copy(reinterpret_cast<char*>(out + i), buf, full);
    i += items;
  }
  if (i < n) compute(out + i, i, n - i);
  stream_fence();
}

// True when [a, a + an) and [b, b + bn) share a byte.
inline bool overlaps(const char* a, int64_t an, const char* b, int64_t bn) {
  const uintptr_t x = reinterpret_cast<uintptr_t>(a), y = reinterpret_cast<uintptr_t>(b);
  return x < y + static_cast<uintptr_t>(bn) && y < x + static_cast<uintptr_t>(an);
}

// The byte range an operand of a plan touches (for the aliasing check).
template <int N>
inline void plan_extent(const Plan<N>& p, int k, const char** lo, int64_t* bytes, int64_t item) {
  const char* base = p.base[k];
  int64_t min = 0, max = 0;
  for (int d = 0; d < p.ndim; ++d) {
    const int64_t span = (p.sizes[d] - 1) * p.strides[k][d];
    if (span < 0) min += span; else max += span;
  }
  *lo = base + min;
  *bytes = max - min + item;
}

}  // namespace
}  // namespace TSJIT_ISA
}  // namespace tsjit

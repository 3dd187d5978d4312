// Reductions over any set of dimensions: sum, mean, prod, amax, amin, var/std, norm, logsumexp,
// any, all, count_nonzero (reduce), and the arg-reductions max/min with indices, argmax/argmin
// (reduce_index).
//
// The TypeScript side passes the input's sizes as the geometry, the output (and indices) with
// stride 0 along the reduced dimensions, and a bit mask of the reduced dimensions. The kernels
// split the dimensions into kept ones (one output each) and reduced ones, and then pick a path:
//   A. the innermost reduced dimension is contiguous: each output reduces contiguous runs (vector
//      code for float sums, lane-split loops for the rest); threaded over outputs;
//   B. the innermost kept dimension is contiguous and the reduction walks outer dimensions: a block
//      of neighbouring outputs is reduced at once, one contiguous load per reduced position;
//   C. few outputs and a long reduction (a full reduction): the reduced index space is split among
//      threads and the partial results are combined in order.
// Accumulation: floating sums accumulate in float64 (float32 contiguous runs are summed in float32
// blocks with several vector accumulators, then the blocks in float64); integer sums and products
// in int64 (wrapping like PyTorch); var/std by Welford's method (Chan's merge) in float64.
#include "common.h"

struct ReduceFns {
  void (*reduce)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int op,
                 uint32_t mask, double scalar);
  void (*reduce_index)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int op,
                       uint32_t mask, bool has_values);
};

// Operation codes shared with src/reduce.ts.
enum ReduceOpCode : int {
  kSum = 0, kMean = 1, kProd = 2, kAmax = 3, kAmin = 4, kVar = 5, kStd = 6, kNorm = 7, kLogSumExp = 8,
  kAny = 9, kAll = 10, kCountNonzero = 11,
};
enum ReduceIndexOpCode : int { kMaxIndex = 0, kMinIndex = 1 };

#ifdef TSJIT_ISA
#include "kernel.h"

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// ---------------------------------------------------------------------------------------------
// Plan: kept and reduced dimensions, sizes-1 dropped, neighbours merged.

struct RPlan {
  int nk = 0, nr = 0;
  int64_t ks[kMaxDims], ko[kMaxDims], kx[kMaxDims], ki[kMaxDims];  // kept: size, out/x/idx byte strides
  int64_t rs[kMaxDims], rx[kMaxDims];                                // reduced: size, x byte stride
  int64_t outer = 1, inner = 1;
  char* out = nullptr;
  char* x = nullptr;
  char* idx = nullptr;
};

// ops: out, x (and indices third when has_idx). keep_order keeps the reduced dimensions in
// logical order so that the running index is the flattened index PyTorch reports.
RPlan make_rplan(const Geometry& g, const Operand* ops, bool has_idx, uint32_t mask, bool keep_order) {
  RPlan p;
  const Operand& out = ops[0];
  const Operand& x = ops[1];
  const Operand* ix = has_idx ? &ops[2] : nullptr;
  p.out = out.data;
  p.x = x.data;
  p.idx = ix ? ix->data : nullptr;
  const int64_t osz = static_cast<int64_t>(item_size(out.dtype));
  const int64_t xsz = static_cast<int64_t>(item_size(x.dtype));
  int kd[kMaxDims], rd[kMaxDims];
  int nk = 0, nr = 0;
  for (int d = 0; d < g.ndim; ++d) {
    const bool red = (mask >> d) & 1u;
    if (red) p.inner *= g.sizes[d]; else p.outer *= g.sizes[d];
    if (g.sizes[d] == 1) continue;
    if (red) rd[nr++] = d; else kd[nk++] = d;
  }
  // kept: order by output stride (largest first) so outputs are written in memory order.
  for (int i = 1; i < nk; ++i) {
    const int cur = kd[i];
    int j = i - 1;
    while (j >= 0 && out.strides[cur] > out.strides[kd[j]]) { kd[j + 1] = kd[j]; --j; }
    kd[j + 1] = cur;
  }
  for (int i = 0; i < nk; ++i) {
    const int d = kd[i];
    const int64_t so = out.strides[d] * osz, sx = x.strides[d] * xsz, si = ix ? ix->strides[d] * 8 : 0;
    if (p.nk > 0) {
      const int q = p.nk - 1;
      if (p.ko[q] == so * g.sizes[d] && p.kx[q] == sx * g.sizes[d] && p.ki[q] == si * g.sizes[d]) {
        p.ks[q] *= g.sizes[d];
        p.ko[q] = so; p.kx[q] = sx; p.ki[q] = si;
        continue;
      }
    }
    p.ks[p.nk] = g.sizes[d]; p.ko[p.nk] = so; p.kx[p.nk] = sx; p.ki[p.nk] = si;
    ++p.nk;
  }
  if (!keep_order) {
    for (int i = 1; i < nr; ++i) {
      const int cur = rd[i];
      int j = i - 1;
      while (j >= 0 && x.strides[cur] > x.strides[rd[j]]) { rd[j + 1] = rd[j]; --j; }
      rd[j + 1] = cur;
    }
  }
  for (int i = 0; i < nr; ++i) {
    const int d = rd[i];
    const int64_t sx = x.strides[d] * xsz;
    if (p.nr > 0 && p.rx[p.nr - 1] == sx * g.sizes[d]) {
      p.rs[p.nr - 1] *= g.sizes[d];
      p.rx[p.nr - 1] = sx;
      continue;
    }
    p.rs[p.nr] = g.sizes[d]; p.rx[p.nr] = sx;
    ++p.nr;
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Loads and stores

template <typename T>
inline acc_t<T> ld(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return static_cast<acc_t<T>>(v);
}

// Writes v, converted, into an element of dtype d (outputs may have another dtype than the input).
template <typename V>
void put(DType d, char* p, V v) {
  TSJIT_DISPATCH_ALL(d, {
    const T t = convert<T, V>(v);
    std::memcpy(p, &t, sizeof(T));
  });
}

template <typename T> using Wide = typename std::conditional<is_floating_v<T>, double, int64_t>::type;

inline int64_t wrap_add(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b));
}
inline int64_t wrap_mul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b));
}
inline double wrap_add(double a, double b) { return a + b; }
inline double wrap_mul(double a, double b) { return a * b; }

template <typename F> inline bool is_nan(F v) {
  if constexpr (std::is_floating_point<F>::value) return v != v;
  else return false;
}

// ---------------------------------------------------------------------------------------------
// Contiguous run kernels (path A)

constexpr int64_t kSumBlock = 4096;  // elements summed in float32 before the float64 total

// Sum of a float32 block in float32 with several independent vector accumulators: each lane adds
// at most kSumBlock / 64 values, so the block's error stays near 64 ulp at worst.
inline float block_sum_f32(const float* p, int64_t n) {
#if defined(__AVX512F__)
  __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps(), a2 = _mm512_setzero_ps(), a3 = _mm512_setzero_ps();
  int64_t i = 0;
  for (; i + 64 <= n; i += 64) {
    // A few KB ahead: the hardware prefetcher alone leaves DRAM bandwidth unused on long rows.
    _mm_prefetch(reinterpret_cast<const char*>(p + i + 1024), _MM_HINT_T0);
    _mm_prefetch(reinterpret_cast<const char*>(p + i + 1056), _MM_HINT_T0);
    a0 = _mm512_add_ps(a0, _mm512_loadu_ps(p + i));
    a1 = _mm512_add_ps(a1, _mm512_loadu_ps(p + i + 16));
    a2 = _mm512_add_ps(a2, _mm512_loadu_ps(p + i + 32));
    a3 = _mm512_add_ps(a3, _mm512_loadu_ps(p + i + 48));
  }
  for (; i + 16 <= n; i += 16) a0 = _mm512_add_ps(a0, _mm512_loadu_ps(p + i));
  if (i < n) {
    const __mmask16 m = static_cast<__mmask16>((1u << (n - i)) - 1u);
    a1 = _mm512_add_ps(a1, _mm512_maskz_loadu_ps(m, p + i));
  }
  const __m512 s = _mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3));
  __m256 h8 = _mm256_add_ps(_mm512_castps512_ps256(s), _mm512_extractf32x8_ps(s, 1));
  __m128 h = _mm_add_ps(_mm256_castps256_ps128(h8), _mm256_extractf128_ps(h8, 1));
  h = _mm_add_ps(h, _mm_movehl_ps(h, h));
  h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
  return _mm_cvtss_f32(h);
#elif defined(__AVX2__)
  __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
  int64_t i = 0;
  for (; i + 32 <= n; i += 32) {
    _mm_prefetch(reinterpret_cast<const char*>(p + i + 1024), _MM_HINT_T0);
    a0 = _mm256_add_ps(a0, _mm256_loadu_ps(p + i));
    a1 = _mm256_add_ps(a1, _mm256_loadu_ps(p + i + 8));
    a2 = _mm256_add_ps(a2, _mm256_loadu_ps(p + i + 16));
    a3 = _mm256_add_ps(a3, _mm256_loadu_ps(p + i + 24));
  }
  for (; i + 8 <= n; i += 8) a0 = _mm256_add_ps(a0, _mm256_loadu_ps(p + i));
  __m256 s = _mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3));
  __m128 h = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
  h = _mm_add_ps(h, _mm_movehl_ps(h, h));
  h = _mm_add_ss(h, _mm_shuffle_ps(h, h, 1));
  float r = _mm_cvtss_f32(h);
  float t = 0.0f;
  for (; i < n; ++i) t += p[i];
  return r + t;
#else
  float a[16] = {0};
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    for (int k = 0; k < 16; ++k) a[k] += p[i + k];
  }
  for (; i < n; ++i) a[0] += p[i];
  for (int w = 8; w >= 1; w /= 2) {
    for (int k = 0; k < w; ++k) a[k] += a[k + w];
  }
  return a[0];
#endif
}

// Sum of a contiguous run of any floating type: float32 blocks (lanes) then a float64 total.
template <typename T>
double run_sum_float(const T* p, int64_t n) {
  double total = 0;
  if constexpr (std::is_same<T, float>::value) {
    for (int64_t b = 0; b < n; b += kSumBlock) total += block_sum_f32(p + b, n - b < kSumBlock ? n - b : kSumBlock);
  } else {
    using L = acc_t<T>;
    for (int64_t b = 0; b < n; b += kSumBlock) {
      const int64_t m = n - b < kSumBlock ? n - b : kSumBlock;
      const T* q = p + b;
      L a[16] = {0};
      int64_t i = 0;
      for (; i + 16 <= m; i += 16) {
        for (int k = 0; k < 16; ++k) a[k] += static_cast<L>(q[i + k]);
      }
      for (; i < m; ++i) a[0] += static_cast<L>(q[i]);
      for (int w = 8; w >= 1; w /= 2) {
        for (int k = 0; k < w; ++k) a[k] += a[k + w];
      }
      total += static_cast<double>(a[0]);
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// Operations. Each has an accumulator A and
//   init(), step(a, v, i) for one value at reduced index i, run(a, p, stride, n, i0) for a 1-d
//   run (contiguous fast code when stride == sizeof(T)), merge(a, b) with b following a, and
//   store(a, out, idx).

template <typename T>
struct SumLike {  // sum, mean
  using A = Wide<T>;
  DType od;
  bool mean;
  int64_t count;
  A init() const { return A(0); }
  void step(A& a, acc_t<T> v, int64_t) const { a = wrap_add(a, static_cast<A>(v)); }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    if constexpr (is_floating_v<T>) {
      if (!kReference && s == static_cast<int64_t>(sizeof(T))) {
        a += run_sum_float<T>(reinterpret_cast<const T*>(p), n);
        return;
      }
    } else {
      if (!kReference && s == static_cast<int64_t>(sizeof(T))) {
        const T* q = reinterpret_cast<const T*>(p);
        uint64_t t = 0;
        for (int64_t i = 0; i < n; ++i) t += static_cast<uint64_t>(static_cast<int64_t>(static_cast<acc_t<T>>(q[i])));
        a = wrap_add(a, static_cast<int64_t>(t));
        return;
      }
    }
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const { a = wrap_add(a, b); }
  void store(const A& a, char* out, char*) const {
    if (mean) put<double>(od, out, static_cast<double>(a) / static_cast<double>(count));
    else put<A>(od, out, a);
  }
};

template <typename T>
struct Prod {
  using A = Wide<T>;
  DType od;
  A init() const { return A(1); }
  void step(A& a, acc_t<T> v, int64_t) const { a = wrap_mul(a, static_cast<A>(v)); }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const { a = wrap_mul(a, b); }
  void store(const A& a, char* out, char*) const { put<A>(od, out, a); }
};

// amax / amin: NaN propagates.
template <typename T, bool kMax>
struct Extreme {
  using V = acc_t<T>;
  using A = V;
  DType od;
  static V lowest() {
    if constexpr (std::is_same<V, bool>::value) return !kMax ? true : false;
    else if constexpr (std::is_floating_point<V>::value) return kMax ? -std::numeric_limits<V>::infinity() : std::numeric_limits<V>::infinity();
    else return kMax ? std::numeric_limits<V>::lowest() : std::numeric_limits<V>::max();
  }
  static bool better(V v, V a) { return kMax ? (v > a) : (v < a); }
  A init() const { return lowest(); }
  void step(A& a, V v, int64_t) const {
    if (better(v, a) || is_nan(v)) a = v;
  }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    if constexpr (std::is_floating_point<V>::value && !std::is_same<V, bool>::value) {
      if (!kReference && s == static_cast<int64_t>(sizeof(T)) && n >= 32) {
        const T* q = reinterpret_cast<const T*>(p);
        V m[16];
        bool nan[16];
        for (int k = 0; k < 16; ++k) { m[k] = a; nan[k] = false; }
        int64_t i = 0;
        for (; i + 16 <= n; i += 16) {
          for (int k = 0; k < 16; ++k) {
            const V v = static_cast<V>(q[i + k]);
            m[k] = better(v, m[k]) ? v : m[k];
            nan[k] |= v != v;
          }
        }
        for (; i < n; ++i) step(a, static_cast<V>(q[i]), 0);
        bool any_nan = false;
        for (int k = 0; k < 16; ++k) { step(a, m[k], 0); any_nan |= nan[k]; }
        if (any_nan) a = std::numeric_limits<V>::quiet_NaN();
        return;
      }
    }
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const { step(a, b, 0); }
  void store(const A& a, char* out, char*) const { put<V>(od, out, a); }
};

// Welford's running mean and M2; merged with Chan's formula. Contiguous runs use two passes.
struct Welford {
  double n, mean, m2;
};

inline void welford_merge(Welford& a, const Welford& b) {
  if (b.n == 0) return;
  if (a.n == 0) { a = b; return; }
  const double n = a.n + b.n;
  const double d = b.mean - a.mean;
  a.mean += d * (b.n / n);
  a.m2 += b.m2 + d * d * (a.n * b.n / n);
  a.n = n;
}

template <typename T>
struct VarStd {
  using A = Welford;
  DType od;
  double correction;
  bool sd;
  A init() const { return Welford{0, 0, 0}; }
  void step(A& a, acc_t<T> v, int64_t) const {
    const double x = static_cast<double>(v);
    a.n += 1;
    const double d = x - a.mean;
    a.mean += d / a.n;
    a.m2 += d * (x - a.mean);
  }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    if (!kReference && s == static_cast<int64_t>(sizeof(T)) && n >= 16) {
      const T* q = reinterpret_cast<const T*>(p);
      double sum[8] = {0};
      int64_t i = 0;
      for (; i + 8 <= n; i += 8) for (int k = 0; k < 8; ++k) sum[k] += static_cast<double>(static_cast<acc_t<T>>(q[i + k]));
      for (; i < n; ++i) sum[0] += static_cast<double>(static_cast<acc_t<T>>(q[i]));
      double total = 0;
      for (int k = 0; k < 8; ++k) total += sum[k];
      const double mean = total / static_cast<double>(n);
      double sq[8] = {0};
      i = 0;
      for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 8; ++k) {
          const double d = static_cast<double>(static_cast<acc_t<T>>(q[i + k])) - mean;
          sq[k] += d * d;
        }
      }
      for (; i < n; ++i) {
        const double d = static_cast<double>(static_cast<acc_t<T>>(q[i])) - mean;
        sq[0] += d * d;
      }
      double m2 = 0;
      for (int k = 0; k < 8; ++k) m2 += sq[k];
      welford_merge(a, Welford{static_cast<double>(n), mean, m2});
      return;
    }
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const { welford_merge(a, b); }
  void store(const A& a, char* out, char*) const {
    double div = a.n - correction;
    if (div < 0) div = 0;
    const double v = a.m2 / div;
    put<double>(od, out, sd ? std::sqrt(v) : v);
  }
};

// norm: mode 0 counts non-zeros, 1 sums |x|, 2 sums x^2, 3 max |x|, 4 min |x|, 5 sums |x|^p.
template <typename T>
struct Norm {
  using A = double;
  DType od;
  int mode;
  double p;
  int64_t count;
  A init() const { return mode == 4 ? std::numeric_limits<double>::infinity() : 0.0; }
  void step(A& a, acc_t<T> v, int64_t) const {
    const double x = std::fabs(static_cast<double>(v));
    switch (mode) {
      case 0: a += (x != 0) ? 1.0 : 0.0; break;
      case 1: a += x; break;
      case 2: a += x * x; break;
      case 3: if (x > a || x != x) a = x; break;
      case 4: if (x < a || x != x) a = x; break;
      default: a += std::pow(x, p); break;
    }
  }
  void run(A& a, const char* q, int64_t s, int64_t n, int64_t) const {
    if (!kReference && s == static_cast<int64_t>(sizeof(T)) && (mode == 1 || mode == 2) && n >= 16) {
      const T* r = reinterpret_cast<const T*>(q);
      double acc[8] = {0};
      int64_t i = 0;
      if (mode == 2) {
        for (; i + 8 <= n; i += 8) {
          for (int k = 0; k < 8; ++k) {
            const double x = static_cast<double>(static_cast<acc_t<T>>(r[i + k]));
            acc[k] += x * x;
          }
        }
      } else {
        for (; i + 8 <= n; i += 8) {
          for (int k = 0; k < 8; ++k) acc[k] += std::fabs(static_cast<double>(static_cast<acc_t<T>>(r[i + k])));
        }
      }
      for (int k = 0; k < 8; ++k) a += acc[k];
      for (; i < n; ++i) step(a, static_cast<acc_t<T>>(r[i]), 0);
      return;
    }
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(q + i * s), 0);
  }
  void merge(A& a, const A& b) const {
    switch (mode) {
      case 3: if (b > a || b != b) a = b; break;
      case 4: if (b < a || b != b) a = b; break;
      default: a += b; break;
    }
  }
  void store(const A& a, char* out, char*) const {
    double r;
    if (count == 0) r = 0;
    else if (mode == 2) r = std::sqrt(a);
    else if (mode == 5) r = std::pow(a, 1.0 / p);
    else r = a;
    put<double>(od, out, r);
  }
};

// logsumexp, streaming: running maximum m and sum s of exp(x - m).
struct Lse {
  double m, s;
  bool nan;
};

inline void lse_step(Lse& a, double v) {
  if (v != v) { a.nan = true; return; }
  if (v > a.m) {
    a.s = (a.m == -std::numeric_limits<double>::infinity() ? 0.0 : a.s * std::exp(a.m - v)) + 1.0;
    a.m = v;
  } else if (v != -std::numeric_limits<double>::infinity() && a.m != std::numeric_limits<double>::infinity()) {
    a.s += std::exp(v - a.m);
  }
}

template <typename T>
struct LogSumExp {
  using A = Lse;
  DType od;
  A init() const { return Lse{-std::numeric_limits<double>::infinity(), 0.0, false}; }
  void step(A& a, acc_t<T> v, int64_t) const { lse_step(a, static_cast<double>(v)); }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const {
    if (b.nan) a.nan = true;
    if (b.m == -std::numeric_limits<double>::infinity()) return;
    if (a.m == -std::numeric_limits<double>::infinity()) { a.m = b.m; a.s = b.s; return; }
    if (a.m == std::numeric_limits<double>::infinity() || b.m == std::numeric_limits<double>::infinity()) {
      if (b.m > a.m) { a.m = b.m; a.s = 1; }
      return;
    }
    if (b.m > a.m) { a.s = a.s * std::exp(a.m - b.m) + b.s; a.m = b.m; }
    else a.s += b.s * std::exp(b.m - a.m);
  }
  void store(const A& a, char* out, char*) const {
    double r;
    if (a.nan) r = std::numeric_limits<double>::quiet_NaN();
    else if (a.m == std::numeric_limits<double>::infinity() || a.m == -std::numeric_limits<double>::infinity()) r = a.m;
    else r = a.m + std::log(a.s);
    put<double>(od, out, r);
  }
};

// any (kAll false) / all (kAll true).
template <typename T, bool kAllOp>
struct AnyAll {
  using A = bool;
  DType od;
  A init() const { return kAllOp; }
  void step(A& a, acc_t<T> v, int64_t) const {
    if (kAllOp) a = a && (v != acc_t<T>(0));
    else a = a || (v != acc_t<T>(0));
  }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    if (a != kAllOp) return;  // already decided
    for (int64_t i = 0; i < n; ++i) {
      step(a, ld<T>(p + i * s), 0);
      if (!kReference && a != kAllOp) return;
    }
  }
  void merge(A& a, const A& b) const { a = kAllOp ? (a && b) : (a || b); }
  void store(const A& a, char* out, char*) const { put<int64_t>(od, out, a ? 1 : 0); }
};

template <typename T>
struct CountNonzero {
  using A = int64_t;
  DType od;
  A init() const { return 0; }
  void step(A& a, acc_t<T> v, int64_t) const { a += (v != acc_t<T>(0)) ? 1 : 0; }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t) const {
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), 0);
  }
  void merge(A& a, const A& b) const { a += b; }
  void store(const A& a, char* out, char*) const { put<int64_t>(od, out, a); }
};

// max/min with the index of the first occurrence; a NaN wins (the first NaN).
template <typename T, bool kMax>
struct ArgExtreme {
  using V = acc_t<T>;
  struct A {
    V v;
    int64_t i;
  };
  DType od;
  bool values;
  static bool better(V v, V a) {
    if (kMax ? (v > a) : (v < a)) return true;
    return is_nan(v) && !is_nan(a);
  }
  A init() const { return A{V(0), -1}; }
  void step(A& a, V v, int64_t i) const {
    if (a.i < 0 || better(v, a.v)) { a.v = v; a.i = i; }
  }
  void run(A& a, const char* p, int64_t s, int64_t n, int64_t i0) const {
    for (int64_t i = 0; i < n; ++i) step(a, ld<T>(p + i * s), i0 + i);
  }
  void merge(A& a, const A& b) const {
    if (b.i >= 0 && (a.i < 0 || better(b.v, a.v))) a = b;
  }
  void store(const A& a, char* out, char* idx) const {
    if (values) put<V>(od, out, a.v);
    std::memcpy(idx, &a.i, 8);
  }
};

// ---------------------------------------------------------------------------------------------
// Drivers

// Reduces linear reduced indices [b, e) starting at x element xb into a.
template <typename Op>
void span(const Op& op, typename Op::A& a, const RPlan& p, const char* xb, int64_t b, int64_t e) {
  if (b >= e) return;
  if (p.nr == 0) {
    op.run(a, xb, 0, 1, 0);
    return;
  }
  const int last = p.nr - 1;
  int64_t idx[kMaxDims];
  int64_t rem = b;
  for (int d = last; d >= 0; --d) {
    idx[d] = rem % p.rs[d];
    rem /= p.rs[d];
  }
  while (b < e) {
    const char* q = xb;
    for (int d = 0; d <= last; ++d) q += idx[d] * p.rx[d];
    const int64_t left = p.rs[last] - idx[last];
    const int64_t n = left < e - b ? left : e - b;
    op.run(a, q, p.rx[last], n, b);
    b += n;
    idx[last] += n;
    for (int d = last; d > 0 && idx[d] >= p.rs[d]; --d) {
      idx[d] = 0;
      ++idx[d - 1];
    }
  }
}

// Output o's pointers (out, x, idx).
inline void output_ptrs(const RPlan& p, int64_t o, char** out, const char** x, char** idx) {
  char* po = p.out;
  const char* px = p.x;
  char* pi = p.idx;
  for (int d = p.nk - 1; d >= 0; --d) {
    const int64_t k = o % p.ks[d];
    o /= p.ks[d];
    po += k * p.ko[d];
    px += k * p.kx[d];
    if (pi) pi += k * p.ki[d];
  }
  *out = po;
  *x = px;
  *idx = pi;
}

constexpr int64_t kGrain = 32768;  // elements of work per thread at least
constexpr int kBlockOutputs = 32;  // path B: outputs reduced together

template <typename T, typename Op>
void run_reduce(const Parallel& par, const RPlan& p, const Op& op) {
  using A = typename Op::A;
  if (p.outer == 0) return;
  if (p.inner == 0) {
    for (int64_t o = 0; o < p.outer; ++o) {
      char* po; const char* px; char* pi;
      output_ptrs(p, o, &po, &px, &pi);
      op.store(op.init(), po, pi);
    }
    return;
  }
  const int64_t item = static_cast<int64_t>(sizeof(T));
  // Path C: few outputs, long reductions: split each output's reduction among threads.
  if (!kReference && par.threads > 1 && p.outer < par.threads && p.inner >= 2 * kGrain) {
    const int chunks = par.threads;
    Scratch partial(par, sizeof(A) * static_cast<size_t>(chunks));
    A* parts = partial.as<A>();
    if (parts != nullptr) {
      for (int64_t o = 0; o < p.outer; ++o) {
        char* po; const char* px; char* pi;
        output_ptrs(p, o, &po, &px, &pi);
        const int64_t per = (p.inner + chunks - 1) / chunks;
        parallel_for(par, 0, chunks, 1, [&](int64_t cb, int64_t ce) {
          for (int64_t c = cb; c < ce; ++c) {
            A a = op.init();
            const int64_t b = c * per;
            const int64_t e = b + per < p.inner ? b + per : p.inner;
            span(op, a, p, px, b, e);
            parts[c] = a;
          }
        });
        A a = parts[0];
        for (int c = 1; c < chunks; ++c) op.merge(a, parts[c]);
        op.store(a, po, pi);
      }
      return;
    }
  }
  // Path B: contiguous innermost kept dimension, reduction over strided outer dimensions.
  if (!kReference && p.nk > 0 && p.nr > 0 && p.kx[p.nk - 1] == item && p.rx[p.nr - 1] != item &&
      p.ks[p.nk - 1] >= 8) {
    const int64_t n0 = p.ks[p.nk - 1];
    const int64_t blocks = (n0 + kBlockOutputs - 1) / kBlockOutputs;
    const int64_t rows = p.outer / n0;
    const int64_t units = rows * blocks;
    const int64_t grain = kGrain / (p.inner * kBlockOutputs) + 1;
    const int last = p.nr - 1;
    parallel_for(par, 0, units, grain, [&](int64_t ub, int64_t ue) {
      for (int64_t u = ub; u < ue; ++u) {
        const int64_t row = u / blocks;
        const int64_t j0 = (u % blocks) * kBlockOutputs;
        const int64_t w = n0 - j0 < kBlockOutputs ? n0 - j0 : kBlockOutputs;
        char* po; const char* px; char* pi;
        output_ptrs(p, row * n0 + j0, &po, &px, &pi);
        A acc[kBlockOutputs];
        for (int64_t j = 0; j < w; ++j) acc[j] = op.init();
        int64_t idx[kMaxDims] = {0};
        for (int64_t r = 0; r < p.inner; ++r) {
          const char* q = px;
          for (int d = 0; d <= last; ++d) q += idx[d] * p.rx[d];
          const T* v = reinterpret_cast<const T*>(q);
          for (int64_t j = 0; j < w; ++j) op.step(acc[j], static_cast<acc_t<T>>(v[j]), r);
          for (int d = last; d >= 0; --d) {
            if (++idx[d] < p.rs[d]) break;
            idx[d] = 0;
          }
        }
        const int64_t so = p.ko[p.nk - 1], si = p.ki[p.nk - 1];
        for (int64_t j = 0; j < w; ++j) op.store(acc[j], po + j * so, pi ? pi + j * si : nullptr);
      }
    });
    return;
  }
  // Path A (and the reference): one output at a time, threaded over outputs.
  const int64_t grain = kGrain / p.inner + 1;
  parallel_for(par, 0, p.outer, grain, [&](int64_t ob, int64_t oe) {
    for (int64_t o = ob; o < oe; ++o) {
      char* po; const char* px; char* pi;
      output_ptrs(p, o, &po, &px, &pi);
      A a = op.init();
      span(op, a, p, px, 0, p.inner);
      op.store(a, po, pi);
    }
  });
}

void reduce(const Parallel& par, const Geometry& g, const Operand* ops, int op, uint32_t mask, double scalar) {
  const RPlan p = make_rplan(g, ops, false, mask, false);
  const DType od = ops[0].dtype;
  TSJIT_DISPATCH_ALL(ops[1].dtype, {
    switch (op) {
      case kSum: run_reduce<T>(par, p, SumLike<T>{od, false, p.inner}); break;
      case kMean: run_reduce<T>(par, p, SumLike<T>{od, true, p.inner}); break;
      case kProd: run_reduce<T>(par, p, Prod<T>{od}); break;
      case kAmax: run_reduce<T>(par, p, Extreme<T, true>{od}); break;
      case kAmin: run_reduce<T>(par, p, Extreme<T, false>{od}); break;
      case kVar: run_reduce<T>(par, p, VarStd<T>{od, scalar, false}); break;
      case kStd: run_reduce<T>(par, p, VarStd<T>{od, scalar, true}); break;
      case kNorm: {
        int mode = 5;
        if (scalar == 0) mode = 0;
        else if (scalar == 1) mode = 1;
        else if (scalar == 2) mode = 2;
        else if (scalar == std::numeric_limits<double>::infinity()) mode = 3;
        else if (scalar == -std::numeric_limits<double>::infinity()) mode = 4;
        run_reduce<T>(par, p, Norm<T>{od, mode, scalar, p.inner});
        break;
      }
      case kLogSumExp: run_reduce<T>(par, p, LogSumExp<T>{od}); break;
      case kAny: run_reduce<T>(par, p, AnyAll<T, false>{od}); break;
      case kAll: run_reduce<T>(par, p, AnyAll<T, true>{od}); break;
      case kCountNonzero: run_reduce<T>(par, p, CountNonzero<T>{od}); break;
      default: break;
    }
  });
}

// ops: values, x, indices (values may alias indices when has_values is false).
void reduce_index(const Parallel& par, const Geometry& g, const Operand* ops, int op, uint32_t mask,
                  bool has_values) {
  const RPlan p = make_rplan(g, ops, true, mask, true);
  const DType od = ops[0].dtype;
  TSJIT_DISPATCH_ALL(ops[1].dtype, {
    if (op == kMaxIndex) run_reduce<T>(par, p, ArgExtreme<T, true>{od, has_values});
    else run_reduce<T>(par, p, ArgExtreme<T, false>{od, has_values});
  });
}

}  // namespace

const ReduceFns* reduce_fns() {
  static const ReduceFns fns{reduce, reduce_index};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(ReduceFns, reduce_fns)

namespace {

// reduce(outBytes, xBytes, meta, op, mask, scalar)
Napi::Value Reduce(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[2] = {bytes_arg(info, 0), bytes_arg(info, 1)};
  size_t len;
  const double* meta = meta_arg(info, 2, &len);
  Geometry g;
  Operand ops[2];
  if (!read_operands(meta, len, bufs, 2, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int op = info[3].As<Napi::Number>().Int32Value();
  const uint32_t mask = info[4].As<Napi::Number>().Uint32Value();
  select_reduce_fns(inst).reduce(inst.parallel, g, ops, op, mask, info[5].As<Napi::Number>().DoubleValue());
  return info.Env().Undefined();
}

// reduceIndex(valuesBytes, xBytes, indicesBytes, meta, op, mask, hasValues)
Napi::Value ReduceIndex(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[3] = {bytes_arg(info, 0), bytes_arg(info, 1), bytes_arg(info, 2)};
  size_t len;
  const double* meta = meta_arg(info, 3, &len);
  Geometry g;
  Operand ops[3];
  if (!read_operands(meta, len, bufs, 3, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int op = info[4].As<Napi::Number>().Int32Value();
  const uint32_t mask = info[5].As<Napi::Number>().Uint32Value();
  const bool has_values = info[6].As<Napi::Boolean>().Value();
  select_reduce_fns(inst).reduce_index(inst.parallel, g, ops, op, mask, has_values);
  return info.Env().Undefined();
}

}  // namespace

void register_reduce(Napi::Env env, Napi::Object exports) {
  exports.Set("reduce", Napi::Function::New(env, Reduce, "reduce"));
  exports.Set("reduceIndex", Napi::Function::New(env, ReduceIndex, "reduceIndex"));
}

}  // namespace tsjit
#endif

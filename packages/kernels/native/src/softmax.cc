// softmax / log_softmax along one dimension, and layer_norm forward (PyTorch's native_layer_norm:
// the output plus each row's mean and 1/sqrt(var + eps)). Both work row by row: a row is the run
// along the softmax dim, or the last k (normalized) dimensions; rows are independent and threaded.
//
// softmax is max-subtracted (stable): y = exp(x - m) / sum(exp(x - m)); log_softmax is
// (x - m) - log(sum(exp(x - m))). A float32 row along a contiguous dimension takes the vector path
// with our own float32 exp (range reduction by ln2 with a two-part constant, a degree-7 polynomial,
// scaling by 2^n in two steps so that results down to the subnormals come out right); everything
// else takes the scalar path, which computes in float32 (float64 for float64) with std::exp.
#include "common.h"

struct SoftmaxFns {
  void (*softmax)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int dim, bool log);
  // ops: out, x, weight, bias, mean, rstd (weight/bias ignored when absent)
  void (*layer_norm)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int k,
                     double eps, bool has_weight, bool has_bias);
};

#ifdef TSJIT_ISA
#include "kernel.h"

#if defined(__AVX512F__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// ---------------------------------------------------------------------------------------------
// float32 exp: x = n ln2 + r with |r| <= ln2/2; exp(r) by its Taylor polynomial to degree 7
// (truncation error below 6e-9 relative), then 2^n applied as 2^(n/2) * 2^(n - n/2) so that both
// factors stay normal floats for every n in [-150, 128].

constexpr float kLog2e = 1.44269504088896341f;
constexpr float kLn2Hi = 0.693145751953125f;       // ln2 with its low bits cleared (exact n*kLn2Hi)
constexpr float kLn2Lo = 1.42860682030941723e-6f;  // ln2 - kLn2Hi
constexpr float kExpLo = -104.0f;                  // exp(x) rounds to 0 below (n reaches -150)
constexpr float kExpHi = 89.0f;                    // exp(x) overflows above 88.73
constexpr float kC2 = 1.0f / 2, kC3 = 1.0f / 6, kC4 = 1.0f / 24, kC5 = 1.0f / 120, kC6 = 1.0f / 720,
                kC7 = 1.0f / 5040;

inline float pow2i(int32_t e) {  // 2^e for e in [-126, 127]
  const uint32_t bits = static_cast<uint32_t>(e + 127) << 23;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

inline float exp_f32(float x) {
  if (x != x) return x;
  if (x < kExpLo) x = kExpLo;
  if (x > kExpHi) x = kExpHi;
  const float n = std::nearbyint(x * kLog2e);
  const float r = std::fma(-n, kLn2Lo, std::fma(-n, kLn2Hi, x));
  float p = std::fma(kC7, r, kC6);
  p = std::fma(p, r, kC5);
  p = std::fma(p, r, kC4);
  p = std::fma(p, r, kC3);
  p = std::fma(p, r, kC2);
  p = std::fma(p, r, 1.0f);
  p = std::fma(p, r, 1.0f);
  const int32_t ni = static_cast<int32_t>(n);
  const int32_t e1 = ni / 2;
  return p * pow2i(e1) * pow2i(ni - e1);
}

#if defined(__AVX512F__)
inline __m512 exp_v(__m512 x) {
  // max/min with x second keep a NaN x (the instructions return the second operand on NaN).
  x = _mm512_min_ps(_mm512_set1_ps(kExpHi), _mm512_max_ps(_mm512_set1_ps(kExpLo), x));
  const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(kLog2e)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Hi), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(kLn2Lo), r);
  __m512 p = _mm512_fmadd_ps(_mm512_set1_ps(kC7), r, _mm512_set1_ps(kC6));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kC5));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kC4));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kC3));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(kC2));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.0f));
  const __m512i ni = _mm512_cvtps_epi32(n);
  const __m512i e1 = _mm512_srai_epi32(ni, 1);
  const __m512i e2 = _mm512_sub_epi32(ni, e1);
  const __m512i bias = _mm512_set1_epi32(127);
  const __m512 s1 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(e1, bias), 23));
  const __m512 s2 = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(e2, bias), 23));
  return _mm512_mul_ps(_mm512_mul_ps(p, s1), s2);
}
#elif defined(__AVX2__)
inline __m256 exp_v(__m256 x) {
  x = _mm256_min_ps(_mm256_set1_ps(kExpHi), _mm256_max_ps(_mm256_set1_ps(kExpLo), x));
  const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(kLog2e)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Hi), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Lo), r);
  __m256 p = _mm256_fmadd_ps(_mm256_set1_ps(kC7), r, _mm256_set1_ps(kC6));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC5));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC4));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC3));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC2));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.0f));
  const __m256i ni = _mm256_cvtps_epi32(n);
  const __m256i e1 = _mm256_srai_epi32(ni, 1);
  const __m256i e2 = _mm256_sub_epi32(ni, e1);
  const __m256i bias = _mm256_set1_epi32(127);
  const __m256 s1 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(e1, bias), 23));
  const __m256 s2 = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(e2, bias), 23));
  return _mm256_mul_ps(_mm256_mul_ps(p, s1), s2);
}
#endif

// ---------------------------------------------------------------------------------------------
// Row iteration: every position of the dimensions not in the row, in parallel.

struct Rows {
  int nd = 0;
  int64_t sizes[kMaxDims];
  int64_t strides[6][kMaxDims];  // bytes, per operand
  int64_t count = 1;
};

// The dimensions of g not flagged in row_dims (bit mask), with each operand's byte strides.
Rows make_rows(const Geometry& g, const Operand* ops, int nops, uint32_t row_dims) {
  Rows r;
  for (int d = 0; d < g.ndim; ++d) {
    if ((row_dims >> d) & 1u) continue;
    r.sizes[r.nd] = g.sizes[d];
    for (int k = 0; k < nops; ++k) r.strides[k][r.nd] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
    r.count *= g.sizes[d];
    ++r.nd;
  }
  return r;
}

template <int N>
void row_ptrs(const Rows& r, const Operand* ops, int64_t row, char** out) {
  for (int k = 0; k < N; ++k) out[k] = ops[k].data;
  for (int d = r.nd - 1; d >= 0; --d) {
    const int64_t i = row % r.sizes[d];
    row /= r.sizes[d];
    for (int k = 0; k < N; ++k) out[k] += i * r.strides[k][d];
  }
}

template <typename T>
inline acc_t<T> load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return static_cast<acc_t<T>>(v);
}

template <typename T>
inline void store(char* p, acc_t<T> v) {
  const T t = T(v);
  std::memcpy(p, &t, sizeof(T));
}

// ---------------------------------------------------------------------------------------------
// softmax

template <typename T>
void softmax_row_scalar(char* out, const char* x, int64_t n, int64_t so, int64_t sx, bool log) {
  using A = acc_t<T>;
  A m = -std::numeric_limits<A>::infinity();
  for (int64_t i = 0; i < n; ++i) {
    const A v = load<T>(x + i * sx);
    if (v > m || v != v) m = v;
    if (m != m) break;
  }
  A s = 0;
  for (int64_t i = 0; i < n; ++i) s += std::exp(load<T>(x + i * sx) - m);
  if (log) {
    const A ls = std::log(s);
    for (int64_t i = 0; i < n; ++i) store<T>(out + i * so, (load<T>(x + i * sx) - m) - ls);
  } else {
    const A inv = A(1) / s;
    for (int64_t i = 0; i < n; ++i) store<T>(out + i * so, std::exp(load<T>(x + i * sx) - m) * inv);
  }
}

// float32, contiguous row.
void softmax_row_f32(float* out, const float* x, int64_t n, bool log) {
  float m = -std::numeric_limits<float>::infinity();
  bool nan = false;
  int64_t i = 0;
#if defined(__AVX512F__)
  __m512 vm = _mm512_set1_ps(m);
  __mmask16 vnan = 0;
  for (; i + 16 <= n; i += 16) {
    const __m512 v = _mm512_loadu_ps(x + i);
    vm = _mm512_max_ps(vm, v);
    vnan |= _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q);
  }
  m = _mm512_reduce_max_ps(vm);
  nan = vnan != 0;
#elif defined(__AVX2__)
  __m256 vm = _mm256_set1_ps(m);
  __m256 vnan = _mm256_setzero_ps();
  for (; i + 8 <= n; i += 8) {
    const __m256 v = _mm256_loadu_ps(x + i);
    vm = _mm256_max_ps(vm, v);
    vnan = _mm256_or_ps(vnan, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
  }
  float lanes[8];
  _mm256_storeu_ps(lanes, vm);
  for (int k = 0; k < 8; ++k) m = lanes[k] > m ? lanes[k] : m;
  nan = _mm256_movemask_ps(vnan) != 0;
#endif
  for (; i < n; ++i) {
    if (x[i] > m) m = x[i];
    if (x[i] != x[i]) nan = true;
  }
  if (nan) m = std::numeric_limits<float>::quiet_NaN();
  // exp(x - m): stored for softmax, summed for both.
  float s = 0;
  i = 0;
#if defined(__AVX512F__)
  {
    const __m512 vmax = _mm512_set1_ps(m);
    __m512 a0 = _mm512_setzero_ps(), a1 = _mm512_setzero_ps();
    for (; i + 32 <= n; i += 32) {
      const __m512 e0 = exp_v(_mm512_sub_ps(_mm512_loadu_ps(x + i), vmax));
      const __m512 e1 = exp_v(_mm512_sub_ps(_mm512_loadu_ps(x + i + 16), vmax));
      if (!log) {
        _mm512_storeu_ps(out + i, e0);
        _mm512_storeu_ps(out + i + 16, e1);
      }
      a0 = _mm512_add_ps(a0, e0);
      a1 = _mm512_add_ps(a1, e1);
    }
    if (i < n) {
      const int64_t left = n - i < 16 ? n - i : 16;
      const __mmask16 mk = static_cast<__mmask16>((1u << left) - 1u);
      const __m512 e0 = exp_v(_mm512_sub_ps(_mm512_maskz_loadu_ps(mk, x + i), vmax));
      if (!log) _mm512_mask_storeu_ps(out + i, mk, e0);
      a0 = _mm512_add_ps(a0, _mm512_maskz_mov_ps(mk, e0));
      i += left;
    }
    s = _mm512_reduce_add_ps(_mm512_add_ps(a0, a1));
  }
#elif defined(__AVX2__)
  {
    const __m256 vmax = _mm256_set1_ps(m);
    __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps();
    for (; i + 16 <= n; i += 16) {
      const __m256 e0 = exp_v(_mm256_sub_ps(_mm256_loadu_ps(x + i), vmax));
      const __m256 e1 = exp_v(_mm256_sub_ps(_mm256_loadu_ps(x + i + 8), vmax));
      if (!log) {
        _mm256_storeu_ps(out + i, e0);
        _mm256_storeu_ps(out + i + 8, e1);
      }
      a0 = _mm256_add_ps(a0, e0);
      a1 = _mm256_add_ps(a1, e1);
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, _mm256_add_ps(a0, a1));
    for (int k = 0; k < 8; ++k) s += lanes[k];
  }
#endif
  for (; i < n; ++i) {
    const float e = exp_f32(x[i] - m);
    if (!log) out[i] = e;
    s += e;
  }
  if (log) {
    const float ls = std::log(s);
    for (int64_t j = 0; j < n; ++j) out[j] = (x[j] - m) - ls;
  } else {
    const float inv = 1.0f / s;
    for (int64_t j = 0; j < n; ++j) out[j] *= inv;
  }
}

void softmax(const Parallel& par, const Geometry& g, const Operand* ops, int dim, bool log) {
  int64_t numel = 1;
  for (int d = 0; d < g.ndim; ++d) numel *= g.sizes[d];
  if (numel == 0) return;
  const Rows r = make_rows(g, ops, 2, g.ndim == 0 ? 0u : 1u << dim);
  const int64_t n = g.ndim == 0 ? 1 : g.sizes[dim];
  TSJIT_DISPATCH_FLOATING(ops[1].dtype, {
    const int64_t so = g.ndim == 0 ? 0 : ops[0].strides[dim] * static_cast<int64_t>(sizeof(T));
    const int64_t sx = g.ndim == 0 ? 0 : ops[1].strides[dim] * static_cast<int64_t>(sizeof(T));
    const int64_t grain = 16384 / n + 1;
    parallel_for(par, 0, r.count, grain, [&](int64_t b, int64_t e) {
      for (int64_t row = b; row < e; ++row) {
        char* p[2];
        row_ptrs<2>(r, ops, row, p);
        if constexpr (std::is_same<T, float>::value) {
          if (!kReference && so == 4 && sx == 4) {
            softmax_row_f32(reinterpret_cast<float*>(p[0]), reinterpret_cast<const float*>(p[1]), n, log);
            continue;
          }
        }
        softmax_row_scalar<T>(p[0], p[1], n, so, sx, log);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// layer_norm

template <typename V>
void put_float(DType d, char* p, V v) {
  TSJIT_DISPATCH_FLOATING(d, {
    const T t = T(static_cast<acc_t<T>>(v));
    std::memcpy(p, &t, sizeof(T));
  });
}

// Row elements as a 1-d run when the normalized dims collapse for every operand that walks them.
struct RowShape {
  int nd;
  int64_t sizes[kMaxDims];
  int64_t strides[4][kMaxDims];  // bytes: out, x, weight, bias
  int64_t n;
};

void layer_norm(const Parallel& par, const Geometry& g, const Operand* ops, int k, double eps, bool has_w,
                bool has_b) {
  int64_t numel = 1;
  for (int d = 0; d < g.ndim; ++d) numel *= g.sizes[d];
  if (numel == 0) return;
  const uint32_t row_mask = k >= 32 ? ~0u : (((1u << k) - 1u) << (g.ndim - k));
  // Operands reordered for row_ptrs: out, x, weight, bias, mean, rstd (weight/bias strides are 0
  // along the leading dims, mean/rstd's along the normalized ones).
  const Rows r = make_rows(g, ops, 6, row_mask);
  RowShape rs;
  rs.nd = 0;
  rs.n = 1;
  for (int d = g.ndim - k; d < g.ndim; ++d) {
    if (g.sizes[d] == 1) continue;
    for (int q = 0; q < 4; ++q) {
      const int64_t s = ops[q].strides[d] * static_cast<int64_t>(item_size(ops[q].dtype));
      rs.strides[q][rs.nd] = s;
    }
    rs.sizes[rs.nd] = g.sizes[d];
    rs.n *= g.sizes[d];
    // merge into the previous dim when contiguous for all four
    if (rs.nd > 0) {
      bool merge = true;
      for (int q = 0; q < 4; ++q) merge = merge && rs.strides[q][rs.nd - 1] == rs.strides[q][rs.nd] * g.sizes[d];
      if (merge) {
        rs.sizes[rs.nd - 1] *= g.sizes[d];
        for (int q = 0; q < 4; ++q) rs.strides[q][rs.nd - 1] = rs.strides[q][rs.nd];
        continue;
      }
    }
    ++rs.nd;
  }
  const int64_t n = rs.n;
  const DType stats_dtype = ops[4].dtype;
  TSJIT_DISPATCH_FLOATING(ops[1].dtype, {
    using A = acc_t<T>;
    const int64_t item = static_cast<int64_t>(sizeof(T));
    const bool contiguous = !kReference && rs.nd == 1 && rs.strides[0][0] == item && rs.strides[1][0] == item &&
                            (!has_w || rs.strides[2][0] == item) && (!has_b || rs.strides[3][0] == item);
    const int64_t grain = 16384 / (n + 1) + 1;
    parallel_for(par, 0, r.count, grain, [&](int64_t b, int64_t e) {
      for (int64_t row = b; row < e; ++row) {
        char* p[6];
        row_ptrs<6>(r, ops, row, p);
        double mean, var;
        if constexpr (std::is_same<T, float>::value) {
          if (contiguous) {
            // float32 lanes: 16 accumulators, a row of up to a few thousand values each.
            const float* x = reinterpret_cast<const float*>(p[1]);
            float acc[16] = {0};
            int64_t i = 0;
            for (; i + 16 <= n; i += 16) for (int q = 0; q < 16; ++q) acc[q] += x[i + q];
            float s = 0;
            for (; i < n; ++i) s += x[i];
            for (int q = 0; q < 16; ++q) s += acc[q];
            const float mf = s / static_cast<float>(n);
            float sq[16] = {0};
            i = 0;
            for (; i + 16 <= n; i += 16) {
              for (int q = 0; q < 16; ++q) {
                const float d = x[i + q] - mf;
                sq[q] += d * d;
              }
            }
            float v = 0;
            for (; i < n; ++i) v += (x[i] - mf) * (x[i] - mf);
            for (int q = 0; q < 16; ++q) v += sq[q];
            const float rstd = 1.0f / std::sqrt(v / static_cast<float>(n) + static_cast<float>(eps));
            float* o = reinterpret_cast<float*>(p[0]);
            const float* w = reinterpret_cast<const float*>(p[2]);
            const float* bb = reinterpret_cast<const float*>(p[3]);
            const float shift = -mf * rstd;
            if (has_w && has_b) for (int64_t j = 0; j < n; ++j) o[j] = (x[j] * rstd + shift) * w[j] + bb[j];
            else if (has_w) for (int64_t j = 0; j < n; ++j) o[j] = (x[j] * rstd + shift) * w[j];
            else if (has_b) for (int64_t j = 0; j < n; ++j) o[j] = (x[j] * rstd + shift) + bb[j];
            else for (int64_t j = 0; j < n; ++j) o[j] = x[j] * rstd + shift;
            put_float<float>(stats_dtype, p[4], mf);
            put_float<float>(stats_dtype, p[5], rstd);
            continue;
          }
        }
        // Generic: odometer over the normalized dims, float64 statistics.
        int64_t idx[kMaxDims];
        auto walk = [&](auto&& fn) {
          for (int d = 0; d < rs.nd; ++d) idx[d] = 0;
          for (int64_t j = 0; j < n; ++j) {
            int64_t off[4] = {0, 0, 0, 0};
            for (int d = 0; d < rs.nd; ++d) for (int q = 0; q < 4; ++q) off[q] += idx[d] * rs.strides[q][d];
            fn(off);
            for (int d = rs.nd - 1; d >= 0; --d) {
              if (++idx[d] < rs.sizes[d]) break;
              idx[d] = 0;
            }
          }
        };
        double s = 0;
        walk([&](const int64_t* off) { s += static_cast<double>(load<T>(p[1] + off[1])); });
        mean = s / static_cast<double>(n);
        double v = 0;
        walk([&](const int64_t* off) {
          const double d = static_cast<double>(load<T>(p[1] + off[1])) - mean;
          v += d * d;
        });
        var = v / static_cast<double>(n);
        const double rstd = 1.0 / std::sqrt(var + eps);
        walk([&](const int64_t* off) {
          double y = (static_cast<double>(load<T>(p[1] + off[1])) - mean) * rstd;
          if (has_w) y *= static_cast<double>(load<T>(p[2] + off[2]));
          if (has_b) y += static_cast<double>(load<T>(p[3] + off[3]));
          store<T>(p[0] + off[0], static_cast<A>(y));
        });
        put_float<double>(stats_dtype, p[4], mean);
        put_float<double>(stats_dtype, p[5], rstd);
      }
    });
  });
}

}  // namespace

const SoftmaxFns* softmax_fns() {
  static const SoftmaxFns fns{softmax, layer_norm};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(SoftmaxFns, softmax_fns)

namespace {

// softmax(outBytes, xBytes, meta, dim, log)
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[2] = {bytes_arg(info, 0), bytes_arg(info, 1)};
  size_t len;
  const double* meta = meta_arg(info, 2, &len);
  Geometry g;
  Operand ops[2];
  if (!read_operands(meta, len, bufs, 2, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int dim = info[3].As<Napi::Number>().Int32Value();
  if (g.ndim > 0 && (dim < 0 || dim >= g.ndim)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_softmax_fns(inst).softmax(inst.parallel, g, ops, dim, info[4].As<Napi::Boolean>().Value());
  return info.Env().Undefined();
}

// layerNorm(out, x, weight, bias, mean, rstd, meta, k, eps, hasWeight, hasBias)
Napi::Value LayerNorm(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Bytes bufs[6];
  for (int i = 0; i < 6; ++i) bufs[i] = bytes_arg(info, static_cast<size_t>(i));
  size_t len;
  const double* meta = meta_arg(info, 6, &len);
  Geometry g;
  Operand ops[6];
  if (!read_operands(meta, len, bufs, 6, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int k = info[7].As<Napi::Number>().Int32Value();
  if (k < 0 || k > g.ndim) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_softmax_fns(inst).layer_norm(inst.parallel, g, ops, k, info[8].As<Napi::Number>().DoubleValue(),
                                      info[9].As<Napi::Boolean>().Value(), info[10].As<Napi::Boolean>().Value());
  return info.Env().Undefined();
}

}  // namespace

void register_softmax(Napi::Env env, Napi::Object exports) {
  exports.Set("softmax", Napi::Function::New(env, Softmax, "softmax"));
  exports.Set("layerNorm", Napi::Function::New(env, LayerNorm, "layerNorm"));
}

}  // namespace tsjit
#endif

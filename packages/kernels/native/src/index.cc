// Indexing kernels: gather/scatter through index tensors (gather, index_select, embedding, take,
// advanced indexing get/put, scatter with reductions, index_add/copy/fill, one_hot), masked
// fill/select/scatter, nonzero, cat, flip (a copy through negative strides), tril/triu and
// embedding_bag. Index values are data: every one is bounds-checked here and reported through
// Status; nothing reads or writes outside the operands' extents.
#include "common.h"

namespace tsjit {

constexpr int kMaxIndices = kMaxDims;
constexpr int kMaxIndexOps = 2 + kMaxIndices;

// How one index tensor addresses the tensor it indexes.
struct IndexSpec {
  int64_t stride;  // elements of the indexed tensor per index step
  int64_t bound;   // valid indices are [0, bound) (after wrapping negatives when wrap is set)
  int64_t dim;     // reported in the error message
  bool wrap;
};

// gather-like: ops[0][p] = ops[1][p + sum_k idx_k[p] * stride_k] over geometry g.
// scatter-like: ops[0][p + sum_k idx_k[p] * stride_k] (op)= ops[1][p] (or value when !has_src).
// ops[2 + k] are the index tensors (int64 or int32).
struct IndexedCall {
  Geometry g;
  int nidx;
  Operand ops[kMaxIndexOps];
  IndexSpec idx[kMaxIndices];
  int reduce;  // scatter: 0 store, 1 add (src * alpha), 2 multiply
  bool has_src;
  double value;
  double alpha;
};

// A tensor with its own sizes (for operands that do not share the call's geometry).
struct TensorArg {
  char* data;
  DType dtype;
  int ndim;
  int64_t sizes[kMaxDims];
  int64_t strides[kMaxDims];
};

struct BagCall {
  TensorArg out, weight, indices, offsets, psw;  // psw.data null when absent
  int mode;                                      // 0 sum, 1 mean, 2 max
  bool has_padding;
  int64_t padding_idx;
  int64_t nbags;
};

struct IndexFns {
  Status (*gather)(const Parallel&, const IndexedCall&);
  Status (*scatter)(const Parallel&, const IndexedCall&);
  void (*masked_fill)(const Parallel&, const Geometry&, const Operand* ops, double value);
  int64_t (*count_nonzero)(const Parallel&, const Geometry&, const Operand* ops);
  void (*masked_select)(const Parallel&, const Geometry&, const Operand* ops, const TensorArg& out);
  Status (*masked_scatter)(const Parallel&, const Geometry&, const Operand* ops, const TensorArg& source);
  void (*nonzero)(const Parallel&, const Geometry&, const Operand* ops, const TensorArg& out);
  void (*cat)(const Parallel&, const TensorArg& out, const TensorArg* inputs, int n, int dim);
  void (*copy_same)(const Parallel&, const Geometry&, const Operand* ops);
  void (*tri)(const Parallel&, const Geometry&, const Operand* ops, int64_t diagonal, bool upper);
  Status (*embedding_bag)(const Parallel&, const BagCall&);
};

}  // namespace tsjit

#ifdef TSJIT_ISA
#include "kernel.h"
#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// ---------------------------------------------------------------------------------------------
// First-error slot shared by the threads of one call.

struct ErrorSlot {
  int flag = 0;
  Status status;
  bool failed() const { return __atomic_load_n(&flag, __ATOMIC_ACQUIRE) != 0; }
  void set(int64_t value, int64_t bound, int64_t dim) {
    int expected = 0;
    if (__atomic_compare_exchange_n(&flag, &expected, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
      status.code = StatusCode::IndexOutOfRange;
      status.value = value;
      status.bound = bound;
      status.dim = dim;
      __atomic_store_n(&flag, 2, __ATOMIC_RELEASE);
    }
  }
  Status get() const {
    while (__atomic_load_n(&flag, __ATOMIC_ACQUIRE) == 1) {
    }
    return flag == 0 ? Status{} : status;
  }
};

inline int64_t load_index(const char* p, DType d) {
  if (d == DType::Int32) {
    int32_t v;
    std::memcpy(&v, p, 4);
    return v;
  }
  int64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

template <typename T>
inline T load(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <typename T>
inline void store(char* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

// ---------------------------------------------------------------------------------------------
// Row-major iteration plan with a runtime number of operands. Size-1 dimensions are dropped and
// (outside the reference) neighbours contiguous for every operand are merged; both keep the
// row-major order, which scatter relies on for determinism.

struct DynPlan {
  int ndim;
  int nops;
  int64_t numel;
  int64_t sizes[kMaxDims];
  int64_t strides[kMaxIndexOps][kMaxDims];  // bytes
  char* base[kMaxIndexOps];
};

void make_dyn_plan(DynPlan& p, const Geometry& g, const Operand* ops, int nops) {
  p.nops = nops;
  p.numel = 1;
  for (int k = 0; k < nops; ++k) p.base[k] = ops[k].data;
  for (int d = 0; d < g.ndim; ++d) p.numel *= g.sizes[d];
  if (p.numel == 0) {
    p.ndim = 1;
    p.sizes[0] = 0;
    for (int k = 0; k < nops; ++k) p.strides[k][0] = 0;
    return;
  }
  int nd = 0;
  for (int d = 0; d < g.ndim; ++d) {
    if (g.sizes[d] == 1) continue;
    if (!kReference && nd > 0) {
      bool merge = true;
      for (int k = 0; k < nops && merge; ++k) {
        const int64_t item = static_cast<int64_t>(item_size(ops[k].dtype));
        merge = p.strides[k][nd - 1] == ops[k].strides[d] * item * g.sizes[d];
      }
      if (merge) {
        p.sizes[nd - 1] *= g.sizes[d];
        for (int k = 0; k < nops; ++k) {
          p.strides[k][nd - 1] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
        }
        continue;
      }
    }
    p.sizes[nd] = g.sizes[d];
    for (int k = 0; k < nops; ++k) {
      p.strides[k][nd] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
    }
    ++nd;
  }
  if (nd == 0) {
    p.sizes[0] = 1;
    for (int k = 0; k < nops; ++k) p.strides[k][0] = 0;
    nd = 1;
  }
  p.ndim = nd;
}

// Calls loop(ptrs, inner_strides, n) on the innermost runs covering linear indices [begin, end);
// stops early when loop returns false.
template <typename Loop>
void dyn_run(const DynPlan& p, int64_t begin, int64_t end, const Loop& loop) {
  const int nd = p.ndim;
  const int nops = p.nops;
  const int64_t inner = p.sizes[nd - 1];
  int64_t idx[kMaxDims];
  int64_t rem = begin;
  for (int d = nd - 1; d >= 0; --d) {
    idx[d] = rem % p.sizes[d];
    rem /= p.sizes[d];
  }
  char* ptrs[kMaxIndexOps];
  int64_t inner_strides[kMaxIndexOps];
  for (int k = 0; k < nops; ++k) inner_strides[k] = p.strides[k][nd - 1];
  int64_t pos = begin;
  while (pos < end) {
    for (int k = 0; k < nops; ++k) {
      char* q = p.base[k];
      for (int d = 0; d < nd; ++d) q += idx[d] * p.strides[k][d];
      ptrs[k] = q;
    }
    const int64_t n = (inner - idx[nd - 1]) < (end - pos) ? (inner - idx[nd - 1]) : (end - pos);
    if (!loop(ptrs, inner_strides, n)) return;
    pos += n;
    idx[nd - 1] += n;
    for (int d = nd - 1; d > 0 && idx[d] >= p.sizes[d]; --d) {
      idx[d] = 0;
      ++idx[d - 1];
    }
  }
}

constexpr int64_t kIndexGrain = 8192;

// Item-size storage types for pure data movement.
#define TSJIT_DISPATCH_SIZE(size, ...)                 \
  switch (size) {                                      \
    case 1: { using U = uint8_t; __VA_ARGS__; break; }  \
    case 2: { using U = uint16_t; __VA_ARGS__; break; } \
    case 4: { using U = uint32_t; __VA_ARGS__; break; } \
    default: { using U = uint64_t; __VA_ARGS__; break; } \
  }

// The byte offset the index tensors select at element t of a run; false (and the error recorded)
// when one is out of range.
inline bool resolve(const IndexedCall& c, const int64_t* idx_stride_bytes, char* const* p, const int64_t* s, int64_t t,
                    int64_t* off, ErrorSlot& err) {
  int64_t o = 0;
  for (int k = 0; k < c.nidx; ++k) {
    const int64_t raw = load_index(p[2 + k] + t * s[2 + k], c.ops[2 + k].dtype);
    int64_t v = raw;
    const IndexSpec& sp = c.idx[k];
    if (v < 0 && sp.wrap) v += sp.bound;
    if (v < 0 || v >= sp.bound) {
      err.set(raw, sp.bound, sp.dim);
      return false;
    }
    o += v * idx_stride_bytes[k];
  }
  *off = o;
  return true;
}

inline bool index_constant(const IndexedCall& c, const int64_t* s) {
  if (kReference) return false;
  for (int k = 0; k < c.nidx; ++k) {
    if (s[2 + k] != 0) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// gather-like

// Single index tensor fast path: validate a run's indices first (a branch-free loop), then move
// the data without per-element checks. Returns false (error recorded) when one is out of range.
template <typename I>
bool validate_run(const IndexedCall& c, const char* ip, int64_t is, int64_t n, ErrorSlot& err) {
  const IndexSpec& sp = c.idx[0];
  const int64_t bound = sp.bound, lo = sp.wrap ? -bound : 0;
  int64_t mn = std::numeric_limits<int64_t>::max(), mx = std::numeric_limits<int64_t>::min();
  if (is == static_cast<int64_t>(sizeof(I))) {
    const I* ix = reinterpret_cast<const I*>(ip);
    for (int64_t t = 0; t < n; ++t) {
      const int64_t v = ix[t];
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
    }
  } else {
    for (int64_t t = 0; t < n; ++t) {
      const int64_t v = load<I>(ip + t * is);
      mn = v < mn ? v : mn;
      mx = v > mx ? v : mx;
    }
  }
  if (mn >= lo && mx < bound) return true;
  for (int64_t t = 0; t < n; ++t) {
    const int64_t v = load<I>(ip + t * is);
    if (v < lo || v >= bound) {
      err.set(v, bound, sp.dim);
      return false;
    }
  }
  return false;
}

template <typename U, typename I>
bool gather_run1(const IndexedCall& c, char** ptr, const int64_t* s, int64_t n, ErrorSlot& err) {
  if (!validate_run<I>(c, ptr[2], s[2], n, err)) return false;
  constexpr int64_t sz = static_cast<int64_t>(sizeof(U));
  const int64_t bound = c.idx[0].bound, se = c.idx[0].stride;
  if (s[0] == sz && s[2] == static_cast<int64_t>(sizeof(I)) && s[1] % sz == 0) {
    U* o = reinterpret_cast<U*>(ptr[0]);
    const U* src = reinterpret_cast<const U*>(ptr[1]);
    const I* ix = reinterpret_cast<const I*>(ptr[2]);
    const int64_t s1 = s[1] / sz;
    int64_t t = 0;
#if defined(__AVX512F__) && defined(__AVX512DQ__)
    if constexpr ((sizeof(U) == 4 || sizeof(U) == 8) && sizeof(I) == 8) {
      const __m512i vse = _mm512_set1_epi64(se), vs1 = _mm512_set1_epi64(s1), vb = _mm512_set1_epi64(bound);
      const __m512i zero = _mm512_setzero_si512(), eight = _mm512_set1_epi64(8);
      __m512i tv = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
      for (; t + 8 <= n; t += 8) {
        __m512i v = _mm512_loadu_si512(ix + t);
        v = _mm512_mask_add_epi64(v, _mm512_cmplt_epi64_mask(v, zero), v, vb);
        const __m512i off = _mm512_add_epi64(_mm512_mullo_epi64(v, vse), _mm512_mullo_epi64(tv, vs1));
        if constexpr (sizeof(U) == 4) {
          _mm256_storeu_si256(reinterpret_cast<__m256i*>(o + t), _mm512_i64gather_epi32(off, src, 4));
        } else {
          _mm512_storeu_si512(o + t, _mm512_i64gather_epi64(off, src, 8));
        }
        tv = _mm512_add_epi64(tv, eight);
      }
    }
#endif
    for (; t < n; ++t) {
      int64_t v = ix[t];
      v += v < 0 ? bound : 0;
      o[t] = src[t * s1 + v * se];
    }
    return true;
  }
  for (int64_t t = 0; t < n; ++t) {
    int64_t v = load<I>(ptr[2] + t * s[2]);
    v += v < 0 ? bound : 0;
    store<U>(ptr[0] + t * s[0], load<U>(ptr[1] + t * s[1] + v * se * sz));
  }
  return true;
}

template <typename U>
Status gather_typed(const Parallel& par, const IndexedCall& c) {
  DynPlan p;
  make_dyn_plan(p, c.g, c.ops, 2 + c.nidx);
  if (p.numel == 0) return Status{};
  int64_t isb[kMaxIndices];
  for (int k = 0; k < c.nidx; ++k) isb[k] = c.idx[k].stride * static_cast<int64_t>(sizeof(U));
  ErrorSlot err;
  constexpr int64_t sz = static_cast<int64_t>(sizeof(U));
  parallel_for(par, 0, p.numel, kIndexGrain, [&](int64_t b, int64_t e) {
    dyn_run(p, b, e, [&](char** ptr, const int64_t* s, int64_t n) {
      if (err.failed()) return false;
      if (index_constant(c, s)) {
        int64_t off;
        if (!resolve(c, isb, ptr, s, 0, &off, err)) return false;
        const char* src = ptr[1] + off;
        if (s[0] == sz && s[1] == sz) {
          std::memcpy(ptr[0], src, static_cast<size_t>(n * sz));
        } else {
          for (int64_t t = 0; t < n; ++t) store<U>(ptr[0] + t * s[0], load<U>(src + t * s[1]));
        }
        return true;
      }
      if (!kReference && c.nidx == 1) {
        return c.ops[2].dtype == DType::Int32 ? gather_run1<U, int32_t>(c, ptr, s, n, err)
                                              : gather_run1<U, int64_t>(c, ptr, s, n, err);
      }
      for (int64_t t = 0; t < n; ++t) {
        int64_t off;
        if (!resolve(c, isb, ptr, s, t, &off, err)) return false;
        store<U>(ptr[0] + t * s[0], load<U>(ptr[1] + t * s[1] + off));
      }
      return true;
    });
  });
  return err.get();
}

Status gather(const Parallel& par, const IndexedCall& c) {
  TSJIT_DISPATCH_SIZE(item_size(c.ops[0].dtype), return gather_typed<U>(par, c));
  return Status{};
}

// ---------------------------------------------------------------------------------------------
// scatter-like

template <typename T, int R>
inline void apply(char* dst, T v, acc_t<T> alpha) {
  if constexpr (R == 0) {
    store<T>(dst, v);
  } else if constexpr (std::is_integral<T>::value) {
    // integers wrap like PyTorch's (two's complement) results, without signed overflow
    const uint64_t o = static_cast<uint64_t>(load<T>(dst)), x = static_cast<uint64_t>(v);
    const uint64_t r = R == 1 ? o + x * static_cast<uint64_t>(alpha) : o * x;
    store<T>(dst, static_cast<T>(r));
  } else {
    using A = acc_t<T>;
    const T old = load<T>(dst);
    if constexpr (R == 1) {
      store<T>(dst, convert<T>(static_cast<A>(old) + static_cast<A>(v) * alpha));
    } else {
      store<T>(dst, convert<T>(static_cast<A>(old) * static_cast<A>(v)));
    }
  }
}

template <typename T, int R, typename I, bool kHasSrc>
void scatter_run1(const IndexedCall& c, char** ptr, const int64_t* s, int64_t n, int64_t isb, T value, acc_t<T> alpha) {
  const int64_t bound = c.idx[0].bound;
  char* dst = ptr[0];
  const char* src = ptr[1];
  const char* ip = ptr[2];
  const int64_t s0 = s[0], s1 = s[1], s2 = s[2];
  for (int64_t t = 0; t < n; ++t) {
    int64_t v = load<I>(ip + t * s2);
    v += v < 0 ? bound : 0;
    apply<T, R>(dst + t * s0 + v * isb, kHasSrc ? load<T>(src + t * s1) : value, alpha);
  }
}

template <typename T, int R>
Status scatter_typed(const Parallel& par, const IndexedCall& c) {
  using A = acc_t<T>;
  DynPlan p;
  make_dyn_plan(p, c.g, c.ops, 2 + c.nidx);
  if (p.numel == 0) return Status{};
  int64_t isb[kMaxIndices];
  for (int k = 0; k < c.nidx; ++k) isb[k] = c.idx[k].stride * static_cast<int64_t>(sizeof(T));
  const T value = convert<T, double>(c.value);
  const A alpha = static_cast<A>(convert<T, double>(c.alpha));
  const bool has_src = c.has_src;
  ErrorSlot err;
  auto body = [&](char** ptr, const int64_t* s, int64_t n) {
    if (err.failed()) return false;
    if (index_constant(c, s)) {
      int64_t off;
      if (!resolve(c, isb, ptr, s, 0, &off, err)) return false;
      char* dst = ptr[0] + off;
      if (R == 0 && has_src && s[0] == static_cast<int64_t>(sizeof(T)) && s[1] == s[0]) {
        std::memmove(dst, ptr[1], static_cast<size_t>(n) * sizeof(T));
      } else {
        for (int64_t t = 0; t < n; ++t) apply<T, R>(dst + t * s[0], has_src ? load<T>(ptr[1] + t * s[1]) : value, alpha);
      }
      return true;
    }
    if (!kReference && c.nidx == 1) {
      const bool ok = c.ops[2].dtype == DType::Int32 ? validate_run<int32_t>(c, ptr[2], s[2], n, err)
                                                     : validate_run<int64_t>(c, ptr[2], s[2], n, err);
      if (!ok) return false;
      if (c.ops[2].dtype == DType::Int32) {
        if (has_src) scatter_run1<T, R, int32_t, true>(c, ptr, s, n, isb[0], value, alpha);
        else scatter_run1<T, R, int32_t, false>(c, ptr, s, n, isb[0], value, alpha);
      } else {
        if (has_src) scatter_run1<T, R, int64_t, true>(c, ptr, s, n, isb[0], value, alpha);
        else scatter_run1<T, R, int64_t, false>(c, ptr, s, n, isb[0], value, alpha);
      }
      return true;
    }
    for (int64_t t = 0; t < n; ++t) {
      int64_t off;
      if (!resolve(c, isb, ptr, s, t, &off, err)) return false;
      apply<T, R>(ptr[0] + t * s[0] + off, has_src ? load<T>(ptr[1] + t * s[1]) : value, alpha);
    }
    return true;
  };
  // Writes may collide only between elements that share their coordinate along every dimension
  // where the destination's stride is non-zero: split the work along the outermost such dimension
  // only, each task walking its sub-box in row-major order. Colliding writes therefore happen in
  // the same task and in the same relative (row-major) order as in the reference.
  int pd = -1;
  if (!kReference && par.threads > 1 && p.numel > kIndexGrain) {
    for (int d = 0; d < p.ndim; ++d) {
      if (p.strides[0][d] != 0 && p.sizes[d] > 1) {
        pd = d;
        break;
      }
    }
  }
  if (pd < 0) {
    dyn_run(p, 0, p.numel, body);
    return err.get();
  }
  const int64_t inner = p.numel / p.sizes[pd];
  const int64_t grain = inner >= kIndexGrain ? 1 : kIndexGrain / inner;
  parallel_for(par, 0, p.sizes[pd], grain, [&](int64_t b, int64_t e) {
    DynPlan sub = p;
    sub.sizes[pd] = e - b;
    sub.numel = inner * (e - b);
    for (int k = 0; k < sub.nops; ++k) sub.base[k] += b * p.strides[k][pd];
    dyn_run(sub, 0, sub.numel, body);
  });
  return err.get();
}

Status scatter(const Parallel& par, const IndexedCall& c) {
  Status st;
  TSJIT_DISPATCH_ALL(c.ops[0].dtype, {
    if (c.reduce == 1) st = scatter_typed<T, 1>(par, c);
    else if (c.reduce == 2) st = scatter_typed<T, 2>(par, c);
    else st = scatter_typed<T, 0>(par, c);
  });
  return st;
}

// ---------------------------------------------------------------------------------------------
// masked ops

void masked_fill(const Parallel& par, const Geometry& g, const Operand* ops, double value) {
  TSJIT_DISPATCH_ALL(ops[0].dtype, {
    const T v = convert<T, double>(value);
    for_each<2>(par, g, ops, kElementwiseGrain, [v](char** p, const int64_t* s, int64_t n) {
      for (int64_t i = 0; i < n; ++i) {
        if (p[1][i * s[1]] != 0) store<T>(p[0] + i * s[0], v);
      }
    });
  });
}

template <typename T>
int64_t count_run(const char* p, int64_t s, int64_t n) {
  int64_t c = 0;
  for (int64_t i = 0; i < n; ++i) c += static_cast<acc_t<T>>(load<T>(p + i * s)) != acc_t<T>(0) ? 1 : 0;
  return c;
}

// Splits [0, numel) into chunks for the two-pass (count, then write) ops.
struct Chunks {
  int64_t count;
  int64_t size;
};

Chunks make_chunks(const Parallel& par, int64_t numel) {
  if (kReference || par.threads <= 1 || numel < 2 * kIndexGrain) return Chunks{1, numel};
  int64_t count = static_cast<int64_t>(par.threads) * 4;
  if (count > numel / kIndexGrain) count = numel / kIndexGrain;
  if (count < 1) count = 1;
  return Chunks{count, (numel + count - 1) / count};
}

int64_t count_where(const DynPlan& p, DType dtype, int op, int64_t b, int64_t e) {
  int64_t total = 0;
  TSJIT_DISPATCH_ALL(dtype, {
    dyn_run(p, b, e, [&](char** ptr, const int64_t* s, int64_t n) {
      total += count_run<T>(ptr[op], s[op], n);
      return true;
    });
  });
  return total;
}

int64_t count_nonzero(const Parallel& par, const Geometry& g, const Operand* ops) {
  DynPlan p;
  make_dyn_plan(p, g, ops, 1);
  if (p.numel == 0) return 0;
  const Chunks ch = make_chunks(par, p.numel);
  if (ch.count == 1) return count_where(p, ops[0].dtype, 0, 0, p.numel);
  Scratch counts(par, static_cast<size_t>(ch.count) * sizeof(int64_t));
  if (!counts.p) return count_where(p, ops[0].dtype, 0, 0, p.numel);
  int64_t* cs = counts.as<int64_t>();
  parallel_for(par, 0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t lo = i * ch.size, hi = lo + ch.size < p.numel ? lo + ch.size : p.numel;
      cs[i] = lo < hi ? count_where(p, ops[0].dtype, 0, lo, hi) : 0;
    }
  });
  int64_t total = 0;
  for (int64_t i = 0; i < ch.count; ++i) total += cs[i];
  return total;
}

// Runs write(chunk_begin, chunk_end, first_output_position) for the chunks of a two-pass op;
// `mask_op` is the operand whose non-zero elements produce outputs.
template <typename Write>
void two_pass(const Parallel& par, const DynPlan& p, DType mask_dtype, int mask_op, const Write& write) {
  const Chunks ch = make_chunks(par, p.numel);
  Scratch counts(par, static_cast<size_t>(ch.count) * sizeof(int64_t));
  if (ch.count == 1 || !counts.p) {
    write(int64_t(0), p.numel, int64_t(0));
    return;
  }
  int64_t* cs = counts.as<int64_t>();
  parallel_for(par, 0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t lo = i * ch.size, hi = lo + ch.size < p.numel ? lo + ch.size : p.numel;
      cs[i] = lo < hi ? count_where(p, mask_dtype, mask_op, lo, hi) : 0;
    }
  });
  int64_t acc = 0;
  for (int64_t i = 0; i < ch.count; ++i) {
    const int64_t c = cs[i];
    cs[i] = acc;
    acc += c;
  }
  parallel_for(par, 0, ch.count, 1, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i) {
      const int64_t lo = i * ch.size, hi = lo + ch.size < p.numel ? lo + ch.size : p.numel;
      if (lo < hi) write(lo, hi, cs[i]);
    }
  });
}

void masked_select(const Parallel& par, const Geometry& g, const Operand* ops, const TensorArg& out) {
  DynPlan p;
  make_dyn_plan(p, g, ops, 2);
  if (p.numel == 0) return;
  const int64_t limit = out.ndim == 1 ? out.sizes[0] : 0;
  TSJIT_DISPATCH_SIZE(item_size(ops[0].dtype), {
    const int64_t ostride = out.strides[0] * static_cast<int64_t>(sizeof(U));
    two_pass(par, p, ops[1].dtype, 1, [&](int64_t b, int64_t e, int64_t at) {
      dyn_run(p, b, e, [&](char** ptr, const int64_t* s, int64_t n) {
        for (int64_t i = 0; i < n; ++i) {
          if (ptr[1][i * s[1]] == 0) continue;
          if (at >= limit) return false;
          store<U>(out.data + at * ostride, load<U>(ptr[0] + i * s[0]));
          ++at;
        }
        return true;
      });
    });
  });
}

Status masked_scatter(const Parallel& par, const Geometry& g, const Operand* ops, const TensorArg& source) {
  DynPlan p;
  make_dyn_plan(p, g, ops, 2);
  if (p.numel == 0) return Status{};
  const int64_t limit = source.ndim == 1 ? source.sizes[0] : 0;
  ErrorSlot err;
  TSJIT_DISPATCH_SIZE(item_size(ops[0].dtype), {
    const int64_t sstride = source.strides[0] * static_cast<int64_t>(sizeof(U));
    two_pass(par, p, ops[1].dtype, 1, [&](int64_t b, int64_t e, int64_t at) {
      dyn_run(p, b, e, [&](char** ptr, const int64_t* s, int64_t n) {
        for (int64_t i = 0; i < n; ++i) {
          if (ptr[1][i * s[1]] == 0) continue;
          if (at >= limit) {
            err.set(at, limit, 0);
            return false;
          }
          store<U>(ptr[0] + i * s[0], load<U>(source.data + at * sstride));
          ++at;
        }
        return true;
      });
    });
  });
  return err.get();
}

void nonzero(const Parallel& par, const Geometry& g, const Operand* ops, const TensorArg& out) {
  int64_t numel = 1;
  for (int d = 0; d < g.ndim; ++d) numel *= g.sizes[d];
  if (numel == 0) return;
  DynPlan p;
  make_dyn_plan(p, g, ops, 1);
  const int nd = g.ndim;
  const int64_t limit = out.sizes[0];
  const int64_t s0 = out.strides[0] * 8, s1 = (out.ndim > 1 ? out.strides[1] : 0) * 8;
  const int64_t item = static_cast<int64_t>(item_size(ops[0].dtype));
  TSJIT_DISPATCH_ALL(ops[0].dtype, {
    two_pass(par, p, ops[0].dtype, 0, [&](int64_t b, int64_t e, int64_t at) {
      // Walk the original (unmerged) geometry so that coordinates are at hand.
      int64_t idx[kMaxDims];
      int64_t rem = b;
      for (int d = nd - 1; d >= 0; --d) {
        idx[d] = rem % g.sizes[d];
        rem /= g.sizes[d];
      }
      for (int64_t L = b; L < e; ++L) {
        const char* q = ops[0].data;
        for (int d = 0; d < nd; ++d) q += idx[d] * ops[0].strides[d] * item;
        if (static_cast<acc_t<T>>(load<T>(q)) != acc_t<T>(0)) {
          if (at >= limit) return;
          for (int d = 0; d < nd; ++d) store<int64_t>(out.data + at * s0 + d * s1, idx[d]);
          ++at;
        }
        for (int d = nd - 1; d >= 0; --d) {
          if (++idx[d] < g.sizes[d]) break;
          idx[d] = 0;
        }
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// copies

void copy_same(const Parallel& par, const Geometry& g, const Operand* ops) {
  TSJIT_DISPATCH_SIZE(item_size(ops[0].dtype), {
    for_each<2>(par, g, ops, kElementwiseGrain, [](char** p, const int64_t* s, int64_t n) {
      constexpr int64_t sz = static_cast<int64_t>(sizeof(U));
      if (!kReference && s[0] == sz && s[1] == sz) {
        std::memcpy(p[0], p[1], static_cast<size_t>(n * sz));
        return;
      }
      for (int64_t i = 0; i < n; ++i) store<U>(p[0] + i * s[0], load<U>(p[1] + i * s[1]));
    });
  });
}

bool is_contiguous(const TensorArg& t) {
  int64_t expect = 1;
  for (int d = t.ndim - 1; d >= 0; --d) {
    if (t.sizes[d] != 1 && t.strides[d] != expect) return false;
    expect *= t.sizes[d];
  }
  return true;
}

void cat(const Parallel& par, const TensorArg& out, const TensorArg* inputs, int n, int dim) {
  const int64_t item = static_cast<int64_t>(item_size(out.dtype));
  bool fast = !kReference && is_contiguous(out);
  for (int i = 0; i < n && fast; ++i) fast = is_contiguous(inputs[i]);
  if (fast) {
    int64_t outer = 1, inner = 1;
    for (int d = 0; d < dim; ++d) outer *= out.sizes[d];
    for (int d = dim + 1; d < out.ndim; ++d) inner *= out.sizes[d];
    const int64_t row = out.sizes[dim] * inner * item;
    if (outer == 0 || row == 0) return;
    const int64_t grain = row >= kElementwiseGrain ? 1 : kElementwiseGrain / row;
    parallel_for(par, 0, outer, grain, [&](int64_t b, int64_t e) {
      for (int64_t o = b; o < e; ++o) {
        char* dst = out.data + o * row;
        for (int i = 0; i < n; ++i) {
          const int64_t chunk = inputs[i].sizes[dim] * inner * item;
          if (chunk == 0) continue;
          std::memcpy(dst, inputs[i].data + o * chunk, static_cast<size_t>(chunk));
          dst += chunk;
        }
      }
    });
    return;
  }
  int64_t at = 0;
  for (int i = 0; i < n; ++i) {
    const TensorArg& in = inputs[i];
    Geometry g;
    g.ndim = out.ndim;
    Operand ops[2];
    ops[0].data = out.data + at * out.strides[dim] * item;
    ops[0].dtype = out.dtype;
    ops[1].data = in.data;
    ops[1].dtype = in.dtype;
    for (int d = 0; d < out.ndim; ++d) {
      g.sizes[d] = in.sizes[d];
      ops[0].strides[d] = out.strides[d];
      ops[1].strides[d] = in.strides[d];
    }
    copy_same(par, g, ops);
    at += in.sizes[dim];
  }
}

// tril (upper = false): keep x[..., i, j] where j - i <= diagonal; triu: where j - i >= diagonal.
void tri(const Parallel& par, const Geometry& g, const Operand* ops, int64_t diagonal, bool upper) {
  const int nd = g.ndim;
  int64_t numel = 1;
  for (int d = 0; d < nd; ++d) numel *= g.sizes[d];
  if (numel == 0) return;
  const int64_t cols = g.sizes[nd - 1];
  const int64_t rows = numel / cols;
  TSJIT_DISPATCH_SIZE(item_size(ops[0].dtype), {
    constexpr int64_t sz = static_cast<int64_t>(sizeof(U));
    const int64_t so = ops[0].strides[nd - 1] * sz, sx = ops[1].strides[nd - 1] * sz;
    const int64_t grain = cols >= kIndexGrain ? 1 : kIndexGrain / cols;
    parallel_for(par, 0, rows, grain, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) {
        int64_t rem = r;
        char* po = ops[0].data;
        const char* px = ops[1].data;
        int64_t i = 0;
        for (int d = nd - 2; d >= 0; --d) {
          const int64_t c = rem % g.sizes[d];
          rem /= g.sizes[d];
          if (d == nd - 2) i = c;
          po += c * ops[0].strides[d] * sz;
          px += c * ops[1].strides[d] * sz;
        }
        // kept columns: [lo, hi)
        int64_t lo, hi;
        if (upper) {
          lo = i + diagonal;
          hi = cols;
        } else {
          lo = 0;
          hi = i + diagonal + 1;
        }
        if (lo < 0) lo = 0;
        if (lo > cols) lo = cols;
        if (hi < lo) hi = lo;
        if (hi > cols) hi = cols;
        if (!kReference && so == sz && sx == sz) {
          if (lo > 0) std::memset(po, 0, static_cast<size_t>(lo * sz));
          if (hi > lo) std::memmove(po + lo * sz, px + lo * sz, static_cast<size_t>((hi - lo) * sz));
          if (cols > hi) std::memset(po + hi * sz, 0, static_cast<size_t>((cols - hi) * sz));
          continue;
        }
        for (int64_t j = 0; j < cols; ++j) {
          const U v = (j >= lo && j < hi) ? load<U>(px + j * sx) : U(0);
          store<U>(po + j * so, v);
        }
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// embedding_bag

template <typename T>
Status embedding_bag_typed(const Parallel& par, const BagCall& c) {
  using A = acc_t<T>;
  const int64_t n = c.indices.sizes[0];
  const int64_t L = c.offsets.sizes[0];
  const int64_t V = c.weight.sizes[0], D = c.weight.sizes[1];
  const int64_t sz = static_cast<int64_t>(sizeof(T));
  const int64_t isz = static_cast<int64_t>(item_size(c.indices.dtype));
  const int64_t osz = static_cast<int64_t>(item_size(c.offsets.dtype));
  auto index_at = [&](int64_t i) {
    return load_index(c.indices.data + i * c.indices.strides[0] * isz, c.indices.dtype);
  };
  ErrorSlot err;
  const int64_t grain = D >= 256 ? 1 : 256 / (D > 0 ? D : 1);
  parallel_for(par, 0, c.nbags, grain, [&](int64_t b0, int64_t b1) {
    for (int64_t b = b0; b < b1; ++b) {
      if (err.failed()) return;
      const int64_t start = load_index(c.offsets.data + b * c.offsets.strides[0] * osz, c.offsets.dtype);
      const int64_t end =
          b + 1 < L ? load_index(c.offsets.data + (b + 1) * c.offsets.strides[0] * osz, c.offsets.dtype) : n;
      if (start < 0 || start > n) {
        err.set(start, n + 1, 0);
        return;
      }
      if (end < start || end > n) {
        err.set(end, n + 1, 0);
        return;
      }
      int64_t count = 0;
      for (int64_t i = start; i < end; ++i) {
        const int64_t ix = index_at(i);
        if (ix < 0 || ix >= V) {
          err.set(ix, V, 0);
          return;
        }
        if (!(c.has_padding && ix == c.padding_idx)) ++count;
      }
      char* orow = c.out.data + b * c.out.strides[0] * sz;
      const int64_t os = c.out.strides[1] * sz;
      for (int64_t j = 0; j < D; ++j) {
        A acc = A(0);
        bool first = true;
        for (int64_t i = start; i < end; ++i) {
          const int64_t ix = index_at(i);
          if (c.has_padding && ix == c.padding_idx) continue;
          const A w = static_cast<A>(load<T>(c.weight.data + (ix * c.weight.strides[0] + j * c.weight.strides[1]) * sz));
          if (c.mode == 2) {
            if (first || w > acc) acc = w;
          } else if (c.psw.data) {
            acc += w * static_cast<A>(load<T>(c.psw.data + i * c.psw.strides[0] * sz));
          } else {
            acc += w;
          }
          first = false;
        }
        if (c.mode == 1 && count > 0) acc = acc / static_cast<A>(count);
        store<T>(orow + j * os, T(acc));
      }
    }
  });
  return err.get();
}

Status embedding_bag(const Parallel& par, const BagCall& c) {
  Status st;
  TSJIT_DISPATCH_FLOATING(c.weight.dtype, st = embedding_bag_typed<T>(par, c));
  return st;
}

}  // namespace

const IndexFns* index_fns() {
  static const IndexFns fns{gather, scatter, masked_fill, count_nonzero, masked_select, masked_scatter,
                            nonzero, cat, copy_same, tri, embedding_bag};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include <string>

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(IndexFns, index_fns)

namespace {

// Arguments: (buffers: Uint8Array[], meta: Float64Array). meta holds a geometry and `count`
// operands (layout of glue.h) followed by call-specific numbers.
struct Args {
  Bytes bufs[kMaxIndexOps + 2];
  int nbufs;
  const double* meta;
  size_t len;
  size_t at;
  Geometry g;
  Operand ops[kMaxIndexOps];
};

[[noreturn]] void bad(Napi::Env env) { throw Napi::Error::New(env, "tsjit kernels: malformed index call"); }

void read_buffers(const Napi::CallbackInfo& info, Args& a, int max) {
  if (!info[0].IsArray()) bad(info.Env());
  Napi::Array arr = info[0].As<Napi::Array>();
  const uint32_t n = arr.Length();
  if (n > static_cast<uint32_t>(max)) bad(info.Env());
  a.nbufs = static_cast<int>(n);
  for (uint32_t i = 0; i < n; ++i) {
    Napi::Value v = arr.Get(i);
    if (!v.IsTypedArray()) bad(info.Env());
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    Napi::ArrayBuffer ab = ta.ArrayBuffer();
    char* base = static_cast<char*>(ab.Data());
    a.bufs[i] = Bytes{base ? base + ta.ByteOffset() : nullptr, ta.ByteLength()};
  }
  a.meta = meta_arg(info, 1, &a.len);
}

// Reads the geometry and `count` operands (buffers 0..count-1).
void read_geometry(const Napi::CallbackInfo& info, Args& a, int count) {
  if (count > a.nbufs) bad(info.Env());
  a.at = read_operands(a.meta, a.len, a.bufs, count, &a.g, a.ops);
  if (a.at == 0) bad(info.Env());
}

double num(const Napi::CallbackInfo& info, Args& a) {
  if (a.at >= a.len) bad(info.Env());
  return a.meta[a.at++];
}

// A tensor with its own sizes: [dtype, offset, ndim, sizes..., strides...] over buffer `buf`.
TensorArg tensor_arg(const Napi::CallbackInfo& info, Args& a, int buf) {
  TensorArg t;
  t.dtype = static_cast<DType>(static_cast<int32_t>(num(info, a)));
  const int64_t offset = as_i64(num(info, a));
  t.ndim = static_cast<int>(num(info, a));
  if (t.ndim < 0 || t.ndim > kMaxDims) bad(info.Env());
  for (int d = 0; d < t.ndim; ++d) t.sizes[d] = as_i64(num(info, a));
  for (int d = 0; d < t.ndim; ++d) t.strides[d] = as_i64(num(info, a));
  if (buf < 0) {
    t.data = nullptr;
  } else {
    if (buf >= a.nbufs) bad(info.Env());
    t.data = a.bufs[buf].data + offset * static_cast<int64_t>(item_size(t.dtype));
  }
  return t;
}

// gather/scatter: buffers [out/dst, src, idx...]; meta: geometry + (2 + nidx) operands, then
// nidx, per index (stride, bound, dim, wrap), then reduce, hasSrc, value, alpha.
void read_indexed(const Napi::CallbackInfo& info, Args& a, IndexedCall& c) {
  read_buffers(info, a, kMaxIndexOps);
  const int nidx = a.nbufs - 2;
  if (nidx < 0 || nidx > kMaxIndices) bad(info.Env());
  read_geometry(info, a, 2 + nidx);
  c.g = a.g;
  for (int k = 0; k < 2 + nidx; ++k) c.ops[k] = a.ops[k];
  if (static_cast<int>(num(info, a)) != nidx) bad(info.Env());
  c.nidx = nidx;
  for (int k = 0; k < nidx; ++k) {
    c.idx[k].stride = as_i64(num(info, a));
    c.idx[k].bound = as_i64(num(info, a));
    c.idx[k].dim = as_i64(num(info, a));
    c.idx[k].wrap = num(info, a) != 0;
  }
  c.reduce = static_cast<int>(num(info, a));
  c.has_src = num(info, a) != 0;
  c.value = num(info, a);
  c.alpha = num(info, a);
}

Napi::Value Gather(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  IndexedCall c;
  read_indexed(info, a, c);
  const Status st = select_index_fns(inst).gather(inst.parallel, c);
  if (!st.ok()) throw_status(info.Env(), st);
  return info.Env().Undefined();
}

Napi::Value Scatter(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  IndexedCall c;
  read_indexed(info, a, c);
  const Status st = select_index_fns(inst).scatter(inst.parallel, c);
  if (!st.ok()) throw_status(info.Env(), st);
  return info.Env().Undefined();
}

// maskedFill([self, mask], meta(geometry, 2 operands), value)
Napi::Value MaskedFill(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 2);
  read_geometry(info, a, 2);
  const double value = num(info, a);
  select_index_fns(inst).masked_fill(inst.parallel, a.g, a.ops, value);
  return info.Env().Undefined();
}

// countNonzero([x], meta(geometry, 1 operand)) -> number
Napi::Value CountNonzero(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 1);
  read_geometry(info, a, 1);
  const int64_t n = select_index_fns(inst).count_nonzero(inst.parallel, a.g, a.ops);
  return Napi::Number::New(info.Env(), static_cast<double>(n));
}

// maskedSelect([x, mask, out], meta(geometry, 2 operands, out tensor))
Napi::Value MaskedSelect(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 3);
  read_geometry(info, a, 2);
  const TensorArg out = tensor_arg(info, a, 2);
  select_index_fns(inst).masked_select(inst.parallel, a.g, a.ops, out);
  return info.Env().Undefined();
}

// maskedScatter([self, mask, source], meta(geometry, 2 operands, source tensor))
Napi::Value MaskedScatter(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 3);
  read_geometry(info, a, 2);
  const TensorArg source = tensor_arg(info, a, 2);
  const Status st = select_index_fns(inst).masked_scatter(inst.parallel, a.g, a.ops, source);
  if (!st.ok()) throw_status(info.Env(), st);
  return info.Env().Undefined();
}

// nonzero([x, out], meta(geometry, 1 operand, out tensor))
Napi::Value Nonzero(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 2);
  read_geometry(info, a, 1);
  const TensorArg out = tensor_arg(info, a, 1);
  select_index_fns(inst).nonzero(inst.parallel, a.g, a.ops, out);
  return info.Env().Undefined();
}

// cat([out, in...], meta = [n, dim, out tensor, input tensors...])
Napi::Value Cat(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  if (!info[0].IsArray()) bad(info.Env());
  Napi::Array arr = info[0].As<Napi::Array>();
  const uint32_t nb = arr.Length();
  if (nb < 1) bad(info.Env());
  std::unique_ptr<Bytes[]> bufs(new Bytes[nb]);
  for (uint32_t i = 0; i < nb; ++i) {
    Napi::Value v = arr.Get(i);
    if (!v.IsTypedArray()) bad(info.Env());
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    Napi::ArrayBuffer ab = ta.ArrayBuffer();
    char* base = static_cast<char*>(ab.Data());
    bufs[i] = Bytes{base ? base + ta.ByteOffset() : nullptr, ta.ByteLength()};
  }
  Args a;
  a.nbufs = 0;
  a.meta = meta_arg(info, 1, &a.len);
  a.at = 0;
  const int n = static_cast<int>(num(info, a));
  const int dim = static_cast<int>(num(info, a));
  if (n < 0 || static_cast<uint32_t>(n) + 1 != nb) bad(info.Env());
  auto read = [&](uint32_t b) {
    a.nbufs = 1;
    a.bufs[0] = bufs[b];
    return tensor_arg(info, a, 0);
  };
  const TensorArg out = read(0);
  if (dim < 0 || dim >= out.ndim) bad(info.Env());
  std::unique_ptr<TensorArg[]> inputs(new TensorArg[n > 0 ? n : 1]);
  for (int i = 0; i < n; ++i) inputs[i] = read(static_cast<uint32_t>(i) + 1);
  select_index_fns(inst).cat(inst.parallel, out, inputs.get(), n, dim);
  return info.Env().Undefined();
}

// flip([out, x], meta(geometry, 2 operands, nflip, dims...)): x is read through negative strides.
Napi::Value Flip(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 2);
  read_geometry(info, a, 2);
  const int nflip = static_cast<int>(num(info, a));
  const int64_t item = static_cast<int64_t>(item_size(a.ops[1].dtype));
  for (int i = 0; i < nflip; ++i) {
    const int d = static_cast<int>(num(info, a));
    if (d < 0 || d >= a.g.ndim) bad(info.Env());
    if (a.g.sizes[d] > 0) {
      a.ops[1].data += (a.g.sizes[d] - 1) * a.ops[1].strides[d] * item;
      a.ops[1].strides[d] = -a.ops[1].strides[d];
    }
  }
  select_index_fns(inst).copy_same(inst.parallel, a.g, a.ops);
  return info.Env().Undefined();
}

// tri([out, x], meta(geometry, 2 operands, diagonal, upper))
Napi::Value Tri(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 2);
  read_geometry(info, a, 2);
  const int64_t diagonal = as_i64(num(info, a));
  const bool upper = num(info, a) != 0;
  if (a.g.ndim < 2) bad(info.Env());
  select_index_fns(inst).tri(inst.parallel, a.g, a.ops, diagonal, upper);
  return info.Env().Undefined();
}

// embeddingBag([out, weight, indices, offsets, psw?], meta = [mode, hasPadding, paddingIdx, nbags,
// then tensors out, weight, indices, offsets, psw (dtype -1 when absent)])
Napi::Value EmbeddingBag(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Args a;
  read_buffers(info, a, 5);
  a.at = 0;
  BagCall c;
  c.mode = static_cast<int>(num(info, a));
  c.has_padding = num(info, a) != 0;
  c.padding_idx = as_i64(num(info, a));
  c.nbags = as_i64(num(info, a));
  c.out = tensor_arg(info, a, 0);
  c.weight = tensor_arg(info, a, 1);
  c.indices = tensor_arg(info, a, 2);
  c.offsets = tensor_arg(info, a, 3);
  c.psw = tensor_arg(info, a, a.nbufs > 4 ? 4 : -1);
  if (c.out.ndim != 2 || c.weight.ndim != 2 || c.indices.ndim != 1 || c.offsets.ndim != 1) bad(info.Env());
  const Status st = select_index_fns(inst).embedding_bag(inst.parallel, c);
  if (!st.ok()) throw_status(info.Env(), st);
  return info.Env().Undefined();
}

}  // namespace

void register_index(Napi::Env env, Napi::Object exports) {
  exports.Set("indexGather", Napi::Function::New(env, Gather, "indexGather"));
  exports.Set("indexScatter", Napi::Function::New(env, Scatter, "indexScatter"));
  exports.Set("maskedFill", Napi::Function::New(env, MaskedFill, "maskedFill"));
  exports.Set("countNonzero", Napi::Function::New(env, CountNonzero, "countNonzero"));
  exports.Set("maskedSelect", Napi::Function::New(env, MaskedSelect, "maskedSelect"));
  exports.Set("maskedScatter", Napi::Function::New(env, MaskedScatter, "maskedScatter"));
  exports.Set("nonzero", Napi::Function::New(env, Nonzero, "nonzero"));
  exports.Set("cat", Napi::Function::New(env, Cat, "cat"));
  exports.Set("flip", Napi::Function::New(env, Flip, "flip"));
  exports.Set("tri", Napi::Function::New(env, Tri, "tri"));
  exports.Set("embeddingBag", Napi::Function::New(env, EmbeddingBag, "embeddingBag"));
}

}  // namespace tsjit
#endif

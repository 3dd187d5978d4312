// Pooling: max (values and int64 indices, flat within each input plane), average and adaptive
// average/max pooling for 1d/2d/3d. The TypeScript side views every call as 3d: input
// [N, C, D, H, W], output [N, C, oD, oH, oW] (1d/2d calls carry size-1 leading spatial dims), and
// has computed the output sizes with PyTorch's rules.
#include "common.h"

namespace tsjit {

struct PoolCall {
  int kind;  // 0 max, 1 avg, 2 adaptive avg, 3 adaptive max
  DType dtype;
  char* in;
  char* out;
  char* ind;  // int64 indices (max kinds); null when not wanted
  int64_t N, C;
  int64_t isz[3], osz[3];
  int64_t in_s[5], out_s[5], ind_s[5];  // elements
  int64_t k[3], s[3], p[3], dil[3];
  bool count_include_pad;
  int64_t divisor;  // 0: none
};

struct PoolFns {
  void (*pool)(const Parallel&, const PoolCall&);
};

}  // namespace tsjit

#ifdef TSJIT_ISA
#include "kernel.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

template <typename T>
inline acc_t<T> ld(const char* base, int64_t elem) {
  T v;
  std::memcpy(&v, base + elem * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return static_cast<acc_t<T>>(v);
}

template <typename T>
inline void st(char* base, int64_t elem, acc_t<T> v) {
  const T t = static_cast<T>(v);
  std::memcpy(base + elem * static_cast<int64_t>(sizeof(T)), &t, sizeof(T));
}

inline void st_index(char* base, int64_t elem, int64_t v) { std::memcpy(base + elem * 8, &v, 8); }

template <typename A>
inline bool is_nan(A v) {
  if constexpr (std::is_floating_point<A>::value) {
    return v != v;
  } else {
    return false;
  }
}

template <typename A>
constexpr A lowest() {
  if constexpr (std::is_floating_point<A>::value) {
    return -std::numeric_limits<A>::infinity();
  } else {
    return std::numeric_limits<A>::lowest();
  }
}

inline int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
inline int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

// A pooling "row": one (n, c, od, oh) output row along oW. Rows are the unit of parallel work.
struct RowPos {
  int64_t n, c, od, oh;
};

inline RowPos row_pos(const PoolCall& c, int64_t r) {
  RowPos p;
  p.oh = r % c.osz[1];
  r /= c.osz[1];
  p.od = r % c.osz[0];
  r /= c.osz[0];
  p.c = r % c.C;
  p.n = r / c.C;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Reference-style direct loops (also the fast path's fallback for adaptive pooling).

template <typename T>
void direct_row(const PoolCall& c, const RowPos& rp) {
  using A = acc_t<T>;
  const char* in = c.in;
  const int64_t ib = rp.n * c.in_s[0] + rp.c * c.in_s[1];
  const int64_t ob = rp.n * c.out_s[0] + rp.c * c.out_s[1] + rp.od * c.out_s[2] + rp.oh * c.out_s[3];
  const int64_t xb = rp.n * c.ind_s[0] + rp.c * c.ind_s[1] + rp.od * c.ind_s[2] + rp.oh * c.ind_s[3];
  const int64_t iD = c.isz[0], iH = c.isz[1], iW = c.isz[2];
  for (int64_t ow = 0; ow < c.osz[2]; ++ow) {
    int64_t d0, d1, h0, h1, w0, w1, step_d = 1, step_h = 1, step_w = 1;
    int64_t pool_size = 0;
    if (c.kind == 2 || c.kind == 3) {
      d0 = rp.od * iD / c.osz[0];
      d1 = ((rp.od + 1) * iD + c.osz[0] - 1) / c.osz[0];
      h0 = rp.oh * iH / c.osz[1];
      h1 = ((rp.oh + 1) * iH + c.osz[1] - 1) / c.osz[1];
      w0 = ow * iW / c.osz[2];
      w1 = ((ow + 1) * iW + c.osz[2] - 1) / c.osz[2];
    } else if (c.kind == 0) {
      d0 = rp.od * c.s[0] - c.p[0];
      h0 = rp.oh * c.s[1] - c.p[1];
      w0 = ow * c.s[2] - c.p[2];
      d1 = min64(d0 + (c.k[0] - 1) * c.dil[0] + 1, iD);
      h1 = min64(h0 + (c.k[1] - 1) * c.dil[1] + 1, iH);
      w1 = min64(w0 + (c.k[2] - 1) * c.dil[2] + 1, iW);
      while (d0 < 0) d0 += c.dil[0];
      while (h0 < 0) h0 += c.dil[1];
      while (w0 < 0) w0 += c.dil[2];
      step_d = c.dil[0];
      step_h = c.dil[1];
      step_w = c.dil[2];
    } else {
      d0 = rp.od * c.s[0] - c.p[0];
      h0 = rp.oh * c.s[1] - c.p[1];
      w0 = ow * c.s[2] - c.p[2];
      d1 = min64(d0 + c.k[0], iD + c.p[0]);
      h1 = min64(h0 + c.k[1], iH + c.p[1]);
      w1 = min64(w0 + c.k[2], iW + c.p[2]);
      pool_size = (d1 - d0) * (h1 - h0) * (w1 - w0);
      d0 = max64(d0, 0);
      h0 = max64(h0, 0);
      w0 = max64(w0, 0);
      d1 = min64(d1, iD);
      h1 = min64(h1, iH);
      w1 = min64(w1, iW);
    }
    if (c.kind == 0 || c.kind == 3) {
      A best = lowest<A>();
      int64_t best_i = (d0 * iH + h0) * iW + w0;
      for (int64_t d = d0; d < d1; d += step_d) {
        for (int64_t h = h0; h < h1; h += step_h) {
          for (int64_t w = w0; w < w1; w += step_w) {
            const A v = ld<T>(in, ib + d * c.in_s[2] + h * c.in_s[3] + w * c.in_s[4]);
            if (v > best || is_nan(v)) {
              best = v;
              best_i = (d * iH + h) * iW + w;
            }
          }
        }
      }
      st<T>(c.out, ob + ow * c.out_s[4], best);
      if (c.ind) st_index(c.ind, xb + ow * c.ind_s[4], best_i);
    } else {
      if (d0 >= d1 || h0 >= h1 || w0 >= w1) {
        st<T>(c.out, ob + ow * c.out_s[4], A(0));
        continue;
      }
      A sum = A(0);
      for (int64_t d = d0; d < d1; ++d) {
        for (int64_t h = h0; h < h1; ++h) {
          for (int64_t w = w0; w < w1; ++w) sum += ld<T>(in, ib + d * c.in_s[2] + h * c.in_s[3] + w * c.in_s[4]);
        }
      }
      int64_t div;
      if (c.kind == 2) {
        div = (d1 - d0) * (h1 - h0) * (w1 - w0);
      } else if (c.divisor != 0) {
        div = c.divisor;
      } else if (c.count_include_pad) {
        div = pool_size;
      } else {
        div = (d1 - d0) * (h1 - h0) * (w1 - w0);
      }
      st<T>(c.out, ob + ow * c.out_s[4], sum / static_cast<A>(div));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fast path for max/avg pooling: for one output row, loop over the window's valid (d, h) and
// kernel column kw outermost and the output column innermost, so the inner loop is a
// vectorizable sweep along oW. Each output element still sees its window in (d, h, w) order,
// exactly as the direct loops do, so results (NaN choice and indices included) are identical.

template <typename T, bool kUnitW>
void fast_row(const PoolCall& c, const RowPos& rp, acc_t<T>* acc, int64_t* idx, int64_t* wstart) {
  using A = acc_t<T>;
  const int64_t iD = c.isz[0], iH = c.isz[1], iW = c.isz[2], oW = c.osz[2];
  const int64_t ib = rp.n * c.in_s[0] + rp.c * c.in_s[1];
  const int64_t ob = rp.n * c.out_s[0] + rp.c * c.out_s[1] + rp.od * c.out_s[2] + rp.oh * c.out_s[3];
  const int64_t xb = rp.n * c.ind_s[0] + rp.c * c.ind_s[1] + rp.od * c.ind_s[2] + rp.oh * c.ind_s[3];
  const bool is_max = c.kind == 0;
  const int64_t dd = is_max ? c.dil[0] : 1, dh = is_max ? c.dil[1] : 1, dw = is_max ? c.dil[2] : 1;
  int64_t d0 = rp.od * c.s[0] - c.p[0], h0 = rp.oh * c.s[1] - c.p[1];
  int64_t d1, h1;
  int64_t pool_dh = 0;
  if (is_max) {
    d1 = min64(d0 + (c.k[0] - 1) * dd + 1, iD);
    h1 = min64(h0 + (c.k[1] - 1) * dh + 1, iH);
    while (d0 < 0) d0 += dd;
    while (h0 < 0) h0 += dh;
  } else {
    d1 = min64(d0 + c.k[0], iD + c.p[0]);
    h1 = min64(h0 + c.k[1], iH + c.p[1]);
    pool_dh = (d1 - d0) * (h1 - h0);
    d0 = max64(d0, 0);
    h0 = max64(h0, 0);
    d1 = min64(d1, iD);
    h1 = min64(h1, iH);
  }
  // Per output column: first valid w (max) and the initial accumulator.
  for (int64_t ow = 0; ow < oW; ++ow) {
    int64_t w0 = ow * c.s[2] - c.p[2];
    if (is_max) {
      while (w0 < 0) w0 += dw;
      wstart[ow] = w0;
      acc[ow] = lowest<A>();
      idx[ow] = (d0 * iH + h0) * iW + w0;
    } else {
      acc[ow] = A(0);
    }
  }
  const int64_t sw = c.s[2], pw = c.p[2], kW = c.k[2];
  for (int64_t d = d0; d < d1; d += dd) {
    for (int64_t h = h0; h < h1; h += dh) {
      const char* rowp = c.in + (ib + d * c.in_s[2] + h * c.in_s[3]) * static_cast<int64_t>(sizeof(T));
      const T* row = reinterpret_cast<const T*>(rowp);
      const int64_t ws = c.in_s[4];
      const int64_t plane_off = (d * iH + h) * iW;
      for (int64_t kw = 0; kw < kW; ++kw) {
        const int64_t off = kw * dw - pw;  // w = ow * sw + off
        // valid ow: 0 <= ow*sw + off < iW, and (avg) ow*sw - pw + kw < min(ow*sw - pw + kW, iW + pw) holds
        int64_t lo = off >= 0 ? 0 : (-off + sw - 1) / sw;
        int64_t hi = iW - off <= 0 ? 0 : (iW - off + sw - 1) / sw;
        if (hi > oW) hi = oW;
        if (is_max) {
          for (int64_t ow = lo; ow < hi; ++ow) {
            const int64_t w = ow * sw + off;
            const A v = static_cast<A>(kUnitW ? row[w] : row[w * ws]);
            const bool take = v > acc[ow] || is_nan(v);
            acc[ow] = take ? v : acc[ow];
            idx[ow] = take ? plane_off + w : idx[ow];
          }
        } else {
          for (int64_t ow = lo; ow < hi; ++ow) {
            const int64_t w = ow * sw + off;
            acc[ow] += static_cast<A>(kUnitW ? row[w] : row[w * ws]);
          }
        }
      }
    }
  }
  for (int64_t ow = 0; ow < oW; ++ow) {
    if (is_max) {
      st<T>(c.out, ob + ow * c.out_s[4], acc[ow]);
      if (c.ind) st_index(c.ind, xb + ow * c.ind_s[4], idx[ow]);
      continue;
    }
    int64_t w0 = ow * sw - pw;
    int64_t w1 = min64(w0 + kW, iW + pw);
    const int64_t pool_size = pool_dh * (w1 - w0);
    w0 = max64(w0, 0);
    w1 = min64(w1, iW);
    if (d0 >= d1 || h0 >= h1 || w0 >= w1) {
      st<T>(c.out, ob + ow * c.out_s[4], A(0));
      continue;
    }
    int64_t div;
    if (c.divisor != 0) div = c.divisor;
    else if (c.count_include_pad) div = pool_size;
    else div = (d1 - d0) * (h1 - h0) * (w1 - w0);
    st<T>(c.out, ob + ow * c.out_s[4], acc[ow] / static_cast<A>(div));
  }
}

template <typename T>
void pool_typed(const Parallel& par, const PoolCall& c) {
  using A = acc_t<T>;
  const int64_t rows = c.N * c.C * c.osz[0] * c.osz[1];
  const int64_t oW = c.osz[2];
  if (rows == 0 || oW == 0) return;
  if (kReference || c.kind >= 2) {
    const int64_t work = oW * c.k[0] * c.k[1] * c.k[2] + 1;
    const int64_t grain = work >= 4096 ? 1 : 4096 / work;
    parallel_for(par, 0, rows, grain, [&](int64_t b, int64_t e) {
      for (int64_t r = b; r < e; ++r) direct_row<T>(c, row_pos(c, r));
    });
    return;
  }
  // The avg window bound (w < min(w0 + kW, iW + pW)) is implied by w < iW for kw < kW.
  const int64_t work = oW * c.k[0] * c.k[1] * c.k[2] + 1;
  const int64_t grain = work >= 4096 ? 1 : 4096 / work;
  const bool unit = c.in_s[4] == 1;
  parallel_for(par, 0, rows, grain, [&](int64_t b, int64_t e) {
    Scratch scratch(par, static_cast<size_t>(oW) * (sizeof(A) + 2 * sizeof(int64_t)) + 64);
    if (!scratch.p) {
      for (int64_t r = b; r < e; ++r) direct_row<T>(c, row_pos(c, r));
      return;
    }
    int64_t* idx = scratch.as<int64_t>();
    int64_t* wstart = idx + oW;
    A* acc = reinterpret_cast<A*>(wstart + oW);
    for (int64_t r = b; r < e; ++r) {
      if (unit) fast_row<T, true>(c, row_pos(c, r), acc, idx, wstart);
      else fast_row<T, false>(c, row_pos(c, r), acc, idx, wstart);
    }
  });
}

void pool(const Parallel& par, const PoolCall& c) {
  TSJIT_DISPATCH_ALL(c.dtype, {
    if constexpr (!std::is_same<T, Bool>::value) pool_typed<T>(par, c);
  });
}

}  // namespace

const PoolFns* pool_fns() {
  static const PoolFns fns{pool};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(PoolFns, pool_fns)

namespace {

// pool(buffers [out, in, indices?], meta = [kind, dtype, N, C, iD, iH, iW, oD, oH, oW,
//   inOffset, in strides x5, outOffset, out strides x5, indOffset, ind strides x5,
//   k x3, s x3, p x3, dil x3, countIncludePad, divisor])
Napi::Value Pool(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Napi::Env env = info.Env();
  if (!info[0].IsArray()) throw Napi::Error::New(env, "tsjit kernels: malformed pool call");
  Napi::Array arr = info[0].As<Napi::Array>();
  const uint32_t nb = arr.Length();
  if (nb < 2 || nb > 3) throw Napi::Error::New(env, "tsjit kernels: malformed pool call");
  char* bufs[3] = {nullptr, nullptr, nullptr};
  for (uint32_t i = 0; i < nb; ++i) {
    Napi::Value v = arr.Get(i);
    if (!v.IsTypedArray()) throw Napi::Error::New(env, "tsjit kernels: malformed pool call");
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    char* base = static_cast<char*>(ta.ArrayBuffer().Data());
    bufs[i] = base ? base + ta.ByteOffset() : nullptr;
  }
  size_t len;
  const double* m = meta_arg(info, 1, &len);
  if (len < 42) throw Napi::Error::New(env, "tsjit kernels: malformed pool call");
  PoolCall c;
  size_t at = 0;
  auto next = [&]() { return as_i64(m[at++]); };
  c.kind = static_cast<int>(next());
  c.dtype = static_cast<DType>(static_cast<int32_t>(next()));
  c.N = next();
  c.C = next();
  for (int i = 0; i < 3; ++i) c.isz[i] = next();
  for (int i = 0; i < 3; ++i) c.osz[i] = next();
  const int64_t item = static_cast<int64_t>(item_size(c.dtype));
  const int64_t in_off = next();
  for (int i = 0; i < 5; ++i) c.in_s[i] = next();
  const int64_t out_off = next();
  for (int i = 0; i < 5; ++i) c.out_s[i] = next();
  const int64_t ind_off = next();
  for (int i = 0; i < 5; ++i) c.ind_s[i] = next();
  for (int i = 0; i < 3; ++i) c.k[i] = next();
  for (int i = 0; i < 3; ++i) c.s[i] = next();
  for (int i = 0; i < 3; ++i) c.p[i] = next();
  for (int i = 0; i < 3; ++i) c.dil[i] = next();
  c.count_include_pad = next() != 0;
  c.divisor = next();
  c.out = bufs[0] ? bufs[0] + out_off * item : nullptr;
  c.in = bufs[1] ? bufs[1] + in_off * item : nullptr;
  c.ind = nb > 2 && bufs[2] ? bufs[2] + ind_off * 8 : nullptr;
  select_pool_fns(inst).pool(inst.parallel, c);
  return env.Undefined();
}

}  // namespace

void register_pool(Napi::Env env, Napi::Object exports) {
  exports.Set("pool", Napi::Function::New(env, Pool, "pool"));
}

}  // namespace tsjit
#endif

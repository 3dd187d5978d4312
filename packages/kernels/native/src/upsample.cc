// 2d upsampling of [N, C, H, W] inputs with PyTorch's index and weight formulas: nearest,
// nearest-exact, bilinear and bicubic (A = -0.75, clamped borders), with align_corners and
// optional scale factors.
#include "common.h"

namespace tsjit {

struct UpsampleCall {
  int mode;  // 0 nearest, 1 nearest-exact, 2 bilinear, 3 bicubic
  DType dtype;
  bool align_corners;
  char* in;
  char* out;
  int64_t N, C, iH, iW, oH, oW;
  int64_t in_s[4], out_s[4];  // elements
  double scale_h, scale_w;     // the user's scale factors; <= 0 when not given
};

struct UpsampleFns {
  void (*upsample)(const Parallel&, const UpsampleCall&);
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

inline int64_t clamp64(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

// Nearest source index (always in float, as PyTorch's nearest_idx / nearest_neighbor_exact_compute_source_index).
inline int64_t nearest_index(int64_t dst, int64_t in, int64_t out, double scale, bool exact) {
  const float s = scale > 0 ? static_cast<float>(1.0 / scale) : static_cast<float>(in) / static_cast<float>(out);
  if (exact) {
    const int64_t i = static_cast<int64_t>(std::floor((static_cast<float>(dst) + 0.5f) * s));
    return i < in - 1 ? i : in - 1;
  }
  if (out == in) return dst;
  if (out == 2 * in) return dst >> 1;
  const int64_t i = static_cast<int64_t>(std::floor(static_cast<float>(dst) * s));
  return i < in - 1 ? i : in - 1;
}

template <typename A>
inline A area_scale(int64_t in, int64_t out, bool align_corners, double scale) {
  if (align_corners) return out > 1 ? static_cast<A>(in - 1) / static_cast<A>(out - 1) : A(0);
  return scale > 0 ? static_cast<A>(1.0 / scale) : static_cast<A>(in) / static_cast<A>(out);
}

template <typename A>
inline A source_index(A scale, int64_t dst, bool align_corners, bool cubic) {
  if (align_corners) return scale * static_cast<A>(dst);
  const A src = scale * (static_cast<A>(dst) + A(0.5)) - A(0.5);
  return (!cubic && src < A(0)) ? A(0) : src;
}

// Linear taps of one output coordinate.
template <typename A>
struct Linear {
  int64_t i0, i1;
  A l0, l1;
};

template <typename A>
inline Linear<A> linear_taps(A scale, int64_t dst, int64_t in, bool align_corners) {
  const A src = source_index<A>(scale, dst, align_corners, false);
  Linear<A> t;
  t.i0 = static_cast<int64_t>(src);
  if (t.i0 > in - 1) t.i0 = in - 1;
  t.i1 = t.i0 + (t.i0 < in - 1 ? 1 : 0);
  t.l1 = src - static_cast<A>(t.i0);
  t.l0 = A(1) - t.l1;
  return t;
}

// Cubic taps: four clamped indices and weights.
template <typename A>
struct Cubic {
  int64_t i[4];
  A w[4];
};

template <typename A>
inline Cubic<A> cubic_taps(A scale, int64_t dst, int64_t in, bool align_corners) {
  const A src = source_index<A>(scale, dst, align_corners, true);
  const A fl = std::floor(src);
  const int64_t i0 = static_cast<int64_t>(fl);
  const A t = src - fl;
  const A a = A(-0.75);
  auto c1 = [a](A x) { return ((a + A(2)) * x - (a + A(3))) * x * x + A(1); };
  auto c2 = [a](A x) { return ((a * x - A(5) * a) * x + A(8) * a) * x - A(4) * a; };
  Cubic<A> c;
  c.w[0] = c2(t + A(1));
  c.w[1] = c1(t);
  c.w[2] = c1(A(1) - t);
  c.w[3] = c2(A(2) - t);
  for (int k = 0; k < 4; ++k) c.i[k] = clamp64(i0 - 1 + k, 0, in - 1);
  return c;
}

struct RowPos {
  int64_t n, c, oh;
};

template <typename T>
void upsample_row(const UpsampleCall& u, int64_t r) {
  using A = acc_t<T>;
  RowPos p;
  p.oh = r % u.oH;
  r /= u.oH;
  p.c = r % u.C;
  p.n = r / u.C;
  const int64_t ib = p.n * u.in_s[0] + p.c * u.in_s[1];
  const int64_t ob = p.n * u.out_s[0] + p.c * u.out_s[1] + p.oh * u.out_s[2];
  const int64_t sh = u.in_s[2], sw = u.in_s[3], so = u.out_s[3];
  if (u.mode <= 1) {
    const int64_t ih = nearest_index(p.oh, u.iH, u.oH, u.scale_h, u.mode == 1);
    for (int64_t ow = 0; ow < u.oW; ++ow) {
      const int64_t iw = nearest_index(ow, u.iW, u.oW, u.scale_w, u.mode == 1);
      st<T>(u.out, ob + ow * so, ld<T>(u.in, ib + ih * sh + iw * sw));
    }
    return;
  }
  const A rh = area_scale<A>(u.iH, u.oH, u.align_corners, u.scale_h);
  const A rw = area_scale<A>(u.iW, u.oW, u.align_corners, u.scale_w);
  if (u.mode == 2) {
    const Linear<A> th = linear_taps<A>(rh, p.oh, u.iH, u.align_corners);
    for (int64_t ow = 0; ow < u.oW; ++ow) {
      const Linear<A> tw = linear_taps<A>(rw, ow, u.iW, u.align_corners);
      const A x00 = ld<T>(u.in, ib + th.i0 * sh + tw.i0 * sw), x01 = ld<T>(u.in, ib + th.i0 * sh + tw.i1 * sw);
      const A x10 = ld<T>(u.in, ib + th.i1 * sh + tw.i0 * sw), x11 = ld<T>(u.in, ib + th.i1 * sh + tw.i1 * sw);
      st<T>(u.out, ob + ow * so, th.l0 * (tw.l0 * x00 + tw.l1 * x01) + th.l1 * (tw.l0 * x10 + tw.l1 * x11));
    }
    return;
  }
  const Cubic<A> ch = cubic_taps<A>(rh, p.oh, u.iH, u.align_corners);
  for (int64_t ow = 0; ow < u.oW; ++ow) {
    const Cubic<A> cw = cubic_taps<A>(rw, ow, u.iW, u.align_corners);
    A rows[4];
    for (int k = 0; k < 4; ++k) {
      const int64_t b = ib + ch.i[k] * sh;
      rows[k] = ld<T>(u.in, b + cw.i[0] * sw) * cw.w[0] + ld<T>(u.in, b + cw.i[1] * sw) * cw.w[1] +
                ld<T>(u.in, b + cw.i[2] * sw) * cw.w[2] + ld<T>(u.in, b + cw.i[3] * sw) * cw.w[3];
    }
    st<T>(u.out, ob + ow * so, rows[0] * ch.w[0] + rows[1] * ch.w[1] + rows[2] * ch.w[2] + rows[3] * ch.w[3]);
  }
}

// Fast path: the column taps are computed once per call into tables; rows then only read them.
template <typename T>
void upsample_tables(const Parallel& par, const UpsampleCall& u, int64_t* ix, acc_t<T>* wt) {
  using A = acc_t<T>;
  const int64_t oW = u.oW;
  const A rw = area_scale<A>(u.iW, u.oW, u.align_corners, u.scale_w);
  for (int64_t ow = 0; ow < oW; ++ow) {
    if (u.mode <= 1) {
      ix[ow] = nearest_index(ow, u.iW, u.oW, u.scale_w, u.mode == 1) * u.in_s[3];
    } else if (u.mode == 2) {
      const Linear<A> t = linear_taps<A>(rw, ow, u.iW, u.align_corners);
      ix[2 * ow] = t.i0 * u.in_s[3];
      ix[2 * ow + 1] = t.i1 * u.in_s[3];
      wt[2 * ow] = t.l0;
      wt[2 * ow + 1] = t.l1;
    } else {
      const Cubic<A> c = cubic_taps<A>(rw, ow, u.iW, u.align_corners);
      for (int k = 0; k < 4; ++k) {
        ix[4 * ow + k] = c.i[k] * u.in_s[3];
        wt[4 * ow + k] = c.w[k];
      }
    }
  }
  const int64_t rows = u.N * u.C * u.oH;
  const int64_t grain = oW >= 4096 ? 1 : 4096 / oW;
  const A rh = area_scale<A>(u.iH, u.oH, u.align_corners, u.scale_h);
  parallel_for(par, 0, rows, grain, [&](int64_t b, int64_t e) {
    for (int64_t r0 = b; r0 < e; ++r0) {
      int64_t r = r0;
      const int64_t oh = r % u.oH;
      r /= u.oH;
      const int64_t c = r % u.C, n = r / u.C;
      const T* in = reinterpret_cast<const T*>(u.in) + n * u.in_s[0] + c * u.in_s[1];
      char* ob = u.out + (n * u.out_s[0] + c * u.out_s[1] + oh * u.out_s[2]) * static_cast<int64_t>(sizeof(T));
      const int64_t so = u.out_s[3];
      if (u.mode <= 1) {
        const T* row = in + nearest_index(oh, u.iH, u.oH, u.scale_h, u.mode == 1) * u.in_s[2];
        if (so == 1) {
          T* o = reinterpret_cast<T*>(ob);
          for (int64_t ow = 0; ow < oW; ++ow) o[ow] = row[ix[ow]];
        } else {
          for (int64_t ow = 0; ow < oW; ++ow) st<T>(ob, ow * so, static_cast<A>(row[ix[ow]]));
        }
      } else if (u.mode == 2) {
        const Linear<A> th = linear_taps<A>(rh, oh, u.iH, u.align_corners);
        const T* r0p = in + th.i0 * u.in_s[2];
        const T* r1p = in + th.i1 * u.in_s[2];
        for (int64_t ow = 0; ow < oW; ++ow) {
          const int64_t a0 = ix[2 * ow], a1 = ix[2 * ow + 1];
          const A l0 = wt[2 * ow], l1 = wt[2 * ow + 1];
          const A x00 = static_cast<A>(r0p[a0]), x01 = static_cast<A>(r0p[a1]);
          const A x10 = static_cast<A>(r1p[a0]), x11 = static_cast<A>(r1p[a1]);
          st<T>(ob, ow * so, th.l0 * (l0 * x00 + l1 * x01) + th.l1 * (l0 * x10 + l1 * x11));
        }
      } else {
        const Cubic<A> ch = cubic_taps<A>(rh, oh, u.iH, u.align_corners);
        for (int64_t ow = 0; ow < oW; ++ow) {
          const int64_t* ii = ix + 4 * ow;
          const A* w = wt + 4 * ow;
          A rowsum[4];
          for (int k = 0; k < 4; ++k) {
            const T* rp = in + ch.i[k] * u.in_s[2];
            rowsum[k] = static_cast<A>(rp[ii[0]]) * w[0] + static_cast<A>(rp[ii[1]]) * w[1] +
                        static_cast<A>(rp[ii[2]]) * w[2] + static_cast<A>(rp[ii[3]]) * w[3];
          }
          st<T>(ob, ow * so, rowsum[0] * ch.w[0] + rowsum[1] * ch.w[1] + rowsum[2] * ch.w[2] + rowsum[3] * ch.w[3]);
        }
      }
    }
  });
}

template <typename T>
void upsample_typed(const Parallel& par, const UpsampleCall& u) {
  using A = acc_t<T>;
  const int64_t rows = u.N * u.C * u.oH;
  if (rows == 0 || u.oW == 0) return;
  if (!kReference) {
    Scratch tab(par, static_cast<size_t>(u.oW) * 4 * (sizeof(int64_t) + sizeof(A)) + 64);
    if (tab.p) {
      int64_t* ix = tab.as<int64_t>();
      upsample_tables<T>(par, u, ix, reinterpret_cast<A*>(ix + 4 * u.oW));
      return;
    }
  }
  for (int64_t r = 0; r < rows; ++r) upsample_row<T>(u, r);
}

void upsample(const Parallel& par, const UpsampleCall& u) {
  TSJIT_DISPATCH_ALL(u.dtype, {
    if constexpr (!std::is_same<T, Bool>::value) {
      if (u.mode <= 1 || is_floating_v<T>) upsample_typed<T>(par, u);
    }
  });
}

}  // namespace

const UpsampleFns* upsample_fns() {
  static const UpsampleFns fns{upsample};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(UpsampleFns, upsample_fns)

namespace {

// upsample2d([out, in], meta = [mode, dtype, alignCorners, N, C, iH, iW, oH, oW, inOffset,
//   in strides x4, outOffset, out strides x4, scaleH, scaleW])
Napi::Value Upsample(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  Napi::Env env = info.Env();
  if (!info[0].IsArray()) throw Napi::Error::New(env, "tsjit kernels: malformed upsample call");
  Napi::Array arr = info[0].As<Napi::Array>();
  if (arr.Length() != 2) throw Napi::Error::New(env, "tsjit kernels: malformed upsample call");
  char* bufs[2];
  for (uint32_t i = 0; i < 2; ++i) {
    Napi::Value v = arr.Get(i);
    if (!v.IsTypedArray()) throw Napi::Error::New(env, "tsjit kernels: malformed upsample call");
    Napi::TypedArray ta = v.As<Napi::TypedArray>();
    char* base = static_cast<char*>(ta.ArrayBuffer().Data());
    bufs[i] = base ? base + ta.ByteOffset() : nullptr;
  }
  size_t len;
  const double* m = meta_arg(info, 1, &len);
  if (len < 21) throw Napi::Error::New(env, "tsjit kernels: malformed upsample call");
  UpsampleCall u;
  u.mode = static_cast<int>(m[0]);
  u.dtype = static_cast<DType>(static_cast<int32_t>(m[1]));
  u.align_corners = m[2] != 0;
  u.N = as_i64(m[3]);
  u.C = as_i64(m[4]);
  u.iH = as_i64(m[5]);
  u.iW = as_i64(m[6]);
  u.oH = as_i64(m[7]);
  u.oW = as_i64(m[8]);
  const int64_t item = static_cast<int64_t>(item_size(u.dtype));
  u.in = bufs[1] ? bufs[1] + as_i64(m[9]) * item : nullptr;
  for (int i = 0; i < 4; ++i) u.in_s[i] = as_i64(m[10 + i]);
  u.out = bufs[0] ? bufs[0] + as_i64(m[14]) * item : nullptr;
  for (int i = 0; i < 4; ++i) u.out_s[i] = as_i64(m[15 + i]);
  u.scale_h = m[19];
  u.scale_w = m[20];
  select_upsample_fns(inst).upsample(inst.parallel, u);
  return env.Undefined();
}

}  // namespace

void register_upsample(Napi::Env env, Napi::Object exports) {
  exports.Set("upsample2d", Napi::Function::New(env, Upsample, "upsample2d"));
}

}  // namespace tsjit
#endif

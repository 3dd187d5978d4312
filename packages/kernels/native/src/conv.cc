// conv: N-d convolution forward (1d/2d/3d as 3-d with size-1 leading dims), groups, stride,
// padding, dilation, optional bias; and transposed convolution (output_padding is folded into the
// output size by the TypeScript side).
//
// Fast path, forward: implicit GEMM. Per batch item and group, Y[cout_g, P] = W[cout_g, K] @ col[K, P]
// with K = cin_g * kd * kh * kw and P the output pixels; col is never materialised: the GEMM's
// B-packing hook (gemm.h, PackBFn) packs its kc x NR micro-panels straight from the input image.
// Transposed: col[cout_g * kvol, P_in] = W^T @ X with the GEMM, then col2im scatter-adds.
// Reference: direct loops.
#include "common.h"
#include "gemm.h"

struct ConvDesc {
  tsjit::DType dtype;
  bool transposed;
  bool has_bias;
  int64_t batch, cin, cout, groups;
  int64_t in[3], out[3], kernel[3], stride[3], pad[3], dil[3];
  const char* x;
  int64_t xs[5];
  const char* w;
  int64_t ws[5];
  const char* bias;
  int64_t bias_stride;
  char* y;
  int64_t ys[5];
};

struct ConvFns {
  // false when scratch memory could not be had
  bool (*conv)(const tsjit::Parallel& par, const ConvDesc& d);
};

#ifdef TSJIT_ISA
#include "kernel.h"

#if defined(__AVX512F__)
#include <immintrin.h>
#endif

namespace tsjit {
namespace TSJIT_ISA {
namespace {

template <typename T, typename S>
inline T load_as(const S* p) {
  return static_cast<T>(static_cast<acc_t<S>>(*p));
}

// ---------------------------------------------------------------------------------------------
// Reference: direct loops.

template <typename T, typename S>
void conv_reference(const ConvDesc& d) {
  const S* x = reinterpret_cast<const S*>(d.x);
  const S* w = reinterpret_cast<const S*>(d.w);
  const S* bias = reinterpret_cast<const S*>(d.bias);
  S* y = reinterpret_cast<S*>(d.y);
  const int64_t cin_g = d.cin / d.groups, cout_g = d.cout / d.groups;
  for (int64_t n = 0; n < d.batch; ++n) {
    for (int64_t co = 0; co < d.cout; ++co) {
      const int64_t g = co / cout_g;
      for (int64_t oz = 0; oz < d.out[0]; ++oz) {
        for (int64_t oy = 0; oy < d.out[1]; ++oy) {
          for (int64_t ox = 0; ox < d.out[2]; ++ox) {
            T acc = d.has_bias ? load_as<T>(bias + co * d.bias_stride) : T(0);
            for (int64_t c = 0; c < cin_g; ++c) {
              for (int64_t kz = 0; kz < d.kernel[0]; ++kz) {
                for (int64_t ky = 0; ky < d.kernel[1]; ++ky) {
                  for (int64_t kx = 0; kx < d.kernel[2]; ++kx) {
                    int64_t iz, iy, ix, ci;
                    T wv;
                    if (!d.transposed) {
                      iz = oz * d.stride[0] - d.pad[0] + kz * d.dil[0];
                      iy = oy * d.stride[1] - d.pad[1] + ky * d.dil[1];
                      ix = ox * d.stride[2] - d.pad[2] + kx * d.dil[2];
                      ci = g * cin_g + c;
                      wv = load_as<T>(w + co * d.ws[0] + c * d.ws[1] + kz * d.ws[2] + ky * d.ws[3] + kx * d.ws[4]);
                    } else {
                      // o = i * stride - pad + k * dil  =>  i = (o + pad - k * dil) / stride
                      const int64_t tz = oz + d.pad[0] - kz * d.dil[0];
                      const int64_t ty = oy + d.pad[1] - ky * d.dil[1];
                      const int64_t tx = ox + d.pad[2] - kx * d.dil[2];
                      if (tz < 0 || ty < 0 || tx < 0 || tz % d.stride[0] || ty % d.stride[1] || tx % d.stride[2]) continue;
                      iz = tz / d.stride[0];
                      iy = ty / d.stride[1];
                      ix = tx / d.stride[2];
                      ci = g * cin_g + c;
                      wv = load_as<T>(w + ci * d.ws[0] + (co - g * cout_g) * d.ws[1] + kz * d.ws[2] + ky * d.ws[3] +
                                      kx * d.ws[4]);
                    }
                    if (iz < 0 || iy < 0 || ix < 0 || iz >= d.in[0] || iy >= d.in[1] || ix >= d.in[2]) continue;
                    acc += load_as<T>(x + n * d.xs[0] + ci * d.xs[1] + iz * d.xs[2] + iy * d.xs[3] + ix * d.xs[4]) * wv;
                  }
                }
              }
            }
            y[n * d.ys[0] + co * d.ys[1] + oz * d.ys[2] + oy * d.ys[3] + ox * d.ys[4]] = S(acc);
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Forward: implicit GEMM.

template <typename S>
struct PackCtx {
  const S* x;  // batch item n, first channel of the group
  int64_t xs_c, xs_d, xs_h, xs_w;
  int64_t id, ih, iw;
  int64_t kd, kh, kw;
  int64_t oh, ow;
  int64_t sd, sh, sw, pd, ph, pw, dd, dh, dw;
};

// Copies `run` values of an input row: dst[t] = row[(ix0 + t * sw) * xsw], zero outside [0, iw).
template <typename T, typename S>
inline void copy_run(T* dst, const S* row, int64_t ix0, int64_t sw, int64_t xsw, int64_t iw, int64_t run) {
  // valid t: 0 <= ix0 + t * sw < iw
  int64_t lo, hi;
  if (sw == 1) {  // the common cases without integer division
    lo = ix0 < 0 ? -ix0 : 0;
    hi = iw - ix0;
  } else if (sw == 2) {
    lo = ix0 < 0 ? (1 - ix0) >> 1 : 0;
    hi = iw - ix0 > 0 ? (iw - ix0 + 1) >> 1 : 0;
  } else {
    lo = ix0 < 0 ? (-ix0 + sw - 1) / sw : 0;
    hi = iw - 1 - ix0 >= 0 ? (iw - 1 - ix0) / sw + 1 : 0;
  }
  if (hi > run) hi = run;
  if (lo > run) lo = run;
  if (hi < lo) hi = lo;
  for (int64_t t = 0; t < lo; ++t) dst[t] = T(0);
#if defined(__AVX512F__)
  if constexpr (std::is_same<T, float>::value && std::is_same<S, float>::value) {
    if (xsw == 1 && (sw == 1 || sw == 2)) {
      const float* src = row + ix0 + lo * sw;
      int64_t t = lo;
      if (sw == 1) {
        for (; t + 16 <= hi; t += 16, src += 16) _mm512_storeu_ps(dst + t, _mm512_loadu_ps(src));
        if (t < hi) {
          const __mmask16 m = static_cast<__mmask16>((1u << (hi - t)) - 1u);
          _mm512_mask_storeu_ps(dst + t, m, _mm512_maskz_loadu_ps(m, src));
        }
      } else {
        const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        for (; t + 16 <= hi; t += 16, src += 32) {
          // the last lane of the second load may lie one past the row: mask it off
          const __m512 v0 = _mm512_loadu_ps(src);
          const __m512 v1 = _mm512_maskz_loadu_ps(0x7fff, src + 16);
          _mm512_storeu_ps(dst + t, _mm512_permutex2var_ps(v0, even, v1));
        }
        if (t < hi) {
          const int64_t cnt = hi - t;  // < 16 outputs from 2 * cnt - 1 inputs
          const int64_t need = 2 * cnt - 1;
          const __mmask16 m0 = static_cast<__mmask16>(need >= 16 ? 0xffffu : (1u << need) - 1u);
          const __mmask16 m1 = static_cast<__mmask16>(need > 16 ? (1u << (need - 16)) - 1u : 0u);
          const __m512 v0 = _mm512_maskz_loadu_ps(m0, src);
          const __m512 v1 = _mm512_maskz_loadu_ps(m1, src + 16);
          const __mmask16 mo = static_cast<__mmask16>((1u << cnt) - 1u);
          _mm512_mask_storeu_ps(dst + t, mo, _mm512_permutex2var_ps(v0, even, v1));
        }
      }
      for (int64_t u = hi; u < run; ++u) dst[u] = 0.0f;
      return;
    }
  }
#endif
  if (sw == 1 && xsw == 1) {
    if (hi > lo) {
      const S* src = row + (ix0 + lo);
      if constexpr (std::is_same<T, S>::value) {
        std::memcpy(dst + lo, src, static_cast<size_t>(hi - lo) * sizeof(T));
      } else {
        for (int64_t t = 0; t < hi - lo; ++t) dst[lo + t] = load_as<T>(src + t);
      }
    }
  } else {
    for (int64_t t = lo; t < hi; ++t) dst[t] = load_as<T>(row + (ix0 + t * sw) * xsw);
  }
  for (int64_t t = hi; t < run; ++t) dst[t] = T(0);
}

#if defined(__AVX512F__)
// float32 rows of unit stride, x-stride 1 or 2, 32-wide panels: each panel row is assembled in two
// zmm registers from masked loads (one per run of pixels within an output row; masked-off lanes
// are padding and never touch memory) and stored whole.
inline uint64_t spread_bits(uint32_t m) {  // bit i -> bit 2i
  uint64_t x = m;
  x = (x | (x << 16)) & 0x0000FFFF0000FFFFull;
  x = (x | (x << 8)) & 0x00FF00FF00FF00FFull;
  x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0Full;
  x = (x | (x << 2)) & 0x3333333333333333ull;
  x = (x | (x << 1)) & 0x5555555555555555ull;
  return x;
}

void pack_patches_f32_avx512(const PackCtx<float>& c, int64_t k0, int64_t kc, int64_t j0, int64_t nj, float* dst) {
  struct Seg {
    int64_t jj, run, oz, oy, ox;
    uint32_t lanes;  // all of the run's lanes
    uint64_t em;     // their input elements for stride 2
  };
  Seg segs[32];
  int nseg = 0;
  {
    const int64_t ohw = c.oh * c.ow;
    int64_t oz = j0 / ohw, oy = (j0 % ohw) / c.ow, ox = j0 % c.ow;
    for (int64_t jj = 0; jj < nj;) {
      int64_t run = c.ow - ox;
      if (run > nj - jj) run = nj - jj;
      const uint32_t lanes = static_cast<uint32_t>(((1ull << run) - 1) << jj);
      segs[nseg++] = Seg{jj, run, oz, oy, ox, lanes, spread_bits(lanes)};
      jj += run;
      ox += run;
      if (ox == c.ow) {
        ox = 0;
        if (++oy == c.oh) {
          oy = 0;
          ++oz;
        }
      }
    }
  }
  const int64_t kvol = c.kd * c.kh * c.kw;
  int64_t ci = k0 / kvol;
  int64_t rem = k0 % kvol;
  int64_t kz = rem / (c.kh * c.kw);
  rem %= c.kh * c.kw;
  int64_t ky = rem / c.kw;
  int64_t kx = rem % c.kw;
  const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const bool s1 = c.sw == 1;
  for (int64_t k = 0; k < kc; ++k) {
    const float* xc = c.x + ci * c.xs_c;
    __m512 v0 = _mm512_setzero_ps(), v1 = _mm512_setzero_ps();
    for (int q = 0; q < nseg; ++q) {
      const Seg& g = segs[q];
      const int64_t iz = g.oz * c.sd - c.pd + kz * c.dd;
      const int64_t iy = g.oy * c.sh - c.ph + ky * c.dh;
      if (iz < 0 || iz >= c.id || iy < 0 || iy >= c.ih) continue;
      const float* row = xc + iz * c.xs_d + iy * c.xs_h;
      const int64_t ix0 = g.ox * c.sw - c.pw + kx * c.dw;
      int64_t lo, hi;
      if (s1) {
        lo = ix0 < 0 ? -ix0 : 0;
        hi = c.iw - ix0;
      } else {
        lo = ix0 < 0 ? (1 - ix0) >> 1 : 0;
        hi = c.iw - ix0 > 0 ? (c.iw - ix0 + 1) >> 1 : 0;
      }
      if (hi > g.run) hi = g.run;
      if (hi <= lo) continue;
      // lanes jj + [lo, hi) take row[ix0 + t * sw]
      const bool whole = lo == 0 && hi == g.run;
      const uint32_t lanes =
          whole ? g.lanes : static_cast<uint32_t>((((1ull << hi) - 1) & ~((1ull << lo) - 1)) << g.jj);
      if (s1) {
        const float* base = row + ix0 - g.jj;  // lane l reads base[l]; only valid lanes are touched
        v0 = _mm512_mask_loadu_ps(v0, static_cast<__mmask16>(lanes), base);
        v1 = _mm512_mask_loadu_ps(v1, static_cast<__mmask16>(lanes >> 16), base + 16);
      } else {
        const float* base = row + ix0 - 2 * g.jj;  // lane l reads base[2 l]
        const uint64_t em = whole ? g.em : spread_bits(lanes);
        const __m512 e0 = _mm512_maskz_loadu_ps(static_cast<__mmask16>(em), base);
        const __m512 e1 = _mm512_maskz_loadu_ps(static_cast<__mmask16>(em >> 16), base + 16);
        const __m512 e2 = _mm512_maskz_loadu_ps(static_cast<__mmask16>(em >> 32), base + 32);
        const __m512 e3 = _mm512_maskz_loadu_ps(static_cast<__mmask16>(em >> 48), base + 48);
        v0 = _mm512_mask_mov_ps(v0, static_cast<__mmask16>(lanes), _mm512_permutex2var_ps(e0, even, e1));
        v1 = _mm512_mask_mov_ps(v1, static_cast<__mmask16>(lanes >> 16), _mm512_permutex2var_ps(e2, even, e3));
      }
    }
    _mm512_store_ps(dst + k * 32, v0);
    _mm512_store_ps(dst + k * 32 + 16, v1);
    if (++kx == c.kw) {
      kx = 0;
      if (++ky == c.kh) {
        ky = 0;
        if (++kz == c.kd) {
          kz = 0;
          ++ci;
        }
      }
    }
  }
}
#endif

#if defined(__AVX512F__)
// 1-d/2-d float32 convolutions with stride <= 4 first copy the input of a (batch item, group) into
// zero-padded planes, one per channel and horizontal stride phase: plane[c][phase][iy][i] =
// x[c][iy - ph][i * sw + phase - pw]. Every patch row is then one contiguous run of a plane, so
// packing needs no bounds checks and no masks on its loads.
struct PlaneCtx {
  const float* planes;
  int64_t hp, wrow, sw, sh, dh, kh, kw, oh, ow;
  int64_t kxoff[64];  // offset of kernel column kx: phase plane and start column
};

void fill_planes(const Parallel& par, const float* x, const ConvDesc& d, int64_t cin_g, float* planes, int64_t hp,
                 int64_t wrow) {
  const int64_t sw = d.stride[2], ph = d.pad[1], pw = d.pad[2], ih = d.in[1], iw = d.in[2];
  const int64_t xs_c = d.xs[1], xs_h = d.xs[3], xs_w = d.xs[4];
  parallel_for(par, 0, cin_g, 4, [&](int64_t c0, int64_t c1) {
    for (int64_t c = c0; c < c1; ++c) {
      for (int64_t phase = 0; phase < sw; ++phase) {
        for (int64_t r = 0; r < hp; ++r) {
          float* row = planes + ((c * sw + phase) * hp + r) * wrow;
          const int64_t iy = r - ph;
          if (iy < 0 || iy >= ih) {
            std::memset(row, 0, static_cast<size_t>(wrow) * sizeof(float));
            continue;
          }
          const float* src = x + c * xs_c + iy * xs_h;
          // i valid when 0 <= i * sw + phase - pw < iw
          const int64_t first = pw - phase > 0 ? (pw - phase + sw - 1) / sw : 0;
          int64_t end = iw + pw - phase > 0 ? (iw + pw - phase + sw - 1) / sw : 0;
          if (end > wrow) end = wrow;
          int64_t i = 0;
          for (; i < first && i < wrow; ++i) row[i] = 0.0f;
          if (sw == 1 && xs_w == 1) {
            if (end > i) std::memcpy(row + i, src + (i - pw + phase), static_cast<size_t>(end - i) * sizeof(float));
            i = end > i ? end : i;
          } else if (sw == 2 && xs_w == 1) {
            const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
            for (; i + 16 < end; i += 16) {  // reads 32 inputs starting at an in-range one; the last needs i + 16 < end
              const float* s0 = src + (i * 2 + phase - pw);
              _mm512_storeu_ps(row + i, _mm512_permutex2var_ps(_mm512_loadu_ps(s0), even, _mm512_loadu_ps(s0 + 16)));
            }
          }
          for (; i < end; ++i) row[i] = src[(i * sw + phase - pw) * xs_w];
          for (; i < wrow; ++i) row[i] = 0.0f;
        }
      }
    }
  });
}

void pack_planes_f32(const void* vctx, int64_t k0, int64_t kc, int64_t j0, int64_t nj, void* vdst, int64_t nr) {
  const PlaneCtx& c = *static_cast<const PlaneCtx*>(vctx);
  float* dst = static_cast<float*>(vdst);
  struct Seg {
    int64_t jj, off;
    __mmask16 m0, m1;
  };
  Seg segs[32];
  int nseg = 0;
  {
    int64_t oy = j0 / c.ow, ox = j0 % c.ow;
    for (int64_t jj = 0; jj < nj;) {
      int64_t run = c.ow - ox;
      if (run > nj - jj) run = nj - jj;
      const __mmask16 m0 = static_cast<__mmask16>(run >= 16 ? 0xffffu : (1u << run) - 1u);
      const __mmask16 m1 = static_cast<__mmask16>(run >= 32 ? 0xffffu : run > 16 ? (1u << (run - 16)) - 1u : 0u);
      segs[nseg++] = Seg{jj, oy * c.sh * c.wrow + ox, m0, m1};
      jj += run;
      ox += run;
      if (ox == c.ow) {
        ox = 0;
        ++oy;
      }
    }
  }
  const int64_t kvol = c.kh * c.kw;
  int64_t ci = k0 / kvol;
  int64_t ky = (k0 % kvol) / c.kw;
  int64_t kx = k0 % c.kw;
  const int64_t plane_c = c.sw * c.hp * c.wrow;
  const float* base_c = c.planes + ci * plane_c;
  int64_t ky_off = ky * c.dh * c.wrow;
  const bool one = nseg == 1 && nj == 32 && nr == 32;
  for (int64_t k = 0; k < kc; ++k) {
    const float* base = base_c + ky_off + c.kxoff[kx];
    float* o = dst + k * nr;
    if (one) {
      const float* src = base + segs[0].off;
      _mm512_store_ps(o, _mm512_loadu_ps(src));
      _mm512_store_ps(o + 16, _mm512_loadu_ps(src + 16));
    } else {
      for (int64_t t = 0; t < nr; t += 16) _mm512_storeu_ps(o + t, _mm512_setzero_ps());
      for (int q = 0; q < nseg; ++q) {
        const float* src = base + segs[q].off;
        _mm512_mask_storeu_ps(o + segs[q].jj, segs[q].m0, _mm512_loadu_ps(src));
        if (segs[q].m1) _mm512_mask_storeu_ps(o + segs[q].jj + 16, segs[q].m1, _mm512_loadu_ps(src + 16));
      }
    }
    if (++kx == c.kw) {
      kx = 0;
      ky_off += c.dh * c.wrow;
      if (++ky == c.kh) {
        ky = 0;
        ky_off = 0;
        base_c += plane_c;
      }
    }
  }
}
#endif

template <typename T, typename S>
void pack_patches(const void* vctx, int64_t k0, int64_t kc, int64_t j0, int64_t nj, void* vdst, int64_t nr) {
  const PackCtx<S>& c = *static_cast<const PackCtx<S>*>(vctx);
#if defined(__AVX512F__)
  if constexpr (std::is_same<T, float>::value && std::is_same<S, float>::value) {
    if (nr == 32 && c.xs_w == 1 && (c.sw == 1 || c.sw == 2) && (reinterpret_cast<uintptr_t>(vdst) & 63) == 0) {
      pack_patches_f32_avx512(c, k0, kc, j0, nj, static_cast<float*>(vdst));
      return;
    }
  }
#endif
  T* dst = static_cast<T*>(vdst);
  const int64_t kvol = c.kd * c.kh * c.kw;
  // decode the first k and the first pixel once; then walk incrementally
  int64_t ci = k0 / kvol;
  int64_t rem = k0 % kvol;
  int64_t kz = rem / (c.kh * c.kw);
  rem %= c.kh * c.kw;
  int64_t ky = rem / c.kw;
  int64_t kx = rem % c.kw;
  const int64_t ohw = c.oh * c.ow;
  const int64_t oz0 = j0 / ohw;
  const int64_t oy0 = (j0 % ohw) / c.ow;
  const int64_t ox0 = j0 % c.ow;
  for (int64_t k = 0; k < kc; ++k) {
    T* d = dst + k * nr;
    const S* xc = c.x + ci * c.xs_c;
    int64_t oz = oz0, oy = oy0, ox = ox0;
    int64_t jj = 0;
    while (jj < nj) {
      int64_t run = c.ow - ox;
      if (run > nj - jj) run = nj - jj;
      const int64_t iz = oz * c.sd - c.pd + kz * c.dd;
      const int64_t iy = oy * c.sh - c.ph + ky * c.dh;
      if (iz < 0 || iz >= c.id || iy < 0 || iy >= c.ih) {
        for (int64_t t = 0; t < run; ++t) d[jj + t] = T(0);
      } else {
        copy_run<T, S>(d + jj, xc + iz * c.xs_d + iy * c.xs_h, ox * c.sw - c.pw + kx * c.dw, c.sw, c.xs_w, c.iw, run);
      }
      jj += run;
      ox += run;
      if (ox == c.ow) {
        ox = 0;
        if (++oy == c.oh) {
          oy = 0;
          ++oz;
        }
      }
    }
    for (int64_t t = nj; t < nr; ++t) d[t] = T(0);
    if (++kx == c.kw) {
      kx = 0;
      if (++ky == c.kh) {
        ky = 0;
        if (++kz == c.kd) {
          kz = 0;
          ++ci;
        }
      }
    }
  }
}

#if defined(__AVX512F__)
// Depthwise-style 1-d/2-d float32 convolutions (one input channel per group, few outputs per
// group): a GEMM with K = kh * kw would be all overhead, so each output row is accumulated
// directly from the zero-padded planes, one kernel tap at a time (vectorised along the row).
bool conv_depthwise_f32(const Parallel& par, const ConvDesc& d, const float* x, const float* w, const float* bias,
                        float* y) {
  const int64_t cout_g = d.cout / d.groups;
  const int64_t sw = d.stride[2], sh = d.stride[1];
  const int64_t hp = d.in[1] + 2 * d.pad[1];
  const int64_t wrow = (d.in[2] + 2 * d.pad[2] + sw - 1) / sw;
  const int64_t plane_elems = sw * hp * wrow;
  const int64_t oh = d.out[1], ow = d.out[2], kh = d.kernel[1], kw = d.kernel[2];
  int64_t kxoff[64];
  for (int64_t kx = 0; kx < kw; ++kx) {
    const int64_t col = kx * d.dil[2];
    kxoff[kx] = (col % sw) * hp * wrow + col / sw;
  }
  const int64_t tasks = d.batch * d.groups;
  const double work = static_cast<double>(d.batch * d.cout) * static_cast<double>(oh * ow * kh * kw);
  bool ok = true;
  bool* okp = &ok;
  parallel_for(par, 0, tasks, work < 8.0e6 ? tasks : 1, [&](int64_t t0, int64_t t1) {
    Scratch s(par, static_cast<size_t>(plane_elems + 64) * sizeof(float));
    if (!s.p) {
      *okp = false;
      return;
    }
    float* planes = s.as<float>();
    for (int64_t t = t0; t < t1; ++t) {
      const int64_t n = t / d.groups, g = t % d.groups;
      fill_planes(par, x + n * d.xs[0] + g * d.xs[1], d, 1, planes, hp, wrow);
      for (int64_t cl = 0; cl < cout_g; ++cl) {
        const int64_t co = g * cout_g + cl;
        const float b = bias != nullptr ? bias[co * d.bias_stride] : 0.0f;
        float* yc = y + n * d.ys[0] + co * d.ys[1];
        for (int64_t oy = 0; oy < oh; ++oy) {
          float* __restrict o = yc + oy * ow;
          for (int64_t ox = 0; ox < ow; ++ox) o[ox] = b;
          for (int64_t ky = 0; ky < kh; ++ky) {
            const float* rowp = planes + (oy * sh + ky * d.dil[1]) * wrow;
            for (int64_t kx = 0; kx < kw; ++kx) {
              const float wv = w[co * d.ws[0] + ky * d.ws[3] + kx * d.ws[4]];
              const float* __restrict src = rowp + kxoff[kx];
              for (int64_t ox = 0; ox < ow; ++ox) o[ox] += wv * src[ox];
            }
          }
        }
      }
    }
  });
  return ok;
}
#endif

template <typename T>
bool gemm_packed(const Parallel& par, int64_t m, int64_t n, int64_t k, const T* a, int64_t lda, PackBFn pb,
                 const void* ctx, T* c, int64_t ldc, const T* row_bias) {
  if constexpr (std::is_same<T, float>::value) {
    return gemm_fns()->gemm_f32_packed_b(par, m, n, k, a, lda, pb, ctx, c, ldc, 1.0f, 0.0f, row_bias);
  } else {
    return gemm_fns()->gemm_f64_packed_b(par, m, n, k, a, lda, pb, ctx, c, ldc, 1.0, 0.0, row_bias);
  }
}

template <typename T, typename S>
bool conv_forward(const Parallel& par, const ConvDesc& d) {
  const S* x = reinterpret_cast<const S*>(d.x);
  const S* w = reinterpret_cast<const S*>(d.w);
  const S* bias = reinterpret_cast<const S*>(d.bias);
  S* y = reinterpret_cast<S*>(d.y);
  const int64_t cin_g = d.cin / d.groups, cout_g = d.cout / d.groups;
  const int64_t kvol = d.kernel[0] * d.kernel[1] * d.kernel[2];
  const int64_t K = cin_g * kvol;
  const int64_t P = d.out[0] * d.out[1] * d.out[2];
  if (P == 0 || d.cout == 0 || d.batch == 0) return true;
  // Weight as a row-major [cout, K] matrix of T.
  const bool w_direct = std::is_same<T, S>::value && d.ws[4] == 1 && d.ws[3] == d.kernel[2] &&
                        d.ws[2] == d.kernel[1] * d.kernel[2] && d.ws[1] == kvol;
  Scratch wbuf(par, w_direct ? 0 : static_cast<size_t>(d.cout * K) * sizeof(T));
  const T* wm;
  int64_t lda;
  if (w_direct) {
    wm = reinterpret_cast<const T*>(w);
    lda = d.ws[0];
  } else {
    if (!wbuf.p) return false;
    T* wp = wbuf.as<T>();
    for (int64_t co = 0; co < d.cout; ++co) {
      T* row = wp + co * K;
      int64_t q = 0;
      for (int64_t c = 0; c < cin_g; ++c)
        for (int64_t kz = 0; kz < d.kernel[0]; ++kz)
          for (int64_t ky = 0; ky < d.kernel[1]; ++ky)
            for (int64_t kx = 0; kx < d.kernel[2]; ++kx)
              row[q++] = load_as<T>(w + co * d.ws[0] + c * d.ws[1] + kz * d.ws[2] + ky * d.ws[3] + kx * d.ws[4]);
    }
    wm = wp;
    lda = K;
  }
  // Output written directly when it is T with contiguous pixels.
  const bool y_direct = std::is_same<T, S>::value && (d.out[2] == 1 || d.ys[4] == 1) &&
                        (d.out[1] == 1 || d.ys[3] == d.out[2]) && (d.out[0] == 1 || d.ys[2] == d.out[1] * d.out[2]);
  Scratch ybuf(par, y_direct ? 0 : static_cast<size_t>(cout_g * P) * sizeof(T));
  if (!y_direct && !ybuf.p) return false;
  Scratch bbuf(par, static_cast<size_t>(cout_g) * sizeof(T));
  if (!bbuf.p) return false;
  PackCtx<S> ctx;
  ctx.xs_c = d.xs[1];
  ctx.xs_d = d.xs[2];
  ctx.xs_h = d.xs[3];
  ctx.xs_w = d.xs[4];
  ctx.id = d.in[0];
  ctx.ih = d.in[1];
  ctx.iw = d.in[2];
  ctx.kd = d.kernel[0];
  ctx.kh = d.kernel[1];
  ctx.kw = d.kernel[2];
  ctx.oh = d.out[1];
  ctx.ow = d.out[2];
  ctx.sd = d.stride[0];
  ctx.sh = d.stride[1];
  ctx.sw = d.stride[2];
  ctx.pd = d.pad[0];
  ctx.ph = d.pad[1];
  ctx.pw = d.pad[2];
  ctx.dd = d.dil[0];
  ctx.dh = d.dil[1];
  ctx.dw = d.dil[2];
  PackBFn pack = pack_patches<T, S>;
  const void* pack_ctx = &ctx;
#if defined(__AVX512F__)
  // Zero-padded planes for 1-d/2-d float32 (see fill_planes).
  PlaneCtx pctx;
  const int64_t hp = d.in[1] + 2 * d.pad[1];
  const int64_t wrow = (d.in[2] + 2 * d.pad[2] + d.stride[2] - 1) / d.stride[2];
  const bool planes = std::is_same<T, float>::value && std::is_same<S, float>::value && d.kernel[0] == 1 &&
                      d.in[0] == 1 && d.out[0] == 1 && d.stride[2] <= 4 && d.kernel[2] <= 64 &&
                      cin_g * d.stride[2] * hp * wrow <= (int64_t(1) << 24);
  Scratch pbuf(par, planes ? static_cast<size_t>(cin_g * d.stride[2] * hp * wrow + 64) * sizeof(float) : 0);
  if (planes) {
    if (!pbuf.p) return false;
    pctx.planes = pbuf.as<float>();
    pctx.hp = hp;
    pctx.wrow = wrow;
    pctx.sw = d.stride[2];
    pctx.sh = d.stride[1];
    pctx.dh = d.dil[1];
    pctx.kh = d.kernel[1];
    pctx.kw = d.kernel[2];
    pctx.oh = d.out[1];
    pctx.ow = d.out[2];
    for (int64_t kx = 0; kx < d.kernel[2]; ++kx) {
      const int64_t col = kx * d.dil[2];
      pctx.kxoff[kx] = (col % d.stride[2]) * hp * wrow + col / d.stride[2];
    }
    std::memset(pbuf.as<float>() + cin_g * d.stride[2] * hp * wrow, 0, 64 * sizeof(float));
    pack = pack_planes_f32;
    pack_ctx = &pctx;
  }
#endif
#if defined(__AVX512F__)
  if constexpr (std::is_same<T, float>::value && std::is_same<S, float>::value) {
    if (planes && y_direct && cin_g == 1 && cout_g <= 4) {
      return conv_depthwise_f32(par, d, x, w, d.has_bias ? bias : nullptr, y);
    }
  }
#endif
  for (int64_t n = 0; n < d.batch; ++n) {
    for (int64_t g = 0; g < d.groups; ++g) {
      ctx.x = x + n * d.xs[0] + g * cin_g * d.xs[1];
#if defined(__AVX512F__)
      if (planes) {
        if constexpr (std::is_same<S, float>::value) fill_planes(par, ctx.x, d, cin_g, pbuf.as<float>(), hp, wrow);
      }
#endif
      T* out;
      int64_t ldc;
      if (y_direct) {
        out = reinterpret_cast<T*>(y + n * d.ys[0] + g * cout_g * d.ys[1]);
        ldc = d.ys[1];
      } else {
        out = ybuf.as<T>();
        ldc = P;
      }
      T* rb = nullptr;
      if (d.has_bias) {
        rb = bbuf.as<T>();
        for (int64_t co = 0; co < cout_g; ++co) rb[co] = load_as<T>(bias + (g * cout_g + co) * d.bias_stride);
      }
      if (!gemm_packed<T>(par, cout_g, P, K, wm + g * cout_g * lda, lda, pack, pack_ctx, out, ldc, rb)) {
        return false;
      }
      if (!y_direct) {
        const T* src = ybuf.as<T>();
        for (int64_t co = 0; co < cout_g; ++co) {
          S* yc = y + n * d.ys[0] + (g * cout_g + co) * d.ys[1];
          int64_t p = 0;
          for (int64_t oz = 0; oz < d.out[0]; ++oz)
            for (int64_t oy = 0; oy < d.out[1]; ++oy)
              for (int64_t ox = 0; ox < d.out[2]; ++ox) yc[oz * d.ys[2] + oy * d.ys[3] + ox * d.ys[4]] = S(src[co * P + p++]);
        }
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Transposed: col = W^T @ X (GEMM), then col2im.

template <typename T> constexpr DType dtype_of();
template <> constexpr DType dtype_of<float>() { return DType::Float32; }
template <> constexpr DType dtype_of<double>() { return DType::Float64; }

template <typename T, typename S>
bool conv_transposed(const Parallel& par, const ConvDesc& d) {
  const S* x = reinterpret_cast<const S*>(d.x);
  const S* w = reinterpret_cast<const S*>(d.w);
  const S* bias = reinterpret_cast<const S*>(d.bias);
  S* y = reinterpret_cast<S*>(d.y);
  const int64_t cin_g = d.cin / d.groups, cout_g = d.cout / d.groups;
  const int64_t kvol = d.kernel[0] * d.kernel[1] * d.kernel[2];
  const int64_t Pin = d.in[0] * d.in[1] * d.in[2];
  const int64_t Pout = d.out[0] * d.out[1] * d.out[2];
  if (Pout == 0 || d.cout == 0 || d.batch == 0) return true;
  const int64_t rows = cout_g * kvol;
  // scratch: weight [cin, cout_g * kvol] in T, input [cin_g, Pin] in T, col [rows, Pin], out [cout_g, Pout]
  const size_t wsz = static_cast<size_t>(d.cin * rows), xsz = static_cast<size_t>(cin_g * Pin);
  const size_t csz = static_cast<size_t>(rows * Pin), osz = static_cast<size_t>(cout_g * Pout);
  Scratch s(par, (wsz + xsz + csz + osz) * sizeof(T));
  if (!s.p) return false;
  T* wt = s.as<T>();
  T* xt = wt + wsz;
  T* col = xt + xsz;
  T* ot = col + csz;
  for (int64_t ci = 0; ci < d.cin; ++ci) {
    T* row = wt + ci * rows;
    int64_t q = 0;
    for (int64_t co = 0; co < cout_g; ++co)
      for (int64_t kz = 0; kz < d.kernel[0]; ++kz)
        for (int64_t ky = 0; ky < d.kernel[1]; ++ky)
          for (int64_t kx = 0; kx < d.kernel[2]; ++kx)
            row[q++] = load_as<T>(w + ci * d.ws[0] + co * d.ws[1] + kz * d.ws[2] + ky * d.ws[3] + kx * d.ws[4]);
  }
  const GemmFns* gf = gemm_fns();
  for (int64_t n = 0; n < d.batch; ++n) {
    for (int64_t g = 0; g < d.groups; ++g) {
      for (int64_t c = 0; c < cin_g; ++c) {
        const S* xc = x + n * d.xs[0] + (g * cin_g + c) * d.xs[1];
        T* xr = xt + c * Pin;
        int64_t p = 0;
        for (int64_t iz = 0; iz < d.in[0]; ++iz)
          for (int64_t iy = 0; iy < d.in[1]; ++iy)
            for (int64_t ix = 0; ix < d.in[2]; ++ix) xr[p++] = load_as<T>(xc + iz * d.xs[2] + iy * d.xs[3] + ix * d.xs[4]);
      }
      // col[rows, Pin] = Wg^T[rows, cin_g] @ X[cin_g, Pin]; Wg^T has row stride 1, column stride rows.
      GemmDesc gd;
      gd.dtype = dtype_of<T>();
      gd.batch = 1;
      gd.m = rows;
      gd.n = Pin;
      gd.k = cin_g;
      gd.a = reinterpret_cast<const char*>(wt + g * cin_g * rows);
      gd.a_bs = 0;
      gd.a_rs = 1;
      gd.a_cs = rows;
      gd.b = reinterpret_cast<const char*>(xt);
      gd.b_bs = 0;
      gd.b_rs = Pin;
      gd.b_cs = 1;
      gd.c = reinterpret_cast<char*>(col);
      gd.c_bs = 0;
      gd.c_rs = Pin;
      gd.c_cs = 1;
      gd.alpha = 1;
      gd.beta = 0;
      if (Pin > 0 && !gf->gemm(par, gd)) return false;
      // col2im, parallel over output channels
      parallel_for(par, 0, cout_g, 1, [&](int64_t c0, int64_t c1) {
        for (int64_t co = c0; co < c1; ++co) {
          T* o = ot + co * Pout;
          const T b = d.has_bias ? load_as<T>(bias + (g * cout_g + co) * d.bias_stride) : T(0);
          for (int64_t p = 0; p < Pout; ++p) o[p] = b;
          for (int64_t kz = 0; kz < d.kernel[0]; ++kz)
            for (int64_t ky = 0; ky < d.kernel[1]; ++ky)
              for (int64_t kx = 0; kx < d.kernel[2]; ++kx) {
                const T* cr = col + ((co * d.kernel[0] + kz) * d.kernel[1] * d.kernel[2] + ky * d.kernel[2] + kx) * Pin;
                for (int64_t iz = 0; iz < d.in[0]; ++iz) {
                  const int64_t oz = iz * d.stride[0] - d.pad[0] + kz * d.dil[0];
                  if (oz < 0 || oz >= d.out[0]) continue;
                  for (int64_t iy = 0; iy < d.in[1]; ++iy) {
                    const int64_t oy = iy * d.stride[1] - d.pad[1] + ky * d.dil[1];
                    if (oy < 0 || oy >= d.out[1]) continue;
                    const T* src = cr + (iz * d.in[1] + iy) * d.in[2];
                    T* dst = o + (oz * d.out[1] + oy) * d.out[2];
                    for (int64_t ix = 0; ix < d.in[2]; ++ix) {
                      const int64_t ox = ix * d.stride[2] - d.pad[2] + kx * d.dil[2];
                      if (ox >= 0 && ox < d.out[2]) dst[ox] += src[ix];
                    }
                  }
                }
              }
          S* yc = y + n * d.ys[0] + (g * cout_g + co) * d.ys[1];
          int64_t p = 0;
          for (int64_t oz = 0; oz < d.out[0]; ++oz)
            for (int64_t oy = 0; oy < d.out[1]; ++oy)
              for (int64_t ox = 0; ox < d.out[2]; ++ox) yc[oz * d.ys[2] + oy * d.ys[3] + ox * d.ys[4]] = S(o[p++]);
        }
      });
    }
  }
  return true;
}

template <typename T, typename S>
bool conv_typed(const Parallel& par, const ConvDesc& d) {
  if (kReference) {
    conv_reference<T, S>(d);
    return true;
  }
  return d.transposed ? conv_transposed<T, S>(par, d) : conv_forward<T, S>(par, d);
}

bool conv(const Parallel& par, const ConvDesc& d) {
  switch (d.dtype) {
    case DType::Float32: return conv_typed<float, float>(par, d);
    case DType::Float64: return conv_typed<double, double>(par, d);
    case DType::Float16: return conv_typed<float, Half>(par, d);
    case DType::BFloat16: return conv_typed<float, BFloat16>(par, d);
    default: return true;
  }
}

}  // namespace

const ConvFns* conv_fns() {
  static const ConvFns fns{conv};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(ConvFns, conv_fns)

namespace {

// conv(yBytes, xBytes, wBytes, biasBytes, params): params = [dtype, transposed, hasBias, batch, cin,
//   cout, groups, in[3], out[3], kernel[3], stride[3], pad[3], dil[3], xOffset, xStrides[5],
//   wOffset, wStrides[5], biasOffset, biasStride, yOffset, yStrides[5]]
Napi::Value Conv(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes yb = bytes_arg(info, 0), xb = bytes_arg(info, 1), wb = bytes_arg(info, 2), bb = bytes_arg(info, 3);
  size_t len;
  const double* p = meta_arg(info, 4, &len);
  if (len < 45) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  ConvDesc d;
  d.dtype = static_cast<DType>(static_cast<int32_t>(p[0]));
  const int64_t item = static_cast<int64_t>(item_size(d.dtype));
  d.transposed = p[1] != 0;
  d.has_bias = p[2] != 0;
  d.batch = as_i64(p[3]);
  d.cin = as_i64(p[4]);
  d.cout = as_i64(p[5]);
  d.groups = as_i64(p[6]);
  size_t at = 7;
  for (int64_t* arr : {d.in, d.out, d.kernel, d.stride, d.pad, d.dil}) {
    for (int i = 0; i < 3; ++i) arr[i] = as_i64(p[at++]);
  }
  d.x = xb.data + as_i64(p[at++]) * item;
  for (int i = 0; i < 5; ++i) d.xs[i] = as_i64(p[at++]);
  d.w = wb.data + as_i64(p[at++]) * item;
  for (int i = 0; i < 5; ++i) d.ws[i] = as_i64(p[at++]);
  d.bias = bb.data + as_i64(p[at++]) * item;
  d.bias_stride = as_i64(p[at++]);
  d.y = yb.data + as_i64(p[at++]) * item;
  for (int i = 0; i < 5; ++i) d.ys[i] = as_i64(p[at++]);
  if (!select_conv_fns(inst).conv(inst.parallel, d)) throw_status(info.Env(), Status{StatusCode::OutOfMemory});
  return info.Env().Undefined();
}

}  // namespace

void register_conv(Napi::Env env, Napi::Object exports) {
  exports.Set("conv", Napi::Function::New(env, Conv, "conv"));
}

}  // namespace tsjit
#endif

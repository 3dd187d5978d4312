// unary: out[i] = f(x[i]) for the element-wise functions of PyTorch (math, activations,
// rounding, predicates), x broadcast to out's sizes. The op codes are the order of
// TSJIT_UNARY_OPS, mirrored by UNARY_OPS in ../../src/unary.ts.
//
// Kinds: F floating dtypes only; N floating and integral; S every dtype (sign); I integral and
// bool (bitwise_not); P every dtype in, bool out (predicates).
#include "common.h"

#define TSJIT_UNARY_OPS(X)                                                                                  \
  X(Neg, N) X(Abs, N) X(Sign, S) X(Sgn, S) X(Sqrt, F) X(Rsqrt, F) X(Reciprocal, F) X(Square, N) X(Exp, F)   \
  X(Exp2, F) X(Expm1, F) X(Log, F) X(Log2, F) X(Log10, F) X(Log1p, F) X(Sin, F) X(Cos, F) X(Tan, F)          \
  X(Asin, F) X(Acos, F) X(Atan, F) X(Sinh, F) X(Cosh, F) X(Tanh, F) X(Asinh, F) X(Acosh, F) X(Atanh, F)     \
  X(Sigmoid, F) X(LogSigmoid, F) X(Erf, F) X(Erfc, F) X(Erfinv, F) X(Lgamma, F) X(Digamma, F) X(Floor, N)   \
  X(Ceil, N) X(Round, N) X(Trunc, N) X(Frac, F) X(Relu, N) X(Relu6, N) X(Gelu, F) X(GeluTanh, F) X(Silu, F) \
  X(Mish, F) X(Hardswish, F) X(Hardsigmoid, F) X(Softplus, F) X(Elu, F) X(LeakyRelu, F) X(Hardtanh, N)      \
  X(Threshold, N) X(LogicalNot, P) X(BitwiseNot, I) X(IsNan, P) X(IsInf, P) X(IsFinite, P) X(NanToNum, N)

namespace tsjit {
enum UnaryOp : int {
#define TSJIT_X(name, kind) kU##name,
  TSJIT_UNARY_OPS(TSJIT_X)
#undef TSJIT_X
  kUnaryOpCount
};
// Op parameters (meaning per op, see unary.ts): softplus (beta, threshold), elu (alpha, scale,
// input_scale), leaky_relu (slope), hardtanh (min, max), threshold (threshold, value),
// nan_to_num (nan, posinf, neginf).
struct UnaryParams {
  double a, b, c;
};
}  // namespace tsjit

struct UnaryFns {
  tsjit::Status (*unary)(const tsjit::Parallel& par, int op, const tsjit::Geometry& g, const tsjit::Operand* ops,
                         const tsjit::UnaryParams& prm);
};

#ifdef TSJIT_ISA
#include <math.h>

#include "elementwise.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

enum Kind { F, N, S, I, P };
constexpr Kind kKinds[] = {
#define TSJIT_X(name, kind) kind,
    TSJIT_UNARY_OPS(TSJIT_X)
#undef TSJIT_X
};

constexpr double kPi = 3.14159265358979323846;

// erfinv in double: a closed-form first guess refined by Halley steps on erf (or on erfc near
// |y| = 1, where 1 - |y| is exact).
inline double erfinv_d(double y) {
  if (!(y >= -1.0 && y <= 1.0)) return std::numeric_limits<double>::quiet_NaN();
  if (y == 1.0) return std::numeric_limits<double>::infinity();
  if (y == -1.0) return -std::numeric_limits<double>::infinity();
  if (y == 0.0) return y;
  const double a = std::fabs(y);
  const double l = std::log((1.0 - a) * (1.0 + a));
  const double t = 2.0 / (kPi * 0.147) + 0.5 * l;
  double x = std::sqrt(std::sqrt(t * t - l / 0.147) - t);
  for (int it = 0; it < 3; ++it) {
    const double d = 1.1283791670955126 * std::exp(-x * x);
    const double r = a <= 0.5 ? std::erf(x) - a : (1.0 - a) - std::erfc(x);
    x -= r / (d + x * r);
  }
  return std::copysign(x, y);
}

// digamma in double: reflection for negative x, recurrence up to 10, then the asymptotic series.
inline double digamma_d(double x) {
  if (x == 0.0) return std::copysign(std::numeric_limits<double>::infinity(), -x);
  double result = 0.0;
  if (x < 0.0) {
    if (x == std::floor(x)) return std::numeric_limits<double>::quiet_NaN();
    result = -kPi / std::tan(kPi * x);
    x = 1.0 - x;
  }
  while (x < 10.0) {
    result -= 1.0 / x;
    x += 1.0;
  }
  const double z = 1.0 / (x * x);
  return result + std::log(x) - 0.5 / x -
         z * (1.0 / 12 - z * (1.0 / 120 - z * (1.0 / 252 - z * (1.0 / 240 - z * (1.0 / 132)))));
}

inline float lgamma_of(float x) {
  int sign;
  return lgammaf_r(x, &sign);
}
inline double lgamma_of(double x) {
  int sign;
  return lgamma_r(x, &sign);
}

template <typename C> struct Prm {
  C a, b, c;
  explicit Prm(const UnaryParams& p) : a(cv(p.a)), b(cv(p.b)), c(cv(p.c)) {}
  static C cv(double v) {
    if constexpr (std::is_floating_point<C>::value) return static_cast<C>(v);
    else if constexpr (std::is_same<C, bool>::value) return v != 0;
    else return convert<C, double>(v);
  }
};

template <typename C> inline C clamp_keepnan(C x, C lo, C hi) {
  const C t = x < lo ? lo : x;
  return t > hi ? hi : t;
}

// The floating-point definitions (C is float or double), PyTorch's formulas.
template <int OP, typename C>
inline C fop(C x, const Prm<C>& p) {
  constexpr C zero = C(0), one = C(1);
  if constexpr (OP == kUNeg) return -x;
  else if constexpr (OP == kUAbs) return std::fabs(x);
  else if constexpr (OP == kUSign || OP == kUSgn) return static_cast<C>((zero < x) - (x < zero));
  else if constexpr (OP == kUSqrt) return std::sqrt(x);
  else if constexpr (OP == kURsqrt) return one / std::sqrt(x);
  else if constexpr (OP == kUReciprocal) return one / x;
  else if constexpr (OP == kUSquare) return x * x;
  else if constexpr (OP == kUExp) return std::exp(x);
  else if constexpr (OP == kUExp2) return std::exp2(x);
  else if constexpr (OP == kUExpm1) return std::expm1(x);
  else if constexpr (OP == kULog) return std::log(x);
  else if constexpr (OP == kULog2) return std::log2(x);
  else if constexpr (OP == kULog10) return std::log10(x);
  else if constexpr (OP == kULog1p) return std::log1p(x);
  else if constexpr (OP == kUSin) return std::sin(x);
  else if constexpr (OP == kUCos) return std::cos(x);
  else if constexpr (OP == kUTan) return std::tan(x);
  else if constexpr (OP == kUAsin) return std::asin(x);
  else if constexpr (OP == kUAcos) return std::acos(x);
  else if constexpr (OP == kUAtan) return std::atan(x);
  else if constexpr (OP == kUSinh) return std::sinh(x);
  else if constexpr (OP == kUCosh) return std::cosh(x);
  else if constexpr (OP == kUTanh) return std::tanh(x);
  else if constexpr (OP == kUAsinh) return std::asinh(x);
  else if constexpr (OP == kUAcosh) return std::acosh(x);
  else if constexpr (OP == kUAtanh) return std::atanh(x);
  else if constexpr (OP == kUSigmoid) return one / (one + std::exp(-x));
  else if constexpr (OP == kULogSigmoid) {
    const C m = x < zero ? x : zero;
    return (x != x ? x : m) - std::log1p(std::exp(-std::fabs(x)));
  } else if constexpr (OP == kUErf) return std::erf(x);
  else if constexpr (OP == kUErfc) return std::erfc(x);
  else if constexpr (OP == kUErfinv) return static_cast<C>(erfinv_d(static_cast<double>(x)));
  else if constexpr (OP == kULgamma) return lgamma_of(x);
  else if constexpr (OP == kUDigamma) return static_cast<C>(digamma_d(static_cast<double>(x)));
  else if constexpr (OP == kUFloor) return std::floor(x);
  else if constexpr (OP == kUCeil) return std::ceil(x);
  else if constexpr (OP == kURound) return std::nearbyint(x);
  else if constexpr (OP == kUTrunc) return std::trunc(x);
  else if constexpr (OP == kUFrac) return x - std::trunc(x);
  else if constexpr (OP == kURelu) return x < zero ? zero : x;
  else if constexpr (OP == kURelu6) return clamp_keepnan<C>(x, zero, C(6));
  else if constexpr (OP == kUGelu) return C(0.5) * x * (one + std::erf(x * C(0.70710678118654752440)));
  else if constexpr (OP == kUGeluTanh) {
    const C inner = C(0.79788456080286535588) * (x + C(0.044715) * x * x * x);
    return C(0.5) * x * (one + std::tanh(inner));
  } else if constexpr (OP == kUSilu) return x / (one + std::exp(-x));
  else if constexpr (OP == kUMish) return x * std::tanh(std::log1p(std::exp(x)));
  else if constexpr (OP == kUHardswish) return x * clamp_keepnan<C>(x + C(3), zero, C(6)) / C(6);
  else if constexpr (OP == kUHardsigmoid) return clamp_keepnan<C>(x + C(3), zero, C(6)) / C(6);
  else if constexpr (OP == kUSoftplus) return x * p.a > p.b ? x : std::log1p(std::exp(x * p.a)) / p.a;
  else if constexpr (OP == kUElu) return x <= zero ? std::expm1(x * p.c) * (p.a * p.b) : x * p.b;
  else if constexpr (OP == kULeakyRelu) return x > zero ? x : x * p.a;
  else if constexpr (OP == kUHardtanh) return clamp_keepnan<C>(x, p.a, p.b);
  else if constexpr (OP == kUThreshold) return x <= p.a ? p.b : x;
  else if constexpr (OP == kUNanToNum) {
    constexpr C inf = std::numeric_limits<C>::infinity();
    return x != x ? p.a : (x == inf ? p.b : (x == -inf ? p.c : x));
  } else {
    static_assert(OP < 0, "not a floating op");
    return x;
  }
}

// Float32 vector definitions, where the op has one.
template <int OP> constexpr bool kHasVec = OP == kUExp || OP == kULog || OP == kUTanh || OP == kUSigmoid ||
                                           OP == kUErf || OP == kUGelu || OP == kUGeluTanh || OP == kUSilu;

template <int OP>
inline vfloat vop(vfloat x) {
  if constexpr (OP == kUExp) return vexp(x);
  else if constexpr (OP == kULog) return vlog(x);
  else if constexpr (OP == kUTanh) return vtanh(x);
  else if constexpr (OP == kUSigmoid) return vsigmoid(x);
  else if constexpr (OP == kUErf) return verf(x);
  else if constexpr (OP == kUGelu) return vgelu(x);
  else if constexpr (OP == kUGeluTanh) return 0.5f * x * (1.0f + vtanh(0.79788456080286535588f * (x + 0.044715f * x * x * x)));
  else if constexpr (OP == kUSilu) return x / (1.0f + vexp(-x));
  else return x;
}

// Integral definitions.
template <int OP, typename T>
inline T iop(T x, const Prm<T>& p) {
  if constexpr (OP == kUNeg) return wrap_neg<T>(x);
  else if constexpr (OP == kUAbs) {
    if constexpr (std::is_unsigned<T>::value) return x;
    else return x < 0 ? wrap_neg<T>(x) : x;
  } else if constexpr (OP == kUSign || OP == kUSgn) return static_cast<T>((T(0) < x) - (x < T(0)));
  else if constexpr (OP == kUSquare) return wrap_mul<T>(x, x);
  else if constexpr (OP == kUFloor || OP == kUCeil || OP == kURound || OP == kUTrunc || OP == kUNanToNum) return x;
  else if constexpr (OP == kURelu) return x < T(0) ? T(0) : x;
  else if constexpr (OP == kURelu6) return clamp_keepnan<T>(x, T(0), T(6));
  else if constexpr (OP == kUHardtanh) return clamp_keepnan<T>(x, p.a, p.b);
  else if constexpr (OP == kUThreshold) return x <= p.a ? p.b : x;
  else if constexpr (OP == kUBitwiseNot) return static_cast<T>(~x);
  else {
    static_assert(OP < 0, "not an integral op");
    return x;
  }
}

template <int OP, typename C>
inline bool pred(C x) {
  if constexpr (OP == kULogicalNot) return x == C(0);
  else if constexpr (std::is_floating_point<C>::value) {
    if constexpr (OP == kUIsNan) return x != x;
    else if constexpr (OP == kUIsInf) return std::fabs(x) == std::numeric_limits<C>::infinity();
    else return std::fabs(x) < std::numeric_limits<C>::infinity();
  } else {
    return OP == kUIsFinite;
  }
}

// The per-element function of op OP on storage type T (output O).
template <int OP, typename T>
struct Elem {
  static constexpr Kind kind = kKinds[OP];
  using O = typename std::conditional<kind == P, Bool, T>::type;
  using C = acc_t<T>;
  struct Fn {
    Prm<C> p;
    O operator()(T v) const {
      const C x = static_cast<C>(v);
      if constexpr (kind == P) return Bool(pred<OP, C>(x));
      else if constexpr (std::is_same<T, Bool>::value) {
        if constexpr (OP == kUBitwiseNot) return Bool(!x);
        else return Bool(x);  // sign, sgn
      } else if constexpr (is_floating_v<T>) return O(fop<OP, C>(x, p));
      else return iop<OP, T>(v, p);
    }
  };
};

template <int OP, typename T>
void unary_typed(const Parallel& par, const Geometry& g, const Operand* ops, const UnaryParams& prm) {
  using E = Elem<OP, T>;
  using O = typename E::O;
  const typename E::Fn fn{Prm<typename E::C>(prm)};
  constexpr bool vec = kHasVec<OP> && is_floating_v<T> && !std::is_same<T, double>::value;
  constexpr bool libm = kKinds[OP] == F && !vec && OP != kUSqrt && OP != kURsqrt && OP != kUReciprocal &&
                        OP != kUSquare && OP != kUFrac && OP != kURelu6 && OP != kUHardswish &&
                        OP != kUHardsigmoid && OP != kULeakyRelu && OP != kUHardtanh && OP != kUThreshold &&
                        OP != kUNanToNum && OP != kUFloor && OP != kUCeil && OP != kURound && OP != kUTrunc;
  const int64_t grain = vec ? kGrainVector : libm ? kGrainScalarMath : kGrainCheap;
  // Contiguous kernel: writes f(x[0..n)) to o.
  auto contig = [&fn](O* o, const T* x, int64_t n) {
    if constexpr (vec && std::is_same<T, float>::value) {
      map_f32(o, x, n, [](vfloat v) { return vop<OP>(v); });
    } else if constexpr (is_floating_v<T> && !std::is_same<T, float>::value && !std::is_same<T, double>::value &&
                         kKinds[OP] != P) {
      // 16-bit floats: through float32 blocks.
      const typename Elem<OP, float>::Fn ffn{fn.p};
      alignas(64) float buf[kBlock];
      for (int64_t i = 0; i < n; i += kBlock) {
        const int64_t m = n - i < kBlock ? n - i : kBlock;
        to_f32<T>(buf, x + i, m);
        if constexpr (vec) {
          map_f32(buf, buf, m, [](vfloat v) { return vop<OP>(v); });
        } else {
          for (int64_t j = 0; j < m; ++j) buf[j] = ffn(buf[j]);
        }
        from_f32<T>(o + i, buf, m);
      }
    } else {
      for (int64_t i = 0; i < n; ++i) o[i] = fn(x[i]);
    }
  };
  elementwise<2>(par, g, ops, grain, [&](char** p, const int64_t* s, int64_t n, bool stream) {
    if (!kReference && s[0] == static_cast<int64_t>(sizeof(O)) && aligned_for<O>(p[0]) && aligned_for<T>(p[1])) {
      O* o = reinterpret_cast<O*>(p[0]);
      if (s[1] == static_cast<int64_t>(sizeof(T))) {
        const T* x = reinterpret_cast<const T*>(p[1]);
        if (stream) {
          streamed<O>(o, n, [&](O* dst, int64_t i0, int64_t c) { contig(dst, x + i0, c); });
        } else {
          contig(o, x, n);
        }
        return;
      }
      if (s[1] == 0) {
        const O v = fn(ld<T>(p[1]));
        for (int64_t i = 0; i < n; ++i) o[i] = v;
        return;
      }
    }
    for (int64_t i = 0; i < n; ++i) st<O>(p[0] + i * s[0], fn(ld<T>(p[1] + i * s[1])));
  });
}

template <int OP>
Status unary_op(const Parallel& par, const Geometry& g, const Operand* ops, const UnaryParams& prm) {
  constexpr Kind kind = kKinds[OP];
  const DType dt = ops[1].dtype;
  bool done = false;
  if constexpr (kind == F) {
    TSJIT_DISPATCH_FLOATING(dt, { unary_typed<OP, T>(par, g, ops, prm); done = true; });
  } else if constexpr (kind == N) {
    TSJIT_DISPATCH_FLOATING(dt, { unary_typed<OP, T>(par, g, ops, prm); done = true; });
    TSJIT_DISPATCH_INTEGRAL(dt, { unary_typed<OP, T>(par, g, ops, prm); done = true; });
  } else if constexpr (kind == I) {
    TSJIT_DISPATCH_INTEGRAL(dt, { unary_typed<OP, T>(par, g, ops, prm); done = true; });
    if (dt == DType::Bool) {
      unary_typed<OP, Bool>(par, g, ops, prm);
      done = true;
    }
  } else {
    TSJIT_DISPATCH_ALL(dt, { unary_typed<OP, T>(par, g, ops, prm); done = true; });
  }
  return done ? Status{} : Status{StatusCode::InvalidArgument};
}

Status unary(const Parallel& par, int op, const Geometry& g, const Operand* ops, const UnaryParams& prm) {
  switch (op) {
#define TSJIT_X(name, kind) \
  case kU##name: return unary_op<kU##name>(par, g, ops, prm);
    TSJIT_UNARY_OPS(TSJIT_X)
#undef TSJIT_X
    default: return Status{StatusCode::InvalidArgument};
  }
}

}  // namespace

const UnaryFns* unary_fns() {
  static const UnaryFns fns{unary};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(UnaryFns, unary_fns)

namespace {

// unary(op, outBytes, xBytes, meta, a, b, c)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const int op = info[0].As<Napi::Number>().Int32Value();
  const Bytes bufs[2] = {bytes_arg(info, 1), bytes_arg(info, 2)};
  size_t len;
  const double* meta = meta_arg(info, 3, &len);
  Geometry g;
  Operand ops[2];
  if (!read_operands(meta, len, bufs, 2, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const UnaryParams prm{info[4].As<Napi::Number>().DoubleValue(), info[5].As<Napi::Number>().DoubleValue(),
                        info[6].As<Napi::Number>().DoubleValue()};
  const Status s = select_unary_fns(inst).unary(inst.parallel, op, g, ops, prm);
  if (!s.ok()) throw_status(info.Env(), s);
  return info.Env().Undefined();
}

}  // namespace

void register_unary(Napi::Env env, Napi::Object exports) {
  exports.Set("unary", Napi::Function::New(env, Unary, "unary"));
}

}  // namespace tsjit
#endif

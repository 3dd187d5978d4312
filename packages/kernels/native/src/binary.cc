// binary: out[i] = f(a[i], b[i]) with a and b broadcast to out's sizes (as zero strides). a and b
// share one dtype (the caller promotes); out has that dtype, or bool for comparisons and logical
// ops. Op codes are the order of TSJIT_BINARY_OPS, mirrored by BINARY_OPS in ../../src/binary.ts.
//
// Kinds: A every dtype; N floating and integral; F floating; C every dtype in, bool out;
// I integral and bool; Z integral.
// Integer division and remainder by zero report IntegerDivisionByZero; INT_MIN / -1 wraps.
#include "common.h"

#define TSJIT_BINARY_OPS(X)                                                                                  \
  X(Add, A) X(Sub, N) X(Mul, A) X(Div, F) X(DivTrunc, N) X(DivFloor, N) X(Remainder, N) X(Fmod, N) X(Pow, N) \
  X(Atan2, F) X(Maximum, A) X(Minimum, A) X(Fmax, A) X(Fmin, A) X(Hypot, F) X(Copysign, F) X(Xlogy, F)       \
  X(Eq, C) X(Ne, C) X(Lt, C) X(Le, C) X(Gt, C) X(Ge, C) X(LogicalAnd, C) X(LogicalOr, C) X(LogicalXor, C)    \
  X(BitwiseAnd, I) X(BitwiseOr, I) X(BitwiseXor, I) X(LeftShift, Z) X(RightShift, Z)

namespace tsjit {
enum BinaryOp : int {
#define TSJIT_X(name, kind) kB##name,
  TSJIT_BINARY_OPS(TSJIT_X)
#undef TSJIT_X
  kBinaryOpCount
};
}  // namespace tsjit

struct BinaryFns {
  // alpha scales b in add and sub.
  tsjit::Status (*binary)(const tsjit::Parallel& par, int op, const tsjit::Geometry& g, const tsjit::Operand* ops,
                          double alpha);
};

#ifdef TSJIT_ISA
#include "elementwise.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

enum Kind { A, N, F, C, I, Z };
constexpr Kind kKinds[] = {
#define TSJIT_X(name, kind) kind,
    TSJIT_BINARY_OPS(TSJIT_X)
#undef TSJIT_X
};

template <int OP> constexpr bool kDivides = OP == kBDivTrunc || OP == kBDivFloor || OP == kBRemainder || OP == kBFmod;

// Floor division of floats with Python's result (the quotient rounded toward -inf, computed from
// fmod so that it is exact where a / b rounds up to an integer).
template <typename X>
inline X div_floor_float(X a, X b) {
  if (b == X(0)) return a / b;
  const X mod = std::fmod(a, b);
  X div = (a - mod) / b;
  if (mod != X(0) && ((b < X(0)) != (mod < X(0)))) div -= X(1);
  if (div == X(0)) return std::copysign(X(0), a / b);
  X fl = std::floor(div);
  if (div - fl > X(0.5)) fl += X(1);
  return fl;
}

template <typename T>
inline T pow_int(T base, T exp) {
  if constexpr (std::is_signed<T>::value) {
    if (exp < 0) {
      if (base == 1) return 1;
      if (base == -1) return (exp & 1) ? T(-1) : T(1);
      return 0;
    }
  }
  T result = 1;
  while (exp) {
    if (exp & 1) result = wrap_mul<T>(result, base);
    exp = static_cast<T>(exp >> 1);
    base = wrap_mul<T>(base, base);
  }
  return result;
}

// Per-element function of op OP on compute type X (float for 16-bit floats); storage type T.
template <int OP, typename T>
struct Fn {
  using X = acc_t<T>;
  using O = typename std::conditional<kKinds[OP] == C, Bool, T>::type;
  X alpha;
  int* zero;  // set when an integer division by zero happened

  O operator()(X a, X b) const {
    if constexpr (kKinds[OP] == C) {
      if constexpr (OP == kBEq) return Bool(a == b);
      else if constexpr (OP == kBNe) return Bool(a != b);
      else if constexpr (OP == kBLt) return Bool(a < b);
      else if constexpr (OP == kBLe) return Bool(a <= b);
      else if constexpr (OP == kBGt) return Bool(a > b);
      else if constexpr (OP == kBGe) return Bool(a >= b);
      else if constexpr (OP == kBLogicalAnd) return Bool(a != X(0) && b != X(0));
      else if constexpr (OP == kBLogicalOr) return Bool(a != X(0) || b != X(0));
      else return Bool((a != X(0)) != (b != X(0)));
    } else if constexpr (std::is_same<T, Bool>::value) {
      if constexpr (OP == kBAdd) return Bool(a || (alpha && b));
      else if constexpr (OP == kBMul || OP == kBMinimum || OP == kBFmin || OP == kBBitwiseAnd) return Bool(a && b);
      else if constexpr (OP == kBMaximum || OP == kBFmax || OP == kBBitwiseOr) return Bool(a || b);
      else return Bool(a != b);  // bitwise_xor
    } else if constexpr (is_floating_v<T>) {
      return O(fop(a, b));
    } else {
      return iop(a, b);
    }
  }

  X fop(X a, X b) const {
    if constexpr (OP == kBAdd) return a + alpha * b;
    else if constexpr (OP == kBSub) return a - alpha * b;
    else if constexpr (OP == kBMul) return a * b;
    else if constexpr (OP == kBDiv) return a / b;
    else if constexpr (OP == kBDivTrunc) return std::trunc(a / b);
    else if constexpr (OP == kBDivFloor) return div_floor_float<X>(a, b);
    else if constexpr (OP == kBRemainder) {
      X mod = std::fmod(a, b);
      if (mod != X(0) && ((b < X(0)) != (mod < X(0)))) mod += b;
      return mod;
    } else if constexpr (OP == kBFmod) return std::fmod(a, b);
    else if constexpr (OP == kBPow) return std::pow(a, b);
    else if constexpr (OP == kBAtan2) return std::atan2(a, b);
    else if constexpr (OP == kBMaximum) return a != a ? a : (b != b ? b : (a < b ? b : a));
    else if constexpr (OP == kBMinimum) return a != a ? a : (b != b ? b : (b < a ? b : a));
    else if constexpr (OP == kBFmax) return std::fmax(a, b);
    else if constexpr (OP == kBFmin) return std::fmin(a, b);
    else if constexpr (OP == kBHypot) return std::hypot(a, b);
    else if constexpr (OP == kBCopysign) return std::copysign(a, b);
    else if constexpr (OP == kBXlogy) return b != b ? b : (a == X(0) ? X(0) : a * std::log(b));
    else {
      static_assert(OP < 0, "not a floating op");
      return a;
    }
  }

  T iop(T a, T b) const {
    if constexpr (OP == kBAdd) return wrap_add<T>(a, wrap_mul<T>(alpha, b));
    else if constexpr (OP == kBSub) return wrap_sub<T>(a, wrap_mul<T>(alpha, b));
    else if constexpr (OP == kBMul) return wrap_mul<T>(a, b);
    else if constexpr (kDivides<OP>) {
      if (b == 0) {
        *zero = 1;
        return 0;
      }
      if constexpr (std::is_signed<T>::value) {
        if (b == -1) return (OP == kBDivTrunc || OP == kBDivFloor) ? wrap_neg<T>(a) : T(0);
      }
      if constexpr (OP == kBDivTrunc) return static_cast<T>(a / b);
      else if constexpr (OP == kBFmod) return static_cast<T>(a % b);
      else if constexpr (OP == kBDivFloor) {
        const T q = static_cast<T>(a / b), r = static_cast<T>(a % b);
        return (r != 0 && ((r < 0) != (b < 0))) ? static_cast<T>(q - 1) : q;
      } else {
        const T r = static_cast<T>(a % b);
        return (r != 0 && ((r < 0) != (b < 0))) ? static_cast<T>(r + b) : r;
      }
    } else if constexpr (OP == kBPow) return pow_int<T>(a, b);
    else if constexpr (OP == kBMaximum || OP == kBFmax) return a < b ? b : a;
    else if constexpr (OP == kBMinimum || OP == kBFmin) return b < a ? b : a;
    else if constexpr (OP == kBBitwiseAnd) return static_cast<T>(a & b);
    else if constexpr (OP == kBBitwiseOr) return static_cast<T>(a | b);
    else if constexpr (OP == kBBitwiseXor) return static_cast<T>(a ^ b);
    else if constexpr (OP == kBLeftShift || OP == kBRightShift) {
      constexpr int bits = static_cast<int>(sizeof(T) * 8);
      using U = typename std::make_unsigned<T>::type;
      const bool out_of_range = static_cast<typename std::make_signed<T>::type>(b) < 0 || static_cast<int64_t>(static_cast<U>(b)) >= bits;
      if constexpr (OP == kBLeftShift) {
        return out_of_range ? T(0) : static_cast<T>(static_cast<U>(static_cast<U>(a) << static_cast<int>(b)));
      } else {
        if (out_of_range) return a < T(0) ? T(-1) : T(0);
        return static_cast<T>(a >> static_cast<int>(b));
      }
    } else {
      static_assert(OP < 0, "not an integral op");
      return a;
    }
  }
};

// Float32 contiguous loops with a, b both contiguous (sa = sb = 1) or one of them a broadcast
// scalar (stride 0): plain loops GCC vectorizes.
template <int OP, typename T, typename O, typename Fun>
inline void contig(O* o, const char* pa, const char* pb, int64_t sa, int64_t sb, int64_t n, const Fun& f) {
  using X = acc_t<T>;
  const T* a = reinterpret_cast<const T*>(pa);
  const T* b = reinterpret_cast<const T*>(pb);
  if constexpr (std::is_same<T, Half>::value || std::is_same<T, BFloat16>::value) {
    // 16-bit floats: through float32 blocks.
    alignas(64) float fa[kBlock], fb[kBlock];
    if (sb == 0) fb[0] = static_cast<float>(b[0]);
    if (sa == 0) fa[0] = static_cast<float>(a[0]);
    for (int64_t i = 0; i < n; i += kBlock) {
      const int64_t m = n - i < kBlock ? n - i : kBlock;
      if (sa) to_f32<T>(fa, a + i, m);
      if (sb) to_f32<T>(fb, b + i, m);
      if constexpr (std::is_same<O, Bool>::value) {
        for (int64_t j = 0; j < m; ++j) o[i + j] = f(fa[sa ? j : 0], fb[sb ? j : 0]);
      } else {
        if (sa && sb) {
          for (int64_t j = 0; j < m; ++j) fa[j] = f.fop(fa[j], fb[j]);
        } else if (sb == 0) {
          const float bv = fb[0];
          for (int64_t j = 0; j < m; ++j) fa[j] = f.fop(fa[j], bv);
        } else {
          const float av = fa[0];
          for (int64_t j = 0; j < m; ++j) fb[j] = f.fop(av, fb[j]);
        }
        from_f32<T>(o + i, sa ? fa : fb, m);
      }
    }
  } else {
    if (sa && sb) {
      for (int64_t i = 0; i < n; ++i) o[i] = f(static_cast<X>(a[i]), static_cast<X>(b[i]));
    } else if (sb == 0) {
      const X bv = static_cast<X>(b[0]);
      for (int64_t i = 0; i < n; ++i) o[i] = f(static_cast<X>(a[i]), bv);
    } else {
      const X av = static_cast<X>(a[0]);
      for (int64_t i = 0; i < n; ++i) o[i] = f(av, static_cast<X>(b[i]));
    }
  }
}

template <int OP, typename T>
Status binary_typed(const Parallel& par, const Geometry& g, const Operand* ops, double alpha) {
  using F = Fn<OP, T>;
  using O = typename F::O;
  using X = typename F::X;
  int zero = 0;
  X a = std::is_same<T, Bool>::value ? X(alpha != 0) : static_cast<X>(convert<T, double>(alpha));
  if constexpr (is_floating_v<T>) a = static_cast<X>(alpha);
  const F f{a, &zero};
  constexpr bool cheap = !(is_floating_v<T> && (OP == kBPow || OP == kBAtan2 || OP == kBHypot || OP == kBXlogy ||
                                                 OP == kBRemainder || OP == kBFmod || OP == kBDivFloor)) &&
                         !(kDivides<OP> || OP == kBPow);
  const int64_t grain = cheap ? kGrainCheap : kGrainScalarMath;
  constexpr int64_t so = static_cast<int64_t>(sizeof(O)), si = static_cast<int64_t>(sizeof(T));
  elementwise<3>(par, g, ops, grain, [&](char** p, const int64_t* s, int64_t n, bool stream) {
    if (!kReference && s[0] == so && (s[1] == si || s[1] == 0) && (s[2] == si || s[2] == 0) && (s[1] | s[2]) != 0 &&
        aligned_for<O>(p[0]) && aligned_for<T>(p[1]) && aligned_for<T>(p[2])) {
      const int64_t sa = s[1] / si, sb = s[2] / si;
      O* o = reinterpret_cast<O*>(p[0]);
      if (stream) {
        streamed<O>(o, n, [&](O* dst, int64_t i0, int64_t c) {
          contig<OP, T>(dst, p[1] + i0 * s[1], p[2] + i0 * s[2], sa, sb, c, f);
        });
      } else {
        contig<OP, T>(o, p[1], p[2], sa, sb, n, f);
      }
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      st<O>(p[0] + i * s[0], f(static_cast<X>(ld<T>(p[1] + i * s[1])), static_cast<X>(ld<T>(p[2] + i * s[2]))));
    }
  });
  if (zero) return Status{StatusCode::IntegerDivisionByZero};
  return Status{};
}

template <int OP>
Status binary_op(const Parallel& par, const Geometry& g, const Operand* ops, double alpha) {
  constexpr Kind kind = kKinds[OP];
  const DType dt = ops[1].dtype;
  if constexpr (kind == F || kind == N || kind == A || kind == C) {
    TSJIT_DISPATCH_FLOATING(dt, { return binary_typed<OP, T>(par, g, ops, alpha); });
  }
  if constexpr (kind != F) {
    TSJIT_DISPATCH_INTEGRAL(dt, { return binary_typed<OP, T>(par, g, ops, alpha); });
  }
  if constexpr (kind == A || kind == C || kind == I) {
    if (dt == DType::Bool) return binary_typed<OP, Bool>(par, g, ops, alpha);
  }
  return Status{StatusCode::InvalidArgument};
}

Status binary(const Parallel& par, int op, const Geometry& g, const Operand* ops, double alpha) {
  switch (op) {
#define TSJIT_X(name, kind) \
  case kB##name: return binary_op<kB##name>(par, g, ops, alpha);
    TSJIT_BINARY_OPS(TSJIT_X)
#undef TSJIT_X
    default: return Status{StatusCode::InvalidArgument};
  }
}

}  // namespace

const BinaryFns* binary_fns() {
  static const BinaryFns fns{binary};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(BinaryFns, binary_fns)

namespace {

// binary(op, outBytes, aBytes, bBytes, meta, alpha)
Napi::Value Binary(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const int op = info[0].As<Napi::Number>().Int32Value();
  const Bytes bufs[3] = {bytes_arg(info, 1), bytes_arg(info, 2), bytes_arg(info, 3)};
  size_t len;
  const double* meta = meta_arg(info, 4, &len);
  Geometry g;
  Operand ops[3];
  if (!read_operands(meta, len, bufs, 3, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const Status s = select_binary_fns(inst).binary(inst.parallel, op, g, ops, info[5].As<Napi::Number>().DoubleValue());
  if (!s.ok()) throw_status(info.Env(), s);
  return info.Env().Undefined();
}

}  // namespace

void register_binary(Napi::Env env, Napi::Object exports) {
  exports.Set("binary", Napi::Function::New(env, Binary, "binary"));
}

}  // namespace tsjit
#endif

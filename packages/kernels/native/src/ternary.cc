// ternary: out[i] = f(a[i], b[i], c[i]) with the inputs broadcast to out's sizes:
//   where(cond, x, y)           a = cond (bool), b = x, c = y
//   clamp(x, lo, hi)            a = x; b = lo and c = hi when they are tensors (mode bits 1 and 2),
//                               else the scalars s0 and s1 (+-inf when absent)
//   lerp(start, end, weight)    a = start, b = end, c = weight when a tensor (mode bit 1), else s0
//   addcmul(self, t1, t2, v)    self + v * t1 * t2
//   addcdiv(self, t1, t2, v)    self + v * t1 / t2
// An input the op does not read (a scalar bound) is passed as any operand with zero strides.
#include "common.h"

namespace tsjit {
enum TernaryOp : int { kTWhere = 0, kTClamp = 1, kTLerp = 2, kTAddcmul = 3, kTAddcdiv = 4 };
}

struct TernaryFns {
  tsjit::Status (*ternary)(const tsjit::Parallel& par, int op, const tsjit::Geometry& g, const tsjit::Operand* ops,
                           double s0, double s1, int mode);
};

#ifdef TSJIT_ISA
#include "elementwise.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

// A double scalar in T's range (integer bounds of clamp: +-inf and out-of-range values saturate).
template <typename T>
inline acc_t<T> scalar_as(double v) {
  using X = acc_t<T>;
  if constexpr (std::is_floating_point<X>::value) {
    return static_cast<X>(v);
  } else if constexpr (std::is_same<T, Bool>::value) {
    return v != 0;
  } else {
    if (v != v) return 0;
    if (v <= static_cast<double>(std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    if (v >= static_cast<double>(std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(v);
  }
}

// OP's element function on storage types: A (first input), T (the others and the output).
// LO and HI: clamp bound is a tensor; W: lerp weight is a tensor.
template <int OP, typename T, bool TB, bool TC>
struct Fn {
  using X = acc_t<T>;
  using A = typename std::conditional<OP == kTWhere, Bool, T>::type;
  X s0, s1;

  T operator()(A av, T bv, T cv) const {
    if constexpr (OP == kTWhere) {
      return static_cast<bool>(av) ? bv : cv;
    } else {
      const X x = static_cast<X>(av);
      if constexpr (OP == kTClamp) {
        const X lo = TB ? static_cast<X>(bv) : s0;
        const X hi = TC ? static_cast<X>(cv) : s1;
        if constexpr (std::is_floating_point<X>::value) {
          const X t = (x < lo || lo != lo) ? lo : x;
          return T((t > hi || hi != hi) ? hi : t);
        } else {
          const X t = x < lo ? lo : x;
          return t > hi ? hi : t;
        }
      } else if constexpr (OP == kTLerp) {
        const X e = static_cast<X>(bv);
        const X w = TC ? static_cast<X>(cv) : s0;
        const X d = e - x;
        return T(std::fabs(w) < X(0.5) ? x + w * d : e - d * (X(1) - w));
      } else if constexpr (OP == kTAddcmul) {
        if constexpr (std::is_floating_point<X>::value) {
          return T(x + s0 * static_cast<X>(bv) * static_cast<X>(cv));
        } else {
          return wrap_add<T>(x, wrap_mul<T>(wrap_mul<T>(s0, bv), cv));
        }
      } else {
        return T(x + s0 * static_cast<X>(bv) / static_cast<X>(cv));
      }
    }
  }
};

template <int OP, typename T, bool TB, bool TC>
void ternary_typed(const Parallel& par, const Geometry& g, const Operand* ops, double s0, double s1) {
  using F = Fn<OP, T, TB, TC>;
  using A = typename F::A;
  const F f{scalar_as<T>(s0), scalar_as<T>(s1)};
  constexpr int64_t so = static_cast<int64_t>(sizeof(T)), sa_ = static_cast<int64_t>(sizeof(A));
  elementwise<4>(par, g, ops, kGrainCheap, [&](char** p, const int64_t* s, int64_t n, bool stream) {
    const bool fast = !kReference && s[0] == so && (s[1] == sa_ || s[1] == 0) && (s[2] == so || s[2] == 0) &&
                      (s[3] == so || s[3] == 0) && aligned_for<T>(p[0]) && aligned_for<A>(p[1]) &&
                      aligned_for<T>(p[2]) && aligned_for<T>(p[3]);
    if (fast) {
      auto run = [&](T* o, int64_t i0, int64_t m) {
        const A* a = reinterpret_cast<const A*>(p[1]) + (s[1] ? i0 : 0);
        const T* b = reinterpret_cast<const T*>(p[2]) + (s[2] ? i0 : 0);
        const T* c = reinterpret_cast<const T*>(p[3]) + (s[3] ? i0 : 0);
        if (s[1] && s[2] && s[3]) {
          for (int64_t i = 0; i < m; ++i) o[i] = f(a[i], b[i], c[i]);
        } else if (s[1] && !s[2] && !s[3]) {
          const T bv = b[0], cv = c[0];
          for (int64_t i = 0; i < m; ++i) o[i] = f(a[i], bv, cv);
        } else if (s[1] && s[2] && !s[3]) {
          const T cv = c[0];
          for (int64_t i = 0; i < m; ++i) o[i] = f(a[i], b[i], cv);
        } else if (s[1] && !s[2] && s[3]) {
          // where(mask, scalar, x): threshold_backward and masked fills. An explicit case, so that
          // the loop is a vector blend rather than a branch per element on a random mask.
          const T bv = b[0];
          for (int64_t i = 0; i < m; ++i) o[i] = f(a[i], bv, c[i]);
        } else {
          const int64_t ia = s[1] ? 1 : 0, ib = s[2] ? 1 : 0, ic = s[3] ? 1 : 0;
          for (int64_t i = 0; i < m; ++i) o[i] = f(a[i * ia], b[i * ib], c[i * ic]);
        }
      };
      T* o = reinterpret_cast<T*>(p[0]);
      if (stream) {
        streamed<T>(o, n, [&](T* dst, int64_t i0, int64_t m) { run(dst, i0, m); });
      } else {
        run(o, 0, n);
      }
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      st<T>(p[0] + i * s[0], f(ld<A>(p[1] + i * s[1]), ld<T>(p[2] + i * s[2]), ld<T>(p[3] + i * s[3])));
    }
  });
}

template <int OP, bool TB, bool TC>
bool ternary_dtype(const Parallel& par, const Geometry& g, const Operand* ops, double s0, double s1) {
  // The dtype of the computation: the output's.
  const DType dt = ops[0].dtype;
  bool done = false;
  TSJIT_DISPATCH_FLOATING(dt, { ternary_typed<OP, T, TB, TC>(par, g, ops, s0, s1); done = true; });
  if constexpr (OP != kTLerp && OP != kTAddcdiv) {
    TSJIT_DISPATCH_INTEGRAL(dt, { ternary_typed<OP, T, TB, TC>(par, g, ops, s0, s1); done = true; });
  }
  if constexpr (OP == kTWhere) {
    if (dt == DType::Bool) {
      ternary_typed<OP, Bool, TB, TC>(par, g, ops, s0, s1);
      done = true;
    }
  }
  return done;
}

Status ternary(const Parallel& par, int op, const Geometry& g, const Operand* ops, double s0, double s1, int mode) {
  bool done = false;
  switch (op) {
    case kTWhere: done = ternary_dtype<kTWhere, true, true>(par, g, ops, s0, s1); break;
    case kTClamp:
      switch (mode & 3) {
        case 0: done = ternary_dtype<kTClamp, false, false>(par, g, ops, s0, s1); break;
        case 1: done = ternary_dtype<kTClamp, true, false>(par, g, ops, s0, s1); break;
        case 2: done = ternary_dtype<kTClamp, false, true>(par, g, ops, s0, s1); break;
        default: done = ternary_dtype<kTClamp, true, true>(par, g, ops, s0, s1); break;
      }
      break;
    case kTLerp:
      done = (mode & 2) ? ternary_dtype<kTLerp, true, true>(par, g, ops, s0, s1)
                        : ternary_dtype<kTLerp, true, false>(par, g, ops, s0, s1);
      break;
    case kTAddcmul: done = ternary_dtype<kTAddcmul, true, true>(par, g, ops, s0, s1); break;
    case kTAddcdiv: done = ternary_dtype<kTAddcdiv, true, true>(par, g, ops, s0, s1); break;
    default: break;
  }
  return done ? Status{} : Status{StatusCode::InvalidArgument};
}

}  // namespace

const TernaryFns* ternary_fns() {
  static const TernaryFns fns{ternary};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(TernaryFns, ternary_fns)

namespace {

// ternary(op, outBytes, aBytes, bBytes, cBytes, meta, s0, s1, mode)
Napi::Value Ternary(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const int op = info[0].As<Napi::Number>().Int32Value();
  const Bytes bufs[4] = {bytes_arg(info, 1), bytes_arg(info, 2), bytes_arg(info, 3), bytes_arg(info, 4)};
  size_t len;
  const double* meta = meta_arg(info, 5, &len);
  Geometry g;
  Operand ops[4];
  if (!read_operands(meta, len, bufs, 4, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const Status s = select_ternary_fns(inst).ternary(inst.parallel, op, g, ops, info[6].As<Napi::Number>().DoubleValue(),
                                                    info[7].As<Napi::Number>().DoubleValue(),
                                                    info[8].As<Napi::Number>().Int32Value());
  if (!s.ok()) throw_status(info.Env(), s);
  return info.Env().Undefined();
}

}  // namespace

void register_ternary(Napi::Env env, Napi::Object exports) {
  exports.Set("ternary", Napi::Function::New(env, Ternary, "ternary"));
}

}  // namespace tsjit
#endif

// Scans along one dimension: cumsum, cumprod, logcumsumexp (scan), cummax / cummin with indices
// (scan_index). Accumulation as PyTorch's CPU kernels: float64 for floating inputs, int64 for
// integers and bool; the output dtype is the caller's (converted on store).
//
// Each run along the scanned dimension is sequential. Runs are threaded; when the runs sit next to
// each other in memory (the scanned dimension is not the innermost and the innermost other one is
// contiguous for every operand), a block of neighbouring runs is scanned together so that every
// step touches contiguous memory instead of striding through it run by run.
#include "common.h"

struct ScanFns {
  void (*scan)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int dim, int op);
  // ops: values, x, indices
  void (*scan_index)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, int dim,
                     bool max);
};

enum ScanOpCode : int { kCumsum = 0, kCumprod = 1, kLogCumSumExp = 2 };

#ifdef TSJIT_ISA
#include "kernel.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

template <typename T>
inline acc_t<T> ld(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return static_cast<acc_t<T>>(v);
}

template <typename V>
void put(DType d, char* p, V v) {
  TSJIT_DISPATCH_ALL(d, {
    const T t = convert<T, V>(v);
    std::memcpy(p, &t, sizeof(T));
  });
}

template <typename T> using Wide = typename std::conditional<is_floating_v<T>, double, int64_t>::type;

inline int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
inline int64_t wrap_mul(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b)); }
inline double wrap_add(double a, double b) { return a + b; }
inline double wrap_mul(double a, double b) { return a * b; }

inline double log_add_exp(double r, double x) {
  if (r != r || x != x) return std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  if (r == -inf) return x;
  if (x == -inf) return r;
  const double m = r > x ? r : x;
  if (m == inf) return inf;
  return m + std::log1p(std::exp(-std::fabs(r - x)));
}

// One accumulator per run; step consumes the value at position i along the dim and writes out.
template <typename T>
struct SumProdLse {
  using A = Wide<T>;
  DType od;
  int op;
  A init() const {
    if (op == kCumprod) return A(1);
    if (op == kLogCumSumExp) return static_cast<A>(-std::numeric_limits<double>::infinity());
    return A(0);
  }
  void step(A& a, acc_t<T> v, int64_t, char* out, char*) const {
    if (op == kCumsum) a = wrap_add(a, static_cast<A>(v));
    else if (op == kCumprod) a = wrap_mul(a, static_cast<A>(v));
    else if constexpr (std::is_same<A, double>::value) a = log_add_exp(a, static_cast<double>(v));
    put<A>(od, out, a);
  }
};

// cummax / cummin: ties and NaN move the index forward, as PyTorch (v >= best, or v is NaN).
template <typename T, bool kMax>
struct CumExtreme {
  using V = acc_t<T>;
  struct A {
    V v;
    int64_t i;
  };
  DType od;
  A init() const { return A{V(0), -1}; }
  void step(A& a, V v, int64_t i, char* out, char* idx) const {
    bool take = a.i < 0;
    if constexpr (std::is_floating_point<V>::value) take = take || v != v;
    take = take || (kMax ? v >= a.v : v <= a.v);
    if (take) { a.v = v; a.i = i; }
    put<V>(od, out, a.v);
    std::memcpy(idx, &a.i, 8);
  }
};

constexpr int kLanes = 32;

// ops: out, x, (indices). Works for both scan kinds.
template <typename T, typename Op, int N>
void run_scan(const Parallel& par, const Geometry& g, const Operand* ops, int dim, const Op& op) {
  int64_t numel = 1;
  for (int d = 0; d < g.ndim; ++d) numel *= g.sizes[d];
  if (numel == 0) return;
  // The other dims (size-1 dropped), in order; the scanned dim's byte strides.
  int nd = 0;
  int64_t sizes[kMaxDims], strides[N][kMaxDims], s_dim[N];
  for (int k = 0; k < N; ++k) s_dim[k] = g.ndim == 0 ? 0 : ops[k].strides[dim] * static_cast<int64_t>(item_size(ops[k].dtype));
  for (int d = 0; d < g.ndim; ++d) {
    if (d == dim || g.sizes[d] == 1) continue;
    sizes[nd] = g.sizes[d];
    for (int k = 0; k < N; ++k) strides[k][nd] = ops[k].strides[d] * static_cast<int64_t>(item_size(ops[k].dtype));
    ++nd;
  }
  const int64_t n = g.ndim == 0 ? 1 : g.sizes[dim];
  const int64_t runs = numel / n;
  auto base = [&](int64_t run, char** p) {
    for (int k = 0; k < N; ++k) p[k] = ops[k].data;
    for (int d = nd - 1; d >= 0; --d) {
      const int64_t i = run % sizes[d];
      run /= sizes[d];
      for (int k = 0; k < N; ++k) p[k] += i * strides[k][d];
    }
  };
  using A = typename Op::A;
  bool lanes = !kReference && nd > 0 && sizes[nd - 1] >= 4;
  for (int k = 0; k < N && lanes; ++k) lanes = strides[k][nd - 1] == static_cast<int64_t>(item_size(ops[k].dtype));
  if (lanes) {
    const int64_t n0 = sizes[nd - 1];
    const int64_t blocks = (n0 + kLanes - 1) / kLanes;
    const int64_t units = (runs / n0) * blocks;
    parallel_for(par, 0, units, 16384 / (n * kLanes) + 1, [&](int64_t ub, int64_t ue) {
      for (int64_t u = ub; u < ue; ++u) {
        const int64_t j0 = (u % blocks) * kLanes;
        const int64_t w = n0 - j0 < kLanes ? n0 - j0 : kLanes;
        char* p[N];
        base((u / blocks) * n0 + j0, p);
        A acc[kLanes];
        for (int64_t j = 0; j < w; ++j) acc[j] = op.init();
        for (int64_t i = 0; i < n; ++i) {
          const T* xv = reinterpret_cast<const T*>(p[1] + i * s_dim[1]);
          char* o = p[0] + i * s_dim[0];
          char* ix = N > 2 ? p[N - 1] + i * s_dim[N - 1] : nullptr;
          const int64_t so = static_cast<int64_t>(item_size(ops[0].dtype));
          for (int64_t j = 0; j < w; ++j) op.step(acc[j], static_cast<acc_t<T>>(xv[j]), i, o + j * so, ix ? ix + j * 8 : nullptr);
        }
      }
    });
    return;
  }
  parallel_for(par, 0, runs, 16384 / n + 1, [&](int64_t b, int64_t e) {
    for (int64_t r = b; r < e; ++r) {
      char* p[N];
      base(r, p);
      A a = op.init();
      for (int64_t i = 0; i < n; ++i) {
        op.step(a, ld<T>(p[1] + i * s_dim[1]), i, p[0] + i * s_dim[0], N > 2 ? p[N - 1] + i * s_dim[N - 1] : nullptr);
      }
    }
  });
}

void scan(const Parallel& par, const Geometry& g, const Operand* ops, int dim, int op) {
  TSJIT_DISPATCH_ALL(ops[1].dtype, { run_scan<T, SumProdLse<T>, 2>(par, g, ops, dim, SumProdLse<T>{ops[0].dtype, op}); });
}

void scan_index(const Parallel& par, const Geometry& g, const Operand* ops, int dim, bool max) {
  TSJIT_DISPATCH_ALL(ops[1].dtype, {
    if (max) run_scan<T, CumExtreme<T, true>, 3>(par, g, ops, dim, CumExtreme<T, true>{ops[0].dtype});
    else run_scan<T, CumExtreme<T, false>, 3>(par, g, ops, dim, CumExtreme<T, false>{ops[0].dtype});
  });
}

}  // namespace

const ScanFns* scan_fns() {
  static const ScanFns fns{scan, scan_index};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(ScanFns, scan_fns)

namespace {

// scan(outBytes, xBytes, meta, dim, op)
Napi::Value Scan(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[2] = {bytes_arg(info, 0), bytes_arg(info, 1)};
  size_t len;
  const double* meta = meta_arg(info, 2, &len);
  Geometry g;
  Operand ops[2];
  if (!read_operands(meta, len, bufs, 2, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int dim = info[3].As<Napi::Number>().Int32Value();
  if (g.ndim > 0 && (dim < 0 || dim >= g.ndim)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_scan_fns(inst).scan(inst.parallel, g, ops, dim, info[4].As<Napi::Number>().Int32Value());
  return info.Env().Undefined();
}

// scanIndex(valuesBytes, xBytes, indicesBytes, meta, dim, max)
Napi::Value ScanIndex(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[3] = {bytes_arg(info, 0), bytes_arg(info, 1), bytes_arg(info, 2)};
  size_t len;
  const double* meta = meta_arg(info, 3, &len);
  Geometry g;
  Operand ops[3];
  if (!read_operands(meta, len, bufs, 3, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  const int dim = info[4].As<Napi::Number>().Int32Value();
  if (g.ndim > 0 && (dim < 0 || dim >= g.ndim)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_scan_fns(inst).scan_index(inst.parallel, g, ops, dim, info[5].As<Napi::Boolean>().Value());
  return info.Env().Undefined();
}

}  // namespace

void register_scan(Napi::Env env, Napi::Object exports) {
  exports.Set("scan", Napi::Function::New(env, Scan, "scan"));
  exports.Set("scanIndex", Napi::Function::New(env, ScanIndex, "scanIndex"));
}

}  // namespace tsjit
#endif

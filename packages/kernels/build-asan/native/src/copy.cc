// copy: out[i] = convert<out dtype>(x[i]) over any two strided layouts (casts, contiguous(),
// copies into views). fill: out[i] = value.
#include "common.h"

struct CopyFns {
  void (*copy)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops);
  void (*fill)(const tsjit::Parallel& par, const tsjit::Geometry& g, const tsjit::Operand* ops, double value);
};

#ifdef TSJIT_ISA
#include "kernel.h"

namespace tsjit {
namespace TSJIT_ISA {
namespace {

template <typename To, typename From>
void copy_typed(const Parallel& par, const Geometry& g, const Operand* ops) {
  for_each<2>(par, g, ops, kElementwiseGrain, [](char** p, const int64_t* s, int64_t n) {
    char* out = p[0];
    const char* in = p[1];
    if (!kReference && s[0] == static_cast<int64_t>(sizeof(To)) && s[1] == static_cast<int64_t>(sizeof(From))) {
      if constexpr (std::is_same<To, From>::value) {
        std::memcpy(out, in, static_cast<size_t>(n) * sizeof(To));
      } else {
        To* o = reinterpret_cast<To*>(out);
        const From* x = reinterpret_cast<const From*>(in);
        for (int64_t i = 0; i < n; ++i) o[i] = convert<To, From>(x[i]);
      }
      return;
    }
    for (int64_t i = 0; i < n; ++i) {
      From v;
      std::memcpy(&v, in + i * s[1], sizeof(From));
      const To r = convert<To, From>(v);
      std::memcpy(out + i * s[0], &r, sizeof(To));
    }
  });
}

void copy(const Parallel& par, const Geometry& g, const Operand* ops) {
  TSJIT_DISPATCH_ALL(ops[0].dtype, {
    using To = T;
    TSJIT_DISPATCH_ALL(ops[1].dtype, { copy_typed<To, T>(par, g, ops); });
  });
}

void fill(const Parallel& par, const Geometry& g, const Operand* ops, double value) {
  TSJIT_DISPATCH_ALL(ops[0].dtype, {
    const T v = convert<T, double>(value);
    for_each<1>(par, g, ops, kElementwiseGrain, [v](char** p, const int64_t* s, int64_t n) {
      if (!kReference && s[0] == static_cast<int64_t>(sizeof(T))) {
        T* o = reinterpret_cast<T*>(p[0]);
        for (int64_t i = 0; i < n; ++i) o[i] = v;
        return;
      }
      for (int64_t i = 0; i < n; ++i) std::memcpy(p[0] + i * s[0], &v, sizeof(T));
    });
  });
}

}  // namespace

const CopyFns* copy_fns() {
  static const CopyFns fns{copy, fill};
  return &fns;
}

}  // namespace TSJIT_ISA
}  // namespace tsjit

#else  // N-API glue

#include "glue.h"

namespace tsjit {
TSJIT_DECLARE_ISA_TABLE(CopyFns, copy_fns)

namespace {

// copy(outBytes, xBytes, meta)
Napi::Value Copy(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[2] = {bytes_arg(info, 0), bytes_arg(info, 1)};
  size_t len;
  const double* meta = meta_arg(info, 2, &len);
  Geometry g;
  Operand ops[2];
  if (!read_operands(meta, len, bufs, 2, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_copy_fns(inst).copy(inst.parallel, g, ops);
  return info.Env().Undefined();
}

// fill(outBytes, meta, value)
Napi::Value Fill(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[1] = {bytes_arg(info, 0)};
  size_t len;
  const double* meta = meta_arg(info, 1, &len);
  Geometry g;
  Operand ops[1];
  if (!read_operands(meta, len, bufs, 1, &g, ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  select_copy_fns(inst).fill(inst.parallel, g, ops, info[2].As<Napi::Number>().DoubleValue());
  return info.Env().Undefined();
}

}  // namespace

void register_copy(Napi::Env env, Napi::Object exports) {
  exports.Set("copy", Napi::Function::New(env, Copy, "copy"));
  exports.Set("fill", Napi::Function::New(env, Fill, "fill"));
}

}  // namespace tsjit
#endif

#include "glue.h"

#include <cstdlib>
#include <cstring>
#include <string>

namespace tsjit {

Isa detected_isa() {
  static const Isa isa = [] {
#if defined(TSJIT_X86) && (defined(__GNUC__) || defined(__clang__))
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
        __builtin_cpu_supports("fma")) {
      return Isa::Avx512;
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c")) {
      return Isa::Avx2;
    }
#endif
    return Isa::Portable;
  }();
  return isa;
}

const char* isa_name(Isa isa) {
  switch (isa) {
    case Isa::Reference: return "reference";
    case Isa::Portable: return "portable";
    case Isa::Avx2: return "avx2";
    case Isa::Avx512: return "avx512";
  }
  return "unknown";
}

Instance& instance(Napi::Env env) { return *env.GetInstanceData<Instance>(); }

Bytes bytes_arg(const Napi::CallbackInfo& info, size_t index) {
  const Napi::Value v = info[index];
  if (!v.IsTypedArray()) {
    throw Napi::TypeError::New(info.Env(), "tsjit kernels: argument " + std::to_string(index) + " must be a Uint8Array");
  }
  // The C API, not Napi::TypedArray::ArrayBuffer(): the storage may be a SharedArrayBuffer, which
  // napi_get_arraybuffer_info rejects, while napi_get_typedarray_info accepts both.
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  napi_status st = napi_get_typedarray_info(info.Env(), v, &type, &length, &data, nullptr, nullptr);
  if (st != napi_ok) throw Napi::Error::New(info.Env(), "tsjit kernels: cannot read typed array argument");
  size_t elem = 1;
  switch (type) {
    case napi_int16_array: case napi_uint16_array: elem = 2; break;
    case napi_int32_array: case napi_uint32_array: case napi_float32_array: elem = 4; break;
    case napi_float64_array: case napi_bigint64_array: case napi_biguint64_array: elem = 8; break;
    default: elem = 1;
  }
  return Bytes{static_cast<char*>(data), length * elem};
}

const double* meta_arg(const Napi::CallbackInfo& info, size_t index, size_t* length) {
  const Napi::Value v = info[index];
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
    throw Napi::TypeError::New(info.Env(), "tsjit kernels: argument " + std::to_string(index) + " must be a Float64Array");
  }
  Napi::Float64Array a = v.As<Napi::Float64Array>();
  *length = a.ElementLength();
  return a.Data();
}

size_t read_operands(const double* meta, size_t meta_len, const Bytes* buffers, int count, Geometry* g,
                     Operand* ops) {
  // binding.ts has validated the record; these checks only keep a corrupted record from turning
  // into an out-of-bounds read of the record itself.
  if (meta_len < 1) return 0;
  const int nd = static_cast<int>(meta[0]);
  if (nd < 0 || nd > kMaxDims) return 0;
  const size_t need = 1 + static_cast<size_t>(nd) + static_cast<size_t>(count) * (2 + nd);
  if (meta_len < need) return 0;
  g->ndim = nd;
  for (int d = 0; d < nd; ++d) g->sizes[d] = as_i64(meta[1 + d]);
  size_t at = 1 + nd;
  for (int k = 0; k < count; ++k) {
    ops[k].dtype = static_cast<DType>(static_cast<int32_t>(meta[at]));
    const int64_t offset = as_i64(meta[at + 1]);
    ops[k].data = buffers[k].data + offset * static_cast<int64_t>(item_size(ops[k].dtype));
    for (int d = 0; d < nd; ++d) ops[k].strides[d] = as_i64(meta[at + 2 + d]);
    at += 2 + nd;
  }
  return at;
}

void throw_status(Napi::Env env, const Status& s) {
  switch (s.code) {
    case StatusCode::Ok: return;
    case StatusCode::IntegerDivisionByZero: {
      Napi::Error e = Napi::Error::New(env, "ZeroDivisionError");
      e.Set("code", Napi::String::New(env, "ERR_TSJIT_ZERO_DIVISION"));
      throw e;
    }
    case StatusCode::IndexOutOfRange: {
      Napi::Error e = Napi::RangeError::New(
          env, "index " + std::to_string(s.value) + " is out of bounds for dimension " + std::to_string(s.dim) +
                   " with size " + std::to_string(s.bound));
      e.Set("code", Napi::String::New(env, "ERR_TSJIT_INDEX_OUT_OF_RANGE"));
      throw e;
    }
    case StatusCode::OutOfMemory: {
      Napi::Error e = Napi::Error::New(env, "tsjit kernels: out of memory for scratch space");
      e.Set("code", Napi::String::New(env, "ERR_TSJIT_OUT_OF_MEMORY"));
      throw e;
    }
    default: {
      Napi::Error e = Napi::Error::New(env, "tsjit kernels: invalid argument");
      e.Set("code", Napi::String::New(env, "ERR_TSJIT_INVALID_ARGUMENT"));
      throw e;
    }
  }
}

}  // namespace tsjit

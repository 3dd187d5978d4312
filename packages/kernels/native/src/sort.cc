// sort / argsort, topk, kthvalue and median along one dimension, with int64 indices.
//
// All of it lives in the N-API glue section: sorting is comparison-bound work done well by
// std::sort / std::nth_element / std::partial_sort, which are out-of-line standard templates and so
// may not be instantiated in ISA code (see native/README.md); vector instructions would buy little
// here. Rows are independent and run on the instance's thread pool.
//
// Order: NaN sorts as the largest value (PyTorch); ties keep their original order (every mode
// compares (value, index), so sort is always stable and results are deterministic).
#include "common.h"

#ifndef TSJIT_ISA
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <new>
#include <vector>

#include "glue.h"

namespace tsjit {
namespace {

enum SortMode : int { kSort = 0, kTopk = 1, kKthValue = 2, kMedian = 3 };

float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1fu;
  uint32_t mant = h & 0x3ffu;
  uint32_t bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      mant &= 0x3ffu;
      bits = sign | (exp << 23) | (mant << 13);
    }
  } else if (exp == 0x1f) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

template <typename S>
S read_raw(const char* p) {
  S v;
  std::memcpy(&v, p, sizeof(S));
  return v;
}

// Keys: int64 for int64 (exact), double for everything else (exact for every other dtype).
double key_double(DType d, const char* p) {
  switch (d) {
    case DType::Float32: return read_raw<float>(p);
    case DType::Float64: return read_raw<double>(p);
    case DType::Float16: return half_to_float(read_raw<uint16_t>(p));
    case DType::BFloat16: {
      const uint32_t bits = static_cast<uint32_t>(read_raw<uint16_t>(p)) << 16;
      float f;
      std::memcpy(&f, &bits, 4);
      return f;
    }
    case DType::Int32: return read_raw<int32_t>(p);
    case DType::Int16: return read_raw<int16_t>(p);
    case DType::Int8: return read_raw<int8_t>(p);
    case DType::UInt8: return read_raw<uint8_t>(p);
    case DType::Bool: return read_raw<uint8_t>(p) != 0 ? 1.0 : 0.0;
    case DType::Int64: return static_cast<double>(read_raw<int64_t>(p));
  }
  return 0;
}

struct Job {
  Geometry g;
  Operand ops[3];  // values, indices, x
  int dim;
  int mode;
  int64_t k;
  bool desc;
  bool has_values;
  int nd;  // the dims other than dim
  int64_t sizes[kMaxDims];
  int64_t strides[3][kMaxDims];  // bytes
  int64_t n;
  std::atomic<bool> failed;
};

template <typename K>
bool is_nan_key(K v) {
  return v != v;  // never true for int64
}

template <typename K>
void sort_rows(Job& j, int64_t b, int64_t e) {
  const int64_t n = j.n;
  const int64_t sv = j.g.ndim == 0 ? 0 : j.ops[0].strides[j.dim] * static_cast<int64_t>(item_size(j.ops[0].dtype));
  const int64_t si = j.g.ndim == 0 ? 0 : j.ops[1].strides[j.dim] * 8;
  const int64_t sx = j.g.ndim == 0 ? 0 : j.ops[2].strides[j.dim] * static_cast<int64_t>(item_size(j.ops[2].dtype));
  const size_t item = item_size(j.ops[2].dtype);
  std::vector<K> key(static_cast<size_t>(n));
  std::vector<int64_t> idx(static_cast<size_t>(n));
  // The row's bytes, so that values may alias x (sorting in place).
  std::vector<char> raw(static_cast<size_t>(n) * item);
  // "before" in ascending order: a < b, NaN last.
  auto less = [](K a, K b) { return a < b || (is_nan_key(b) && !is_nan_key(a)); };
  for (int64_t row = b; row < e; ++row) {
    char* p[3] = {j.ops[0].data, j.ops[1].data, j.ops[2].data};
    int64_t rem = row;
    for (int d = j.nd - 1; d >= 0; --d) {
      const int64_t i = rem % j.sizes[d];
      rem /= j.sizes[d];
      for (int q = 0; q < 3; ++q) p[q] += i * j.strides[q][d];
    }
    for (int64_t i = 0; i < n; ++i) {
      const char* src = p[2] + i * sx;
      std::memcpy(raw.data() + i * item, src, item);
      if constexpr (std::is_same<K, int64_t>::value) key[i] = read_raw<int64_t>(src);
      else key[i] = key_double(j.ops[2].dtype, src);
      idx[i] = i;
    }
    auto asc = [&](int64_t a, int64_t c) {
      if (less(key[a], key[c])) return true;
      if (less(key[c], key[a])) return false;
      return a < c;
    };
    auto dsc = [&](int64_t a, int64_t c) {
      if (less(key[c], key[a])) return true;
      if (less(key[a], key[c])) return false;
      return a < c;
    };
    int64_t count = n;
    switch (j.mode) {
      case kSort:
        if (j.desc) std::sort(idx.begin(), idx.end(), dsc);
        else std::sort(idx.begin(), idx.end(), asc);
        break;
      case kTopk:
        count = j.k;
        if (j.desc) std::partial_sort(idx.begin(), idx.begin() + count, idx.end(), dsc);
        else std::partial_sort(idx.begin(), idx.begin() + count, idx.end(), asc);
        break;
      case kKthValue:
        std::nth_element(idx.begin(), idx.begin() + (j.k - 1), idx.end(), asc);
        idx[0] = idx[j.k - 1];
        count = 1;
        break;
      default: {  // median: the lower median; NaN (the first one) when the row has any
        count = 1;
        int64_t first_nan = -1;
        for (int64_t i = 0; i < n && first_nan < 0; ++i) if (is_nan_key(key[i])) first_nan = i;
        if (first_nan >= 0) {
          idx[0] = first_nan;
        } else {
          const int64_t m = (n - 1) / 2;
          std::nth_element(idx.begin(), idx.begin() + m, idx.end(), asc);
          idx[0] = idx[m];
        }
        break;
      }
    }
    for (int64_t i = 0; i < count; ++i) {
      if (j.has_values) std::memcpy(p[0] + i * sv, raw.data() + idx[i] * item, item);
      std::memcpy(p[1] + i * si, &idx[i], 8);
    }
  }
}

void run_rows(void* ctx, int64_t b, int64_t e) {
  Job& j = *static_cast<Job*>(ctx);
  try {
    if (j.ops[2].dtype == DType::Int64) sort_rows<int64_t>(j, b, e);
    else sort_rows<double>(j, b, e);
  } catch (const std::bad_alloc&) {
    j.failed.store(true);
  }
}

// sortLike(valuesBytes, indicesBytes, xBytes, meta, dim, mode, k, descending, hasValues)
// meta operands: values, indices, x over x's sizes; along dim, values/indices hold k entries
// (n for sort, 1 with any stride for kthvalue / median).
Napi::Value SortLike(const Napi::CallbackInfo& info) {
  Instance& inst = instance(info.Env());
  const Bytes bufs[3] = {bytes_arg(info, 0), bytes_arg(info, 1), bytes_arg(info, 2)};
  size_t len;
  const double* meta = meta_arg(info, 3, &len);
  Job j;
  if (!read_operands(meta, len, bufs, 3, &j.g, j.ops)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  j.dim = info[4].As<Napi::Number>().Int32Value();
  j.mode = info[5].As<Napi::Number>().Int32Value();
  j.k = static_cast<int64_t>(info[6].As<Napi::Number>().DoubleValue());
  j.desc = info[7].As<Napi::Boolean>().Value();
  j.has_values = info[8].As<Napi::Boolean>().Value();
  j.failed.store(false);
  if (j.g.ndim > 0 && (j.dim < 0 || j.dim >= j.g.ndim)) throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  j.n = j.g.ndim == 0 ? 1 : j.g.sizes[j.dim];
  if (j.k < 0 || j.k > j.n || (j.mode >= kKthValue && j.mode != kMedian && j.k < 1)) {
    throw_status(info.Env(), Status{StatusCode::InvalidArgument});
  }
  int64_t rows = 1;
  j.nd = 0;
  for (int d = 0; d < j.g.ndim; ++d) {
    if (d == j.dim) continue;
    j.sizes[j.nd] = j.g.sizes[d];
    for (int q = 0; q < 3; ++q) j.strides[q][j.nd] = j.ops[q].strides[d] * static_cast<int64_t>(item_size(j.ops[q].dtype));
    rows *= j.g.sizes[d];
    ++j.nd;
  }
  if (rows == 0 || j.n == 0) return info.Env().Undefined();
  const int64_t grain = 8192 / j.n + 1;
  inst.parallel.run(inst.parallel.pool, 0, rows, grain, run_rows, &j);
  if (j.failed.load()) throw_status(info.Env(), Status{StatusCode::OutOfMemory});
  return info.Env().Undefined();
}

}  // namespace

void register_sort(Napi::Env env, Napi::Object exports) {
  exports.Set("sortLike", Napi::Function::New(env, SortLike, "sortLike"));
}

}  // namespace tsjit
#endif

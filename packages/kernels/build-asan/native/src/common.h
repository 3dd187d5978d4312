// Types shared by the N-API glue and every ISA variant of the kernels. Data only: no functions
// with external linkage live here, because this header is compiled with different -m flags in
// different translation units (see kernel.h and ../README.md, "One source, three ISAs").
#pragma once

#include <cstddef>
#include <cstdint>

namespace tsjit {

// PyTorch's ScalarType numbering, so codes can cross the serialization boundary unchanged.
enum class DType : int32_t {
  UInt8 = 0,
  Int8 = 1,
  Int16 = 2,
  Int32 = 3,
  Int64 = 4,
  Float16 = 5,
  Float32 = 6,
  Float64 = 7,
  Bool = 11,
  BFloat16 = 15,
};

constexpr int kMaxDims = 16;   // also enforced in binding.ts
constexpr int kMaxOperands = 4;

// Result of a kernel: validation happens in TypeScript, so only data-dependent failures
// (an index out of range, an integer division by zero) come back from C++.
enum class StatusCode : int32_t {
  Ok = 0,
  IntegerDivisionByZero = 1,
  IndexOutOfRange = 2,
  InvalidArgument = 3,
  OutOfMemory = 4,
};

struct Status {
  StatusCode code = StatusCode::Ok;
  int64_t value = 0;   // the offending index, for IndexOutOfRange
  int64_t bound = 0;   // the size it had to be below
  int64_t dim = 0;     // the dimension it indexes
  bool ok() const { return code == StatusCode::Ok; }
};

// One strided operand of an N-d loop. `data` points at element 0 of the tensor (offset applied);
// strides are in elements.
struct Operand {
  char* data;
  DType dtype;
  int64_t strides[kMaxDims];
};

// The shape of an N-d iteration shared by all operands (broadcasting already expressed as
// zero strides by the TypeScript side).
struct Geometry {
  int ndim;
  int64_t sizes[kMaxDims];
};

// Intra-op parallelism, handed to ISA-specific kernels as plain function pointers so that they
// never instantiate threading templates themselves.
using RangeFn = void (*)(void* ctx, int64_t begin, int64_t end);

struct Parallel {
  void* pool;
  int threads;
  // Splits [begin, end) into at most `threads` chunks of at least `grain` items and runs fn on
  // each, the caller's thread included. Runs inline when the range is small or when nested.
  void (*run)(void* pool, int64_t begin, int64_t end, int64_t grain, RangeFn fn, void* ctx);
  // Scratch memory for kernels (aligned to 64 bytes); nullptr when it cannot be had.
  void* (*alloc)(size_t bytes);
  void (*release)(void* p);
};

inline constexpr size_t item_size(DType d) {
  switch (d) {
    case DType::UInt8: case DType::Int8: case DType::Bool: return 1;
    case DType::Int16: case DType::Float16: case DType::BFloat16: return 2;
    case DType::Int32: case DType::Float32: return 4;
    case DType::Int64: case DType::Float64: return 8;
  }
  return 0;
}

}  // namespace tsjit

// Helpers for the N-API side of each kernel family (compiled once, never per ISA).
//
// Calling convention (mirrored by ../../src/binding.ts, which validates everything first):
// tensors arrive as Uint8Array views of their storage plus a Float64Array "meta" record:
//   meta = [ndim, size_0 .. size_{ndim-1},
//           then per operand: dtype, offset, stride_0 .. stride_{ndim-1}]
// Offsets and strides are in elements. Scalars arrive as plain numbers after the meta record.
#pragma once

#include <napi.h>

#include <memory>

#include "common.h"
#include "thread-pool.h"

namespace tsjit {

// A kernel path: the naive scalar reference implementation (for tests), or one of the ISA
// variants chosen at load time.
enum class Isa : int { Reference = 0, Portable = 1, Avx2 = 2, Avx512 = 3 };

// The best variant this CPU runs, detected once (it cannot change while the process runs).
Isa detected_isa();
const char* isa_name(Isa isa);

// Per-instance state (one per JS thread that loads the addon).
struct Instance {
  std::unique_ptr<ThreadPool> pool;
  Parallel parallel;
  Isa isa;  // detected_isa() unless a test asked for another path
};

Instance& instance(Napi::Env env);

struct Bytes {
  char* data;
  size_t length;
};

// A Uint8Array (or any typed array) argument as raw bytes.
Bytes bytes_arg(const Napi::CallbackInfo& info, size_t index);

// The meta record at info[index] as a pointer to its doubles, and its length.
const double* meta_arg(const Napi::CallbackInfo& info, size_t index, size_t* length);

// Reads the shared geometry and `count` operands from meta (layout above); buffers[k] provides
// operand k's bytes. Returns the index just past the consumed part of meta.
size_t read_operands(const double* meta, size_t meta_len, const Bytes* buffers, int count, Geometry* g,
                     Operand* ops);

// Throws a JS error for a kernel status that is not Ok.
void throw_status(Napi::Env env, const Status& s);

inline int64_t as_i64(double v) { return static_cast<int64_t>(v); }

// Declares the per-variant tables of a kernel family and `select_<getter>(Instance&)`, which
// returns the table of the instance's path. In a family's glue section:
//   TSJIT_DECLARE_ISA_TABLE(BinaryFns, binary_fns)
//   ... const BinaryFns& fns = select_binary_fns(instance(env));
#if defined(TSJIT_X86)
#define TSJIT_DECLARE_ISA_TABLE(Type, getter)                                  \
  namespace reference { const Type* getter(); }                                \
  namespace portable { const Type* getter(); }                                 \
  namespace avx2 { const Type* getter(); }                                     \
  namespace avx512 { const Type* getter(); }                                   \
  static const Type& select_##getter(const ::tsjit::Instance& inst) {          \
    switch (inst.isa) {                                                        \
      case ::tsjit::Isa::Avx512: return *avx512::getter();                     \
      case ::tsjit::Isa::Avx2: return *avx2::getter();                         \
      case ::tsjit::Isa::Portable: return *portable::getter();                 \
      default: return *reference::getter();                                    \
    }                                                                          \
  }
#else
#define TSJIT_DECLARE_ISA_TABLE(Type, getter)                                  \
  namespace reference { const Type* getter(); }                                \
  namespace portable { const Type* getter(); }                                 \
  static const Type& select_##getter(const ::tsjit::Instance& inst) {          \
    return inst.isa == ::tsjit::Isa::Reference ? *reference::getter() : *portable::getter(); \
  }
#endif

}  // namespace tsjit

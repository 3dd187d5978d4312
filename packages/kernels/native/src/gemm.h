// The GEMM family's ISA-internal interface, shared with the families built on top of it
// (convolution). Data types only, plus the declaration of each ISA variant's `gemm_fns()`: a
// caller compiled in the same ISA variant (same TSJIT_ISA) calls its own variant's table.
#pragma once

#include "common.h"

namespace tsjit {

// C[b] = beta * C[b] + alpha * A[b] @ B[b] for b < batch, every operand strided in elements
// (transposes are strides; a batch stride may be 0 to broadcast A or B). All three share one
// floating dtype (float16/bfloat16 compute in float32). beta == 0 never reads C.
struct GemmDesc {
  DType dtype;
  int64_t batch, m, n, k;
  const char* a;
  int64_t a_bs, a_rs, a_cs;
  const char* b;
  int64_t b_bs, b_rs, b_cs;
  char* c;
  int64_t c_bs, c_rs, c_cs;
  double alpha, beta;
};

// Writes columns [j0, j0 + nj) of rows [k0, k0 + kc) of a virtual B matrix as one packed
// micro-panel: dst[k * nr + j] = B[k0 + k][j0 + j], zero for nj <= j < nr. `dst` is float* for
// the float32 entry point and double* for the float64 one. Called from several threads at once.
using PackBFn = void (*)(const void* ctx, int64_t k0, int64_t kc, int64_t j0, int64_t nj, void* dst, int64_t nr);

struct GemmFns {
  // Each returns false when scratch memory could not be had.
  bool (*gemm)(const Parallel& par, const GemmDesc& d);
  // C[m, n] (row stride ldc, unit column stride) = beta * C + alpha * A @ B with A row-major
  // (row stride lda) and B produced by pack_b (implicit im2col for convolution). Threaded. With
  // row_bias (nullable), C = alpha * A @ B + row_bias[i] instead (beta ignored, C not read).
  bool (*gemm_f32_packed_b)(const Parallel& par, int64_t m, int64_t n, int64_t k, const float* a, int64_t lda,
                            PackBFn pack_b, const void* ctx, float* c, int64_t ldc, float alpha, float beta,
                            const float* row_bias);
  bool (*gemm_f64_packed_b)(const Parallel& par, int64_t m, int64_t n, int64_t k, const double* a, int64_t lda,
                            PackBFn pack_b, const void* ctx, double* c, int64_t ldc, double alpha, double beta,
                            const double* row_bias);
  // `iters` rounds of independent float32 FMAs at the widest vector width; returns a value that
  // depends on every FMA (so nothing is optimised away). flops = iters * fma_loop_flops.
  double (*fma_loop)(int64_t iters);
  int64_t fma_loop_flops;
};

#ifdef TSJIT_ISA
namespace TSJIT_ISA {
const GemmFns* gemm_fns();
}
#endif

}  // namespace tsjit

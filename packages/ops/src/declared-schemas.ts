/**
 * Operators whose schemas are known but whose kernels tsjit does not have yet. PyTorch separates
 * the two as well: an operator's schema is defined once (`TORCH_LIBRARY ... m.def`) and each
 * backend registers a kernel for it (`TORCH_LIBRARY_IMPL`); code that calls an operator compiles
 * against its schema whether or not a kernel exists, and a call without a kernel fails at run
 * time ("Could not run ... with arguments from the 'CPU' backend"). The compiler resolves calls
 * against these schemas as against those of `allOps`; running one is an error that names the
 * reason. The op audit lists them, so that this list only shrinks.
 */
export interface DeclaredSchema {
  /** The schema exactly as PyTorch 1.13 writes it. */
  readonly schema: string;
  /** Why there is no kernel yet, and where it will come from. */
  readonly reason: string;
}

const QUANTIZED =
  'not implemented: fp16 dynamic quantization and the legacy (Tensor-packed) overloads; the qint8 dynamic linear and LSTM are ops (lists/quantized.ts)';

const QUANTIZED_SCHEMAS = [
  'quantized::linear_dynamic_fp16(Tensor X, __torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack) -> Tensor Y',
  'quantized::linear_prepack_fp16(Tensor W, Tensor? B=None) -> __torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack',
  'quantized::linear_unpack.legacy(Tensor W_prepack) -> (Tensor W_origin, Tensor? B_origin)',
  'quantized::linear_unpack_fp16(__torch__.torch.classes.quantized.LinearPackedParamsBase W_prepack) -> (Tensor W_origin, Tensor? B_origin)',
  'quantized::linear_unpack_fp16.legacy(Tensor W_prepack) -> (Tensor W_origin, Tensor? B_origin)',
  'aten::quantized_lstm.input_legacy(Tensor input, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first, *, ScalarType? dtype=None, bool use_dynamic=False) -> (Tensor, Tensor, Tensor)',
  'aten::quantized_lstm.data_legacy(Tensor data, Tensor batch_sizes, Tensor[] hx, Tensor[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, *, ScalarType? dtype=None, bool use_dynamic=False) -> (Tensor, Tensor, Tensor)',
];

const ENUM =
  'enum members are values of the interpreter (ScriptEnumMember), which compares them itself; no tensor kernel is involved';

const ENUM_SCHEMAS = [
  'aten::eq.enum(AnyEnumType a, AnyEnumType b) -> bool',
  'aten::ne.enum(AnyEnumType a, AnyEnumType b) -> bool',
];

export const declaredSchemas: readonly DeclaredSchema[] = [
  ...QUANTIZED_SCHEMAS.map((schema) => ({ schema, reason: QUANTIZED })),
  ...ENUM_SCHEMAS.map((schema) => ({ schema, reason: ENUM })),
];

import type { DType } from '@tsjit/kernels';

/** PyTorch's ScalarType names that a `torch.<Name>Storage` global can carry. */
export type ScalarTypeName =
  | 'Byte'
  | 'Char'
  | 'Short'
  | 'Int'
  | 'Long'
  | 'Half'
  | 'Float'
  | 'Double'
  | 'ComplexHalf'
  | 'ComplexFloat'
  | 'ComplexDouble'
  | 'Bool'
  | 'QInt8'
  | 'QUInt8'
  | 'QInt32'
  | 'BFloat16'
  | 'QUInt4x2'
  | 'QUInt2x4';

export interface ScalarTypeInfo {
  readonly name: ScalarTypeName;
  /** PyTorch's ScalarType code. */
  readonly code: number;
  readonly itemSize: number;
  /** The tsjit dtype with the same layout, when the kernels compute on it. */
  readonly dtype: DType | undefined;
}

const table: readonly ScalarTypeInfo[] = [
  { name: 'Byte', code: 0, itemSize: 1, dtype: 'uint8' },
  { name: 'Char', code: 1, itemSize: 1, dtype: 'int8' },
  { name: 'Short', code: 2, itemSize: 2, dtype: 'int16' },
  { name: 'Int', code: 3, itemSize: 4, dtype: 'int32' },
  { name: 'Long', code: 4, itemSize: 8, dtype: 'int64' },
  { name: 'Half', code: 5, itemSize: 2, dtype: 'float16' },
  { name: 'Float', code: 6, itemSize: 4, dtype: 'float32' },
  { name: 'Double', code: 7, itemSize: 8, dtype: 'float64' },
  { name: 'ComplexHalf', code: 8, itemSize: 4, dtype: undefined },
  { name: 'ComplexFloat', code: 9, itemSize: 8, dtype: undefined },
  { name: 'ComplexDouble', code: 10, itemSize: 16, dtype: undefined },
  { name: 'Bool', code: 11, itemSize: 1, dtype: 'bool' },
  { name: 'QInt8', code: 12, itemSize: 1, dtype: undefined },
  { name: 'QUInt8', code: 13, itemSize: 1, dtype: undefined },
  { name: 'QInt32', code: 14, itemSize: 4, dtype: undefined },
  { name: 'BFloat16', code: 15, itemSize: 2, dtype: 'bfloat16' },
  { name: 'QUInt4x2', code: 16, itemSize: 1, dtype: undefined },
  { name: 'QUInt2x4', code: 17, itemSize: 1, dtype: undefined },
];

/** The storage scalar types by name (`Float` for `torch.FloatStorage`). */
export const storageScalarTypes: ReadonlyMap<string, ScalarTypeInfo> = new Map(table.map((t) => [t.name, t]));

/** The scalar type for a tsjit dtype (what the pickler writes for a tensor of that dtype). */
export function scalarTypeOfDType(dtype: DType): ScalarTypeName {
  const found = table.find((t) => t.dtype === dtype);
  if (found === undefined) throw new Error(`no storage type for dtype ${dtype}`);
  return found.name;
}

/** The quantization schemes PyTorch writes as `torch.<name>` globals in quantized tensors. */
export const qschemeNames: ReadonlySet<string> = new Set([
  'per_tensor_affine',
  'per_channel_affine',
  'per_tensor_symmetric',
  'per_channel_symmetric',
  'per_channel_affine_float_qparams',
]);

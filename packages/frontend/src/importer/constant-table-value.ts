import { type IValue, type JitType, TensorType, tensorValue } from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { EmitContext, SugaredValue } from '../emitter/contracts.js';
import type { ImporterValues } from './source-importer.js';

/** An entry of an archive's constant table (constants.pkl): its type and, when known, its value. */
export interface ArchiveConstant {
  readonly type: JitType;
  /** The value embedded in the graph (a TensorValue for tensors); an opaque tensor when absent. */
  readonly value?: IValue;
}

/** A tensor whose data the compiler does not have (constants typed offline): prints as `<Tensor>`. */
const UNKNOWN_TENSOR = tensorValue({ irRepr: () => '<Tensor>' });

/**
 * `CONSTANTS`: `CONSTANTS.c<N>` is entry N of the archive's constant table, inserted as a
 * constant whose type is the entry's type without its shape (PyTorch's ConstantTableValue:
 * "specializing tensor type on compilation messes up typing relations").
 */
export class ConstantTableValue implements SugaredValue {
  readonly kind = 'CONSTANTS';

  constructor(
    private readonly values: ImporterValues,
    private readonly table: ((index: number) => ArchiveConstant | undefined) | undefined,
    private readonly count: number | undefined,
  ) {}

  attr(ctx: EmitContext, range: Range, name: string): SugaredValue {
    const digits = name.slice(1);
    if (name.length < 2 || !/^[0-9]+$/.test(digits)) ctx.error(range, `invalid constant specifier: ${name}`);
    const index = Number(digits);
    const entry = Number.isSafeInteger(index) ? this.table?.(index) : undefined;
    if (!entry) {
      const size = this.count ?? (this.table ? 'unknown' : 0);
      ctx.error(range, `constant index ${digits} is out of bounds (constant table has ${size} entries)`);
    }
    const type = entry.type.kind === 'TensorType' ? TensorType.get() : entry.type;
    const value = entry.value ?? (type.kind === 'TensorType' ? UNKNOWN_TENSOR : undefined);
    if (value === undefined) ctx.error(range, `constant ${name} of type '${type.pythonStr()}' has no value`);
    return this.values.simpleValue(ctx.constant(value, range, type));
  }
}

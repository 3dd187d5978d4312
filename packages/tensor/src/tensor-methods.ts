/**
 * Tensor's methods: data access (`item`, `toArray`, `tolist`) and one method per op of @tsjit/ops
 * whose first argument is `Tensor self` (`x.add(y)`, `x.softmax(-1)`), calling through the dispatcher.
 */
import { OpError } from '@tsjit/ops';
import { opGroups } from './call-op.js';
import { notifyDataRead } from './data-read-hook.js';
import { formatTensor } from './format.js';
import { getPrintOptions } from './print-options.js';
import type { Tensor } from './tensor.js';
import { type Element, type NestedArray, readValues, toNested } from './values.js';

/** Adds the data-access methods and one method per op with `Tensor self` first to Tensor's prototype. */
export function installTensorMethods(cls: typeof Tensor): void {
  const proto = cls.prototype as unknown as Record<string, unknown>;

  proto.item = function item(this: Tensor): number | boolean {
    if (this.numel() !== 1) {
      throw new OpError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    notifyDataRead('item', this);
    return readValues(this)[0] as number | boolean;
  };
  proto.toArray = function toArray(this: Tensor): NestedArray {
    notifyDataRead('toArray', this);
    return toNested(this);
  };
  proto.tolist = proto.toArray;
  proto.toFlatArray = function toFlatArray(this: Tensor): Element[] {
    notifyDataRead('toArray', this);
    return readValues(this);
  };
  proto[Symbol.toPrimitive as unknown as string] = function toPrimitive(this: Tensor, hint: string): number | string {
    if (hint === 'string' || (hint === 'default' && this.numel() !== 1)) return this.toString();
    if (this.numel() !== 1) throw new OpError('only one element tensors can be converted to Python scalars');
    notifyDataRead('toNumber', this);
    return Number(readValues(this)[0]);
  };
  // A 0-d tensor is not iterable (PyTorch: TypeError 'iteration over a 0-d tensor'): the getter
  // gives it no iterator, so `for...of` throws a TypeError and deep-equality helpers (vitest's)
  // compare 0-d tensors as objects instead of failing inside an iterator.
  const iterate = function* iterate(this: Tensor): Generator<Tensor> {
    notifyDataRead('iterate', this);
    yield* this.unbind(0);
  };
  Object.defineProperty(proto, Symbol.iterator, {
    configurable: true,
    get(this: Tensor) {
      return this.sizes.length === 0 ? undefined : iterate;
    },
  });
  proto.toString = function repr(this: Tensor): string {
    const gradFn = this.gradFn as { name?: string | (() => string) } | null;
    const gradFnName = typeof gradFn?.name === 'function' ? gradFn.name() : gradFn?.name;
    return formatTensor(
      {
        dtype: this.dtype,
        sizes: this.sizes,
        values: readValues(this),
        requiresGrad: this.requiresGrad,
        gradFn: gradFnName,
      },
      getPrintOptions(),
    );
  };
  proto.irRepr = function irRepr(this: Tensor): string {
    if (this.numel() !== 1) return '<Tensor>';
    const v = readValues(this)[0];
    return `{${typeof v === 'boolean' ? Number(v) : String(v)}}`;
  };
  // console.log and the REPL show the repr.
  proto[Symbol.for('nodejs.util.inspect.custom') as unknown as string] = proto.toString;

  // One method per op with `Tensor self` first.
  for (const [name, group] of opGroups()) {
    if (name in proto) continue;
    const isMethod = group.overloads.some((o) => {
      const first = o.schema.arguments[0];
      return first !== undefined && first.name === 'self' && first.type.kind === 'TensorType';
    });
    if (!isMethod) continue;
    proto[name] = function method(this: Tensor, ...args: unknown[]) {
      args.unshift(this);
      return group.call(args);
    };
  }
}

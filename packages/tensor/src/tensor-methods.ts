/**
 * Tensor's methods: data access (`item`, `toArray`, `tolist`) and one method per op of @tsjit/ops
 * whose first argument is `Tensor self` (`x.add(y)`, `x.softmax(-1)`), calling through the dispatcher.
 */
import { OpError } from '@tsjit/ops';
import { opGroups } from './call-op.js';
import { formatTensor } from './format.js';
import type { TensorOpMethods } from './generated/op-types.js';
import { getPrintOptions } from './print-options.js';
import type { Tensor } from './tensor.js';
import { type Element, type NestedArray, readValues, toNested } from './values.js';

declare module './tensor.js' {
  interface Tensor extends TensorOpMethods {
    /** The value of a one-element tensor (int64 as a number; bool as a boolean). */
    item(): number | boolean;
    /** Nested arrays of the values (PyTorch's `tolist()`). */
    toArray(): NestedArray;
    tolist(): NestedArray;
    /** Row-major values as a flat array. */
    toFlatArray(): Element[];
    /** PyTorch's repr: `tensor([1., 2.])`. */
    toString(): string;
  }
}

/** Adds the data-access methods and one method per op with `Tensor self` first to Tensor's prototype. */
export function installTensorMethods(cls: typeof Tensor): void {
  const proto = cls.prototype as unknown as Record<string, unknown>;

  proto.item = function item(this: Tensor): number | boolean {
    if (this.numel() !== 1) {
      throw new OpError(`a Tensor with ${this.numel()} elements cannot be converted to Scalar`);
    }
    return readValues(this)[0] as number | boolean;
  };
  proto.toArray = function toArray(this: Tensor): NestedArray {
    return toNested(this);
  };
  proto.tolist = proto.toArray;
  proto.toFlatArray = function toFlatArray(this: Tensor): Element[] {
    return readValues(this);
  };
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

import { IntType, ListType, type Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { SugaredTupleValue } from './sugared-tuple-value.js';

/** What a for loop needs of an iterable: a trip count, an item per index, and a static length when unrolled. */
export interface Iterable extends SugaredValue {
  staticLen?(): number | undefined;
}

/**
 * `zip(...)` and `enumerate(...)` (PyTorch's IterableTree): a tree whose leaves are iterables; its
 * length is the minimum of the leaves' lengths and its item at an index is the tuple of the
 * children's items. Unrolled when its leaves are (tuples, module lists).
 */
export class IterableTree implements SugaredValue {
  readonly kind = 'iterabletree';
  private readonly children: Iterable[] = [];
  private unrollLength: number | undefined;

  addChild(context: EmitContext, range: Range, child: Iterable): void {
    const ctx: Emitter = context as Emitter;
    const childLength = child.staticLen?.();
    if (this.children.length === 0) {
      this.unrollLength = childLength;
    } else {
      if ((this.unrollLength === undefined) !== (childLength === undefined)) {
        ctx.error(
          range,
          'Can not iterate over a module list or tuple with a value that does not have a statically determinable length\n',
        );
      }
      if (this.unrollLength !== undefined && childLength !== undefined) {
        this.unrollLength = Math.min(this.unrollLength, childLength);
      }
    }
    this.children.push(child);
  }

  iter(): SugaredValue {
    return this;
  }

  staticLen(): number | undefined {
    return this.unrollLength;
  }

  private baseIterables(): Iterable[] {
    return this.children.flatMap((child) => (child instanceof IterableTree ? child.baseIterables() : [child]));
  }

  len(context: EmitContext, range: Range): Value {
    const ctx: Emitter = context as Emitter;
    const lengths = this.baseIterables().map((base) => {
      if (!base.len) ctx.error(range, `${base.kind} does not support len`);
      return base.len(ctx, range);
    });
    const list = ctx.insertNode('prim::ListConstruct', lengths, [ListType.of(IntType.get())]).output();
    return ctx.builtin('prim::min', [{ value: list, range }], [], range);
  }

  getItem(context: EmitContext, range: Range, index: Value): SugaredValue {
    const ctx: Emitter = context as Emitter;
    return new SugaredTupleValue(
      this.children.map((child) => {
        if (!child.getItem) ctx.error(range, `${child.kind} does not support indexing`);
        return child.getItem(ctx, range, index);
      }),
    );
  }
}

import { SymbolicGradientError } from '@tsjit/autodiff';
import { ScriptObject } from '@tsjit/interpreter';
import { type Graph, ListType, TensorType, type Value } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';

/** A tensor attribute read by the method, now a graph input: where it lives, to read it again on each call. */
export interface LiftedTensor {
  readonly object: ScriptObject;
  readonly name: string;
  /** The element, for a `List[Tensor]` attribute. */
  readonly index?: number;
  readonly input: Value;
}

/** A non-tensor attribute folded into a constant: checked again before each call. */
export interface FoldedAttribute {
  readonly object: ScriptObject;
  readonly name: string;
  readonly value: unknown;
}

export interface LiftedAttributes {
  readonly tensors: readonly LiftedTensor[];
  readonly folded: readonly FoldedAttribute[];
}

/**
 * Turns a method's reads of its module's attributes (`prim::GetAttr` chains from `self`) into
 * what a differentiable graph needs: parameters and buffers become graph inputs (appended after
 * the method's own), immutable attributes (ints, floats, bools, strings, None: `training`, sizes
 * kept as attributes) become constants, as freezing does. A method that writes attributes
 * (`prim::SetAttr`) has state the symbolic engine cannot replay: it is refused.
 */
export function liftAttributes(graph: Graph, self: ScriptObject): LiftedAttributes {
  const objects = new Map<Value, ScriptObject>([[graph.inputs[0], self]]);
  const byTensor = new Map<Tensor, Value>();
  const tensors: LiftedTensor[] = [];
  const folded: FoldedAttribute[] = [];
  const liftTensor = (object: ScriptObject, name: string, t: Tensor, index?: number): Value => {
    let input = byTensor.get(t);
    if (input === undefined) {
      input = graph.addInput(undefined, TensorType.get());
      byTensor.set(t, input);
      tensors.push({ object, name, index, input });
    }
    return input;
  };
  for (const node of [...graph.allNodes()]) {
    if (node.kind === 'prim::SetAttr') {
      throw new SymbolicGradientError(
        `the method sets attribute '${node.s('name')}': module state changes have no symbolic gradient`,
      );
    }
    if (node.kind !== 'prim::GetAttr') continue;
    const object = objects.get(node.input(0));
    if (object === undefined) continue;
    const name = node.s('name');
    const value = object.getAttr(name);
    const out = node.output();
    if (value instanceof ScriptObject) {
      objects.set(out, value);
    } else if (value instanceof Tensor) {
      out.replaceAllUsesWith(liftTensor(object, name, value));
    } else if (Array.isArray(value) && value.length > 0 && value.every((e) => e instanceof Tensor)) {
      const items = value.map((t, i) => liftTensor(object, name, t as Tensor, i));
      const list = graph.withInsertPoint(node, () => graph.insert('prim::ListConstruct', items, 0));
      list.addOutput(ListType.of(TensorType.get()));
      out.replaceAllUsesWith(list.output());
    } else if (isImmutable(value)) {
      const constant = graph.withInsertPoint(node, () =>
        graph.insertConstant(toConstant(value), { type: out.type.kind === 'OptionalType' ? undefined : out.type }),
      );
      out.replaceAllUsesWith(constant);
      folded.push({ object, name, value });
    }
  }
  for (const node of [...graph.allNodes()].reverse()) {
    if (node.kind === 'prim::GetAttr' && !node.output().hasUses()) node.destroy();
  }
  return { tensors, folded };
}

function isImmutable(v: unknown): boolean {
  return (
    v === null ||
    typeof v === 'number' ||
    typeof v === 'boolean' ||
    typeof v === 'string' ||
    typeof v === 'bigint' ||
    v instanceof FloatScalar
  );
}

function toConstant(v: unknown): never {
  if (v instanceof FloatScalar) return { kind: 'float', value: v.value } as never;
  if (typeof v === 'number' && !Number.isInteger(v)) return { kind: 'float', value: v } as never;
  return v as never;
}

/** Whether a folded attribute still holds the value the graph was specialized for. */
export function sameAttribute(a: unknown, b: unknown): boolean {
  if (a instanceof FloatScalar && b instanceof FloatScalar) return a.value === b.value;
  return Object.is(a, b);
}

/** Reads a lifted tensor's current value (optimizers may have replaced it). */
export function readLifted(l: LiftedTensor): Tensor {
  const v = l.object.getAttr(l.name);
  return (l.index === undefined ? v : (v as unknown[])[l.index]) as Tensor;
}

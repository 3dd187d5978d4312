import {
  BoolType,
  DeviceObjType,
  deviceValue,
  type Graph,
  IntType,
  intValue,
  type JitType,
  ListType,
  type Node,
  OptionalType,
  SCALAR_TYPE_NAMES,
  TensorType,
  type Value,
} from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { AliasDb } from './analysis/alias-db.js';
import { constantBool, constantInt, constantOf, insertConstantValue } from './analysis/constant-value.js';
import { eliminateDeadCode } from './dead-code-elimination.js';

export interface PeepholeOptions {
  readonly registry?: OpRegistry;
  /** Skip the rewrites that read refined tensor types (sizes, dtype, device), as PyTorch's `disable_shape_peepholes`. */
  readonly disableShapePeepholes?: boolean;
}

/**
 * Small local rewrites (PyTorch's PeepholeOptimize and the passes it runs: list idioms,
 * alias-sensitive and non-tensor peepholes), then dead-code elimination:
 * - on refined tensor types: `x.size()`, `x.size(d)`, `len(x.size())`, `x.dim()`, `x.dtype`,
 *   `x.device`, `x.is_cuda` become constants; `x.expand(sizes)` and `x.type_as(y)` that change
 *   nothing are removed;
 * - `x.t().t()` → `x`; `_grad_sum_to_size(x, None)` → `x`; `float(tensor(n))`-style round trips;
 * - `x is None` / `x is not None` when x cannot be None; `unchecked_cast` and `_unwrap_optional`
 *   that cast to a supertype; `prim::If` outputs that just restate the condition (`c and True`),
 *   and Optional outputs whose branches are not optional get the narrower type;
 * - int arithmetic: `i + 0`, `i - 0`, `i * 1`, `i // 1`, `(i + a) + b` → `i + (a + b)`;
 *   `i == i` → True for ints, floats, bools, None (and lists/dicts of those);
 * - tensor `x + 0`, `x - 0` (int scalars, or float ones on a floating tensor) and `x * 1`
 *   when x is not written and aliasing allows;
 * - lists built by `prim::ListConstruct` and never written: `len`, constant-index `__getitem__`,
 *   `ListUnpack`, and `+` of two such lists.
 *
 *     %n : int = aten::add(%i, %zero)      ->     (uses of %n read %i)
 */
export function peephole(graph: Graph, options: PeepholeOptions = {}): boolean {
  const shapes = !options.disableShapePeepholes;
  let changed = optimizeBlock(graph, graph.block, shapes);
  changed = listIdioms(graph, options.registry) || changed;
  changed = aliasSensitive(graph, options.registry, shapes) || changed;
  changed = nonTensor(graph, graph.block) || changed;
  if (changed) eliminateDeadCode(graph, { registry: options.registry, aliasAnalysis: false });
  return changed;
}

function tensorType(v: Value): TensorType | undefined {
  return v.type.kind === 'TensorType' ? (v.type as TensorType) : undefined;
}

function replaceWithConstant(graph: Graph, node: Node, value: import('@tsjit/ir').IValue, type: JitType): void {
  const c = graph.withInsertPoint(node, () => insertConstantValue(graph, value, type));
  node.output().replaceAllUsesWith(c);
}

function optimizeBlock(graph: Graph, block: import('@tsjit/ir').Block, shapes: boolean): boolean {
  let changed = false;
  for (const node of block.nodes()) {
    for (const b of node.blocks) changed = optimizeBlock(graph, b, shapes) || changed;
    const k = node.kind;
    const n = node.inputs.length;
    if (k === 'aten::_grad_sum_to_size' && n === 2) {
      if (mustBeNone(node.inputs[1])) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      } else {
        for (const use of [...node.output().uses]) {
          const user = use.user;
          if (user.kind === 'aten::_grad_sum_to_size' && use.offset === 0 && user.inputs[1].type.kind === 'ListType') {
            user.replaceInput(0, node.inputs[0]);
            changed = true;
          }
        }
      }
    } else if (k === 'aten::expand' && n === 3 && shapes) {
      const t = tensorType(node.inputs[0]);
      const sizes = constantOf(node.inputs[1]);
      if (t?.isComplete() && sizes && Array.isArray(sizes.value)) {
        const wanted = (sizes.value as { value: number | bigint }[]).map((x) => Number(x.value));
        if (wanted.length === t.sizes?.length && wanted.every((s, i) => s === t.sizes?.[i])) {
          node.output().replaceAllUsesWith(node.inputs[0]);
          changed = true;
        }
      }
    } else if (k === 'aten::t' && n === 1) {
      const inner = node.inputs[0].node;
      if (inner.kind === 'aten::t' && inner.inputs.length === 1 && node.inputs[0].type.kind === 'TensorType') {
        node.output().replaceAllUsesWith(inner.inputs[0]);
        changed = true;
      }
    } else if (k === 'aten::type_as' && n === 2 && shapes) {
      const a = tensorType(node.inputs[0]);
      const b = tensorType(node.inputs[1]);
      if (a?.scalarType && a.device && a.scalarType === b?.scalarType && a.device === b.device) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      }
    } else if (k === 'aten::size' && n === 1 && shapes) {
      const sizes = tensorType(node.inputs[0])?.sizes;
      if (sizes?.every((s) => s !== null)) {
        replaceWithConstant(
          graph,
          node,
          sizes.map((s) => intValue(s as number)),
          ListType.of(IntType.get()),
        );
        changed = true;
      }
    } else if (k === 'aten::size' && n === 2 && shapes && node.inputs[1].type.kind === 'IntType') {
      const sizes = tensorType(node.inputs[0])?.sizes;
      const dim = constantInt(node.inputs[1]);
      if (sizes && dim !== undefined) {
        const d = Number(dim) < 0 ? Number(dim) + sizes.length : Number(dim);
        const size = sizes[d];
        if (d >= 0 && d < sizes.length && size !== null && size !== undefined) {
          replaceWithConstant(graph, node, intValue(size), IntType.get());
          changed = true;
        }
      }
    } else if (k === 'aten::len' && n === 1 && shapes && node.inputs[0].node.kind === 'aten::size') {
      const sizeNode = node.inputs[0].node;
      const rank = sizeNode.inputs.length === 1 ? tensorType(sizeNode.inputs[0])?.dim() : undefined;
      if (rank !== undefined) {
        replaceWithConstant(graph, node, intValue(rank), IntType.get());
        changed = true;
      }
    } else if (k === 'aten::dim' && n === 1 && shapes) {
      const rank = tensorType(node.inputs[0])?.dim();
      if (rank !== undefined) {
        replaceWithConstant(graph, node, intValue(rank), IntType.get());
        changed = true;
      }
    } else if (k === 'prim::dtype' && n === 1 && shapes) {
      const scalarType = tensorType(node.inputs[0])?.scalarType;
      if (scalarType) {
        replaceWithConstant(graph, node, intValue(SCALAR_TYPE_NAMES.indexOf(scalarType)), IntType.get());
        changed = true;
      }
    } else if (k === 'prim::device' && n === 1 && shapes) {
      const device = tensorType(node.inputs[0])?.device;
      if (device) {
        replaceWithConstant(graph, node, deviceValue(device), DeviceObjType.get());
        changed = true;
      }
    } else if (k === 'prim::is_cuda' && n === 1 && shapes) {
      const device = tensorType(node.inputs[0])?.device;
      if (device) {
        replaceWithConstant(graph, node, device.startsWith('cuda'), BoolType.get());
        changed = true;
      }
    } else if ((k === 'aten::Float' || k === 'aten::Int' || k === 'prim::ImplicitTensorToNum') && n === 1) {
      const inner = node.inputs[0].node;
      if (
        inner.kind === 'prim::NumToTensor' &&
        inner.inputs.length === 1 &&
        inner.inputs[0].type.equals(node.output().type)
      ) {
        node.output().replaceAllUsesWith(inner.inputs[0]);
        changed = true;
      }
    }
  }
  return changed;
}

/** PyTorch's `Value::mustBeNone`. */
export function mustBeNone(v: Value): boolean {
  const node = v.node;
  return (
    v.type.kind === 'NoneType' ||
    node.kind === 'prim::AutogradZero' ||
    (node.kind === 'prim::Constant' && !node.hasAttributes() && v.type.kind === 'OptionalType')
  );
}

/** PyTorch's `Value::mustNotBeNone`. */
export function mustNotBeNone(v: Value): boolean {
  const t = v.type;
  if (v.node.kind === 'prim::AutogradAdd' || t.kind === 'NoneType' || t.kind === 'OptionalType') return false;
  if (t.kind === 'UnionType') return !t.containedTypes().some((m) => m.kind === 'NoneType' || m.kind === 'AnyType');
  return true;
}

function unifyTypes(a: JitType, b: JitType): JitType | undefined {
  if (a.isSubtypeOf(b)) return b;
  if (b.isSubtypeOf(a)) return a;
  if (a.kind === 'NoneType') return OptionalType.of(b);
  if (b.kind === 'NoneType') return OptionalType.of(a);
  if (a.kind === 'TensorType' && b.kind === 'TensorType') return TensorType.get();
  return undefined;
}

const IMMUTABLE_EQ = new Set(['BoolType', 'IntType', 'FloatType', 'NoneType']);

function nonTensor(graph: Graph, block: import('@tsjit/ir').Block): boolean {
  let changed = false;
  for (const node of block.nodes()) {
    for (const b of node.blocks) changed = nonTensor(graph, b) || changed;
    if (node.kind !== 'prim::Constant') {
      for (const output of node.outputs) {
        if (output.type.kind === 'NoneType' && output.hasUses()) {
          const none = graph.withInsertPoint(node, () => graph.insertConstant(null));
          output.replaceAllUsesWith(none);
          changed = true;
        }
      }
    }
    const k = node.kind;
    if (k === 'prim::If') {
      const [thenBlock, elseBlock] = node.blocks;
      node.outputs.forEach((out, i) => {
        if (out.type.kind !== 'BoolType' || !out.hasUses()) return;
        const t = constantBool(thenBlock.outputs[i]) ?? false;
        const f = constantBool(elseBlock.outputs[i]) ?? true;
        if (t && !f) {
          out.replaceAllUsesWith(node.inputs[0]);
          changed = true;
        }
      });
      node.outputs.forEach((out, i) => {
        const a = thenBlock.outputs[i].type;
        const b = elseBlock.outputs[i].type;
        if (out.type.kind !== 'OptionalType' || a.kind === 'OptionalType' || b.kind === 'OptionalType') return;
        const unified = unifyTypes(a, b);
        if (unified && !unified.equals(out.type)) {
          out.setType(unified);
          changed = true;
        }
      });
    } else if ((k === 'aten::__is__' || k === 'aten::__isnot__') && node.inputs.length === 2) {
      for (const i of [0, 1]) {
        if (mustBeNone(node.inputs[i]) && mustNotBeNone(node.inputs[1 - i]) && node.output().hasUses()) {
          replaceWithConstant(graph, node, k === 'aten::__isnot__', BoolType.get());
          changed = true;
        }
      }
    } else if (
      (k === 'prim::unchecked_unwrap_optional' || k === 'aten::_unwrap_optional') &&
      node.inputs.length === 1
    ) {
      if (mustNotBeNone(node.inputs[0]) && node.output().hasUses()) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      }
    } else if (k === 'prim::unchecked_cast' && node.inputs.length === 1) {
      if (unshaped(node.inputs[0].type).isSubtypeOf(unshaped(node.output().type)) && node.output().hasUses()) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      }
    } else if (
      (k === 'aten::Int' || k === 'aten::ceil') &&
      node.inputs.length === 1 &&
      node.inputs[0].type.kind === 'IntType'
    ) {
      if (node.output().hasUses()) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      }
    } else if (
      (k === 'aten::eq' || k === 'aten::ne') &&
      node.inputs.length === 2 &&
      node.inputs[0] === node.inputs[1]
    ) {
      const t = node.inputs[0].type;
      const ok =
        t.kind === 'ListType'
          ? IMMUTABLE_EQ.has((t as ListType).elementType.kind)
          : t.kind === 'DictType'
            ? t.containedTypes().every((c) => IMMUTABLE_EQ.has(c.kind))
            : IMMUTABLE_EQ.has(t.kind);
      if (ok && node.output().hasUses()) {
        replaceWithConstant(graph, node, k === 'aten::eq', BoolType.get());
        changed = true;
      }
    } else if (k === 'aten::mul' || k === 'aten::floordiv' || k === 'aten::div') {
      const c = intArithConstant(node);
      if (c !== undefined && Number(c) === 1 && node.output().hasUses()) {
        node.output().replaceAllUsesWith(node.inputs[0]);
        changed = true;
      }
    } else if (k === 'aten::add' || k === 'aten::sub') {
      changed = simplifyAddOrSub(graph, node) || changed;
    }
  }
  return changed;
}

function unshaped(t: JitType): JitType {
  return t.kind === 'TensorType' ? TensorType.get() : t;
}

/** The constant int operand of binary int arithmetic, moved second for add and mul (PyTorch's checkArithNode). */
function intArithConstant(node: Node): number | bigint | undefined {
  if (node.inputs.length !== 2 || node.inputs.some((v) => v.type.kind !== 'IntType')) return undefined;
  if (node.kind === 'aten::mul' || node.kind === 'aten::add') {
    const first = constantInt(node.inputs[0]);
    if (first !== undefined) {
      const [a, b] = node.inputs;
      node.replaceInput(0, b);
      node.replaceInput(1, a);
      return first;
    }
  }
  return constantInt(node.inputs[1]);
}

function simplifyAddOrSub(graph: Graph, node: Node): boolean {
  const c = intArithConstant(node);
  if (c === undefined) return false;
  if (Number(c) === 0) {
    if (!node.output().hasUses()) return false;
    node.output().replaceAllUsesWith(node.inputs[0]);
    return true;
  }
  const dep = node.inputs[0].node;
  if (dep.kind !== 'aten::add' && dep.kind !== 'aten::sub') return false;
  const delta = intArithConstant(dep);
  if (delta === undefined) return false;
  const merged = dep.kind === node.kind ? BigInt(c) + BigInt(delta) : BigInt(c) - BigInt(delta);
  if (merged === 0n) {
    node.output().replaceAllUsesWith(dep.inputs[0]);
  } else {
    const asNumber = merged >= BigInt(Number.MIN_SAFE_INTEGER) && merged <= BigInt(Number.MAX_SAFE_INTEGER);
    const constant = graph.withInsertPoint(node, () =>
      graph.insertConstant(asNumber ? Number(merged) : BigInt.asIntN(64, merged)),
    );
    node.replaceInput(0, dep.inputs[0]);
    node.replaceInput(1, constant);
  }
  return true;
}

const FLOATING = new Set(['Half', 'Float', 'Double', 'BFloat16', 'ComplexHalf', 'ComplexFloat', 'ComplexDouble']);

function aliasSensitive(graph: Graph, registry: OpRegistry | undefined, shapes: boolean): boolean {
  const db = new AliasDb(graph, registry);
  const stale = new Set<Value>();
  let changed = false;
  const tryReplace = (input: Value, output: Value): boolean => {
    if (!db.safeToChangeAliasingRelationship([input], [output])) return false;
    for (const s of stale) if (db.mayAlias(s, input) || db.mayAlias(s, output)) return false;
    output.replaceAllUsesWith(input);
    stale.add(input);
    stale.add(output);
    return true;
  };
  const visit = (block: import('@tsjit/ir').Block): void => {
    for (const node of block.nodes()) {
      for (const b of node.blocks) visit(b);
      const k = node.kind;
      // dim(conv(x)) is the rank the convolution gives (3, 4 or 5): PyTorch folds it, as batch
      // norm's input check would otherwise keep conv–batch-norm folding from happening.
      if (k === 'aten::conv1d' || k === 'aten::conv2d' || k === 'aten::conv3d') {
        const dims = node.output().uses.filter((u) => u.user.kind === 'aten::dim');
        if (dims.length === 0 || db.hasWriters(node.output())) continue;
        const rank = k === 'aten::conv1d' ? 3 : k === 'aten::conv2d' ? 4 : 5;
        for (const { user } of dims) replaceWithConstant(graph, user, intValue(rank), IntType.get());
        changed = true;
        continue;
      }
      const self = node.inputs[0];
      if (!self || self.type.kind !== 'TensorType') continue;
      const floating = shapes && FLOATING.has((self.type as TensorType).scalarType ?? '');
      const isScalar = (v: Value) =>
        v.type.kind === 'IntType' || v.type.kind === 'FloatType' || v.type.kind === 'NumberType';
      const numberOf = (v: Value): number | undefined => {
        const c = constantOf(v);
        const tagged = c?.value as { kind?: string; value?: number | bigint } | null | undefined;
        return tagged && (tagged.kind === 'int' || tagged.kind === 'float') ? Number(tagged.value) : undefined;
      };
      if (
        (k === 'aten::add' || k === 'aten::sub') &&
        node.inputs.length === 3 &&
        isScalar(node.inputs[1]) &&
        isScalar(node.inputs[2])
      ) {
        const other = numberOf(node.inputs[1]);
        const alpha = numberOf(node.inputs[2]);
        if (other === undefined || alpha === undefined) continue;
        if (!floating && (node.inputs[1].type.kind !== 'IntType' || node.inputs[2].type.kind !== 'IntType')) continue;
        if (alpha === 1 && other === 0 && tryReplace(self, node.output())) changed = true;
      } else if ((k === 'aten::mul' || k === 'aten::div') && node.inputs.length === 2 && isScalar(node.inputs[1])) {
        const other = numberOf(node.inputs[1]);
        if (other === undefined) continue;
        if (!floating && (k === 'aten::div' || node.inputs[1].type.kind !== 'IntType')) continue;
        if (other === 1 && tryReplace(self, node.output())) changed = true;
      }
    }
  };
  visit(graph.block);
  return changed;
}

/** Whether a list value is a `prim::ListConstruct` output that nothing writes. */
function constructedList(db: AliasDb, v: Value): Node | undefined {
  const node = v.node;
  return node.kind === 'prim::ListConstruct' && !db.hasWriters(v) ? node : undefined;
}

function listIdioms(graph: Graph, registry: OpRegistry | undefined): boolean {
  const db = new AliasDb(graph, registry);
  let changed = false;
  const visit = (block: import('@tsjit/ir').Block): void => {
    for (const node of block.nodes()) {
      for (const b of node.blocks) visit(b);
      const list = node.inputs[0];
      if (!list || list.type.kind !== 'ListType') continue;
      const source = constructedList(db, list);
      if (!source) continue;
      if (node.kind === 'aten::len' && node.inputs.length === 1) {
        replaceWithConstant(graph, node, intValue(source.inputs.length), IntType.get());
        changed = true;
      } else if (node.kind === 'aten::__getitem__' && node.inputs.length === 2) {
        const index = constantInt(node.inputs[1]);
        if (index === undefined) continue;
        const n = source.inputs.length;
        const i = Number(index) < 0 ? Number(index) + n : Number(index);
        if (i < 0 || i >= n) continue;
        node.output().replaceAllUsesWith(source.inputs[i]);
        changed = true;
      } else if (node.kind === 'prim::ListUnpack' && node.outputs.length === source.inputs.length) {
        node.outputs.forEach((out, i) => {
          out.replaceAllUsesWith(source.inputs[i]);
        });
        changed = true;
      } else if (node.kind === 'aten::add' && node.inputs.length === 2 && node.inputs[1].type.kind === 'ListType') {
        const second = constructedList(db, node.inputs[1]);
        if (!second || db.hasWriters(node.output())) continue;
        const joined = graph.withInsertPoint(node, () =>
          graph.insert('prim::ListConstruct', [...source.inputs, ...second.inputs]),
        );
        joined.output().setType(node.output().type);
        node.output().replaceAllUsesWith(joined.output());
        changed = true;
      }
    }
  };
  visit(graph.block);
  return changed;
}

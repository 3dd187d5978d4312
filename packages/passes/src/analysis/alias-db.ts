import type { Block, Graph, JitType, Node, Value } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { nodeOperator } from './node-schema.js';

const MUTABLE_KINDS = new Set([
  'TensorType',
  'ListType',
  'DictType',
  'ClassType',
  'InterfaceType',
  'FutureType',
  'RRefType',
  'AnyType',
  'AnyListType',
  'AnyClassType',
  'CapsuleType',
  'StorageType',
  'PyObjectType',
  'VarType',
]);

/** Whether values of `type` can be written in place and so can alias (PyTorch's `AliasDb::isMutableType`). */
export function isMutableType(type: JitType): boolean {
  if (MUTABLE_KINDS.has(type.kind)) return true;
  if (type.kind === 'TupleType' || type.kind === 'OptionalType' || type.kind === 'UnionType') {
    return type.containedTypes().some(isMutableType);
  }
  return false;
}

// Prim ops whose outputs are views of (or parts of) their first input.
const FORWARDING_PRIMS = new Set([
  'prim::ListUnpack',
  'prim::TupleUnpack',
  'prim::TupleIndex',
  'prim::TupleSlice',
  'prim::unchecked_cast',
  'prim::unchecked_unwrap_optional',
  'aten::_unwrap_optional',
  'prim::GetAttr',
  'prim::DictIndex',
  'prim::ConstantChunk',
  'prim::data',
]);
// Prim ops that put their inputs into a new container.
const CONSTRUCTING_PRIMS = new Set(['prim::ListConstruct', 'prim::TupleConstruct', 'prim::DictConstruct']);
// Ops that read their inputs and make fresh outputs.
const READING_OPS = new Set([
  'prim::Constant',
  'prim::Uninitialized',
  'prim::AutogradZero',
  'prim::CreateObject',
  'prim::Print',
  'prim::RaiseException',
  'prim::device',
  'prim::dtype',
  'prim::layout',
  'prim::is_cuda',
  'prim::requires_grad',
  'prim::shape',
  'prim::isinstance',
  'prim::NumToTensor',
  'prim::ImplicitTensorToNum',
  'prim::Int',
  'prim::Float',
  'prim::Bool',
  'prim::min',
  'prim::max',
  'prim::abs',
  'prim::id',
  'prim::is_nested',
  'prim::name',
  'prim::EnumValue',
  'prim::EnumName',
  'aten::__is__',
  'aten::__isnot__',
  'aten::__not__',
  'aten::__contains__',
  'aten::len',
  'aten::dim',
  'aten::size',
  'aten::numel',
  'aten::format',
  'aten::str',
  'aten::Int',
  'aten::Float',
  'aten::Bool',
  'aten::eq',
  'aten::ne',
  'aten::lt',
  'aten::le',
  'aten::gt',
  'aten::ge',
]);
// aten ops that write a list or dict argument although their names do not end in '_'.
const CONTAINER_WRITERS = new Set([
  'aten::append',
  'aten::insert',
  'aten::extend',
  'aten::pop',
  'aten::clear',
  'aten::remove',
  'aten::reverse',
  'aten::sort',
  'aten::_set_item',
  'aten::setdefault',
  'aten::update',
  'aten::popitem',
  'aten::backward',
  'aten::__setitem__',
  'aten::copy_',
]);

/**
 * Whether an op we have no schema for may write to its inputs, by PyTorch's naming: in-place ops
 * end in one '_' (`add_`, not `__getitem__`), plus the list and dict mutators; ops outside aten
 * and prim are unknown and may.
 */
export function mayWriteUnknown(kind: string): boolean {
  if (READING_OPS.has(kind)) return false;
  if (CONTAINER_WRITERS.has(kind)) return true;
  if (kind.startsWith('aten::') || kind.startsWith('prim::')) {
    const base = kind.slice(6);
    return base.endsWith('_') && !base.endsWith('__');
  }
  return true;
}

const WILDCARD = Symbol('wildcard');
type Key = Value | typeof WILDCARD;

/**
 * A simple, sound alias analysis (a coarse version of PyTorch's AliasDb). Values of mutable types
 * fall into alias classes (union-find): a schema's `(a)` annotations join an output with the
 * inputs in the same set; containers join the values put into them and taken out of them; an
 * `If`/`Loop` output joins the values that flow into it; graph inputs, values marked `(a -> *)`
 * or `(*)`, and everything an unknown op touches join the wildcard class (may alias anything). A
 * node writes the classes of its arguments annotated `(a!)` (unknown ops: every mutable input).
 * Built once for a graph; values made later are treated as fresh.
 */
export class AliasDb {
  readonly graph: Graph;
  readonly #parent = new Map<Key, Key>();
  readonly #writes = new Map<Node, Set<Key>>();
  #written: Set<Key> | undefined;
  readonly #registry: OpRegistry | undefined;

  constructor(graph: Graph, registry?: OpRegistry) {
    this.graph = graph;
    this.#registry = registry;
    for (const input of graph.inputs) this.#join(input, WILDCARD);
    this.#analyzeBlock(graph.block);
    // Graph outputs escape: a later write by the caller must not be moved onto another value.
  }

  /** Whether `a` and `b` may point at the same memory. */
  mayAlias(a: Value, b: Value): boolean {
    if (!isMutableType(a.type) || !isMutableType(b.type)) return false;
    return a === b || this.#find(a) === this.#find(b);
  }

  /** Whether any value of `as` may alias any value of `bs`. */
  mayAliasAny(as: readonly Value[], bs: readonly Value[]): boolean {
    return as.some((a) => bs.some((b) => this.mayAlias(a, b)));
  }

  /** Whether `value` may alias a graph input, a graph output or the wildcard. */
  escapes(value: Value): boolean {
    if (!isMutableType(value.type)) return false;
    const root = this.#find(value);
    return root === this.#find(WILDCARD) || this.graph.outputs.some((o) => this.mayAlias(o, value));
  }

  /** Whether some node of the graph may write to memory that `value` may point at. */
  hasWriters(value: Value): boolean {
    if (!isMutableType(value.type)) return false;
    if (!this.#written) {
      this.#written = new Set();
      for (const keys of this.#writes.values()) for (const k of keys) this.#written.add(this.#find(k));
    }
    const root = this.#find(value);
    return this.#written.has(root) || (this.#written.has(this.#find(WILDCARD)) && this.#isWildcard(root));
  }

  /** Whether some node may write to an input or output of `node` (PyTorch's `AliasDb::hasWriters(Node*)`). */
  nodeHasWriters(node: Node): boolean {
    return node.inputs.some((v) => this.hasWriters(v)) || node.outputs.some((v) => this.hasWriters(v));
  }

  /** Whether `node` (or a node of its blocks) writes to memory. */
  writes(node: Node): boolean {
    return this.#writesOf(node).size > 0;
  }

  /** Whether `node` (or a node of its blocks) may write to memory that one of `values` points at. */
  writesToAlias(node: Node, values: Iterable<Value>): boolean {
    const writes = this.#writesOf(node);
    if (writes.size === 0) return false;
    const roots = new Set([...writes].map((k) => this.#find(k)));
    for (const v of values) {
      if (isMutableType(v.type) && roots.has(this.#find(v))) return true;
    }
    return false;
  }

  /** Whether `node` (or a node of its blocks) may write to memory visible outside the graph (the wildcard class). */
  writesToWildcard(node: Node): boolean {
    const wildcard = this.#find(WILDCARD);
    for (const k of this.#writesOf(node)) if (this.#find(k) === wildcard) return true;
    return false;
  }

  /**
   * Whether replacing `a` by `b` (or merging them) cannot change what a write observes: neither
   * is written anywhere, and not both escape the graph (PyTorch's `safeToChangeAliasingRelationship`).
   */
  safeToChangeAliasingRelationship(as: readonly Value[], bs: readonly Value[]): boolean {
    if ([...as, ...bs].some((v) => this.hasWriters(v))) return false;
    return !(as.some((v) => this.escapes(v)) && bs.some((v) => this.escapes(v)));
  }

  // ---- building --------------------------------------------------------------------------

  #isWildcard(root: Key): boolean {
    return root === this.#find(WILDCARD);
  }

  #writesOf(node: Node): Set<Key> {
    const own = this.#writes.get(node) ?? new Set<Key>();
    if (node.blocks.length === 0) return own;
    const all = new Set(own);
    const stack = [...node.blocks];
    while (stack.length > 0) {
      const block = stack.pop() as Block;
      for (const inner of block.nodes()) {
        for (const k of this.#writes.get(inner) ?? []) all.add(k);
        stack.push(...inner.blocks);
      }
    }
    return all;
  }

  #find(key: Key): Key {
    let root = key;
    for (let p = this.#parent.get(root); p !== undefined && p !== root; p = this.#parent.get(root)) root = p;
    // Path compression.
    let k = key;
    while (k !== root) {
      const next = this.#parent.get(k) as Key;
      this.#parent.set(k, root);
      k = next;
    }
    return root;
  }

  #join(a: Key, b: Key): void {
    if (a !== WILDCARD && !isMutableType(a.type)) return;
    if (b !== WILDCARD && !isMutableType(b.type)) return;
    const ra = this.#find(a);
    const rb = this.#find(b);
    if (ra === rb) return;
    // Keep the wildcard as the root of its class, so that #isWildcard is one comparison.
    if (ra === WILDCARD) this.#parent.set(rb, ra);
    else this.#parent.set(ra, rb);
    this.#written = undefined;
  }

  #write(node: Node, value: Key): void {
    if (value !== WILDCARD && !isMutableType(value.type)) return;
    let set = this.#writes.get(node);
    if (!set) this.#writes.set(node, (set = new Set()));
    set.add(value);
  }

  #analyzeBlock(block: Block): void {
    for (const node of block.nodes()) {
      for (const inner of node.blocks) this.#analyzeBlock(inner);
      this.#analyzeNode(node);
    }
  }

  #analyzeNode(node: Node): void {
    const kind = node.kind;
    if (kind === 'prim::If') {
      node.outputs.forEach((out, i) => {
        for (const b of node.blocks) if (b.outputs[i]) this.#join(out, b.outputs[i]);
      });
      return;
    }
    if (kind === 'prim::Loop') {
      const body = node.blocks[0];
      node.outputs.forEach((out, i) => {
        const init = node.inputs[i + 2];
        if (init) this.#join(out, init);
        if (body?.inputs[i + 1]) this.#join(out, body.inputs[i + 1]);
        if (body?.outputs[i + 1]) this.#join(out, body.outputs[i + 1]);
      });
      return;
    }
    if (READING_OPS.has(kind)) return;
    if (CONSTRUCTING_PRIMS.has(kind) || FORWARDING_PRIMS.has(kind)) {
      for (const out of node.outputs) for (const input of node.inputs) this.#join(out, input);
      return;
    }
    if (kind === 'prim::SetAttr') {
      if (node.inputs.length === 2) {
        this.#join(node.inputs[0], node.inputs[1]);
        this.#write(node, node.inputs[0]);
      }
      return;
    }
    const op = kind.startsWith('aten::') || kind.includes('::') ? nodeOperator(node, this.#registry) : undefined;
    if (op) {
      this.#fromSchema(node, op.schema);
      return;
    }
    if (kind.startsWith('aten::') && !mayWriteUnknown(kind)) {
      // An aten op we have no schema for: assume it reads its inputs and may return views of them.
      for (const out of node.outputs) for (const input of node.inputs) this.#join(out, input);
      return;
    }
    // Unknown: everything it touches may alias anything and may be written.
    for (const v of [...node.inputs, ...node.outputs]) {
      this.#join(v, WILDCARD);
      this.#write(node, v);
    }
    this.#write(node, WILDCARD);
  }

  #fromSchema(node: Node, schema: import('@tsjit/ir').FunctionSchema): void {
    const sets = new Map<string, Value[]>();
    schema.arguments.forEach((arg, i) => {
      const input = node.inputs[i];
      if (!input) return;
      const infos = arg.aliasInfo ? [arg.aliasInfo, ...arg.aliasInfo.containedTypes] : [];
      for (const info of infos) {
        for (const s of info.beforeSets) {
          if (s === '*') this.#join(input, WILDCARD);
          else {
            let list = sets.get(s);
            if (!list) sets.set(s, (list = []));
            list.push(input);
          }
        }
        if (info.afterSets.includes('*')) this.#join(input, WILDCARD);
        if (info.isWrite) this.#write(node, input);
      }
    });
    schema.returns.forEach((ret, i) => {
      const out = node.outputs[i];
      if (!out) return;
      const infos = ret.aliasInfo ? [ret.aliasInfo, ...ret.aliasInfo.containedTypes] : [];
      for (const info of infos) {
        for (const s of info.beforeSets) {
          if (s === '*') this.#join(out, WILDCARD);
          else for (const input of sets.get(s) ?? []) this.#join(out, input);
        }
        if (info.isWrite) this.#write(node, out);
      }
    });
  }
}

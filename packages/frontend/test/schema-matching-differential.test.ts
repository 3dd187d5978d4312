import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  floatValue,
  intValue,
  type JitType,
  ListType,
  lint,
  type Node,
  parseIR,
  parseSchema,
  printGraph,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import {
  augmentedAssignmentOp,
  type BuiltinHooks,
  binaryOperatorOp,
  builtinAttr,
  builtinGlobal,
  compareOperatorOp,
  mathModule,
  noAttributeMessage,
  torchModule,
  unaryOperatorOp,
} from '../src/emitter/builtins.js';
import type { NamedValue, SugaredValue } from '../src/emitter/contracts.js';
import { normalizeOps } from '../src/emitter/normalize-ops.js';
import { lookupNodeSchema } from '../src/emitter/schema-matching.js';
import type { SchemaRegistry } from '../src/emitter/schema-registry.js';
import { unifyTypeList } from '../src/emitter/type-variables.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { rangeAt, type TestContext, testContext } from './support/emit-context.js';

/**
 * Differential test of schema matching against PyTorch 1.13: each case of
 * tooling/fixtures/gen_schema_match_cases.py is a call PyTorch compiled (or rejected); we make
 * the same call on the same parameter types and compare the non-constant nodes (kind, overload,
 * output types: the chosen overload and the conversions inserted) and the result type, or the
 * rejection and its message.
 */

type Spec =
  | { p: string }
  | { c: null | boolean | number | string; float?: boolean }
  | { tuple: Spec[] }
  | { list: Spec[] };

interface Case {
  id: number;
  source: string;
  call: { kind: string; name?: string; op?: string };
  args: Spec[];
  kwargs: [string, Spec][];
  params: string[];
  ok: boolean;
  nodes?: [string, string | null, string[]][];
  ret?: string | null;
  error?: string;
  random?: boolean;
}

function loadCases(): Case[] {
  const path = new URL('./fixtures/schema-match-cases-torch-1.13.jsonl.gz', import.meta.url);
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Case);
}

function parseType(text: string): JitType {
  return parseSchema(`aten::f(${text} a) -> ()`).arguments[0].type;
}

const r = rangeAt(1);

/** Builds the argument values as the emitter would: parameters in order of appearance, literals as constants. */
class Args {
  readonly ctx: TestContext;
  readonly params: string[];
  next = 0;
  constructor(ctx: TestContext, params: string[]) {
    this.ctx = ctx;
    this.params = params;
  }
  value(spec: Spec): Value {
    const g = this.ctx.graph;
    if ('p' in spec) {
      const i = this.next++;
      return this.ctx.input(`a${i}`, parseType(this.params[i]));
    }
    if ('c' in spec) {
      const v = spec.c;
      if (typeof v === 'number') return g.insertConstant(spec.float ? floatValue(v) : intValue(v));
      return g.insertConstant(v);
    }
    if ('tuple' in spec) {
      const items = spec.tuple.map((s) => this.value(s));
      const node = g.create('prim::TupleConstruct', items, 1);
      node.output().setType(TupleType.of(items.map((v) => v.type)));
      return g.insertNode(node).output();
    }
    const items = spec.list.map((s) => this.value(s));
    if (items.length === 0) {
      return g.insert('prim::EmptyListLiteral', [], 1).output().setType(ListType.of(TensorType.get()));
    }
    const unified = unifyTypeList(items.map((v) => v.type));
    if (!('type' in unified)) throw new Error(`list literal of mixed types in case: ${unified.failure}`);
    const node = g.create('prim::ListConstruct', items, 1);
    node.output().setType(ListType.of(unified.type));
    return g.insertNode(node).output();
  }
}

function call(ctx: TestContext, sv: SugaredValue | undefined, what: string, args: NamedValue[], kwargs: NamedValue[]) {
  if (!sv?.call) return ctx.error(r, `${what} is not callable`);
  const out = sv.call(ctx, r, args, kwargs, 1);
  if (!out.asValue) return ctx.error(r, `${what} gives no value`);
  return out.asValue(ctx, r);
}

function attrPath(ctx: TestContext, root: SugaredValue, path: string[]): SugaredValue {
  let v = root;
  for (const name of path) {
    if (!v.attr) ctx.error(r, `${v.kind} has no attribute ${name}`);
    v = v.attr(ctx, r, name);
  }
  return v;
}

/** Emits the case's call; returns the result value. */
function emitCase(c: Case): { ctx: TestContext; result: Value } | { skip: string } {
  const ctx: TestContext = testContext();
  const hooks: BuiltinHooks = { registry: ctx.registry };
  const build = new Args(ctx, c.params);
  const args = c.args.map((s) => ({ value: build.value(s), range: r }) as NamedValue);
  const kwargs = c.kwargs.map(([name, s]) => ({ value: build.value(s), range: r, name }));
  const { kind, name = '', op = '' } = c.call;
  let result: Value;
  switch (kind) {
    case 'torch':
      result = call(ctx, attrPath(ctx, torchModule(hooks), [name]), name, args, kwargs);
      break;
    case 'F':
      result = call(ctx, attrPath(ctx, torchModule(hooks), ['nn', 'functional', name]), name, args, kwargs);
      break;
    case 'math':
      result = call(ctx, attrPath(ctx, mathModule(hooks), [name]), name, args, kwargs);
      break;
    case 'ops':
      result = call(ctx, attrPath(ctx, torchModule(hooks), ['ops', ...name.split('::')]), name, args, kwargs);
      break;
    case 'global': {
      const g = builtinGlobal(name, hooks);
      if (!g) return { skip: `global ${name} is a special form` };
      result = call(ctx, g, name, args, kwargs);
      break;
    }
    case 'method':
    case 'attr': {
      const self = args[0].value;
      const member = builtinAttr(ctx, r, self, name, hooks);
      if (!member) ctx.error(r, noAttributeMessage(self.type, name));
      if (kind === 'attr') {
        if (!member.asValue) ctx.error(r, `${name} is not a value`);
        result = member.asValue(ctx, r);
      } else {
        result = call(ctx, member, name, args.slice(1), kwargs);
      }
      break;
    }
    case 'binary': {
      if (op === '+' && args.every((a) => a.value.type.kind === 'TupleType')) return { skip: 'tuple concatenation' };
      result = ctx.builtin(binaryOperatorOp(op as never, args[0].value.type), args, [], r);
      break;
    }
    case 'compare': {
      const table = compareOperatorOp(op as never);
      const operands = table.swap ? [args[1], args[0]] : args;
      result = ctx.builtin(table.op, operands, [], r);
      break;
    }
    case 'unary': {
      const name = unaryOperatorOp(op as never);
      if (!name) ctx.error(r, `unary ${op}`);
      result = ctx.builtin(name, args, [], r);
      break;
    }
    case 'aug': {
      const name = augmentedAssignmentOp(op as never, args[0].value.type);
      if (!name) ctx.error(r, `augmented ${op}`);
      result = ctx.builtin(name, args, [], r);
      break;
    }
    default:
      throw new Error(`unknown case kind ${kind}`);
  }
  return { ctx, result };
}

/** Output types as PyTorch's str(type) writes them. */
function typeText(t: JitType): string {
  if (t.kind === 'TupleType') {
    const tuple = t as TupleType;
    if (tuple.elements.length === 0) return 'Tuple[()]';
    return `Tuple[${tuple.elements.map(typeText).join(', ')}]`;
  }
  return t.pythonStr();
}

const IMMUTABLE = new Set([
  'IntType',
  'FloatType',
  'BoolType',
  'StringType',
  'NoneType',
  'ComplexType',
  'DeviceObjType',
  'NumberType',
]);
function immutable(t: JitType): boolean {
  if (t.kind === 'TupleType') return (t as TupleType).elements.every(immutable);
  return IMMUTABLE.has(t.kind);
}

/**
 * Our nodes after the call, matched against PyTorch's recorded ones. PyTorch's cleanup folds
 * nodes whose inputs are all constants and whose outputs are immutable (`aten::device("cpu")`,
 * `len("abc")`); such nodes of ours may be missing from its list.
 */
function compareNodes(
  registry: SchemaRegistry,
  ours: Node[],
  expected: [string, string | null, string[]][],
): string | undefined {
  const folded = new Set<Value>();
  const isConstant = (v: Value) => v.node.kind === 'prim::Constant' || folded.has(v);
  let k = 0;
  for (const node of ours) {
    // PyTorch's nodes do not keep the schema chosen; Node.schema() finds the first overload the
    // inputs fit, so that is what the record holds and what we compare.
    const schema = lookupNodeSchema(registry, node);
    const overload = schema ? schema.overloadName : null;
    const outputs = node.outputs.map((o) => typeText(o.type));
    const want = expected[k];
    if (
      want &&
      want[0] === node.kind &&
      (want[1] === overload || (overload === null && want[1] === '')) &&
      JSON.stringify(want[2]) === JSON.stringify(outputs)
    ) {
      k++;
      continue;
    }
    if (node.outputs.length > 0 && node.inputs.every(isConstant) && node.outputs.every((o) => immutable(o.type))) {
      for (const o of node.outputs) folded.add(o);
      continue;
    }
    return `node ${node.kind}${overload ? `.${overload}` : ''} -> ${outputs.join(', ')}; PyTorch: ${JSON.stringify(want ?? null)}`;
  }
  if (k < expected.length) return `missing ${JSON.stringify(expected.slice(k))}`;
  return undefined;
}

/**
 * The nodes PyTorch's dead-code elimination keeps: what the result depends on, and nodes with
 * effects (mutation, raising, printing, control flow). A literal tuple whose elements became a
 * list is dead, as in PyTorch's graph.
 */
function liveNodes(nodes: Node[], result: Value): Node[] {
  const live = new Set<Node>();
  const stack: Node[] = [result.node];
  for (const n of nodes) {
    const effect =
      n.blocks.length > 0 ||
      n.outputs.length === 0 ||
      ['prim::RaiseException', 'prim::Print', 'aten::warn'].includes(n.kind) ||
      (n.explicitSchema()?.isMutable ?? false);
    if (effect) stack.push(n);
  }
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (live.has(n) || n.isParamNode()) continue;
    live.add(n);
    for (const input of n.inputs) stack.push(input.node);
  }
  return nodes.filter((n) => live.has(n) && n.kind !== 'prim::Constant' && n.kind !== 'prim::EmptyListLiteral');
}

function describeNodes(nodes: Node[]): string {
  return nodes
    .map((n) => `${n.kind}${n.explicitSchema()?.overloadName ? `.${n.explicitSchema()?.overloadName}` : ''}`)
    .join(' ');
}

/** PyTorch's own failures that are not about matching (an op that cannot be inserted outside PyTorch). */
function isPyTorchInternal(error: string): boolean {
  return (
    error.includes('INTERNAL ASSERT FAILED') ||
    error.includes('required keyword attribute') ||
    error.includes('AliasAnalysisKind::INTERNAL_SPECIAL_CASE') ||
    error.startsWith('object has no attribute') ||
    error.includes('is not a member of') ||
    (/^Unknown builtin op/.test(error) === false &&
      /^\w+::\w+[.\w]*\(.*\) -> .*:\n/s.test(error) === false &&
      !error.startsWith('Arguments for call are not valid') &&
      !error.startsWith('Python builtin') &&
      !error.includes('object has no attribute or method'))
  );
}

describe('schema matching against PyTorch 1.13', () => {
  const cases = loadCases();

  it('has the recorded cases', () => {
    expect(cases.length).toBeGreaterThan(5000);
  });

  it('chooses the same overload, inserts the same conversions and rejects the same calls', () => {
    const stats = { same: 0, rejectedBoth: 0, sameMessage: 0, skipped: 0, internal: 0, pythonCompiled: 0 };
    const failures: string[] = [];
    const messageDiffs: string[] = [];
    for (const c of cases) {
      if (c.ok && c.nodes?.some((n) => n[0] === 'prim::CallFunction')) {
        // PyTorch compiled a Python library function here (torch.nn.functional.relu...); we reject it.
        stats.pythonCompiled++;
        let rejected = false;
        try {
          emitCase(c);
        } catch (e) {
          rejected = FrontendError.isInstance(e);
        }
        if (!rejected) failures.push(`#${c.id} ${c.source}: accepted a call PyTorch compiles from Python source`);
        continue;
      }
      if (!c.ok && isPyTorchInternal(c.error ?? '')) {
        stats.internal++;
        continue;
      }
      let outcome: ReturnType<typeof emitCase> | undefined;
      let error: unknown;
      try {
        outcome = emitCase(c);
      } catch (e) {
        error = e;
      }
      if (outcome && 'skip' in outcome) {
        stats.skipped++;
        continue;
      }
      if (error !== undefined && !FrontendError.isInstance(error)) {
        failures.push(`#${c.id} ${c.source}: threw ${String(error)}`);
        continue;
      }
      if (!c.ok) {
        if (!error) {
          const ctx = (outcome as { ctx: TestContext }).ctx;
          failures.push(
            `#${c.id} ${c.source}: PyTorch rejects (${(c.error ?? '').split('\n')[0]}) but we emitted ${describeNodes([...ctx.graph.nodes()].filter((n) => n.kind !== 'prim::Constant'))}`,
          );
          continue;
        }
        stats.rejectedBoth++;
        const ours = (error as FrontendError).reason.trim();
        if (ours === c.error) stats.sameMessage++;
        else messageDiffs.push(`#${c.id} ${c.source}\n--- PyTorch\n${c.error}\n--- ours\n${ours}`);
        continue;
      }
      if (error) {
        failures.push(`#${c.id} ${c.source}: PyTorch accepts but we reject: ${(error as FrontendError).reason}`);
        continue;
      }
      const { ctx, result } = outcome as Exclude<typeof outcome, { skip: string } | undefined>;
      // PyTorch normalizes op aliases right after emitting (arccos → acos); so do we, here.
      ctx.graph.registerOutput(result);
      normalizeOps(ctx.graph, ctx.registry);
      const returned = ctx.graph.outputs[0];
      const ours = liveNodes([...ctx.graph.nodes()], returned);
      const expected = (c.nodes ?? []).slice();
      // The graph is well formed and prints back to itself.
      lint(ctx.graph);
      const printed = printGraph(ctx.graph);
      if (printGraph(parseIR(printed)) !== printed)
        failures.push(`#${c.id} ${c.source}: print -> parse -> print differs`);
      const diff = compareNodes(ctx.registry, ours, expected);
      const ret = typeText(returned.type);
      if (diff) failures.push(`#${c.id} ${c.source}: ${diff}`);
      else if (c.ret !== ret) failures.push(`#${c.id} ${c.source}: returns ${ret}, PyTorch ${c.ret}`);
      else stats.same++;
    }
    // The figures go to the log so that the report can quote them.
    console.log(
      `schema matching vs PyTorch: ${JSON.stringify(stats)}, ${failures.length} failures, ${messageDiffs.length} message differences`,
    );
    if (messageDiffs.length > 0) console.log(messageDiffs.slice(0, 8).join('\n\n'));
    expect(failures.slice(0, 30)).toEqual([]);
    // Every rejection says what PyTorch says, but for PyTorch printing a custom class's type with
    // the Python compilation unit it lives in.
    expect(messageDiffs.filter((d) => !d.includes('(of Python compilation unit at')).slice(0, 5)).toEqual([]);
    expect(stats.same).toBeGreaterThan(2500);
    expect(stats.rejectedBoth).toBeGreaterThan(3000);
  });
});

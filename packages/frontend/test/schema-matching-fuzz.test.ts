import {
  AnyType,
  BoolType,
  ComplexType,
  DeviceObjType,
  DictType,
  FloatType,
  IntType,
  type JitType,
  ListType,
  lint,
  NoneType,
  NumberType,
  OptionalType,
  parseSchema,
  printGraph,
  StringType,
  TensorType,
  TupleType,
  UnionType,
  type Value,
} from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NamedValue } from '../src/emitter/contracts.js';
import { emitBuiltinCall, matchSchema, nodeMatchesSchema } from '../src/emitter/schema-matching.js';
import { SchemaRegistry } from '../src/emitter/schema-registry.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { rangeAt, type TestContext, testContext, torchSchemaList } from './support/emit-context.js';

/**
 * Random calls against random schemas (made up, and PyTorch's own): every call either matches,
 * inserting a node whose inputs fit the chosen schema and leaving a graph that lints, or fails
 * with a FrontendError and, for matchSchema, leaves the graph untouched.
 */

const leaf = fc.constantFrom<JitType>(
  AnyType.get(),
  TensorType.get(),
  IntType.get(),
  FloatType.get(),
  BoolType.get(),
  StringType.get(),
  ComplexType.get(),
  NoneType.get(),
  NumberType.get(),
  DeviceObjType.get(),
);

const valueType: fc.Arbitrary<JitType> = fc.letrec<{ t: JitType }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    leaf,
    tie('t').map((t) => ListType.of(t)),
    tie('t').map((t) => OptionalType.of(t)),
    fc.array(tie('t'), { minLength: 0, maxLength: 3 }).map((ts) => TupleType.of(ts)),
    fc.tuple(fc.constantFrom<JitType>(StringType.get(), IntType.get()), tie('t')).map(([k, v]) => DictType.of(k, v)),
    fc.array(leaf, { minLength: 2, maxLength: 3 }).map((ts) => UnionType.of(ts)),
  ),
})).t;

/** Parameter types as the schema language writes them, type variables included. */
const paramType = fc.oneof(
  fc.constantFrom(
    'Tensor',
    'int',
    'float',
    'bool',
    'str',
    'complex',
    'Scalar',
    'Device',
    'Any',
    'ScalarType',
    'int[]',
    'int[2]',
    'float[]',
    'Tensor[]',
    'Tensor?[]',
    'Tensor?',
    'int?',
    'int[]?',
    't',
    't[]',
    't?',
    'Dict(str, t)',
    'Dict(int, Tensor)',
    '(int, t)',
    'Union(int, str)',
    'Generator?',
  ),
  valueType.map((t) => t.annotationStr()),
);

const DEFAULTS: Record<string, string> = {
  int: '1',
  float: '1.5',
  bool: 'False',
  str: '"s"',
  Scalar: '1',
  'int[]': '[1, 2]',
  'int[2]': '1',
  ScalarType: '6',
};

interface Param {
  type: string;
  name: string;
  kwargOnly: boolean;
  defaulted: boolean;
}

const schemaText = fc
  .tuple(
    fc.array(fc.record({ type: paramType, kwargOnly: fc.boolean(), defaulted: fc.boolean() }), {
      minLength: 0,
      maxLength: 5,
    }),
    fc.array(fc.constantFrom('Tensor', 'int', 't', 't[]', 'float', '(Tensor, t)'), { minLength: 0, maxLength: 2 }),
    fc.boolean(),
    fc.constantFrom('', 'a', 'b'),
  )
  .map(([params, returns, vararg, overload]) => {
    const ps: Param[] = params.map((p, i) => ({ ...p, name: i === 0 && fcFirstIsSelf(p.type) ? 'self' : `p${i}` }));
    // Keyword-only parameters come last; `...` only after positional ones.
    ps.sort((a, b) => Number(a.kwargOnly) - Number(b.kwargOnly));
    const parts: string[] = [];
    let star = false;
    for (const p of ps) {
      if (p.kwargOnly && !star) {
        parts.push('*');
        star = true;
      }
      const def = p.defaulted ? (p.type.endsWith('?') ? 'None' : DEFAULTS[p.type]) : undefined;
      parts.push(`${p.type} ${p.name}${def !== undefined ? `=${def}` : ''}`);
    }
    if (vararg && !star) parts.push('...');
    const ret = returns.length === 1 ? returns[0] : `(${returns.join(', ')})`;
    return `aten::fuzz${overload ? `.${overload}` : ''}(${parts.join(', ')}) -> ${ret}`;
  });

function fcFirstIsSelf(type: string): boolean {
  return type === 'Tensor' || type === 't[]' || type === 'str';
}

/** An argument: a graph input of a type, a literal, an empty list literal, or a tuple literal of inputs. */
type ArgSpec =
  | { input: JitType }
  | { literal: number | string | boolean | null }
  | { emptyList: true }
  | { tuple: JitType[] };

const argSpec: fc.Arbitrary<ArgSpec> = fc.oneof(
  valueType.map((t) => ({ input: t })),
  valueType.map((t) => ({ input: t })),
  fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(1.5, 'cpu', true, null)).map((v) => ({ literal: v })),
  fc.constant({ emptyList: true as const }),
  fc.array(valueType, { minLength: 1, maxLength: 3 }).map((ts) => ({ tuple: ts })),
);

interface CallSpec {
  args: ArgSpec[];
  kwargs: [string, ArgSpec][];
  withSelf: boolean;
}

const call: fc.Arbitrary<CallSpec> = fc.record({
  args: fc.array(argSpec, { maxLength: 5 }),
  kwargs: fc.array(fc.tuple(fc.constantFrom('p0', 'p1', 'p2', 'p3', 'self', 'input', 'bogus'), argSpec), {
    maxLength: 2,
  }),
  withSelf: fc.boolean(),
});

function build(ctx: TestContext, spec: ArgSpec, n: { i: number }): Value {
  const g = ctx.graph;
  if ('input' in spec) return ctx.input(`v${n.i++}`, spec.input);
  if ('literal' in spec) {
    const v = spec.literal;
    return g.insertConstant(typeof v === 'number' && !Number.isInteger(v) ? { kind: 'float', value: v } : (v as never));
  }
  if ('emptyList' in spec) {
    return g.insert('prim::EmptyListLiteral', [], 1).output().setType(ListType.of(TensorType.get()));
  }
  const items = spec.tuple.map((t) => ctx.input(`v${n.i++}`, t));
  const node = g.create('prim::TupleConstruct', items, 1);
  node.output().setType(TupleType.of(items.map((v) => v.type)));
  return g.insertNode(node).output();
}

const r = rangeAt(1);

function makeCall(ctx: TestContext, c: CallSpec) {
  const n = { i: 0 };
  const args: NamedValue[] = c.args.map((a) => ({ value: build(ctx, a, n), range: r }));
  const kwargs: NamedValue[] = c.kwargs.map(([name, a]) => ({ value: build(ctx, a, n), range: r, name }));
  const self: NamedValue | undefined = c.withSelf
    ? { value: ctx.input('self_', TensorType.get()), range: r, name: 'self' }
    : undefined;
  return { args, kwargs, self };
}

/** A value type that a parameter of `formal` accepts: type variables become int, Scalar int, Any a Tensor. */
function instantiate(formal: JitType, coin: number): JitType {
  switch (formal.kind) {
    case 'VarType':
    case 'NumberType':
      return IntType.get();
    case 'AnyType':
      return TensorType.get();
    case 'OptionalType':
      return coin < 0.3 ? NoneType.get() : instantiate((formal as OptionalType).elementType, coin);
    case 'UnionType':
      return instantiate((formal as UnionType).types[0], coin);
    case 'ListType':
      return ListType.of(instantiate((formal as ListType).elementType, coin));
    case 'TupleType':
      return TupleType.of((formal as TupleType).elements.map((t) => instantiate(t, coin)));
    case 'DictType':
      return DictType.of((formal as DictType).keyType, instantiate((formal as DictType).valueType, coin));
    default:
      return formal;
  }
}

function fittingCall(ctx: TestContext, schema: ReturnType<typeof parseSchema>, coins: IterableIterator<number>) {
  const args: NamedValue[] = [];
  const kwargs: NamedValue[] = [];
  let n = 0;
  for (const a of schema.arguments) {
    const coin = coins.next().value as number;
    if (a.defaultValue !== undefined && coin < 0.3) continue;
    const type = coin > 0.9 ? IntType.get() : instantiate(a.type, coin);
    const value = ctx.input(`f${n++}`, type);
    if (a.kwargOnly || coin > 0.8) kwargs.push({ value, range: r, name: a.name });
    else if (kwargs.length === 0) args.push({ value, range: r });
    else kwargs.push({ value, range: r, name: a.name });
  }
  return { args, kwargs, self: undefined };
}

describe('schema matching on random calls', () => {
  it('matches made-up schemas or fails with a FrontendError, never anything else', () => {
    const outcomes = { matched: 0, rejected: 0 };
    fc.assert(
      fc.property(
        fc.array(schemaText, { minLength: 1, maxLength: 3 }),
        call,
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (texts, c, coins) => {
          const schemas = texts.map((t) => parseSchema(t));
          const registry = new SchemaRegistry(schemas);
          const ctx = testContext(registry);
          // Half of the calls fit the first schema more or less (values of its parameter types), so
          // that matches are as common as rejections.
          const fitting = coins.next().value < 0.5;
          const { args, kwargs, self } = fitting ? fittingCall(ctx, schemas[0], coins) : makeCall(ctx, c);
          let out: Value | undefined;
          try {
            out = emitBuiltinCall(ctx, registry, 'aten::fuzz', args, kwargs, r, self);
          } catch (e) {
            if (!FrontendError.isInstance(e)) throw e;
            expect((e as FrontendError).reason.length).toBeGreaterThan(0);
            outcomes.rejected++;
            return;
          }
          outcomes.matched++;
          const node =
            out.node.kind === 'prim::TupleConstruct' &&
            out.node.inputs.length > 0 &&
            out.node.input(0).node.kind === 'aten::fuzz'
              ? out.node.input(0).node
              : out.node;
          if (node.kind === 'aten::fuzz') {
            const schema = node.explicitSchema();
            expect(schema).toBeDefined();
            // Nothing left to convert: every input fits its parameter.
            expect(nodeMatchesSchema(node, schema as NonNullable<typeof schema>)).toBe(true);
          }
          ctx.graph.registerOutput(out);
          lint(ctx.graph);
        },
      ),
      { numRuns: 3000 },
    );
    // Both outcomes are exercised, not just rejections.
    expect(outcomes.matched).toBeGreaterThan(300);
    expect(outcomes.rejected).toBeGreaterThan(300);
  });

  it('matchSchema leaves the graph as it was when a call does not match', () => {
    fc.assert(
      fc.property(schemaText, call, fc.boolean(), (text, c, allowConversions) => {
        const schema = parseSchema(text);
        const ctx = testContext(new SchemaRegistry([schema]));
        const { args, kwargs, self } = makeCall(ctx, c);
        const before = printGraph(ctx.graph);
        const result = matchSchema(ctx, schema, r, args, kwargs, self, { allowConversions });
        if ('failure' in result) {
          expect(printGraph(ctx.graph)).toBe(before);
          expect(result.failure.startsWith(schema.toString())).toBe(true);
        } else {
          expect(result.inputs.length).toBeGreaterThanOrEqual(schema.arguments.length);
          for (let i = 0; i < schema.arguments.length; i++) {
            const formal = schema.arguments[i].type;
            if (!formal.toString().match(/\bt\b/)) expect(result.inputs[i].type.isSubtypeOf(formal)).toBe(true);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("resolves random calls of PyTorch's own operators without throwing anything but FrontendError", () => {
    const all = torchSchemaList();
    const registry = new SchemaRegistry(all);
    const names = [...new Set(all.map((s) => s.name))];
    fc.assert(
      fc.property(fc.constantFrom(...names), call, (name, c) => {
        const ctx = testContext(registry);
        const { args, kwargs, self } = makeCall(ctx, c);
        try {
          const out = emitBuiltinCall(ctx, registry, name, args, kwargs, r, self);
          ctx.graph.registerOutput(out);
          lint(ctx.graph);
        } catch (e) {
          if (!FrontendError.isInstance(e)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

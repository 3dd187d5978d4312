import {
  type Argument,
  BoolType,
  type DefaultValue,
  FloatType,
  type FunctionSchema,
  IntType,
  type IValue,
  type JitType,
  ListType,
  type Node,
  NoneType,
  NumberType,
  type OptionalType,
  parseSchema,
  StringType,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import type { Range } from '../ast.js';
import { builtinFunctionsFor } from './builtins/builtin-functions.js';
import type { EmitContext, NamedValue } from './contracts.js';
import type { SchemaRegistry } from './schema-registry.js';
import { evalTypeVariables, matchTypeVariables, type TypeEnv } from './type-variables.js';

/** A successful match of a call against a schema: the node's inputs (conversions inserted) and its output types. */
export interface MatchedSchema {
  readonly inputs: Value[];
  readonly returnTypes: JitType[];
  readonly schema: FunctionSchema;
  /** The names of the returns when every return is named: the outputs pack into a NamedTuple. */
  readonly returnFieldNames?: string[];
}

/** Why a call does not fit a schema, in PyTorch's words: `<schema>:\n<reason>`. */
export interface MatchFailure {
  readonly failure: string;
}

export interface MatchOptions {
  /**
   * Whether implicit conversions may be inserted (tensor → int/float/Scalar, Scalar → int/float,
   * str → Device, varargs to a list). Default true, as for a call with a single candidate.
   */
  readonly allowConversions?: boolean;
}

/**
 * A builtin that PyTorch writes as a small TorchScript function (frontend/builtin_functions.cpp:
 * `add(a: int, b: Tensor)`, `_pair`, `floordiv`, the `ndim`/`T`/`shape` property functions).
 * They take part in overload resolution after the operators of the same name; a match emits the
 * body in place, as PyTorch inlines them.
 */
export interface BuiltinFunction {
  readonly schema: FunctionSchema;
  emit(emitter: BuiltinEmitter, inputs: readonly Value[]): Value;
}

/** What a builtin function's body may do: call builtins, make constants, insert nodes. */
export interface BuiltinEmitter {
  readonly ctx: EmitContext;
  readonly registry: SchemaRegistry;
  readonly range: Range;
  /** A schema-matched builtin call on values. */
  call(name: string, args: readonly Value[], kwargs?: readonly NamedValue[]): Value;
  /** A constant without a source range (the body of a builtin is not user code). */
  constant(value: IValue, type?: JitType): Value;
}

/**
 * Matches a call against one schema (PyTorch's tryMatchSchema): positional arguments in order,
 * then keywords by name (`input` stands for `self` in aten ops), then defaults; `self` fills the
 * argument named self; varargs become a list for a trailing list parameter (`x.view(2, 3)`); type
 * variables bind consistently. Nothing is inserted unless the match succeeds, and then only the
 * conversions the inputs need, in argument order.
 */
export function matchSchema(
  ctx: EmitContext,
  schema: FunctionSchema,
  range: Range,
  args: readonly NamedValue[],
  kwargs: readonly NamedValue[],
  self?: NamedValue,
  options: MatchOptions = {},
): MatchedSchema | MatchFailure {
  const plan = planMatch(schema, args, kwargs, self, options.allowConversions ?? true);
  if ('failure' in plan) return plan;
  return applyPlan(ctx, range, plan);
}

/**
 * Whether a call fits a schema, without touching the graph: the failure when it does not. Lets
 * callers (overload resolution of user code, sugared values) ask before committing.
 */
export function checkSchema(
  schema: FunctionSchema,
  args: readonly NamedValue[],
  kwargs: readonly NamedValue[],
  self?: NamedValue,
  options: MatchOptions = {},
): MatchFailure | undefined {
  const plan = planMatch(schema, args, kwargs, self, options.allowConversions ?? true);
  return 'failure' in plan ? plan : undefined;
}

/**
 * Resolves a builtin call by name over every overload of the registry plus the builtin functions
 * of that name, as PyTorch does: with one candidate, a match with conversions; with several, every
 * candidate in order without conversions, then every candidate with them; the first match wins.
 * Inserts the node (kind = the schema's name, schema set, source range of the call) and returns
 * its output, or a tuple of the outputs when the schema returns several (a NamedTuple when they
 * are named). Throws a FrontendError via `ctx.error` listing why each candidate failed.
 */
export function emitBuiltinCall(
  ctx: EmitContext,
  registry: SchemaRegistry,
  name: string,
  args: readonly NamedValue[],
  kwargs: readonly NamedValue[],
  range: Range,
  self?: NamedValue,
): Value {
  const operators = registry.lookup(name);
  const functions = builtinFunctionsFor(name);
  const candidates: FunctionSchema[] = [...operators, ...functions.map((f) => f.schema)];
  if (candidates.length === 0) ctx.error(range, unknownBuiltinMessage(name, registry));

  const chosen = chooseOverload(candidates, args, kwargs, self);
  if ('failure' in chosen) ctx.error(range, chosen.failure);
  const matched = applyPlan(ctx, range, chosen.plan);
  if (chosen.index < operators.length) return emitBuiltinNode(ctx, range, matched);
  const fn = functions[chosen.index - operators.length];
  return fn.emit(builtinEmitter(ctx, registry, range), matched.inputs);
}

/**
 * The overload a call resolves to among `schemas` (in order) without inserting anything, or the
 * error message PyTorch gives when none fits.
 */
export function chooseOverload(
  schemas: readonly FunctionSchema[],
  args: readonly NamedValue[],
  kwargs: readonly NamedValue[],
  self?: NamedValue,
): { index: number; plan: MatchPlan } | MatchFailure {
  if (schemas.length === 1) {
    const plan = planMatch(schemas[0], args, kwargs, self, true);
    if ('failure' in plan) return { failure: plan.failure.trimEnd() || `No overload of ${schemas[0].name} applies` };
    return { index: 0, plan };
  }
  let failures: string[] = [];
  for (const allowConversions of [false, true]) {
    failures = [];
    for (let i = 0; i < schemas.length; i++) {
      const plan = planMatch(schemas[i], args, kwargs, self, allowConversions);
      if (!('failure' in plan)) return { index: i, plan };
      if (plan.failure) failures.push(plan.failure);
    }
  }
  const listing = prefixLines(failures.map((f) => `\n${f}`).join(''), '  ');
  return { failure: `Arguments for call are not valid.\nThe following variants are available:\n${listing}`.trimEnd() };
}

/** Inserts the node of a matched operator and packs its outputs as PyTorch's emitBuiltinNode does. */
export function emitBuiltinNode(ctx: EmitContext, range: Range, matched: MatchedSchema): Value {
  const graph = ctx.graph;
  const node = graph.create(matched.schema.name, matched.inputs, 0);
  for (const type of matched.returnTypes) node.addOutput(type);
  node.setSchema(matched.schema);
  const sourceRange = ctx.sourceRange?.(range);
  if (sourceRange) node.setSourceRange(sourceRange);
  graph.insertNode(node);
  return packOutputs(ctx, node.outputs, matched.returnFieldNames);
}

/** One value as is; several (or none) as a tuple, named when the schema names its returns. */
export function packOutputs(ctx: EmitContext, values: readonly Value[], fieldNames?: readonly string[]): Value {
  if (values.length === 1) return values[0];
  const types = values.map((v) => v.type);
  const type = TupleType.of(types, fieldNames ? { names: fieldNames } : {});
  const node = ctx.graph.create('prim::TupleConstruct', values, 1);
  node.output().setType(type);
  return ctx.graph.insertNode(node).output();
}

// ---- planning a match -------------------------------------------------------------------------

/** A match decided but not yet inserted. */
export interface MatchPlan {
  readonly schema: FunctionSchema;
  readonly inputs: readonly Pending[];
  readonly returnTypes: JitType[];
  readonly returnFieldNames?: string[];
}

/** Inserts what a plan needs (conversions, lists, defaults) at the insertion point, in argument order. */
function applyPlan(ctx: EmitContext, range: Range, plan: MatchPlan): MatchedSchema {
  const builder = new Builder(ctx, range);
  const inputs = plan.inputs.map((p) => p.get(builder));
  return {
    inputs,
    returnTypes: plan.returnTypes,
    schema: plan.schema,
    ...(plan.returnFieldNames ? { returnFieldNames: plan.returnFieldNames } : {}),
  };
}

/**
 * A value that matching has decided on without inserting it: an existing IR value, or a recipe
 * (conversion node, list, tuple, default constant) that is built once, on success.
 */
class Pending {
  readonly type: JitType;
  readonly existing: Value | undefined;
  readonly #build: ((b: Builder) => Value) | undefined;
  #built: Value | undefined;

  private constructor(type: JitType, existing: Value | undefined, build: ((b: Builder) => Value) | undefined) {
    this.type = type;
    this.existing = existing;
    this.#build = build;
  }

  static of(value: Value): Pending {
    return new Pending(value.type, value, undefined);
  }

  static lazy(type: JitType, build: (b: Builder) => Value): Pending {
    return new Pending(type, undefined, build);
  }

  get(b: Builder): Value {
    if (this.existing) return this.existing;
    if (!this.#built) this.#built = (this.#build as (b: Builder) => Value)(b);
    return this.#built;
  }
}

/** Inserts the nodes of a plan. */
class Builder {
  readonly ctx: EmitContext;
  readonly range: Range;

  constructor(ctx: EmitContext, range: Range) {
    this.ctx = ctx;
    this.range = range;
  }

  /** A node with one output of `type`; with `schema`, a builtin op carrying the call's source range. */
  insert(kind: string, inputs: readonly Value[], type: JitType, schema?: FunctionSchema): Value {
    const node = this.ctx.graph.create(kind, inputs, 1);
    node.output().setType(type);
    if (schema) {
      node.setSchema(schema);
      const sourceRange = this.ctx.sourceRange?.(this.range);
      if (sourceRange) node.setSourceRange(sourceRange);
    }
    return this.ctx.graph.insertNode(node).output();
  }

  constant(value: IValue, type: JitType): Value {
    return this.ctx.graph.insertConstant(value, { type });
  }
}

function pendingList(elementType: JitType, items: readonly Pending[]): Pending {
  return Pending.lazy(ListType.of(elementType), (b) =>
    b.insert(
      'prim::ListConstruct',
      items.map((p) => p.get(b)),
      ListType.of(elementType),
    ),
  );
}

function pendingTuple(items: readonly Pending[]): Pending {
  const type = TupleType.of(items.map((p) => p.type));
  return Pending.lazy(type, (b) =>
    b.insert(
      'prim::TupleConstruct',
      items.map((p) => p.get(b)),
      type,
    ),
  );
}

/** The elements of a tuple: a literal's inputs directly (so that constants stay visible), else a TupleUnpack. */
function unpackTuple(tuple: Pending): Pending[] {
  const elements = (tuple.type as TupleType).elements;
  if (tuple.existing?.node.kind === 'prim::TupleConstruct') return tuple.existing.node.inputs.map(Pending.of);
  let outputs: readonly Value[] | undefined;
  const unpack = (b: Builder): readonly Value[] => {
    if (!outputs) {
      const node = b.ctx.graph.create('prim::TupleUnpack', [tuple.get(b)], 0);
      for (const t of elements) node.addOutput(t);
      outputs = b.ctx.graph.insertNode(node).outputs;
    }
    return outputs;
  };
  return elements.map((t, i) => Pending.lazy(t, (b) => unpack(b)[i]));
}

const CONVERSION_SCHEMAS = new Map<string, FunctionSchema>();
function conversionSchema(text: string): FunctionSchema {
  let schema = CONVERSION_SCHEMAS.get(text);
  if (!schema) {
    schema = parseSchema(text);
    CONVERSION_SCHEMAS.set(text, schema);
  }
  return schema;
}

function pendingConversion(p: Pending, schemaText: string): Pending {
  const schema = conversionSchema(schemaText);
  const type = schema.returns[0].type;
  return Pending.lazy(type, (b) => b.insert(schema.name, [p.get(b)], type, schema));
}

function unwrapOptional(type: JitType): JitType {
  return type.kind === 'OptionalType' ? (type as OptionalType).elementType : type;
}

/** A homogeneous tuple whose elements fit the list's element type, or a subtype of the list. */
function convertibleToList(type: JitType, listType: JitType): boolean {
  if (listType.kind !== 'ListType') return false;
  if (type.isSubtypeOf(listType)) return true;
  if (type.kind === 'TupleType') {
    const element = (listType as ListType).elementType;
    return (type as TupleType).elements.every((t) => t.isSubtypeOf(element));
  }
  return false;
}

/**
 * TorchScript's implicit conversions towards `concrete` (PyTorch's tryConvertToType): Optional[T]
 * as T, an unannotated `[]` to any list type, homogeneous tuples to lists, tuples element-wise;
 * with conversions allowed, tensors to int/float/complex/Scalar (`aten::IntImplicit`...), a
 * Scalar to int/float/complex, and str to Device. The caller checks the result's type.
 */
function tryConvertToType(concrete: JitType, value: Pending, allowConversions: boolean): Pending {
  if (concrete.kind === 'OptionalType') {
    if (value.type.kind !== 'OptionalType' && !value.type.isSubtypeOf(NoneType.get())) {
      return tryConvertToType((concrete as OptionalType).elementType, value, allowConversions);
    }
  }

  if (value.existing?.node.kind === 'prim::EmptyListLiteral' && concrete.kind === 'ListType') {
    value = pendingList((concrete as ListType).elementType, []);
  }

  if (value.type.kind === 'TupleType') {
    const tupleType = value.type as TupleType;
    const target = unwrapOptional(concrete);
    if (convertibleToList(value.type, target)) {
      value = pendingList((target as ListType).elementType, unpackTuple(value));
    }
    if (concrete.kind === 'TupleType') {
      const concreteTuple = concrete as TupleType;
      if (!tupleType.isSubtypeOf(concreteTuple) && concreteTuple.elements.length === tupleType.elements.length) {
        const items = unpackTuple(value).map((item, i) =>
          tryConvertToType(concreteTuple.elements[i], item, allowConversions),
        );
        value = pendingTuple(items);
      }
    }
  }

  if (allowConversions) {
    const type = value.type;
    if (type.isSubtypeOf(TensorType.get())) {
      switch (concrete.kind) {
        case 'FloatType':
          value = pendingConversion(value, 'aten::FloatImplicit(Tensor a) -> float');
          break;
        case 'ComplexType':
          value = pendingConversion(value, 'aten::ComplexImplicit(Tensor a) -> complex');
          break;
        case 'IntType':
          value = pendingConversion(value, 'aten::IntImplicit(Tensor a) -> int');
          break;
        case 'NumberType':
          value = pendingConversion(value, 'aten::ScalarImplicit(Tensor a) -> Scalar');
          break;
      }
    } else if (type.equals(NumberType.get())) {
      switch (concrete.kind) {
        case 'FloatType':
          value = pendingConversion(value, 'aten::Float.Scalar(Scalar a) -> float');
          break;
        case 'ComplexType':
          value = pendingConversion(value, 'aten::Complex.Scalar(Scalar a) -> complex');
          break;
        case 'IntType':
          value = pendingConversion(value, 'aten::Int.Scalar(Scalar a) -> int');
          break;
      }
    }
    if (value.type.kind === 'StringType' && concrete.kind === 'DeviceObjType') {
      return pendingConversion(value, 'aten::device(str a) -> Device');
    }
  }
  return value;
}

/** Collects the failure of one schema, in PyTorch's format (`<schema>:` then the reasons). */
class Failure {
  readonly schema: FunctionSchema;
  text = '';
  constructor(schema: FunctionSchema) {
    this.schema = schema;
  }
  add(message: string): void {
    this.text += `${this.text ? '\n' : ''}${this.schema.toString()}:\n${message}`;
  }
}

/** int or float passed for an `int[N]` / `float[N]` parameter: repeated N times. */
function isIntOrFloatUsedAsList(type: JitType, arg: Argument): boolean {
  if (type.kind !== 'IntType' && type.kind !== 'FloatType') return false;
  const formal = unwrapOptional(arg.type);
  return formal.kind === 'ListType' && (formal as ListType).elementType.equals(type) && arg.N !== undefined;
}

/** Checks one value against one parameter (PyTorch's tryMatchArgument). */
function tryMatchArgument(
  arg: Argument,
  value: Pending,
  failure: Failure,
  allowConversions: boolean,
  env: TypeEnv,
): Pending | undefined {
  if (isIntOrFloatUsedAsList(value.type, arg)) {
    value = pendingList(value.type, new Array<Pending>(arg.N as number).fill(value));
  }

  const reason = matchTypeVariables(arg.type, value.type, env);
  if (reason !== undefined) {
    failure.add(
      `Could not match type ${value.type.pythonStr()} to ${arg.type.pythonStr()} in argument '${arg.name}': ${reason}.\n`,
    );
    return undefined;
  }
  const concrete = evalTypeVariables(arg.type, env);
  if (!concrete) {
    failure.add(
      `Type variables in type ${arg.type.pythonStr()} could not be inferred from actual type ${value.type.pythonStr()}`,
    );
    return undefined;
  }

  const converted = tryConvertToType(concrete, value, allowConversions);
  if (!converted.type.isSubtypeOf(concrete)) {
    let message = `Expected a value of type '${arg.type.pythonStr()}' for argument '${arg.name}' but instead found type '${converted.type.pythonStr()}'.\n`;
    if (converted.type.kind === 'ListType' && (converted.type as ListType).elementType.isSubtypeOf(TensorType.get())) {
      message +=
        'Empty lists default to List[Tensor]. Add a variable annotation to the assignment to create an empty list of another type (torch.jit.annotate(List[T, []]) where T is the type of elements in the list for Python 2)\n';
    }
    failure.add(message);
    return undefined;
  }
  return converted;
}

/** `zeros(1, 2)` for `zeros(int[] size)`: the last positional parameter is a list (not `int[N]`, not `t[]`). */
function varargsCanBeUsedAsList(schema: FunctionSchema, index: number, arg: Argument): boolean {
  const isLast = index + 1 === schema.arguments.length || schema.arguments[index + 1].kwargOnly;
  const type = arg.type;
  if (type.kind !== 'ListType') return false;
  if ((type as ListType).elementType.kind === 'VarType') return false;
  return isLast && arg.N === undefined;
}

function findKeyword(name: string, kwargs: readonly NamedValue[], isAten: boolean): number {
  for (let i = 0; i < kwargs.length; i++) {
    // Functional aten ops call their first argument `input` in Python where the schema says self.
    if (isAten && name === 'self' && kwargs[i].name === 'input') return i;
    if (kwargs[i].name === name) return i;
  }
  return -1;
}

/** PyTorch works around view(dtype) being indistinguishable from view(int) by never matching it. */
function isBlockListed(schema: FunctionSchema): boolean {
  return schema.name === 'aten::view' && schema.overloadName === 'dtype';
}

/** Plans a match of a call against one schema (PyTorch's tryMatchSchema), inserting nothing. */
export function planMatch(
  schema: FunctionSchema,
  args: readonly NamedValue[],
  kwargs: readonly NamedValue[],
  self: NamedValue | undefined,
  allowConversions: boolean,
): MatchPlan | MatchFailure {
  const failure = new Failure(schema);
  // PyTorch skips this overload silently: it is not listed among the variants of an error.
  if (isBlockListed(schema)) return { failure: '' };
  const env: TypeEnv = new Map();
  const inputs: Pending[] = [];
  const usedKwarg = new Array<boolean>(kwargs.length).fill(false);
  const isAten = schema.namespace === 'aten';
  let selfLeft = self;
  let usedArgs = 0;

  for (let i = 0; i < schema.arguments.length; i++) {
    const arg = schema.arguments[i];
    let actual: Pending | undefined;
    if (arg.name === 'self' && selfLeft) {
      actual = Pending.of(selfLeft.value);
      selfLeft = undefined;
    } else if (!arg.kwargOnly && usedArgs < args.length) {
      if (allowConversions && varargsCanBeUsedAsList(schema, i, arg)) {
        const actualType = args[usedArgs].value.type;
        if (actualType.kind !== 'ListType' && !convertibleToList(actualType, unwrapOptional(arg.type))) {
          const elementType = (unwrapOptional(arg.type) as ListType).elementType;
          const elementArg = { name: '<varargs>', type: elementType, N: undefined } as Argument;
          const items: Pending[] = [];
          for (const named of args.slice(usedArgs)) {
            const item = tryMatchArgument(elementArg, Pending.of(named.value), failure, allowConversions, env);
            if (!item) return { failure: failure.text };
            items.push(item);
          }
          usedArgs = args.length;
          inputs.push(pendingList(elementType, items));
          continue;
        }
      }
      actual = Pending.of(args[usedArgs].value);
      usedArgs++;
    } else {
      const k = findKeyword(arg.name, kwargs, isAten);
      if (k >= 0) {
        if (usedKwarg[k]) {
          failure.add(`Argument ${kwargs[k].name} specified twice in schema, submit a bug report!\n`);
          return { failure: failure.text };
        }
        usedKwarg[k] = true;
        actual = Pending.of(kwargs[k].value);
      } else if (arg.defaultValue !== undefined) {
        actual = defaultPending(arg);
      } else {
        failure.add(`Argument ${arg.name} not provided.\n`);
        return { failure: failure.text };
      }
    }

    const matched = tryMatchArgument(arg, actual, failure, allowConversions, env);
    if (!matched) return { failure: failure.text };
    inputs.push(matched);
  }

  if (schema.isVararg) {
    for (; usedArgs < args.length; usedArgs++) inputs.push(Pending.of(args[usedArgs].value));
  }
  if (usedArgs < args.length) {
    failure.add(`Expected at most ${usedArgs} arguments but found ${args.length} positional arguments.\n`);
    return { failure: failure.text };
  }
  for (let k = 0; k < kwargs.length; k++) {
    if (usedKwarg[k]) continue;
    const name = kwargs[k].name ?? '';
    if (schema.argumentIndex(name) < 0) failure.add(`Keyword argument ${name} unknown.\n`);
    else failure.add(`Keyword argument ${name} specified twice.\n`);
    return { failure: failure.text };
  }

  const returnTypes: JitType[] = [];
  for (const r of schema.returns) {
    const type = evalTypeVariables(r.type, env);
    if (!type) {
      // PyTorch asserts here; only a None passed for `t?` with nothing else binding `t` gets here.
      failure.add(`${r.type.pythonStr()} has unbound type variables.\n`);
      return { failure: failure.text };
    }
    returnTypes.push(type);
  }
  const named = schema.returns.every((r) => r.name.length > 0);
  return {
    schema,
    inputs,
    returnTypes,
    ...(named ? { returnFieldNames: schema.returns.map((r) => r.name) } : {}),
  };
}

// ---- defaults ---------------------------------------------------------------------------------

/** A schema default as a constant of the parameter's type (ints read as floats for float parameters). */
function defaultPending(arg: Argument): Pending {
  const { value, type } = defaultConstant(arg.defaultValue as DefaultValue, arg.type);
  return Pending.lazy(type, (b) => b.constant(value, type));
}

const listDefaults = new WeakMap<readonly DefaultValue[], readonly IValue[]>();

function defaultConstant(value: DefaultValue, formal: JitType): { value: IValue; type: JitType } {
  const type = unwrapOptional(formal);
  if (value === null) return { value: null, type: NoneType.get() };
  if (Array.isArray(value)) {
    const listType = type.kind === 'ListType' ? (type as ListType) : ListType.of(TensorType.get());
    // One IValue per default object, so that every call site (and the interpreter, which keys
    // its run-time lists on it) shares the default as PyTorch does: `xs: List[int] = [0]` is one
    // list for all calls, like a Python default.
    let items = listDefaults.get(value);
    if (items === undefined) {
      const converted = (value as readonly DefaultValue[]).map((v) => defaultConstant(v, listType.elementType).value);
      items = converted.every((v, i) => v === value[i]) ? (value as readonly IValue[]) : converted;
      listDefaults.set(value, items);
    }
    return { value: items as IValue, type: listType };
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    const scalar = value as { kind: 'int' | 'float'; value: number | bigint };
    if (scalar.kind === 'int' && type.kind === 'FloatType') {
      return { value: { kind: 'float', value: Number(scalar.value) }, type: type };
    }
    return { value: scalar as IValue, type: scalar.kind === 'int' ? intType() : floatType() };
  }
  return { value: value as IValue, type: constantType(value as IValue) };
}

// ---- messages ---------------------------------------------------------------------------------

function prefixLines(text: string, prefix: string): string {
  let out = '';
  let atLineStart = true;
  for (const ch of text) {
    if (atLineStart) out += prefix;
    out += ch;
    atLineStart = ch === '\n';
  }
  return out;
}

function unknownBuiltinMessage(name: string, registry: SchemaRegistry): string {
  const similar = similarOperators(name, registry);
  if (similar.length === 0) {
    return `Unknown builtin op: ${name}.\nCould not find any similar ops to ${name}. This op may not exist or may not be currently supported in TorchScript.`;
  }
  return `Unknown builtin op: ${name}.\nHere are some suggestions: \n${similar.map((s) => `\t${s}\n`).join('')}`;
}

/** Names in the same namespace within a small edit distance (PyTorch's findSimilarOperators). */
function similarOperators(name: string, registry: SchemaRegistry): string[] {
  const at = name.indexOf('::');
  const ns = at < 0 ? '' : name.slice(0, at + 2);
  const base = at < 0 ? name : name.slice(at + 2);
  const out: string[] = [];
  for (const candidate of registry.names()) {
    if (!candidate.startsWith(ns)) continue;
    if (editDistance(base, candidate.slice(ns.length), 2) <= 2) out.push(candidate);
  }
  return out;
}

function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length];
}

// ---- builtin function bodies ------------------------------------------------------------------

function builtinEmitter(ctx: EmitContext, registry: SchemaRegistry, range: Range): BuiltinEmitter {
  return {
    ctx,
    registry,
    range,
    call: (name, args, kwargs = []) =>
      emitBuiltinCall(
        ctx,
        registry,
        name,
        args.map((value) => ({ value, range })),
        kwargs,
        range,
      ),
    constant: (value, type) => ctx.graph.insertConstant(value, type ? { type } : {}),
  };
}

function intType(): JitType {
  return IntType.get();
}
function floatType(): JitType {
  return FloatType.get();
}
function constantType(value: IValue): JitType {
  if (typeof value === 'boolean') return BoolType.get();
  if (typeof value === 'string') return StringType.get();
  return NoneType.get();
}

// ---- the schema of a node -------------------------------------------------------------------

/**
 * Whether a node's inputs fit a schema (PyTorch's Node::matches): same name, an input per
 * parameter (more only for varargs), each input a subtype of its parameter with type variables
 * bound left to right. Used to find the schema of nodes that carry none (parsed IR), the way
 * PyTorch's runtime finds a node's operator.
 */
export function nodeMatchesSchema(node: Node, schema: FunctionSchema): boolean {
  if (isBlockListed(schema) || node.kind !== schema.name) return false;
  const actuals = node.inputs;
  const formals = schema.arguments;
  if (actuals.length < formals.length) return false;
  const env: TypeEnv = new Map();
  for (let i = 0; i < formals.length; i++) {
    let formal = formals[i].type;
    if (matchTypeVariables(formal, actuals[i].type, env) !== undefined) return false;
    formal = evalTypeVariables(formal, env) ?? formal;
    if (!actuals[i].type.isSubtypeOf(formal)) return false;
  }
  return schema.isVararg || actuals.length === formals.length;
}

/** The first overload of the node's kind whose parameters its inputs fit (PyTorch's Node::maybeOperator). */
export function lookupNodeSchema(registry: SchemaRegistry, node: Node): FunctionSchema | undefined {
  return registry.lookup(node.kind).find((schema) => nodeMatchesSchema(node, schema));
}

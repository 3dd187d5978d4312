import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { dictValue } from '../../src/graph/ivalue.js';
import {
  Argument,
  type Block,
  type ClassAttributeKind,
  ClassType,
  type CodeFunction,
  CodePrinter,
  complexValue,
  type DefaultValue,
  DictType,
  deviceValue,
  EnumType,
  FloatType,
  FunctionSchema,
  FunctionType,
  FutureType,
  type Graph,
  InterfaceType,
  IntType,
  type IValue,
  irTypeString,
  type JitType,
  ListType,
  type Node,
  OptionalType,
  parseIR,
  parseSchema,
  RRefType,
  StringType,
  TupleType,
  tupleValue,
  UnionType,
  type Value,
} from '../../src/index.js';
import { floatValue, intValue } from '../../src/schema/default-value.js';

/** A value as the generator writes it: ints and floats tagged, containers tagged, None/bool/str as themselves. */
export type EncodedValue =
  | null
  | boolean
  | string
  | { int: string }
  | { float: string }
  | { complex: [EncodedValue, EncodedValue] }
  | { list: EncodedValue[] }
  | { tuple: EncodedValue[] }
  | { dict: [EncodedValue, EncodedValue][] }
  | { device: string }
  | { tensor: { dtype: string; shape: number[]; values: number[] } };

/** A schema; types are in IR form (`int[]`, `Tensor?`), which the generator can repair where PyTorch garbles it. */
export interface SchemaRecord {
  name: string;
  arguments: { name: string; type: string; N?: number; kwargOnly?: boolean; default?: EncodedValue }[];
  returns: string[];
}

export interface FunctionRecord {
  graph: string;
  schema: SchemaRecord;
  /** [kind, schema or null] for every node, in pre-order (blocks, then a fork's subgraph). */
  nodeSchemas: [string, string | null][];
  /** The qualified name of each function constant (IR text writes `Function`), in pre-order. */
  functionTypes: string[];
}

export interface ClassRecord {
  qualifiedName: string;
  isModule: boolean;
  attributes: { name: string; type: string; kind: ClassAttributeKind }[];
  constants: { name: string; type: string; value?: EncodedValue }[];
  forwardHooks?: FunctionRecord[];
  forwardPreHooks?: FunctionRecord[];
}

export type FileItem =
  | { kind: 'function'; functions: FunctionRecord[] }
  | { kind: 'class'; class: ClassRecord; functions: FunctionRecord[] }
  | { kind: 'namedtuple'; qualifiedName: string; fields: { name: string; type: string }[] }
  | { kind: 'enum'; qualifiedName: string; members: [string, EncodedValue][] }
  | { kind: 'interface'; qualifiedName: string; isModule: boolean; methods: SchemaRecord[] };

export type CodeCase =
  | {
      name: string;
      kind: 'function' | 'method';
      functions: FunctionRecord[];
      expected: string;
      constants?: EncodedValue[];
    }
  | { name: string; kind: 'file'; items: FileItem[]; expected: string };

export type NamedTypeRecord =
  | { kind: 'namedtuple'; ir?: string; annotation?: string }
  | { kind: 'enum'; members: [string, EncodedValue][] }
  | { kind: 'interface'; ir: string; methods: SchemaRecord[] };

export interface CodeGoldens {
  torch: string;
  namedTypes: Record<string, NamedTypeRecord>;
  cases: CodeCase[];
}

const FIXTURE = fileURLToPath(new URL('../fixtures/code/code-goldens.json.gz', import.meta.url));

export function loadCodeGoldens(): CodeGoldens {
  return JSON.parse(gunzipSync(readFileSync(FIXTURE)).toString('utf8')) as CodeGoldens;
}

/**
 * Turns fixture records into what the printer takes: graphs parsed from their IR text, with the
 * information IR text does not carry put back (NamedTuple, interface and function names; each
 * node's schema), schemas, and class types.
 */
export class CodeFixtureContext {
  readonly #goldens: CodeGoldens;
  readonly #namedTuples = new Map<string, TupleType>();

  constructor(goldens: CodeGoldens) {
    this.#goldens = goldens;
    for (const [name, record] of Object.entries(goldens.namedTypes)) {
      if (record.kind === 'namedtuple' && record.ir) {
        const parsed = parseType(record.ir) as TupleType;
        this.#namedTuples.set(name, TupleType.of(parsed.elements, { names: parsed.names, qualifiedName: name }));
      }
    }
  }

  /** A type written as TorchScript code writes it (`List[Optional[int]]`, `__torch__.P`). */
  annotationType(text: string): JitType {
    return new AnnotationParser(text, (name) => this.#namedType(name)).parse();
  }

  /** A type in IR form (`int[]`, `NamedTuple(x : int)`), with the names IR text leaves out restored. */
  irType(text: string): JitType {
    return mapType(parseType(text), (t) => this.#restoreType(t));
  }

  schema(record: SchemaRecord): FunctionSchema {
    const args = record.arguments.map(
      (a) =>
        new Argument(a.name, {
          type: this.irType(a.type),
          N: a.N,
          kwargOnly: a.kwargOnly,
          defaultValue: a.default === undefined ? undefined : (decodeValue(a.default) as DefaultValue),
        }),
    );
    const returns = record.returns.map((t) => new Argument('', { type: this.irType(t) }));
    return new FunctionSchema(record.name, '', args, returns);
  }

  /** The graph of a record, with named types and node schemas restored. */
  graph(record: FunctionRecord): Graph {
    const graph = parseIR(record.graph);
    this.#restoreTypes(graph, record.functionTypes);
    attachSchemas(graph, record.nodeSchemas);
    return graph;
  }

  function(record: FunctionRecord): CodeFunction {
    return { graph: this.graph(record), schema: this.schema(record.schema) };
  }

  classType(record: ClassRecord): ClassType {
    const type = ClassType.named(record.qualifiedName, { isModule: record.isModule });
    for (const a of record.attributes) type.addAttribute(a.name, this.annotationType(a.type), a.kind);
    for (const c of record.constants) {
      if (c.value === undefined) throw new Error(`constant ${c.name} of ${record.qualifiedName} has no value`);
      type.addConstant(c.name, decodeValue(c.value), this.annotationType(c.type));
    }
    return type;
  }

  /** Prints one archive file's blocks in order with one printer, as PyTorch's exporter does. */
  printFile(items: readonly FileItem[], printer: CodePrinter = new CodePrinter()): string {
    for (const item of items) {
      switch (item.kind) {
        case 'function':
          printer.printFunction(this.function(item.functions[0]));
          break;
        case 'class':
          printer.printClass(
            this.classType(item.class),
            item.functions.map((f) => this.function(f)),
            {
              forwardHooks: item.class.forwardHooks?.map((f) => this.function(f)),
              forwardPreHooks: item.class.forwardPreHooks?.map((f) => this.function(f)),
            },
          );
          break;
        case 'namedtuple':
          printer.printNamedTuple(
            TupleType.of(
              item.fields.map((f) => this.annotationType(f.type)),
              { names: item.fields.map((f) => f.name), qualifiedName: item.qualifiedName },
            ),
          );
          break;
        case 'enum':
          printer.printEnum(enumType(item.qualifiedName, item.members));
          break;
        case 'interface':
          printer.printInterface(
            InterfaceType.named(item.qualifiedName, {
              isModule: item.isModule,
              methods: item.methods.map((m) => this.schema(m)),
            }),
          );
          break;
      }
    }
    return printer.text;
  }

  #namedType(name: string): JitType {
    const record = this.#goldens.namedTypes[name];
    const tuple = this.#namedTuples.get(name);
    if (tuple) return tuple;
    if (record?.kind === 'enum') return enumType(name, record.members);
    if (record?.kind === 'interface') return InterfaceType.named(name);
    return ClassType.named(name);
  }

  /** Gives NamedTuple, interface and function types the names that IR text leaves out. */
  #restoreTypes(graph: Graph, functionTypes: readonly string[]): void {
    let nextFunction = 0;
    const fix = (type: JitType): JitType => mapType(type, (t) => this.#restoreType(t));
    const fixValues = (values: readonly Value[]): void => {
      for (const v of values) v.setType(fix(v.type));
    };
    const visitBlock = (block: Block): void => {
      fixValues(block.inputs);
      for (const node of block.nodes()) {
        fixValues(node.outputs);
        if (node.kind === 'prim::Constant' && node.outputs[0]?.type.kind === 'FunctionType') {
          node.outputs[0].setType(FunctionType.named(functionTypes[nextFunction++]));
        }
        if (node.hasAttribute('types')) node.setTys('types', node.tys('types').map(fix));
        for (const nested of node.blocks) visitBlock(nested);
        if (node.hasAttribute('Subgraph')) visitBlock(node.g('Subgraph').block);
      }
    };
    visitBlock(graph.block);
  }

  #restoreType(type: JitType): JitType | undefined {
    if (type.kind === 'TupleType' && (type as TupleType).names && (type as TupleType).qualifiedName === undefined) {
      const ir = irTypeString(type);
      for (const [name, record] of Object.entries(this.#goldens.namedTypes)) {
        if (record.kind === 'namedtuple' && record.ir === ir) return this.#namedTuples.get(name);
      }
    }
    if (type.kind === 'InterfaceType') {
      const ir = irTypeString(type);
      for (const [name, record] of Object.entries(this.#goldens.namedTypes)) {
        if (record.kind === 'interface' && record.ir === ir) return InterfaceType.named(name);
      }
    }
    return undefined;
  }
}

/** Rebuilds a type bottom-up, replacing the parts for which `replace` answers. */
export function mapType(type: JitType, replace: (t: JitType) => JitType | undefined): JitType {
  const replaced = replace(type);
  if (replaced) return replaced;
  const inner = (t: JitType): JitType => mapType(t, replace);
  switch (type.kind) {
    case 'ListType':
      return ListType.of(inner((type as ListType).elementType));
    case 'OptionalType':
      return OptionalType.of(inner((type as OptionalType).elementType));
    case 'DictType':
      return DictType.of(inner((type as DictType).keyType), inner((type as DictType).valueType));
    case 'FutureType':
      return FutureType.of(inner((type as FutureType).elementType));
    case 'RRefType':
      return RRefType.of(inner((type as RRefType).elementType));
    case 'UnionType':
      return UnionType.of((type as UnionType).types.map(inner));
    case 'TupleType': {
      const tuple = type as TupleType;
      return TupleType.of(tuple.elements.map(inner), { names: tuple.names, qualifiedName: tuple.qualifiedName });
    }
    default:
      return type;
  }
}

function attachSchemas(graph: Graph, schemas: [string, string | null][]): void {
  let i = 0;
  const visit = (block: Block): void => {
    for (const node of block.nodes()) {
      const entry = schemas[i++];
      if (!entry || entry[0] !== node.kind) {
        throw new Error(`node ${i - 1}: expected ${entry?.[0]}, found ${node.kind}`);
      }
      if (entry[1] !== null) node.setSchema(parseSchema(entry[1]));
      for (const nested of node.blocks) visit(nested);
      if (node.hasAttribute('Subgraph')) visit(node.g('Subgraph').block);
    }
  };
  visit(graph.block);
  if (i !== schemas.length) throw new Error(`${schemas.length} node schemas for ${i} nodes`);
}

function enumType(qualifiedName: string, members: [string, EncodedValue][]): EnumType {
  const decoded = members.map(([name, v]) => [name, decodeValue(v)] as const);
  const first = decoded[0]?.[1];
  const valueType =
    typeof first === 'string'
      ? StringType.get()
      : (first as { kind: string } | undefined)?.kind === 'float'
        ? FloatType.get()
        : IntType.get();
  return EnumType.named(qualifiedName, {
    valueType,
    members: decoded.map(([name, v]) => ({
      name,
      value: typeof v === 'string' ? v : Number((v as { value: number | bigint }).value),
    })),
  });
}

export function decodeValue(value: EncodedValue): IValue {
  if (value === null || typeof value !== 'object') return value;
  if ('int' in value) {
    const big = BigInt(value.int);
    return intValue(Number.isSafeInteger(Number(big)) ? Number(big) : big);
  }
  if ('float' in value) {
    const text = value.float;
    return floatValue(text === 'inf' ? Infinity : text === '-inf' ? -Infinity : text === 'nan' ? NaN : Number(text));
  }
  if ('complex' in value) {
    const [re, im] = value.complex.map((v) => (decodeValue(v) as { value: number }).value);
    return complexValue(Number(re), Number(im));
  }
  if ('list' in value) return value.list.map(decodeValue);
  if ('tuple' in value) return tupleValue(value.tuple.map(decodeValue));
  if ('dict' in value) return dictValue(value.dict.map(([k, v]) => [decodeValue(k), decodeValue(v)] as const));
  if ('device' in value) return deviceValue(value.device);
  throw new Error(`cannot decode ${JSON.stringify(value)}`);
}

/** A type in IR form (`int[]`, `NamedTuple(x : int)`), read by parseIR. */
function parseType(text: string): JitType {
  return parseIR(`graph(%a : ${text}):\n  return (%a)\n`).inputs[0].type;
}

/** Python-style type annotations as TorchScript code writes them. */
class AnnotationParser {
  #pos = 0;
  readonly #text: string;
  readonly #named: (name: string) => JitType;

  constructor(text: string, named: (name: string) => JitType) {
    this.#text = text;
    this.#named = named;
  }

  parse(): JitType {
    const type = this.#type();
    if (this.#pos !== this.#text.length) throw new Error(`trailing text in type '${this.#text}'`);
    return type;
  }

  #type(): JitType {
    const match = /^[A-Za-z_][\w.]*/.exec(this.#text.slice(this.#pos));
    if (!match) throw new Error(`bad type '${this.#text}' at ${this.#pos}`);
    const name = match[0];
    this.#pos += name.length;
    const args: JitType[] = [];
    if (this.#text[this.#pos] === '[') {
      this.#pos++;
      if (this.#text.startsWith('()]', this.#pos)) {
        this.#pos += 3;
      } else {
        for (;;) {
          args.push(this.#type());
          if (this.#text[this.#pos] === ']') break;
          if (!this.#text.startsWith(', ', this.#pos)) throw new Error(`bad type '${this.#text}' at ${this.#pos}`);
          this.#pos += 2;
        }
        this.#pos++;
      }
    }
    switch (name) {
      case 'List':
        return ListType.of(args[0]);
      case 'Optional':
        return OptionalType.of(args[0]);
      case 'Dict':
        return DictType.of(args[0], args[1]);
      case 'Tuple':
        return TupleType.of(args);
      case 'Union':
        return UnionType.of(args);
      case 'Future':
        return FutureType.of(args[0]);
      case 'RRef':
        return RRefType.of(args[0]);
      case 'number':
        return parseType('Scalar');
      default:
        if (name.startsWith('__torch__.')) return this.#named(name);
        return parseType(name);
    }
  }
}

/** Every value of a graph (inputs, outputs, block inputs), for checks over a whole graph. */
export function allValues(graph: Graph): Value[] {
  const values: Value[] = [...graph.inputs];
  for (const node of graph.allNodes() as Iterable<Node>) {
    values.push(...node.outputs);
    for (const block of node.blocks) values.push(...block.inputs);
  }
  return values;
}

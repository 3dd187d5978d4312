import { IRParseError } from '../errors/ir-parse-error.js';
import { floatValue, intValue } from '../schema/default-value.js';
import { ClassType } from '../types/class-type.js';
import { DictType } from '../types/dict-type.js';
import { EnumType } from '../types/enum-type.js';
import { FunctionType } from '../types/function-type.js';
import { FutureType } from '../types/future-type.js';
import { InterfaceType } from '../types/interface-type.js';
import type { JitType } from '../types/jit-type.js';
import { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import { RRefType } from '../types/rref-type.js';
import {
  AnyClassType,
  AnyEnumType,
  AnyListType,
  AnyTupleType,
  AnyType,
  BoolType,
  CapsuleType,
  ComplexType,
  DeviceObjType,
  FloatType,
  GeneratorType,
  IntType,
  LayoutType,
  MemoryFormatType,
  NoneType,
  NumberType,
  QSchemeType,
  QuantizerType,
  ScalarTypeType,
  StorageType,
  StreamObjType,
  StringType,
  SymIntType,
} from '../types/simple-types.js';
import { SCALAR_TYPE_NAMES, type ScalarTypeName, type TensorRefinement, TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import { UnionType } from '../types/union-type.js';
import type { AttributeValue } from './attribute-value.js';
import type { Block } from './block.js';
import { Graph } from './graph.js';
import { complexValue, dictValue, enumValue, type IValue, ivalueKind, tensorValue, tupleValue } from './ivalue.js';
import type { Node } from './node.js';
import { ParsedTensor } from './tensor-attribute.js';
import type { Value } from './value.js';

/**
 * Parses PyTorch's textual IR (what `str(graph)` prints, and `graph.toString()` here) into a
 * Graph: value names and ids, types, attributes, nested blocks, `# file:line:col` comments
 * (kept as source ranges) and `with <kind>_<n> = graph(...)` subgraphs. For every graph PyTorch
 * prints, parse then print gives the text back. Values must be defined before they are used and
 * only used where their definition is in scope; malformed text throws IRParseError.
 *
 * List attributes are read as `ival` (as PyTorch's constants hold them), except lists of types (`tys`).
 */
export function parseIR(text: string): Graph {
  return new IRParser(text).parse();
}

const SCALAR_NAMES: ReadonlySet<string> = new Set(SCALAR_TYPE_NAMES);

const SIMPLE_TYPES: ReadonlyMap<string, JitType> = new Map<string, JitType>([
  ['Tensor', TensorType.get()],
  ['int', IntType.get()],
  ['float', FloatType.get()],
  ['bool', BoolType.get()],
  ['str', StringType.get()],
  ['complex', ComplexType.get()],
  ['Scalar', NumberType.get()],
  ['NoneType', NoneType.get()],
  ['Any', AnyType.get()],
  ['Device', DeviceObjType.get()],
  ['Stream', StreamObjType.get()],
  ['Generator', GeneratorType.get()],
  ['Storage', StorageType.get()],
  ['Capsule', CapsuleType.get()],
  ['Layout', LayoutType.get()],
  ['ScalarType', ScalarTypeType.get()],
  ['MemoryFormat', MemoryFormatType.get()],
  ['QScheme', QSchemeType.get()],
  ['Quantizer', QuantizerType.get()],
  ['SymInt', SymIntType.get()],
  ['AnyClassType', AnyClassType.get()],
  ['AnyEnumType', AnyEnumType.get()],
  ['list', AnyListType.get()],
  ['tuple', AnyTupleType.get()],
]);

/** Deeper nesting than this (blocks, types, constants) is rejected: hostile input must not overflow the stack. */
const MAX_DEPTH = 256;

const TENSOR_SCALAR = /^\{(-?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|inf|nan))\}/;

const KIND_PATTERN = /^[A-Za-z_]\w*::[A-Za-z_][\w.]*$/;

interface Scope {
  /** Values in scope by name, with the names defined in each open block to drop when it closes. */
  readonly values: Map<string, Value>;
  readonly blockNames: string[][];
  readonly groups: Node[];
  readonly usedIds: Set<number>;
}

class IRParser {
  readonly #text: string;
  #pos = 0;
  #depth = 0;
  #enumConstant: EnumType | undefined;
  readonly #groupKinds: Set<string>;
  readonly #maxId: number;

  constructor(text: string) {
    this.#text = text;
    this.#groupKinds = new Set(
      [...text.matchAll(/^with ([A-Za-z_]\w*::[A-Za-z_][\w.]*_[0-9]+) = graph\(/gm)].map((m) => m[1]),
    );
    let maxId = -1;
    for (const m of text.matchAll(/%([0-9]{1,15})(?![\p{L}\p{N}_.])/gu)) maxId = Math.max(maxId, Number(m[1]));
    this.#maxId = maxId;
  }

  parse(): Graph {
    const graph = this.#parseGraph();
    this.#skipSpace();
    if (this.#pos < this.#text.length) this.#fail('expected the end of the text after the graph');
    return graph;
  }

  #parseGraph(): Graph {
    this.#enter();
    const graph = new Graph();
    // Ids above every numeric name in the text, so that named values never take an id a later `%<n>` needs.
    graph._reserveIds(this.#maxId + 1);
    const scope: Scope = { values: new Map(), blockNames: [[]], groups: [], usedIds: new Set() };
    this.#expectWord('graph');
    this.#expect('(');
    this.#list(')', () => {
      const { name, type, at } = this.#parseValueDefinition();
      const value = graph.addInput(undefined, type);
      this.#nameValue(graph, scope, value, name, at);
      this.#define(scope, name, value);
    });
    this.#expect(':');
    this.#parseStatements(graph, graph.block, scope, 'return');
    this.#expectWord('return');
    this.#expect('(');
    this.#list(')', () => graph.registerOutput(this.#parseValueReference(scope)));
    scope.groups.forEach((node, i) => {
      this.#skipSpace();
      this.#expectWord('with');
      this.#skipSpace();
      const at = this.#pos;
      const kind = this.#parseKindText();
      if (kind !== `${node.kind}_${i}`) this.#fail(`expected 'with ${node.kind}_${i}'`, at);
      this.#expect('=');
      node.setG('Subgraph', this.#parseGraph());
    });
    this.#depth--;
    return graph;
  }

  #parseStatements(graph: Graph, block: Block, scope: Scope, terminator: 'return' | '->'): void {
    for (;;) {
      this.#skipSpace();
      if (this.#pos >= this.#text.length) this.#fail(`expected a statement or '${terminator}'`);
      if (this.#text.startsWith(terminator, this.#pos)) return;
      this.#parseNode(graph, block, scope);
    }
  }

  #parseNode(graph: Graph, block: Block, scope: Scope): void {
    const outputs: { name: string; type: JitType; at: number }[] = [];
    if (this.#peekChar() === '%') {
      do outputs.push(this.#parseValueDefinition());
      while (this.#nextIf(','));
    }
    this.#expect('=');
    this.#skipSpace();
    const kindAt = this.#pos;
    let kind = this.#parseKindText();
    let isGroup = false;
    const suffix = /_([0-9]+)$/.exec(kind);
    if (suffix && this.#groupKinds.has(kind) && Number(suffix[1]) === scope.groups.length) {
      const base = kind.slice(0, kind.length - suffix[0].length);
      if (KIND_PATTERN.test(base)) {
        kind = base;
        isGroup = true;
      }
    }
    if (!KIND_PATTERN.test(kind)) this.#fail(`bad node kind '${kind}'`, kindAt);
    const attributes: [string, AttributeValue][] = [];
    // The value of an enum constant (`__torch__.Color.RED`) reads as an enum member, not a type.
    const only = outputs.length === 1 ? outputs[0].type : undefined;
    this.#enumConstant = kind === 'prim::Constant' && only?.kind === 'EnumType' ? (only as EnumType) : undefined;
    if (this.#peekChar() === '[') this.#parseAttributes(attributes);
    this.#enumConstant = undefined;
    this.#expect('(');
    const inputs: Value[] = [];
    this.#list(')', () => inputs.push(this.#parseValueReference(scope)));
    const node = graph.create(kind, inputs, 0);
    for (const [name, value] of attributes) node.setAttribute(name, value);
    const defined: [string, Value][] = [];
    for (const output of outputs) {
      const value = node.addOutput(output.type);
      this.#nameValue(graph, scope, value, output.name, output.at);
      defined.push([output.name, value]);
    }
    this.#parseSourceComment(node);
    block.appendNode(node);
    if (isGroup) scope.groups.push(node);
    for (;;) {
      this.#skipSpace();
      if (!/^block[0-9]/.test(this.#text.slice(this.#pos, this.#pos + 6))) break;
      this.#parseBlock(graph, node, scope);
    }
    // Outputs come into scope after the node's blocks: a block cannot use its owner's outputs.
    for (const [name, value] of defined) this.#define(scope, name, value);
  }

  #parseBlock(graph: Graph, node: Node, scope: Scope): void {
    this.#enter();
    const at = this.#pos;
    const word = this.#parseIdentifier();
    if (word !== `block${node.blocks.length}`) this.#fail(`expected 'block${node.blocks.length}'`, at);
    const block = node.addBlock();
    scope.blockNames.push([]);
    this.#expect('(');
    this.#list(')', () => {
      const { name, type, at: nameAt } = this.#parseValueDefinition();
      const value = block.addInput(undefined, type);
      this.#nameValue(graph, scope, value, name, nameAt);
      this.#define(scope, name, value);
    });
    this.#expect(':');
    this.#parseStatements(graph, block, scope, '->');
    this.#expect('->');
    this.#expect('(');
    this.#list(')', () => block.registerOutput(this.#parseValueReference(scope)));
    for (const name of scope.blockNames.pop() as string[]) scope.values.delete(name);
    this.#depth--;
  }

  /** ` # file:line:col` after a node, on the same line. */
  #parseSourceComment(node: Node): void {
    let i = this.#pos;
    while (this.#text[i] === ' ' || this.#text[i] === '\t') i++;
    if (this.#text[i] !== '#') return;
    let end = this.#text.indexOf('\n', i);
    if (end < 0) end = this.#text.length;
    const comment = this.#text.slice(i + 1, end);
    const match = /^ (.+):([0-9]{1,9}):([0-9]{1,9})$/.exec(comment);
    if (!match) this.#fail("expected a source location comment '# file:line:col'", i);
    node.setSourceRange({ file: match[1], line: Number(match[2]), col: Number(match[3]) });
    this.#pos = end;
  }

  // ---- values ----------------------------------------------------------------------------

  #parseValueDefinition(): { name: string; type: JitType; at: number } {
    this.#skipSpace();
    const at = this.#pos;
    const name = this.#parseValueName();
    let type: JitType = TensorType.get();
    if (this.#nextIf(':')) type = this.#parseType();
    return { name, type, at };
  }

  #parseValueName(): string {
    this.#expect('%');
    const match = /^[\p{L}\p{N}_.]+/u.exec(this.#text.slice(this.#pos, this.#pos + 256));
    if (!match) this.#fail("expected a value name after '%'");
    this.#pos += match[0].length;
    return match[0];
  }

  #parseValueReference(scope: Scope): Value {
    this.#skipSpace();
    const at = this.#pos;
    const name = this.#parseValueName();
    const value = scope.values.get(name);
    if (!value)
      this.#fail(
        `value %${name} is not defined here (undefined, or defined in a block that does not enclose this use)`,
        at,
      );
    return value;
  }

  #nameValue(graph: Graph, scope: Scope, value: Value, name: string, at: number): void {
    if (/^[0-9]+$/.test(name)) {
      const id = Number(name);
      if (name.length > 15 || scope.usedIds.has(id)) this.#fail(`value %${name} is defined twice`, at);
      scope.usedIds.add(id);
      graph._setUnique(value, id);
      return;
    }
    if (graph._valueNamed(name) || scope.values.has(name)) this.#fail(`value %${name} is defined twice`, at);
    value.setDebugName(name);
  }

  #define(scope: Scope, name: string, value: Value): void {
    scope.values.set(name, value);
    scope.blockNames[scope.blockNames.length - 1].push(name);
  }

  // ---- types -----------------------------------------------------------------------------

  #parseType(): JitType {
    this.#enter();
    this.#skipSpace();
    let type = this.#parseBaseType();
    for (;;) {
      if (this.#text.startsWith('[]', this.#pos)) {
        this.#pos += 2;
        type = ListType.of(type);
      } else if (this.#text[this.#pos] === '?') {
        this.#pos++;
        type = OptionalType.of(type);
      } else {
        break;
      }
    }
    this.#depth--;
    return type;
  }

  #parseBaseType(): JitType {
    const at = this.#pos;
    if (this.#nextIf('(')) {
      const elements: JitType[] = [];
      this.#list(')', () => elements.push(this.#parseType()));
      return TupleType.of(elements);
    }
    const name = this.#parseQualifiedName();
    const refined = this.#parseTensorRefinement(name);
    if (refined) return refined;
    const simple = SIMPLE_TYPES.get(name);
    if (simple) return simple;
    switch (name) {
      case 'Dict': {
        this.#expect('(');
        const keyAt = this.#pos;
        const key = this.#parseType();
        if (!DictType.isValidKeyType(key)) this.#fail(`'${key.annotationStr()}' cannot be a Dict key type`, keyAt);
        this.#expect(',');
        const value = this.#parseType();
        this.#expect(')');
        return DictType.of(key, value);
      }
      case 'Union': {
        this.#expect('(');
        const members: JitType[] = [];
        this.#list(')', () => members.push(this.#parseType()));
        if (members.length === 0) this.#fail('a Union needs at least one type', at);
        return UnionType.of(members);
      }
      case 'Future':
      case 'RRef': {
        let close = ']';
        if (!this.#nextIf('[')) {
          this.#expect('(');
          close = ')';
        }
        const element = this.#parseType();
        this.#expect(close);
        return name === 'Future' ? FutureType.of(element) : RRefType.of(element);
      }
      case 'NamedTuple': {
        this.#expect('(');
        const names: string[] = [];
        const elements: JitType[] = [];
        this.#list(')', () => {
          this.#skipSpace();
          names.push(this.#parseIdentifier());
          this.#expect(':');
          elements.push(this.#parseType());
        });
        return TupleType.of(elements, { names });
      }
    }
    if (name === 'Function') return FunctionType.named();
    if (name === 'Enum' || name === 'InterfaceType') {
      this.#expect('<');
      this.#skipSpace();
      const inner = this.#parseQualifiedName();
      this.#expect('>');
      return name === 'Enum' ? EnumType.named(inner) : InterfaceType.named(inner);
    }
    if (name.startsWith('__torch__.')) return ClassType.named(name);
    return this.#fail(`unknown type '${name}'`, at);
  }

  /**
   * A refined tensor type after its name: `Float(2, *, strides=[3, 1], requires_grad=0, device=cpu)`,
   * `Long()` (rank 0), `Tensor(*, 3)`, and `FloatTensor` / `FloatTensor(device=cpu)` (rank unknown).
   */
  #parseTensorRefinement(name: string): TensorType | undefined {
    const rankKnown = name === 'Tensor' || SCALAR_NAMES.has(name);
    const dtypeOnly = name.endsWith('Tensor') && SCALAR_NAMES.has(name.slice(0, -'Tensor'.length));
    if (!rankKnown && !dtypeOnly) return undefined;
    const scalarType = (dtypeOnly ? name.slice(0, -'Tensor'.length) : name === 'Tensor' ? undefined : name) as
      | ScalarTypeName
      | undefined;
    if (this.#text[this.#pos] !== '(') {
      if (dtypeOnly) return TensorType.create({ scalarType });
      if (name === 'Tensor') return undefined;
      this.#fail(`expected '(' after the tensor type '${name}'`);
    }
    this.#pos++;
    const sizes: (number | null)[] = [];
    let strides: (number | null)[] | undefined;
    let requiresGrad: boolean | undefined;
    let device: string | undefined;
    this.#list(')', () => {
      this.#skipSpace();
      const at = this.#pos;
      const rest = this.#text.slice(this.#pos, this.#pos + 64);
      const dim = /^(\*|[0-9]+)/.exec(rest);
      if (dim && !dtypeOnly && strides === undefined && requiresGrad === undefined && device === undefined) {
        this.#pos += dim[0].length;
        sizes.push(dim[0] === '*' ? null : this.#dimension(dim[0], at));
        return;
      }
      const key = /^(strides|requires_grad|device)=/.exec(rest);
      if (!key)
        this.#fail(
          dtypeOnly ? "expected 'requires_grad=' or 'device='" : 'expected a size, strides=, requires_grad= or device=',
        );
      this.#pos += key[0].length;
      if (key[1] === 'strides') {
        if (dtypeOnly || strides !== undefined || requiresGrad !== undefined || device !== undefined) {
          this.#fail('strides= is out of place', at);
        }
        this.#expect('[');
        const list: (number | null)[] = [];
        this.#list(']', () => {
          this.#skipSpace();
          const valueAt = this.#pos;
          const m = /^[0-9]+/.exec(this.#text.slice(this.#pos, this.#pos + 32));
          if (!m) this.#fail('expected a stride');
          this.#pos += m[0].length;
          list.push(this.#dimension(m[0], valueAt));
        });
        if (list.length !== sizes.length) this.#fail(`expected ${sizes.length} strides, found ${list.length}`, at);
        strides = list;
      } else if (key[1] === 'requires_grad') {
        if (requiresGrad !== undefined || device !== undefined) this.#fail('requires_grad= is out of place', at);
        const m = /^[01]/.exec(this.#text.slice(this.#pos, this.#pos + 1));
        if (!m) this.#fail('expected 0 or 1 after requires_grad=');
        this.#pos++;
        requiresGrad = m[0] === '1';
      } else {
        if (device !== undefined) this.#fail('device= is given twice', at);
        const m = /^[a-z_]+(?::[0-9]+)?/.exec(this.#text.slice(this.#pos, this.#pos + 64));
        if (!m) this.#fail('expected a device such as cpu or cuda:0 after device=');
        this.#pos += m[0].length;
        device = m[0];
      }
    });
    // `Tensor(device=cpu)` is how PyTorch prints a tensor of unknown rank and dtype with a known
    // device (a rank-0 one would print the same; unknown rank is the usual case). With a dtype the
    // forms differ: `Float(device=cpu)` is rank 0, `FloatTensor(device=cpu)` unknown rank.
    const unknownRank =
      dtypeOnly || (name === 'Tensor' && sizes.length === 0 && (requiresGrad !== undefined || device !== undefined));
    const refinement: TensorRefinement = {
      scalarType,
      sizes: unknownRank ? undefined : sizes,
      strides,
      requiresGrad,
      device,
    };
    return TensorType.create(refinement);
  }

  #dimension(text: string, at: number): number {
    const value = Number(text);
    if (!Number.isSafeInteger(value)) this.#fail(`dimension ${text} is too large`, at);
    return value;
  }

  // ---- attributes ------------------------------------------------------------------------

  #parseAttributes(into: [string, AttributeValue][]): void {
    this.#expect('[');
    this.#list(']', () => {
      this.#skipSpace();
      const at = this.#pos;
      const name = this.#parseIdentifier();
      if (into.some(([n]) => n === name)) this.#fail(`attribute '${name}' is given twice`, at);
      if (this.#text[this.#pos] !== '=') this.#fail(`expected '=' after the attribute name '${name}'`);
      this.#pos++;
      into.push([name, this.#parseAttributeValue()]);
    });
  }

  #parseAttributeValue(): AttributeValue {
    // PyTorch prints a small multi-element tensor as its values, e.g. ` 1 2 3 [ CPULongType{3} ]`.
    const display = /^ [^[\]\n]*\[ [A-Za-z]+Type\{[0-9,]*\} \]/.exec(this.#text.slice(this.#pos, this.#pos + 4096));
    if (display) {
      this.#pos += display[0].length;
      return { kind: 't', value: new ParsedTensor(display[0]) };
    }
    this.#skipSpace();
    const c = this.#text[this.#pos];
    const enumType = this.#enumConstant;
    if (enumType && this.#text.startsWith(`${enumType.qualifiedName}.`, this.#pos)) {
      this.#pos += enumType.qualifiedName.length + 1;
      return { kind: 'ival', value: enumValue(enumType.qualifiedName, this.#parseIdentifier()) };
    }
    if (c === '[' && this.#listHoldsTypes()) {
      this.#pos++;
      const types: JitType[] = [];
      this.#list(']', () => types.push(this.#parseType()));
      return { kind: 'tys', value: types };
    }
    if (this.#text.startsWith('[<Tensors>]', this.#pos)) {
      this.#pos += '[<Tensors>]'.length;
      return { kind: 'ts', value: [] };
    }
    if (c === '{' || c === '<') {
      const value = this.#parseIValue();
      if (ivalueKind(value) === 'tensor') return { kind: 't', value: (value as { tensor: unknown }).tensor };
      return { kind: 'ival', value };
    }
    if (c !== undefined && /[A-Za-z_]/.test(c) && !this.#atConstantWord() && !this.#atAnnotate()) {
      return { kind: 'ty', value: this.#parseType() };
    }
    const value = this.#parseIValue();
    if (typeof value === 'string') return { kind: 's', value };
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as { kind: string };
      if (tagged.kind === 'int') return { kind: 'i', value: (value as { value: number | bigint }).value };
      if (tagged.kind === 'float') return { kind: 'f', value: (value as { value: number }).value };
      if (tagged.kind === 'complex') return { kind: 'c', value: value as { kind: 'complex'; re: number; im: number } };
    }
    return { kind: 'ival', value };
  }

  /** Whether the list at the cursor starts with a type name (`types=[int]`) rather than a constant. */
  #listHoldsTypes(): boolean {
    let i = this.#pos + 1;
    while (/\s/.test(this.#text[i] ?? '')) i++;
    const c = this.#text[i];
    if (c === '(') return false;
    if (c === undefined || !/[A-Za-z_]/.test(c)) return false;
    const saved = this.#pos;
    this.#pos = i;
    const constant = this.#atConstantWord();
    this.#pos = saved;
    return !constant;
  }

  #atAnnotate(): boolean {
    return this.#text.startsWith('annotate(', this.#pos);
  }

  #atTensorScalar(): boolean {
    return TENSOR_SCALAR.test(this.#text.slice(this.#pos, this.#pos + 64));
  }

  /** A type as TorchScript code writes it (`List[Optional[int]]`, `Dict[str, Tensor]`), in `annotate(...)`. */
  #parsePythonType(): JitType {
    this.#enter();
    this.#skipSpace();
    const at = this.#pos;
    const name = this.#parseQualifiedName();
    let type: JitType;
    const args = (): JitType[] => {
      const list: JitType[] = [];
      this.#expect('[');
      if (this.#text.startsWith('()]', this.#pos)) {
        this.#pos += 3;
        return list;
      }
      this.#list(']', () => list.push(this.#parsePythonType()));
      return list;
    };
    const one = (types: JitType[]): JitType => {
      if (types.length !== 1) this.#fail(`${name}[...] takes one type`, at);
      return types[0];
    };
    switch (name) {
      case 'List':
        type = ListType.of(one(args()));
        break;
      case 'Optional':
        type = OptionalType.of(one(args()));
        break;
      case 'Future':
        type = FutureType.of(one(args()));
        break;
      case 'Tuple':
        type = TupleType.of(args());
        break;
      case 'Union': {
        const members = args();
        if (members.length === 0) this.#fail('a Union needs at least one type', at);
        type = UnionType.of(members);
        break;
      }
      case 'Dict': {
        const kv = args();
        if (kv.length !== 2 || !DictType.isValidKeyType(kv[0]))
          this.#fail('expected Dict[K, V] with a valid key type', at);
        type = DictType.of(kv[0], kv[1]);
        break;
      }
      case 'number':
        type = NumberType.get();
        break;
      default: {
        const simple = SIMPLE_TYPES.get(name);
        if (simple) type = simple;
        else if (name.startsWith('__torch__.')) type = ClassType.named(name);
        else this.#fail(`unknown type '${name}'`, at);
      }
    }
    this.#depth--;
    return type;
  }

  #atConstantWord(): boolean {
    return /^(?:True|False|None|inf|nan)(?![\w.])/.test(this.#text.slice(this.#pos, this.#pos + 6));
  }

  #parseIValue(): IValue {
    this.#enter();
    this.#skipSpace();
    const at = this.#pos;
    const c = this.#text[this.#pos];
    let value: IValue;
    if (c === '"' || c === "'") {
      value = this.#parseString();
    } else if (this.#atAnnotate()) {
      // `annotate(List[int], [])`: the type is the constant's output type, which the printer uses again.
      this.#pos += 'annotate('.length;
      this.#parsePythonType();
      this.#expect(',');
      value = this.#parseIValue();
      this.#expect(')');
    } else if (this.#text.startsWith('[<Tensors>]', this.#pos)) {
      // PyTorch prints any list of tensors so; its contents are not in the text.
      this.#pos += '[<Tensors>]'.length;
      value = [];
    } else if (c === '[') {
      this.#pos++;
      const items: IValue[] = [];
      this.#list(']', () => items.push(this.#parseIValue()));
      value = items;
    } else if (c === '(') {
      this.#pos++;
      const items: IValue[] = [];
      let trailingComma = false;
      this.#skipSpace();
      if (!this.#nextIf(')')) {
        for (;;) {
          items.push(this.#parseIValue());
          if (this.#nextIf(')')) break;
          this.#expect(',');
          if (this.#nextIf(')')) {
            trailingComma = true;
            break;
          }
        }
      }
      if (trailingComma && items.length !== 1)
        this.#fail('a trailing comma is only written in a one-element tuple', at);
      if (items.length === 1 && !trailingComma) this.#fail("a one-element tuple is written '(x,)'", at);
      value = tupleValue(items);
    } else if (c === '{' && !this.#atTensorScalar()) {
      this.#pos++;
      const entries: [IValue, IValue][] = [];
      this.#list('}', () => {
        const key = this.#parseIValue();
        this.#expect(':');
        entries.push([key, this.#parseIValue()]);
      });
      value = dictValue(entries);
    } else if (c === '{') {
      const match = TENSOR_SCALAR.exec(this.#text.slice(this.#pos, this.#pos + 64)) as RegExpExecArray;
      this.#pos += match[0].length;
      const number = match[1];
      value = tensorValue(
        new ParsedTensor(match[0], { value: Number(number), isFloatingPoint: /[.e]|inf|nan/.test(number) }),
      );
    } else if (c === '<') {
      if (!this.#text.startsWith('<Tensor>', this.#pos)) this.#fail("expected '<Tensor>'");
      this.#pos += '<Tensor>'.length;
      value = tensorValue(new ParsedTensor('<Tensor>'));
    } else if (this.#atConstantWord() && !/^(?:inf|nan)/.test(this.#text.slice(this.#pos, this.#pos + 3))) {
      const word = this.#parseIdentifier();
      value = word === 'True' ? true : word === 'False' ? false : null;
    } else {
      value = this.#parseNumber();
    }
    this.#depth--;
    return value;
  }

  /** An int, a float (`1.`, `2.5`, `1e+20`, `inf`), or a complex (`1.5-2.j`). */
  #parseNumber(): IValue {
    const at = this.#pos;
    const real = this.#scanReal();
    if (real === undefined) this.#fail('expected a constant (number, string, list, tuple, True, False or None)');
    const rest = this.#text.slice(this.#pos, this.#pos + 64);
    const imaginary = /^([+-])((?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|inf|nan))j/.exec(rest);
    if (imaginary) {
      this.#pos += imaginary[0].length;
      const im = Number(imaginary[2].replace('inf', 'Infinity').replace('nan', 'NaN'));
      return complexValue(toDouble(real), imaginary[1] === '-' ? -im : im);
    }
    if (/[.e]|inf|nan/.test(real)) return floatValue(toDouble(real));
    const big = BigInt(real);
    if (big < -(2n ** 63n) || big >= 2n ** 63n) this.#fail(`integer ${real} does not fit in 64 bits`, at);
    return intValue(Number.isSafeInteger(Number(big)) ? Number(big) : big);
  }

  #scanReal(): string | undefined {
    const match = /^-?(?:[0-9]+(?:\.[0-9]*)?(?:e[+-]?[0-9]+)?|inf|nan)(?![\w])/.exec(
      this.#text.slice(this.#pos, this.#pos + 400),
    );
    // A complex number's real part is followed by its sign: the lookahead above allows that.
    if (!match) return undefined;
    this.#pos += match[0].length;
    return match[0];
  }

  /** A string in double or single quotes with PyTorch's escapes (named C escapes, three-digit octal). */
  #parseString(): string {
    const quote = this.#text[this.#pos];
    const start = this.#pos;
    this.#pos++;
    let out = '';
    for (;;) {
      const c = this.#text[this.#pos];
      if (c === undefined || c === '\n') this.#fail('unterminated string', start);
      this.#pos++;
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.#text[this.#pos];
      const named: Record<string, string> = {
        '\\': '\\',
        "'": "'",
        '"': '"',
        a: '\x07',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        v: '\v',
      };
      if (e !== undefined && named[e] !== undefined) {
        out += named[e];
        this.#pos++;
      } else if (/^[0-7]{3}$/.test(this.#text.slice(this.#pos, this.#pos + 3))) {
        const code = Number.parseInt(this.#text.slice(this.#pos, this.#pos + 3), 8);
        if (code > 255) this.#fail('octal escape above \\377', this.#pos - 1);
        out += String.fromCharCode(code);
        this.#pos += 3;
      } else {
        this.#fail('bad escape in string', this.#pos - 1);
      }
    }
  }

  // ---- lexical helpers -------------------------------------------------------------------

  #parseKindText(): string {
    const match = /^[A-Za-z_]\w*::[A-Za-z_][\w.]*/.exec(this.#text.slice(this.#pos, this.#pos + 512));
    if (!match) this.#fail('expected a node kind such as aten::add');
    this.#pos += match[0].length;
    return match[0];
  }

  #parseIdentifier(): string {
    const match = /^[A-Za-z_]\w*/.exec(this.#text.slice(this.#pos, this.#pos + 512));
    if (!match) this.#fail('expected a name');
    this.#pos += match[0].length;
    return match[0];
  }

  /** A type name, possibly qualified with dots (`__torch__.fixture.Counter`). */
  #parseQualifiedName(): string {
    const match = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(this.#text.slice(this.#pos, this.#pos + 1024));
    if (!match) this.#fail('expected a type');
    this.#pos += match[0].length;
    return match[0];
  }

  #expectWord(word: string): void {
    this.#skipSpace();
    if (!this.#text.startsWith(word, this.#pos) || /\w/.test(this.#text[this.#pos + word.length] ?? '')) {
      this.#fail(`expected '${word}'`);
    }
    this.#pos += word.length;
  }

  /** Items separated by commas up to `close` (the opening bracket already read). */
  #list(close: string, item: () => void): void {
    if (this.#nextIf(close)) return;
    for (;;) {
      item();
      if (this.#nextIf(close)) return;
      this.#expect(',', `',' or '${close}'`);
    }
  }

  #skipSpace(): void {
    const text = this.#text;
    let i = this.#pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.#pos = i;
  }

  #peekChar(): string | undefined {
    this.#skipSpace();
    return this.#text[this.#pos];
  }

  #nextIf(token: string): boolean {
    this.#skipSpace();
    if (!this.#text.startsWith(token, this.#pos)) return false;
    this.#pos += token.length;
    return true;
  }

  #expect(token: string, what = `'${token}'`): void {
    if (!this.#nextIf(token)) this.#fail(`expected ${what}`);
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) this.#fail(`nesting deeper than ${MAX_DEPTH} levels`);
  }

  #fail(reason: string, at = this.#pos): never {
    const shown = this.#pos >= this.#text.length && at === this.#pos ? `${reason}, found the end of the text` : reason;
    throw new IRParseError(this.#text, at, shown);
  }
}

function toDouble(text: string): number {
  return Number(text.replace('inf', 'Infinity').replace('nan', 'NaN'));
}

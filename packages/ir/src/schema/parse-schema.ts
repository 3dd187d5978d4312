import { SchemaParseError } from '../errors/schema-parse-error.js';
import { ClassType } from '../types/class-type.js';
import { DictType } from '../types/dict-type.js';
import { FutureType } from '../types/future-type.js';
import type { JitType } from '../types/jit-type.js';
import { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import { RRefType } from '../types/rref-type.js';
import {
  AnyClassType,
  AnyEnumType,
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
import { TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import { VarType } from '../types/type-variable.js';
import { UnionType } from '../types/union-type.js';
import { AliasInfo } from './alias-info.js';
import { Argument } from './argument.js';
import type { DefaultValue, IntValue } from './default-value.js';
import { FunctionSchema } from './function-schema.js';
import { decodeStringLiteral, type Token, type TokenKind, tokenizeSchema } from './schema-lexer.js';

/**
 * Parses a FunctionSchema in PyTorch's schema language, e.g.
 * `aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor`.
 * Throws SchemaParseError (with the column and a quoted caret) for malformed text.
 */
export function parseSchema(text: string): FunctionSchema {
  return new SchemaParser(text).parseDeclaration();
}

/** A parsed type: `type` for typing (SymInt, ScalarType, ... read as int) and `real` as written. */
interface ParsedType {
  readonly type: JitType;
  readonly real: JitType;
  readonly alias: AliasInfo | undefined;
}

/** Base type names: [type for typing, type as written]. `Dimname` is a str, as in PyTorch. */
const BASE_TYPES: ReadonlyMap<string, readonly [JitType, JitType]> = new Map(
  (
    [
      ['Tensor', TensorType.get()],
      ['int', IntType.get()],
      ['float', FloatType.get()],
      ['bool', BoolType.get()],
      ['str', StringType.get()],
      ['complex', ComplexType.get()],
      ['Scalar', NumberType.get()],
      ['None', NoneType.get()],
      ['NoneType', NoneType.get()],
      ['Any', AnyType.get()],
      ['Device', DeviceObjType.get()],
      ['Stream', StreamObjType.get()],
      ['Generator', GeneratorType.get()],
      ['Storage', StorageType.get()],
      ['QScheme', QSchemeType.get()],
      ['Quantizer', QuantizerType.get()],
      ['Capsule', CapsuleType.get()],
      ['AnyClassType', AnyClassType.get()],
      ['AnyEnumType', AnyEnumType.get()],
      ['Dimname', StringType.get()],
      ['ConstQuantizerPtr', IntType.get()],
    ] as const
  )
    .map(([name, t]): [string, readonly [JitType, JitType]] => [name, [t, t]])
    .concat([
      ['SymInt', [IntType.get(), SymIntType.get()]],
      ['ScalarType', [IntType.get(), ScalarTypeType.get()]],
      ['Layout', [IntType.get(), LayoutType.get()]],
      ['MemoryFormat', [IntType.get(), MemoryFormatType.get()]],
    ]),
);

/** Identifiers PyTorch accepts as numeric defaults, and the ints they stand for. */
const SYMBOLIC_DEFAULTS: ReadonlyMap<string, number> = new Map([
  ['float', 6], // torch.float32 (ScalarType)
  ['long', 4], // torch.int64 (ScalarType)
  ['strided', 0], // torch.strided (Layout)
  ['Mean', 1], // Reduction::Mean
  ['contiguous_format', 0], // MemoryFormat::Contiguous
]);

/**
 * Words the TorchScript lexer reserves: PyTorch's schema parser does not take them as names
 * (`int in` is an error), so neither do we. None and NoneType remain types, and True, False and
 * None remain default values.
 */
// One string, not a list of string literals: the import pattern of tooling/scripts/check-layers.mjs
// misreads a quoted keyword followed by the next quoted keyword as an import statement.
const KEYWORDS: ReadonlySet<string> = new Set(
  'and as assert break class continue def del elif else Ellipsis False for global if import in is None NoneType not or pass raise return True while with'.split(
    ' ',
  ),
);

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Deeper type nesting than this is rejected, so that hostile input cannot overflow the stack. */
const MAX_TYPE_DEPTH = 64;

class SchemaParser {
  readonly #text: string;
  readonly #tokens: Token[];
  #pos = 0;
  #depth = 0;
  #freshAliasId = 0;

  constructor(text: string) {
    this.#text = text;
    this.#tokens = tokenizeSchema(text);
  }

  parseDeclaration(): FunctionSchema {
    let name = this.#expectName('an operator name').text;
    if (this.#nextIf(':')) {
      this.#expect(':', "'::'");
      name = `${name}::${this.#expectName('an operator name after the namespace').text}`;
    }
    let overloadName = '';
    if (this.#nextIf('.')) overloadName = this.#expectName('an overload name').text;
    if (this.#cur.kind !== '(') this.#fail(this.#cur, `expected '(' to start the argument list of ${name}`);

    const args: Argument[] = [];
    let kwargOnly = false;
    let isVararg = false;
    this.#list('(', ')', () => {
      if (isVararg) this.#fail(this.#cur, "'...' must be the last element of the argument list");
      if (this.#nextIf('*')) kwargOnly = true;
      else if (this.#nextIf('...')) isVararg = true;
      else args.push(this.#parseArgument(false, kwargOnly));
    });

    this.#expect('->', "'->' and the returns");
    const returns: Argument[] = [];
    let isVarret = false;
    if (this.#nextIf('...')) {
      isVarret = true;
    } else if (this.#cur.kind === '(') {
      this.#list('(', ')', () => {
        if (isVarret) this.#fail(this.#cur, "'...' must be the last element of the return list");
        if (this.#nextIf('...')) isVarret = true;
        else returns.push(this.#parseArgument(true, false));
      });
    } else {
      returns.push(this.#parseArgument(true, false));
    }
    this.#expect('eof', 'the end of the schema');
    return new FunctionSchema(name, overloadName, args, returns, { isVararg, isVarret });
  }

  #parseArgument(isReturn: boolean, kwargOnly: boolean): Argument {
    let { type, real, alias } = this.#parseType();
    let N: number | undefined;
    if (this.#nextIf('[')) {
      // A fixed size (`int[2]`) can only be written at the top of an argument's type.
      const size = this.#expect('number', 'the size of a fixed-size list (as in int[2])');
      if (!/^[0-9]{1,9}$/.test(size.text)) this.#fail(size, `bad list size '${size.text}'`);
      N = Number(size.text);
      this.#expect(']', "']'");
      type = ListType.of(type);
      real = ListType.of(real);
      alias = this.#containerAlias(alias);
      if (this.#nextIf('?')) {
        type = OptionalType.of(type);
        real = OptionalType.of(real);
      }
    }
    let name = '';
    let defaultValue: DefaultValue | undefined;
    if (isReturn) {
      if (isName(this.#cur)) name = this.#next().text;
    } else {
      name = this.#expectName('an argument name').text;
      if (this.#nextIf('=')) defaultValue = this.#parseDefaultValue(type, N);
    }
    return new Argument(name, {
      type,
      realType: real,
      N,
      defaultValue,
      kwargOnly: !isReturn && kwargOnly,
      aliasInfo: alias,
    });
  }

  #parseType(): ParsedType {
    const start = this.#cur;
    if (++this.#depth > MAX_TYPE_DEPTH) this.#fail(start, `types nested more than ${MAX_TYPE_DEPTH} deep`);
    let parsed = this.#parseBaseTypeWithAlias();
    let wraps = 0;
    for (;;) {
      const suffix = this.#cur;
      if ((suffix.kind === '[' || suffix.kind === '?') && this.#depth + ++wraps > MAX_TYPE_DEPTH) {
        this.#fail(suffix, `types nested more than ${MAX_TYPE_DEPTH} deep`);
      }
      if (this.#cur.kind === '[' && this.#peek(1).kind === ']') {
        this.#pos += 2;
        parsed = {
          type: ListType.of(parsed.type),
          real: ListType.of(parsed.real),
          alias: this.#containerAlias(parsed.alias),
        };
      } else if (this.#nextIf('?')) {
        parsed = { type: OptionalType.of(parsed.type), real: OptionalType.of(parsed.real), alias: parsed.alias };
      } else {
        break;
      }
    }
    this.#depth--;
    return parsed;
  }

  /**
   * Reads the alias annotation after `[]`, and nests the element's annotation in it: `Tensor(a!)[]`
   * is a list whose elements are in set a and written (the list itself is in no set).
   */
  #containerAlias(element: AliasInfo | undefined): AliasInfo | undefined {
    const container = this.#parseAliasAnnotation();
    if (!element) return container;
    return new AliasInfo({
      beforeSets: container?.beforeSets ?? [],
      afterSets: container?.afterSets ?? [],
      isWrite: container ? container.isWrite : element.isWrite,
      containedTypes: [...(container?.containedTypes ?? []), element],
    });
  }

  #parseBaseTypeWithAlias(): ParsedType {
    const tok = this.#cur;
    if (tok.kind === '(') {
      // A tuple. PyTorch ignores alias annotations inside tuple elements; so do we.
      const types: JitType[] = [];
      const reals: JitType[] = [];
      this.#list('(', ')', () => {
        const element = this.#parseType();
        types.push(element.type);
        reals.push(element.real);
      });
      return { type: TupleType.of(types), real: TupleType.of(reals), alias: undefined };
    }
    if (!isName(tok) && !(tok.kind === 'ident' && (tok.text === 'None' || tok.text === 'NoneType'))) {
      this.#fail(tok, `expected a type but found ${describe(tok)}`);
    }
    switch (tok.text) {
      case 'Future':
      case 'RRef': {
        this.#next();
        this.#expect('(', `'(' after ${tok.text}`);
        const element = this.#parseType();
        this.#expect(')', `')' to close ${tok.text}(`);
        const wrap = tok.text === 'Future' ? FutureType.of : RRefType.of;
        return { type: wrap(element.type), real: wrap(element.real), alias: undefined };
      }
      case 'Dict': {
        this.#next();
        this.#expect('(', "'(' after Dict");
        const keyToken = this.#cur;
        const key = this.#parseType();
        if (!DictType.isValidKeyType(key.type)) {
          this.#fail(
            keyToken,
            `'${key.real.annotationStr()}' cannot be a Dict key type (keys must be int, float, complex, bool, str, Tensor or Device)`,
          );
        }
        this.#expect(',', "',' between the key and value types of Dict(K, V)");
        const value = this.#parseType();
        this.#expect(')', "')' to close Dict(K, V)");
        return {
          type: DictType.of(key.type, value.type),
          real: DictType.of(key.real, value.real),
          alias: this.#parseAliasAnnotation(),
        };
      }
      case 'Union': {
        this.#next();
        const types: JitType[] = [];
        const reals: JitType[] = [];
        this.#list('(', ')', () => {
          const member = this.#parseType();
          types.push(member.type);
          reals.push(member.real);
        });
        if (types.length === 0) this.#fail(tok, 'a Union needs at least one type');
        return { type: UnionType.of(types), real: UnionType.of(reals), alias: undefined };
      }
      case '__torch__': {
        const qualifiedName = this.#parseClassName();
        const t = ClassType.named(qualifiedName);
        return { type: t, real: t, alias: this.#parseAliasAnnotation() };
      }
    }
    this.#next();
    const known = BASE_TYPES.get(tok.text);
    let type: JitType;
    let real: JitType;
    if (known) {
      [type, real] = known;
    } else if (isLowerCase(tok.text.charCodeAt(0))) {
      // Lower-case names that are not types are type variables (t, t1, tVal), as in PyTorch.
      type = real = VarType.named(tok.text);
    } else {
      this.#fail(tok, `unknown type '${tok.text}'`);
    }
    return { type, real, alias: this.#parseAliasAnnotation() };
  }

  /** `__torch__.torch.classes.<namespace>.<Class>`, the name of a custom C++ class. */
  #parseClassName(): string {
    const parts = [this.#next().text];
    for (const expected of ['torch', 'classes']) {
      this.#expect('.', "'.' in a class name (__torch__.torch.classes.<namespace>.<Class>)");
      const part = this.#expectName(`'${expected}'`);
      if (part.text !== expected) {
        this.#fail(part, `expected '${expected}' in a class name (__torch__.torch.classes.<namespace>.<Class>)`);
      }
      parts.push(part.text);
    }
    for (const what of ['namespace', 'class name']) {
      this.#expect('.', `'.' before the ${what} of a custom class`);
      parts.push(this.#expectName(`the ${what} of a custom class`).text);
    }
    return parts.join('.');
  }

  /** `(a)`, `(a!)`, `(a|b)`, `(a -> *)`, `(a! -> a|b)`, or `!` alone (a fresh set, written). */
  #parseAliasAnnotation(): AliasInfo | undefined {
    if (this.#nextIf('!')) {
      const set = `$${this.#freshAliasId++}`;
      return new AliasInfo({ beforeSets: [set], isWrite: true });
    }
    if (this.#cur.kind !== '(') return undefined;
    this.#next();
    const beforeSets = this.#parseAliasSets();
    const isWrite = this.#nextIf('!');
    const afterSets = this.#nextIf('->') ? this.#parseAliasSets() : beforeSets;
    this.#expect(')', "')' to close the alias annotation");
    return new AliasInfo({ beforeSets, afterSets, isWrite });
  }

  /** `a`, `a|b`, `*`, `a|*`: alias set names separated by `|`. Nothing follows the wildcard. */
  #parseAliasSets(): string[] {
    const sets: string[] = [];
    do {
      if (sets.includes(AliasInfo.WILDCARD)) {
        this.#fail(this.#cur, "nothing may follow the wildcard '*' in an alias annotation");
      }
      if (this.#nextIf('*')) sets.push(AliasInfo.WILDCARD);
      else sets.push(this.#expectName("an alias set name (as in Tensor(a) or Tensor(a!)) or '*'").text);
    } while (this.#nextIf('|'));
    return sets;
  }

  #parseDefaultValue(type: JitType, N: number | undefined): DefaultValue {
    const tok = this.#cur;
    switch (type.kind) {
      case 'TensorType':
      case 'GeneratorType':
        if (tok.kind === 'ident' && tok.text === 'None') {
          this.#next();
          return null;
        }
        return this.#fail(tok, `the default of a ${type.annotationStr()} argument can only be None`);
      case 'StringType':
      case 'OptionalType':
      case 'NumberType':
      case 'IntType':
      case 'BoolType':
      case 'FloatType':
        return this.#parseSingleConstant(type.kind === 'FloatType');
      case 'DeviceObjType':
        if (tok.kind !== 'string') this.#fail(tok, `a Device default must be a string such as "cpu"`);
        this.#next();
        return decodeStringLiteral(this.#text, tok);
      case 'ListType': {
        const element = (type as ListType).elementType;
        if (N !== undefined && tok.kind !== '[') {
          // `int[2] stride=1` means [1, 1].
          const value = this.#parseSingleConstant(element.kind === 'FloatType');
          return this.#checkList(element, tok, new Array<DefaultValue>(N).fill(value));
        }
        this.#expect('[', `'[' to start a list default (or a single value, for a fixed-size list)`);
        const values: DefaultValue[] = [];
        if (this.#cur.kind !== ']') {
          do values.push(this.#parseSingleConstant(element.kind === 'FloatType'));
          while (this.#nextIf(','));
        }
        this.#expect(']', "']' to close the list default");
        return this.#checkList(element, tok, values);
      }
      default:
        return this.#fail(tok, `arguments of type ${type.annotationStr()} cannot have a default value`);
    }
  }

  /** List defaults are lists of int, float or bool (ints widen to float in a float list). */
  #checkList(element: JitType, at: Token, values: DefaultValue[]): DefaultValue {
    const kind = element.kind;
    if (kind !== 'IntType' && kind !== 'FloatType' && kind !== 'BoolType') {
      this.#fail(
        at,
        `list defaults are only supported for int, float and bool lists, not ${element.annotationStr()}[]`,
      );
    }
    return values.map((v) => {
      const ok =
        kind === 'BoolType'
          ? typeof v === 'boolean'
          : typeof v === 'object' &&
            v !== null &&
            !Array.isArray(v) &&
            (kind === 'FloatType' || (v as IntValue).kind === 'int');
      if (!ok) this.#fail(at, `a ${element.annotationStr()}[] default must hold ${element.annotationStr()} values`);
      return kind === 'FloatType' ? { kind: 'float', value: Number((v as { value: number | bigint }).value) } : v;
    });
  }

  /** True, False, None, a string, a number, or one of the symbolic ints (long, Mean, ...). */
  #parseSingleConstant(asFloat: boolean): DefaultValue {
    const tok = this.#next();
    if (tok.kind === 'string') return decodeStringLiteral(this.#text, tok);
    if (tok.kind === 'ident') {
      if (tok.text === 'True') return true;
      if (tok.text === 'False') return false;
      if (tok.text === 'None') return null;
      const symbolic = SYMBOLIC_DEFAULTS.get(tok.text);
      if (symbolic !== undefined) return { kind: 'int', value: symbolic };
      if (tok.text === 'inf' || tok.text === 'nan') {
        return this.#fail(
          tok,
          `'${tok.text}' is not a valid default value (PyTorch's schema language has no infinities or NaN)`,
        );
      }
      return this.#fail(
        tok,
        `invalid default value '${tok.text}' (expected a number, True, False, None, a string, or one of ${[...SYMBOLIC_DEFAULTS.keys()].join(', ')})`,
      );
    }
    let number = tok;
    let negative = false;
    if (tok.kind === '-') {
      negative = true;
      number = this.#next();
      if (number.kind !== 'number') this.#fail(number, `expected a number after '-' but found ${describe(number)}`);
    } else if (tok.kind !== 'number') {
      return this.#fail(tok, `expected a default value but found ${describe(tok)}`);
    }
    const text = number.text;
    if (asFloat || hasFloatSyntax(text)) {
      const value = Number(negative ? `-${text}` : text);
      if (!Number.isFinite(value)) this.#fail(number, `float default '${text}' is out of range`);
      return { kind: 'float', value };
    }
    const big = BigInt(negative ? `-${text}` : text);
    if (big < INT64_MIN || big > INT64_MAX) this.#fail(number, `int default '${text}' does not fit in 64 bits`);
    const small = Number(big);
    return { kind: 'int', value: Number.isSafeInteger(small) ? small : big };
  }

  // --- token helpers ---

  get #cur(): Token {
    return this.#tokens[this.#pos];
  }

  #peek(ahead: number): Token {
    return this.#tokens[Math.min(this.#pos + ahead, this.#tokens.length - 1)];
  }

  #next(): Token {
    const tok = this.#tokens[this.#pos];
    if (tok.kind !== 'eof') this.#pos++;
    return tok;
  }

  #nextIf(kind: TokenKind): boolean {
    if (this.#cur.kind !== kind) return false;
    this.#pos++;
    return true;
  }

  #expect(kind: TokenKind, what: string): Token {
    const tok = this.#cur;
    if (tok.kind !== kind) this.#fail(tok, `expected ${what} but found ${describe(tok)}`);
    return this.#next();
  }

  /** An identifier that is not a reserved word. */
  #expectName(what: string): Token {
    const tok = this.#cur;
    if (!isName(tok)) this.#fail(tok, `expected ${what} but found ${describe(tok)}`);
    return this.#next();
  }

  /** `( item, item, ... )` with no trailing comma; an empty list is allowed. */
  #list(open: TokenKind, close: TokenKind, item: () => void): void {
    const start = this.#expect(open, `'${open}'`);
    if (this.#cur.kind !== close) {
      do {
        if (this.#cur.kind === 'eof') this.#fail(this.#cur, `unbalanced '${open}': expected '${close}' before the end`);
        item();
      } while (this.#nextIf(','));
    }
    if (this.#cur.kind !== close) {
      this.#fail(
        this.#cur,
        this.#cur.kind === 'eof'
          ? `unbalanced '${open}' (opened at column ${start.start + 1}): expected '${close}' before the end`
          : `expected ',' or '${close}' but found ${describe(this.#cur)}`,
      );
    }
    this.#next();
  }

  #fail(tok: Token, reason: string): never {
    throw new SchemaParseError(this.#text, tok.start, reason);
  }
}

function isName(tok: Token): boolean {
  return tok.kind === 'ident' && !KEYWORDS.has(tok.text);
}

function describe(tok: Token): string {
  if (tok.kind === 'eof') return 'the end of the schema';
  if (tok.kind === 'ident' && KEYWORDS.has(tok.text)) return `the reserved word '${tok.text}'`;
  return `'${tok.text}'`;
}

function isLowerCase(c: number): boolean {
  return c >= 97 && c <= 122;
}

function hasFloatSyntax(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || c === 101 || c === 69) return true;
  }
  return false;
}

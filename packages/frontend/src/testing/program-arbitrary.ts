import fc from 'fast-check';

/**
 * Generators of TorchScript programs for fuzzing the compiler: well-typed programs (PyTorch 1.13
 * compiles every one; tooling/fixtures/check_generated_programs.py checks a sample) and programs
 * with one injected type error (a "fault").
 *
 * A program is drawn from a sequence of integers (choices) that the generator consumes as it
 * goes, as Hypothesis does: fast-check shrinks the sequence (shorter, smaller numbers), and an
 * exhausted sequence always picks the first, simplest option, so a shrunk sequence is a smaller
 * program that is still well-typed. The generator tracks the type of every name in scope and
 * follows TorchScript's scoping rules (a name first assigned in a branch or a loop body is not
 * visible after it unless every branch that falls through assigns it the same type).
 */

/** A TorchScript type the generator uses; `name` is its annotation. */
export interface GenType {
  readonly kind: 'int' | 'float' | 'bool' | 'str' | 'Tensor' | 'List' | 'Dict' | 'Optional' | 'Tuple';
  readonly args: readonly GenType[];
  readonly name: string;
}

// Types are interned, so that they compare with ===.
const interned = new Map<string, GenType>();
function makeType(kind: GenType['kind'], args: readonly GenType[], name: string): GenType {
  let t = interned.get(name);
  if (!t) {
    t = { kind, args, name };
    interned.set(name, t);
  }
  return t;
}
const scalar = (kind: 'int' | 'float' | 'bool' | 'str' | 'Tensor'): GenType => makeType(kind, [], kind);
const INT = scalar('int');
const FLOAT = scalar('float');
const BOOL = scalar('bool');
const STR = scalar('str');
const TENSOR = scalar('Tensor');
const listOf = (t: GenType): GenType => makeType('List', [t], `List[${t.name}]`);
const dictOf = (k: GenType, v: GenType): GenType => makeType('Dict', [k, v], `Dict[${k.name}, ${v.name}]`);
const optionalOf = (t: GenType): GenType => makeType('Optional', [t], `Optional[${t.name}]`);
const tupleOf = (...ts: GenType[]): GenType => makeType('Tuple', ts, `Tuple[${ts.map((t) => t.name).join(', ')}]`);

/** Types of parameters, locals and results. */
const TYPES: readonly GenType[] = [
  INT,
  FLOAT,
  BOOL,
  STR,
  TENSOR,
  listOf(INT),
  listOf(FLOAT),
  listOf(STR),
  listOf(TENSOR),
  dictOf(STR, INT),
  dictOf(STR, TENSOR),
  optionalOf(INT),
  optionalOf(TENSOR),
  optionalOf(STR),
  tupleOf(INT, TENSOR),
  tupleOf(INT, STR),
  tupleOf(FLOAT, BOOL),
];
/** Scalar types weigh more: most of a program's arithmetic is on them. */
const LOCAL_TYPES: readonly GenType[] = [INT, INT, FLOAT, FLOAT, BOOL, STR, TENSOR, TENSOR, ...TYPES.slice(5)];

/** The kinds of type error an ill-typed program gets (exactly one each). */
export const FAULT_KINDS = [
  'wrong-argument-type',
  'undefined-name',
  'branch-type-change',
  'missing-return',
  'wrong-return-type',
  'unrefined-optional',
  'loop-variable-after-loop',
  'break-outside-loop',
  'unknown-method',
  'too-many-arguments',
  'unknown-keyword',
  'wrong-element-type',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface GeneratedFunction {
  name: string;
  params: { name: string; type: string }[];
  returns: string;
}

export interface GeneratedProgram {
  source: string;
  functions: GeneratedFunction[];
  /**
   * `cu`: only the syntax PyTorch's own parser (torch.jit.CompilationUnit) reads; `python`: also
   * what only PyTorch's Python frontend (torch.jit.script) reads: f-strings, chained comparisons,
   * tuple targets in comprehensions.
   */
  dialect: Dialect;
  /** The injected type error, with the 1-based line it was put on; null for a well-typed program. */
  fault: { kind: FaultKind; line: number; description: string } | null;
}

export type Dialect = 'cu' | 'python';

export interface ProgramOptions {
  dialect?: Dialect;
  /** Inject one type error of this kind. */
  fault?: FaultKind;
  maxFunctions?: number;
  /** Statements per function, nested ones included. */
  maxStatements?: number;
  /** Nesting of compound statements. */
  maxDepth?: number;
  /** Nesting of expressions. */
  maxExpressionDepth?: number;
}

/** A sequence of choices; once exhausted, every choice is 0 (the simplest option). */
class Choices {
  private i = 0;
  constructor(private readonly data: readonly number[]) {}

  /** An integer in [0, n). */
  int(n: number): number {
    if (n <= 1) return 0;
    const v = this.data[this.i++];
    return v === undefined ? 0 : v % n;
  }

  get exhausted(): boolean {
    return this.i >= this.data.length;
  }

  /** True with probability about `p`, false once exhausted. */
  chance(p: number): boolean {
    if (this.i >= this.data.length) return false;
    return this.int(1000) < p * 1000;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
}

interface Var {
  name: string;
  type: GenType;
  /** False for loop counters and targets (a reassignment could make a loop endless) and for optionals. */
  mutable: boolean;
}

class Scope {
  private readonly vars = new Map<string, Var>();
  constructor(readonly parent: Scope | null) {}

  define(v: Var): void {
    this.vars.set(v.name, v);
  }

  lookup(name: string): Var | undefined {
    return this.vars.get(name) ?? this.parent?.lookup(name);
  }

  /** Every visible name, the innermost definition winning (a refined optional shadows its declaration). */
  visible(): Var[] {
    const seen = new Map<string, Var>();
    for (let s: Scope | null = this; s; s = s.parent) {
      for (const [name, v] of s.vars) if (!seen.has(name)) seen.set(name, v);
    }
    return [...seen.values()];
  }

  /** True if `name` is defined in this scope itself (not in a parent). */
  owns(name: string): boolean {
    return this.vars.has(name);
  }
}

/** An expression's text and its precedence (higher binds tighter), to parenthesize only where needed. */
interface E {
  t: string;
  p: number;
}
const P_TERNARY = 0;
const P_OR = 1;
const P_AND = 2;
const P_NOT = 3;
const P_COMPARE = 4;
const P_BITOR = 5;
const P_BITXOR = 6;
const P_BITAND = 7;
const P_SHIFT = 8;
const P_ADD = 9;
const P_MUL = 10;
const P_UNARY = 11;
const P_POW = 12;
const P_ATOM = 13;

const atom = (t: string): E => ({ t, p: P_ATOM });
/** `e` as an operand that must bind at least as tightly as `min`. */
const wrap = (e: E, min: number): string => (e.p >= min ? e.t : `(${e.t})`);
const PRECEDENCE: Record<string, number> = {
  or: P_OR,
  and: P_AND,
  '|': P_BITOR,
  '^': P_BITXOR,
  '&': P_BITAND,
  '<<': P_SHIFT,
  '>>': P_SHIFT,
  '+': P_ADD,
  '-': P_ADD,
  '*': P_MUL,
  '/': P_MUL,
  '//': P_MUL,
  '%': P_MUL,
  '@': P_MUL,
};
/** A binary operation; comparisons do not chain (their operands bind tighter), the others associate left. */
function binary(left: E, op: string, right: E): E {
  const p = PRECEDENCE[op] ?? P_COMPARE;
  return { t: `${wrap(left, p === P_COMPARE ? p + 1 : p)} ${op} ${wrap(right, p + 1)}`, p };
}

const INT_LITERALS = ['0', '1', '2', '3', '5', '7', '10', '-1', '-4'];
const FLOAT_LITERALS = ['0.5', '1.0', '2.5', '3.0', '-1.5', '1e-3', '0.25'];
const STR_LITERALS = ["'a'", "'b'", "'ab'", "'x,y'", "' z '", "''", "'12'", "'a b'"];
const NON_EMPTY_STR_LITERALS = STR_LITERALS.filter((s) => s !== "''");
const EXCEPTIONS = ['ValueError', 'RuntimeError', 'Exception', 'IndexError', 'KeyError', 'TypeError', 'AssertionError'];
const TENSOR_UNARY_FUNCTIONS = ['relu', 'sigmoid', 'tanh', 'exp', 'abs', 'neg', 'sin', 'cos', 'sqrt', 'floor', 'clone'];
const TENSOR_UNARY_METHODS = [
  'relu()',
  'sigmoid()',
  'abs()',
  'exp()',
  'float()',
  'contiguous()',
  'detach()',
  'sum()',
  'mean()',
  'max()',
  'view(-1)',
  'reshape([-1])',
  'flatten()',
  'unsqueeze(0)',
  'squeeze()',
  'clone()',
  't()',
  'pow(2)',
  'sum(0)',
  'sum(dim=0, keepdim=True)',
  'clamp(-1.0, 1.0)',
  'clamp(min=0.0)',
];

interface Ctx {
  depth: number;
  inLoop: boolean;
  /** Inside `with`: no exits (PyTorch's with-statement lowering does not take them everywhere). */
  inWith: boolean;
  ret: GenType;
  /** Containers being iterated: the body does not mutate them (the loop could become endless in Python). */
  iterating: ReadonlySet<string>;
  /**
   * The scope around the innermost `with`: its names are not rebound in the with-block (PyTorch
   * 1.13 fails an internal assert, outputs_[i]->uses().empty(), on that after an exit or inside a
   * refined branch).
   */
  withOuter: Scope | null;
  /**
   * Inside the body of a loop over a tuple, which PyTorch emits once per element: no annotated
   * assignments (the second copy would re-declare the name).
   */
  inUnrolled: boolean;
}

/**
 * Which exit a block may end with: none, return/raise only (a branch that must define a name
 * if it falls through: PyTorch does not count break/continue as leaving), or any.
 */
type ExitMode = 'none' | 'return' | 'all';

/** How a block ends: falls through (null) or leaves by one of the exits. */
type Exit = null | 'return' | 'raise' | 'break' | 'continue';

class ProgramGenerator {
  private readonly lines: string[] = [];
  private readonly functions: (GeneratedFunction & { paramTypes: GenType[]; defaults: number; ret: GenType })[] = [];
  private names = 0;
  /** Optionals tested against None in the current function (see genRefinement). */
  private readonly noneTested = new Set<string>();
  /** A return, raise, break or continue was generated in the current function. */
  private exited = false;
  private budget = 0;
  private fault: { kind: FaultKind; countdown: number; injected: { line: number; description: string } | null } | null;
  private readonly maxFunctions: number;
  private readonly maxStatements: number;
  private readonly maxDepth: number;
  private readonly maxExpressionDepth: number;
  private readonly dialect: Dialect;

  constructor(
    private readonly c: Choices,
    options: ProgramOptions,
    faultCountdown: number,
    private readonly allowFallback: boolean,
  ) {
    this.dialect = options.dialect ?? 'python';
    this.maxFunctions = options.maxFunctions ?? 4;
    this.maxStatements = options.maxStatements ?? 24;
    this.maxDepth = options.maxDepth ?? 3;
    this.maxExpressionDepth = options.maxExpressionDepth ?? 3;
    this.fault = options.fault ? { kind: options.fault, countdown: faultCountdown, injected: null } : null;
  }

  run(): GeneratedProgram {
    const n = 1 + this.c.int(this.maxFunctions);
    for (let k = 0; k < n; k++) this.genFunction(k, k === n - 1);
    return {
      source: `${this.lines.join('\n')}\n`,
      functions: this.functions.map(({ name, params, returns }) => ({ name, params, returns })),
      dialect: this.dialect,
      fault: this.fault?.injected ? { kind: this.fault.kind, ...this.fault.injected } : null,
    };
  }

  get faultInjected(): boolean {
    return this.fault?.injected != null;
  }

  /** Whether to inject the fault of this kind here (the countdown-th opportunity), recording where. */
  private faultHere(kind: FaultKind, description: string): boolean {
    const f = this.fault;
    if (!f || f.injected || f.kind !== kind) return false;
    if (f.countdown-- > 0) return false;
    f.injected = { line: this.lines.length + 1, description };
    return true;
  }

  private fresh(prefix = 'v'): string {
    return `${prefix}${this.names++}`;
  }

  private emit(depth: number, text: string): void {
    this.lines.push(`${'    '.repeat(depth)}${text}`);
  }

  // ---------------------------------------------------------------------------------------------
  // Functions and statements

  private genFunction(k: number, last: boolean): void {
    const c = this.c;
    this.names = 0;
    this.exited = false;
    this.noneTested.clear();
    this.budget = 1 + c.int(this.maxStatements);
    const name = `f${k}`;
    const nParams = c.int(5);
    const paramTypes: GenType[] = [];
    const params: { name: string; type: string }[] = [];
    const texts: string[] = [];
    const scope = new Scope(null);
    // Defaults go on a suffix of the parameters, as Python requires.
    let defaults = 0;
    const withDefaults = c.chance(0.3) ? 1 + c.int(nParams) : 0;
    for (let i = 0; i < nParams; i++) {
      const type = c.pick(TYPES);
      const pname = `p${i}`;
      paramTypes.push(type);
      params.push({ name: pname, type: type.name });
      const dflt = i >= nParams - withDefaults ? this.defaultValue(type) : null;
      if (dflt !== null) defaults++;
      else defaults = 0;
      texts.push(dflt === null ? `${pname}: ${type.name}` : `${pname}: ${type.name} = ${dflt}`);
      scope.define({ name: pname, type, mutable: type.kind !== 'Optional' });
    }
    // A default on a parameter before one without a default is not Python: drop such defaults.
    for (let i = 0; i < nParams - defaults; i++) texts[i] = (texts[i] as string).replace(/ = .*$/, '');
    const ret = c.pick(TYPES);
    if (k > 0) this.lines.push('');
    this.emit(0, `def ${name}(${texts.join(', ')}) -> ${ret.name}:`);
    const ctx: Ctx = {
      depth: 1,
      inLoop: false,
      inWith: false,
      ret,
      iterating: new Set(),
      withOuter: null,
      inUnrolled: false,
    };
    const exit = this.genStatements(scope, ctx, 1 + c.int(6), 'none');
    if (exit === null) {
      if (last && this.allowFallback && this.fault && !this.fault.injected && this.fault.kind !== 'missing-return') {
        this.fallbackFault(scope, ctx);
      }
      if (this.faultHere('missing-return', `${name} has no return at its end`)) {
        // Without a return, the end of the function must still be reached by a statement.
        if (this.lines[this.lines.length - 1]?.startsWith(`def ${name}(`)) this.emit(1, 'pass');
      } else {
        this.emit(1, `return ${this.genExpr(ret, scope, this.maxExpressionDepth).t}`);
      }
    }
    this.functions.push({ name, params, returns: ret.name, paramTypes, defaults, ret });
  }

  private defaultValue(type: GenType): string | null {
    switch (type.kind) {
      case 'int':
        return this.c.pick(INT_LITERALS);
      case 'float':
        return this.c.pick(FLOAT_LITERALS);
      case 'bool':
        return this.c.pick(['True', 'False']);
      case 'str':
        return this.c.pick(STR_LITERALS);
      case 'Optional':
        return 'None';
      default:
        return null;
    }
  }

  /**
   * Statements of a block (at least one). `exits` allows the block to end with return/raise (and
   * break/continue in a loop). Returns how the block ends.
   */
  private genStatements(scope: Scope, ctx: Ctx, count: number, exits: ExitMode): Exit {
    const start = this.lines.length;
    for (let i = 0; i < count && this.budget > 0; i++) {
      this.budget--;
      const exit = this.genStatement(scope, ctx);
      if (exit) return exit;
    }
    if (exits !== 'none' && !ctx.inWith && this.c.chance(0.25)) {
      const exit = this.genExit(scope, ctx, exits === 'all' && ctx.inLoop);
      if (exit) return exit;
    }
    if (this.lines.length === start) this.emit(ctx.depth, 'pass');
    return null;
  }

  private genExit(scope: Scope, ctx: Ctx, loopExits: boolean): Exit {
    const c = this.c;
    const kind = c.int(loopExits ? 4 : 2);
    if (kind === 0) {
      this.genReturn(scope, ctx);
      return 'return';
    }
    if (kind === 1) {
      this.emit(ctx.depth, this.raiseText(scope));
      return 'raise';
    }
    this.exited = true;
    this.emit(ctx.depth, kind === 2 ? 'break' : 'continue');
    return kind === 2 ? 'break' : 'continue';
  }

  private genReturn(scope: Scope, ctx: Ctx): void {
    this.exited = true;
    const wrong = this.otherType(ctx.ret);
    if (wrong && this.faultHere('wrong-return-type', `returns ${wrong.name} where ${ctx.ret.name} is declared`)) {
      this.emit(ctx.depth, `return ${this.genExpr(wrong, scope, 1).t}`);
      return;
    }
    this.emit(ctx.depth, `return ${this.genExpr(ctx.ret, scope, this.maxExpressionDepth).t}`);
  }

  private raiseText(scope: Scope): string {
    const c = this.c;
    this.exited = true;
    const exc = c.pick(EXCEPTIONS);
    switch (c.int(3)) {
      case 0:
        return `raise ${exc}(${c.pick(STR_LITERALS)})`;
      case 1:
        return `raise ${exc}(${c.pick(STR_LITERALS)} + ${this.genExpr(STR, scope, 1).t})`;
      default:
        return `raise ${exc}()`;
    }
  }

  /** One statement; returns its exit if it is one (only the refinement-by-exit form is). */
  private genStatement(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const nested = ctx.depth <= this.maxDepth;
    const kind = c.int(20);
    switch (kind) {
      case 0:
      case 1:
      case 2:
        return this.genAssignNew(scope, ctx);
      case 3:
      case 4:
        return this.genReassign(scope, ctx);
      case 5:
        return this.genAugAssign(scope, ctx);
      case 6:
      case 7:
        return this.genMutation(scope, ctx);
      case 8:
      case 9:
        if (nested) return this.genIf(scope, ctx);
        return this.genAssignNew(scope, ctx);
      case 10:
        if (nested) return this.genWhile(scope, ctx);
        return this.genAssignNew(scope, ctx);
      case 11:
      case 12:
        if (nested) return this.genFor(scope, ctx);
        return this.genAssignNew(scope, ctx);
      case 13:
        if (nested) return this.genRefinement(scope, ctx);
        return this.genAssignNew(scope, ctx);
      case 14:
        if (nested && !ctx.inWith) {
          this.emit(d, `if ${this.genCondition(scope, 2).t}:`);
          this.genStatements(new Scope(scope), { ...ctx, depth: d + 1 }, c.int(2), 'none');
          if (c.chance(0.5)) this.emit(d + 1, this.raiseText(scope));
          else this.genReturn(scope, { ...ctx, depth: d + 1 });
          return null;
        }
        return this.genAssignNew(scope, ctx);
      case 15:
        this.emit(
          d,
          c.chance(0.5)
            ? `assert ${this.genCondition(scope, 2).t}`
            : `assert ${this.genCondition(scope, 2).t}, ${c.pick(STR_LITERALS)}`,
        );
        return null;
      case 16:
        return this.genExpressionStatement(scope, ctx);
      case 17:
        return this.genTupleAssign(scope, ctx);
      case 18:
        // After a return, raise, break or continue, PyTorch 1.13's exit transform can fail an
        // internal assert (outputs_[i]->uses().empty()) on a with-block that assigns a name of
        // the enclosing scope: with-blocks come before any exit, and not in unrolled loops (whose
        // second copy of the body rebinds the first copy's names).
        if (nested && !ctx.inWith && !ctx.inUnrolled && !this.exited) {
          this.emit(d, 'with torch.no_grad():');
          this.genStatements(
            new Scope(scope),
            { ...ctx, depth: d + 1, inWith: true, withOuter: scope },
            1 + c.int(3),
            'none',
          );
          return null;
        }
        return this.genAssignNew(scope, ctx);
      default:
        if (ctx.inLoop && !ctx.inWith) {
          this.emit(d, `if ${this.genCondition(scope, 2).t}:`);
          this.exited = true;
          this.emit(d + 1, c.chance(0.5) ? 'break' : 'continue');
          return null;
        }
        if (this.faultHere('break-outside-loop', 'break outside a loop')) {
          this.emit(d, `if ${this.genCondition(scope, 1).t}:`);
          this.emit(d + 1, 'break');
          return null;
        }
        return this.genAssignNew(scope, ctx);
    }
  }

  private genAssignNew(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    // The result of a call of an earlier function.
    if (this.functions.length > 0 && c.chance(0.3)) {
      const f = c.pick(this.functions);
      const name = this.fresh();
      const call = this.genCall(f, scope, 2).t;
      const annotate = f.ret.kind === 'Optional' && !ctx.inUnrolled;
      this.emit(ctx.depth, annotate ? `${name}: ${f.ret.name} = ${call}` : `${name} = ${call}`);
      scope.define({ name, type: f.ret, mutable: f.ret.kind !== 'Optional' });
      return null;
    }
    const type = c.pick(ctx.inUnrolled ? LOCAL_TYPES.filter((t) => t.kind !== 'Optional') : LOCAL_TYPES);
    const name = this.fresh();
    // Optionals and empty containers need the annotation; others get it sometimes.
    if (type.kind === 'Optional') {
      this.emit(ctx.depth, `${name}: ${type.name} = ${this.genExpr(type, scope, this.maxExpressionDepth).t}`);
      scope.define({ name, type, mutable: false });
      return null;
    }
    if ((type.kind === 'List' || type.kind === 'Dict') && !ctx.inUnrolled && c.chance(0.3)) {
      const empty = type.kind === 'List' ? '[]' : '{}';
      this.emit(
        ctx.depth,
        c.chance(0.3) ? `${name} = torch.jit.annotate(${type.name}, ${empty})` : `${name}: ${type.name} = ${empty}`,
      );
    } else {
      const value = this.genExpr(type, scope, this.maxExpressionDepth).t;
      const annotate = !ctx.inUnrolled && c.chance(0.15);
      this.emit(ctx.depth, annotate ? `${name}: ${type.name} = ${value}` : `${name} = ${value}`);
    }
    scope.define({ name, type, mutable: true });
    return null;
  }

  private mutableVars(scope: Scope, ctx: Ctx, filter: (t: GenType) => boolean): Var[] {
    return scope
      .visible()
      .filter((v) => v.mutable && !ctx.iterating.has(v.name) && !ctx.withOuter?.lookup(v.name) && filter(v.type));
  }

  private genReassign(scope: Scope, ctx: Ctx): Exit {
    const vars = this.mutableVars(scope, ctx, () => true);
    if (vars.length === 0) return this.genAssignNew(scope, ctx);
    const v = this.c.pick(vars);
    const outer = !scope.owns(v.name);
    const wrong = this.otherType(v.type);
    if (outer && ctx.depth > 1 && wrong && this.faultHere('branch-type-change', `${v.name} changes type in a block`)) {
      this.emit(ctx.depth, `${v.name} = ${this.genExpr(wrong, scope, 1).t}`);
      return null;
    }
    this.emit(ctx.depth, `${v.name} = ${this.genExpr(v.type, scope, this.maxExpressionDepth).t}`);
    return null;
  }

  private genAugAssign(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const vars = this.mutableVars(scope, ctx, (t) => ['int', 'float', 'str', 'Tensor', 'List'].includes(t.kind));
    if (vars.length === 0) return this.genAssignNew(scope, ctx);
    const v = c.pick(vars);
    const depth = 2;
    let text: string;
    switch (v.type.kind) {
      case 'int':
        text = `${v.name} ${c.pick(['+=', '-=', '*='])} ${this.genExpr(INT, scope, depth).t}`;
        break;
      case 'float':
        text = `${v.name} ${c.pick(['+=', '-=', '*=', '/='])} ${this.genExpr(c.pick([FLOAT, INT]), scope, depth).t}`;
        break;
      case 'str':
        text = `${v.name} += ${this.genExpr(STR, scope, depth).t}`;
        break;
      case 'Tensor':
        text = `${v.name} ${c.pick(['+=', '-=', '*=', '/='])} ${this.genExpr(c.pick([TENSOR, FLOAT, INT]), scope, depth).t}`;
        break;
      default:
        text = `${v.name} += ${this.genExpr(v.type, scope, depth).t}`;
    }
    this.emit(ctx.depth, text);
    return null;
  }

  /** In-place updates of lists, dicts and tensors. */
  private genMutation(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const vars = this.mutableVars(scope, ctx, (t) => ['List', 'Dict', 'Tensor'].includes(t.kind));
    if (vars.length === 0) return this.genAssignNew(scope, ctx);
    const v = c.pick(vars);
    const e = (t: GenType) => this.genExpr(t, scope, 2).t;
    const d = ctx.depth;
    if (v.type.kind === 'List') {
      const elem = v.type.args[0] as GenType;
      const wrong = this.otherType(elem);
      if (wrong && this.faultHere('wrong-element-type', `appends ${wrong.name} to ${v.type.name}`)) {
        this.emit(d, `${v.name}.append(${this.genExpr(wrong, scope, 1).t})`);
        return null;
      }
      const sortable = elem.kind !== 'Tensor';
      switch (c.int(9)) {
        case 0:
          this.emit(d, `${v.name}.append(${e(elem)})`);
          break;
        case 1:
          this.emit(d, `${v.name}.insert(${e(INT)}, ${e(elem)})`);
          break;
        case 2:
          this.emit(d, `${v.name}.extend(${e(v.type)})`);
          break;
        case 3:
          this.emit(d, `${v.name}[${e(INT)}] = ${e(elem)}`);
          break;
        case 4:
          this.emit(d, `${v.name}.pop()`);
          break;
        case 5:
          this.emit(d, sortable ? `${v.name}.sort()` : `${v.name}.reverse()`);
          break;
        case 6:
          this.emit(d, `${v.name}.reverse()`);
          break;
        case 7:
          this.emit(d, `del ${v.name}[${e(INT)}]`);
          break;
        default:
          this.emit(d, `${v.name}.clear()`);
      }
      return null;
    }
    if (v.type.kind === 'Dict') {
      const value = v.type.args[1] as GenType;
      const wrong = this.otherType(value);
      if (wrong && this.faultHere('wrong-element-type', `stores ${wrong.name} in ${v.type.name}`)) {
        this.emit(d, `${v.name}[${e(STR)}] = ${this.genExpr(wrong, scope, 1).t}`);
        return null;
      }
      switch (c.int(4)) {
        case 0:
          this.emit(d, `${v.name}[${e(STR)}] = ${e(value)}`);
          break;
        case 1:
          this.emit(d, `${v.name}.update(${e(v.type)})`);
          break;
        case 2:
          this.emit(d, `del ${v.name}[${e(STR)}]`);
          break;
        default:
          this.emit(d, `${v.name}.pop(${e(STR)}, ${e(value)})`);
      }
      return null;
    }
    switch (c.int(6)) {
      case 0:
        this.emit(d, `${v.name}.add_(${e(c.pick([TENSOR, FLOAT, INT]))})`);
        break;
      case 1:
        this.emit(d, `${v.name}.mul_(${e(FLOAT)})`);
        break;
      case 2:
        this.emit(d, `${v.name}[${e(INT)}] = ${e(FLOAT)}`);
        break;
      case 3:
        this.emit(d, `${v.name}.zero_()`);
        break;
      case 4:
        this.emit(d, `${v.name}.fill_(${e(FLOAT)})`);
        break;
      default:
        this.emit(d, `${v.name}.clamp_(${e(FLOAT)}, ${e(FLOAT)})`);
    }
    return null;
  }

  private genIf(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const branches = 1 + c.int(3);
    // A name assigned in every branch that falls through is defined after the if.
    const after = branches > 1 && c.chance(0.5) ? { name: this.fresh(), type: c.pick(LOCAL_TYPES) } : null;
    let fallsThrough = false;
    let mismatch = false;
    const inner: Ctx = { ...ctx, depth: d + 1 };
    for (let b = 0; b < branches; b++) {
      if (b === 0) this.emit(d, `if ${this.genCondition(scope, 2).t}:`);
      else if (b < branches - 1) this.emit(d, `elif ${this.genCondition(scope, 2).t}:`);
      else this.emit(d, 'else:');
      const branch = new Scope(scope);
      const exit = this.genStatements(branch, inner, c.int(4), after ? 'return' : 'all');
      if (after && exit !== 'return' && exit !== 'raise') {
        if (exit) throw new Error(`generator: ${exit} in a branch that defines ${after.name}`);
        let type = after.type.kind === 'Optional' ? (after.type.args[0] as GenType) : after.type;
        const wrong = this.otherType(type);
        if (wrong && this.faultHere('branch-type-change', `${after.name} gets ${wrong.name} in one branch`)) {
          type = wrong;
          mismatch = true;
        }
        this.emit(d + 1, `${after.name} = ${this.genExpr(type, branch, 2).t}`);
        fallsThrough = true;
      } else if (!exit) {
        fallsThrough = true;
      }
    }
    if (after && fallsThrough) {
      const type = after.type.kind === 'Optional' ? (after.type.args[0] as GenType) : after.type;
      scope.define({ name: after.name, type, mutable: true });
      // The mismatch is an error only where the name is used.
      if (mismatch) this.emit(d, `print(${after.name})`);
    }
    return null;
  }

  private genWhile(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const counter = this.fresh('w');
    this.emit(d, `${counter} = 0`);
    scope.define({ name: counter, type: INT, mutable: false });
    const bound = c.pick(['2', '3', '5']);
    const cond = c.chance(0.3)
      ? `${counter} < ${bound} and ${wrap(this.genCondition(scope, 1), P_NOT)}`
      : `${counter} < ${bound}`;
    this.emit(d, `while ${cond}:`);
    // The counter goes up first, so that a continue cannot skip it.
    this.emit(d + 1, `${counter} += 1`);
    const body = new Scope(scope);
    this.genStatements(body, { ...ctx, depth: d + 1, inLoop: true }, c.int(4), 'all');
    this.afterLoop(body, scope, ctx);
    return null;
  }

  private genFor(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const body = new Scope(scope);
    const iterating = new Set(ctx.iterating);
    const target = (type: GenType) => {
      const name = this.fresh('i');
      body.define({ name, type, mutable: false });
      return name;
    };
    const seqVar = (filter: (t: GenType) => boolean) => {
      const vs = scope.visible().filter((v) => filter(v.type));
      return vs.length > 0 ? c.pick(vs) : null;
    };
    let unrolled = false;
    let header: string;
    switch (c.int(11)) {
      case 1: {
        const elem = c.pick([INT, FLOAT, STR, TENSOR]);
        const v = seqVar((t) => t.kind === 'List' && t.args[0] === elem);
        if (v) iterating.add(v.name);
        const seq = v ? v.name : this.genExpr(listOf(elem), scope, 2).t;
        header = `for ${target(elem)} in ${seq}:`;
        break;
      }
      case 2: {
        const v = seqVar((t) => t.kind === 'Dict');
        if (!v) {
          header = `for ${target(INT)} in range(${this.genExpr(INT, scope, 1).t}):`;
          break;
        }
        iterating.add(v.name);
        if (c.chance(0.5)) header = `for ${target(STR)}, ${target(v.type.args[1] as GenType)} in ${v.name}.items():`;
        else header = `for ${target(STR)} in ${c.chance(0.5) ? v.name : `${v.name}.keys()`}:`;
        break;
      }
      case 3: {
        const elem = c.pick([INT, FLOAT, STR, TENSOR]);
        const v = seqVar((t) => t.kind === 'List' && t.args[0] === elem);
        if (v) iterating.add(v.name);
        const seq = v ? v.name : this.genExpr(listOf(elem), scope, 2).t;
        header = `for ${target(INT)}, ${target(elem)} in enumerate(${seq}):`;
        break;
      }
      case 4: {
        const a = c.pick([INT, FLOAT, STR, TENSOR]);
        const b = c.pick([INT, FLOAT, STR, TENSOR]);
        const left = this.genExpr(listOf(a), scope, 1).t;
        const right = this.genExpr(listOf(b), scope, 1).t;
        for (const v of scope.visible()) if (left === v.name || right === v.name) iterating.add(v.name);
        header = `for ${target(a)}, ${target(b)} in zip(${left}, ${right}):`;
        break;
      }
      case 5:
        header = `for ${target(STR)} in ${this.genExpr(STR, scope, 1).t}:`;
        break;
      case 6:
        header = `for ${target(TENSOR)} in ${wrap(this.genExpr(TENSOR, scope, 1), P_ATOM)}:`;
        break;
      case 7: {
        const lo = this.genExpr(INT, scope, 1).t;
        const hi = this.genExpr(INT, scope, 1).t;
        header = c.chance(0.5)
          ? `for ${target(INT)} in range(${lo}, ${hi}):`
          : `for ${target(INT)} in range(${lo}, ${hi}, ${c.pick(['2', '3', '-1'])}):`;
        break;
      }
      case 8: {
        // A tuple: the loop is unrolled, once per element, and PyTorch allows no break or continue in it.
        unrolled = true;
        const elem = c.pick([INT, FLOAT, STR, TENSOR]);
        const items = Array.from({ length: 1 + c.int(3) }, () => this.genExpr(elem, scope, 1).t);
        header = `for ${target(elem)} in (${items.join(', ')}${items.length === 1 ? ',' : ''}):`;
        break;
      }
      case 9: {
        const l = seqVar((t) => t.kind === 'List');
        if (!l) {
          header = `for ${target(INT)} in range(${this.genExpr(INT, scope, 1).t}):`;
          break;
        }
        header = `for ${target(INT)} in range(len(${l.name}) - 1, -1, -1):`;
        break;
      }
      default:
        header = `for ${target(INT)} in range(${this.genExpr(INT, scope, 1).t}):`;
    }
    this.emit(d, header);
    const inner: Ctx = { ...ctx, depth: d + 1, inLoop: !unrolled, iterating, inUnrolled: ctx.inUnrolled || unrolled };
    this.genStatements(body, inner, 1 + c.int(4), 'all');
    this.afterLoop(body, scope, ctx);
    return null;
  }

  /** The loop-variable fault: a name of the loop body used after the loop. */
  private afterLoop(body: Scope, scope: Scope, ctx: Ctx): void {
    const local = body.visible().filter((v) => body.owns(v.name));
    if (local.length === 0) return;
    const v = this.c.pick(local);
    if (scope.lookup(v.name)) return;
    if (this.faultHere('loop-variable-after-loop', `${v.name} is used after its loop`))
      this.emit(ctx.depth, `print(${v.name})`);
  }

  /** `is None` refinement of an optional: in a branch, in the else branch, or after an exit. */
  private genRefinement(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const opts = scope.visible().filter((v) => v.type.kind === 'Optional');
    if (opts.length === 0) return this.genIf(scope, ctx);
    const v = c.pick(opts);
    const tested = this.noneTested.has(v.name);
    this.noneTested.add(v.name);
    const inner = v.type.args[0] as GenType;
    const refined = () => {
      const s = new Scope(scope);
      s.define({ name: v.name, type: inner, mutable: false });
      return s;
    };
    const ictx: Ctx = { ...ctx, depth: d + 1 };
    switch (c.int(5)) {
      case 4: {
        // isinstance refines as `is not None` does.
        this.emit(d, `if isinstance(${v.name}, ${inner.name}):`);
        this.genStatements(refined(), ictx, 1 + c.int(3), 'none');
        return null;
      }
      case 0: {
        this.emit(d, `if ${v.name} is not None:`);
        this.genStatements(refined(), ictx, 1 + c.int(3), 'none');
        if (c.chance(0.5)) {
          this.emit(d, 'else:');
          this.genStatements(new Scope(scope), ictx, 1 + c.int(2), 'none');
        }
        return null;
      }
      case 1: {
        this.emit(d, `if ${v.name} is None:`);
        this.genStatements(new Scope(scope), ictx, c.int(3), 'none');
        this.emit(d, 'else:');
        this.genStatements(refined(), ictx, 1 + c.int(3), 'none');
        return null;
      }
      case 2: {
        // After a branch that exits when `x is not None`, PyTorch types x as None, and still emits
        // the right side of `x is not None and x.m()`, which then fails: only untested optionals.
        if (tested) return this.genIf(scope, ctx);
        const r = refined();
        const test = this.genCondition(r, 1);
        this.emit(d, `if ${v.name} is not None and ${wrap(test, P_NOT)}:`);
        this.genStatements(r, ictx, 1 + c.int(3), 'none');
        return null;
      }
      default: {
        if (ctx.inWith) return this.genAssignNew(scope, ctx);
        // After `if x is None: return/raise`, x is refined for the rest of the block.
        this.emit(d, `if ${v.name} is None:`);
        if (c.chance(0.5)) this.emit(d + 1, this.raiseText(scope));
        else this.genReturn(scope, ictx);
        scope.define({ name: v.name, type: inner, mutable: false });
        return null;
      }
    }
  }

  private genExpressionStatement(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const callable = this.functions;
    if (callable.length > 0 && c.chance(0.5)) {
      this.emit(ctx.depth, this.genCall(c.pick(callable), scope, 2).t);
      return null;
    }
    const n = 1 + c.int(3);
    const args: string[] = [];
    for (let i = 0; i < n; i++) args.push(this.genExpr(c.pick(LOCAL_TYPES), scope, 1).t);
    this.emit(ctx.depth, `print(${args.join(', ')})`);
    return null;
  }

  private genTupleAssign(scope: Scope, ctx: Ctx): Exit {
    const c = this.c;
    const d = ctx.depth;
    const same = this.mutableVars(scope, ctx, () => true);
    // Swap two names of one type.
    if (c.chance(0.3) && same.length >= 2) {
      const a = c.pick(same);
      const b = same.find((v) => v !== a && v.type === a.type);
      if (b) {
        this.emit(d, `${a.name}, ${b.name} = ${b.name}, ${a.name}`);
        return null;
      }
    }
    const type = c.pick(TYPES.filter((t) => t.kind === 'Tuple'));
    const value = this.genExpr(type, scope, 2).t;
    const names = type.args.map(() => this.fresh());
    this.emit(d, `${names.join(', ')} = ${value}`);
    type.args.forEach((t, i) => {
      scope.define({ name: names[i] as string, type: t, mutable: true });
    });
    return null;
  }

  /** An ill-typed program whose generation found no opportunity for its fault gets it here. */
  private fallbackFault(scope: Scope, ctx: Ctx): void {
    const f = this.fault;
    if (!f) return;
    f.countdown = 0;
    const d = ctx.depth;
    switch (f.kind) {
      case 'wrong-argument-type':
      case 'too-many-arguments':
      case 'unknown-keyword':
        if (this.functions.length > 0) {
          this.emit(d, `print(${this.genCall(this.c.pick(this.functions), scope, 1).t})`);
          if (f.injected) return;
        }
        // Not len(1, 'a'): PyTorch packs the arguments of len into a list and takes that.
        if (this.faultHere(f.kind, 'a builtin call with a bad argument')) {
          const args = {
            'wrong-argument-type': "'a'",
            'too-many-arguments': '1.0, 2.0',
            'unknown-keyword': '1.0, nokey=2',
          };
          this.emit(d, `print(math.sqrt(${args[f.kind]}))`);
        }
        return;
      case 'unrefined-optional':
        if (this.faultHere(f.kind, 'an optional used without a None check')) {
          const name = this.fresh();
          this.emit(d, `${name}: Optional[int] = None`);
          this.emit(d, `print(${name} + 1)`);
        }
        return;
      case 'undefined-name':
      case 'wrong-return-type':
        this.genReturn(scope, ctx);
        if (f.injected) return;
        if (this.faultHere(f.kind, 'an undefined name')) this.emit(d, 'print(undefined_name)');
        return;
      case 'branch-type-change':
        if (this.faultHere(f.kind, 'a name changes type in a branch')) {
          const name = this.fresh();
          this.emit(d, `${name} = 1`);
          // Not a constant condition: PyTorch emits only the taken branch of `if True:`, in the enclosing scope.
          this.emit(d, 'if torch.rand([1]).sum() > 0.5:');
          this.emit(d + 1, `${name} = 'one'`);
        }
        return;
      case 'loop-variable-after-loop':
        if (this.faultHere(f.kind, 'a loop variable used after its loop')) {
          this.emit(d, 'for fault_i in range(2):');
          this.emit(d + 1, 'pass');
          this.emit(d, 'print(fault_i)');
        }
        return;
      case 'break-outside-loop':
        if (this.faultHere(f.kind, 'break outside a loop')) this.emit(d, 'break');
        return;
      case 'unknown-method':
        if (this.faultHere(f.kind, 'a method that does not exist')) this.emit(d, "print('a'.no_such_method())");
        return;
      case 'wrong-element-type':
        // Not [1, 'a']: PyTorch types that List[Union[int, str]].
        if (this.faultHere(f.kind, 'a str appended to a List[int]')) {
          const name = this.fresh();
          this.emit(d, `${name}: List[int] = [1]`);
          this.emit(d, `${name}.append('a')`);
        }
        return;
      default:
        return;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  /** A type other than `t` that is not a subtype of it nor converted to it implicitly. */
  private otherType(t: GenType): GenType | null {
    const candidates = TYPES.filter((o) => {
      if (o === t) return false;
      if (t.kind === 'Optional' && (o === t.args[0] || o.kind === 'Optional')) return false;
      // Tensors convert to numbers implicitly in calls; tuples convert to lists.
      if (o.kind === 'Tensor' && ['int', 'float', 'bool'].includes(t.kind)) return false;
      if (o.kind === 'Tuple' && t.kind === 'List') return false;
      return true;
    });
    return candidates.length > 0 ? this.c.pick(candidates) : null;
  }

  private vars(scope: Scope, type: GenType): Var[] {
    return scope.visible().filter((v) => v.type === type);
  }

  /** A condition: a bool, sometimes a tensor comparison (converted to bool by TorchScript). */
  private genCondition(scope: Scope, depth: number): E {
    if (this.c.chance(0.15)) {
      return binary(this.genTensorReduction(scope, depth - 1), this.c.pick(['>', '<']), atom('0'));
    }
    return this.genExpr(BOOL, scope, depth);
  }

  private genTensorReduction(scope: Scope, depth: number): E {
    const x = wrap(this.genExpr(TENSOR, scope, Math.max(0, depth)), P_ATOM);
    return atom(`${x}.${this.c.pick(['sum()', 'mean()', 'max()', 'min()'])}`);
  }

  /**
   * An expression of `type` in `scope`, at most `depth` levels deep. Option 0 of every type is a
   * leaf, so that an exhausted choice sequence ends the recursion.
   */
  genExpr(type: GenType, scope: Scope, depth: number): E {
    const c = this.c;
    const vars = this.vars(scope, type);
    // Faults that replace a name.
    if (this.fault && !this.fault.injected) {
      if (this.faultHere('undefined-name', `undefined name in place of ${type.name}`))
        return atom(`undefined_${this.names++}`);
      if (type.kind !== 'Optional') {
        const opt = scope.visible().filter((v) => v.type.kind === 'Optional' && v.type.args[0] === type);
        if (
          opt.length > 0 &&
          this.faultHere('unrefined-optional', `${(opt[0] as Var).name} used without a None check`)
        ) {
          return atom((opt[0] as Var).name);
        }
      }
    }
    const r = depth <= 0 ? 0 : c.int(16);
    if (r < 4) return this.genLeaf(type, scope, vars);
    // Calls of earlier functions and ternaries work for every type.
    const callees = this.functions.filter((f) => f.ret === type);
    if (r === 4 && callees.length > 0) return this.genCall(c.pick(callees), scope, depth - 1);
    if (r === 5) {
      const body = this.genExpr(type, scope, depth - 1);
      const test = this.genCondition(scope, depth - 1);
      const orelse = this.genExpr(type, scope, depth - 1);
      return { t: `${wrap(body, P_OR)} if ${wrap(test, P_OR)} else ${wrap(orelse, P_TERNARY)}`, p: P_TERNARY };
    }
    if (r === 6) {
      const tuples = scope.visible().filter((v) => v.type.kind === 'Tuple' && v.type.args.includes(type));
      if (tuples.length > 0) {
        const t = c.pick(tuples);
        return atom(`${t.name}[${t.type.args.indexOf(type)}]`);
      }
    }
    switch (type.kind) {
      case 'int':
        return this.genInt(scope, depth);
      case 'float':
        return this.genFloat(scope, depth);
      case 'bool':
        return this.genBool(scope, depth);
      case 'str':
        return this.genStr(scope, depth);
      case 'Tensor':
        return this.genTensor(scope, depth);
      case 'List':
        return this.genList(type, scope, depth);
      case 'Dict':
        return this.genDict(type, scope, depth);
      case 'Optional':
        return this.genOptional(type, scope, depth);
      default:
        return atom(`(${type.args.map((t) => this.genExpr(t, scope, depth - 1).t).join(', ')})`);
    }
  }

  private genLeaf(type: GenType, scope: Scope, vars: Var[]): E {
    const c = this.c;
    // Variables are preferred when there are any, but the exhausted sequence takes a literal.
    if (vars.length > 0 && c.int(3) !== 0) return atom(c.pick(vars).name);
    switch (type.kind) {
      case 'int':
        return literal(c.pick(INT_LITERALS));
      case 'float':
        return literal(c.pick(FLOAT_LITERALS));
      case 'bool':
        return atom(c.pick(['True', 'False']));
      case 'str':
        return atom(c.pick(STR_LITERALS));
      case 'Tensor':
        return atom(c.pick(['torch.zeros([2])', 'torch.ones([2, 3])', 'torch.tensor([1.0, 2.0])', 'torch.rand([3])']));
      case 'List':
        return atom(`[${this.genLeaf(type.args[0] as GenType, scope, this.vars(scope, type.args[0] as GenType)).t}]`);
      case 'Dict': {
        const value = type.args[1] as GenType;
        return atom(`{${c.pick(STR_LITERALS)}: ${this.genLeaf(value, scope, this.vars(scope, value)).t}}`);
      }
      case 'Optional': {
        const inner = type.args[0] as GenType;
        if (c.int(2) === 0) return atom('None');
        return this.genLeaf(inner, scope, this.vars(scope, inner));
      }
      default:
        return atom(`(${type.args.map((t) => this.genLeaf(t, scope, this.vars(scope, t)).t).join(', ')})`);
    }
  }

  /** A call of a generated function: positional, keyword, defaults left out, or a fault. */
  private genCall(f: (typeof this.functions)[number], scope: Scope, depth: number): E {
    const c = this.c;
    const n = f.paramTypes.length;
    const given = n - (f.defaults > 0 ? c.int(f.defaults + 1) : 0);
    const keywordsFrom = c.chance(0.3) ? c.int(given + 1) : given;
    const args: string[] = [];
    let bad = -1;
    if (given > 0 && this.fault?.kind === 'wrong-argument-type') {
      const i = c.int(given);
      const wrong = this.otherType(f.paramTypes[i] as GenType);
      if (wrong && this.faultHere('wrong-argument-type', `argument ${i} of ${f.name} is ${wrong.name}`)) bad = i;
      if (bad >= 0) {
        for (let j = 0; j < given; j++) {
          const t = j === bad ? (wrong as GenType) : (f.paramTypes[j] as GenType);
          const v = this.genExpr(t, scope, j === bad ? 1 : depth).t;
          args.push(j >= keywordsFrom ? `${f.params[j]?.name}=${v}` : v);
        }
        return atom(`${f.name}(${args.join(', ')})`);
      }
    }
    for (let j = 0; j < given; j++) {
      const v = this.genExpr(f.paramTypes[j] as GenType, scope, depth).t;
      args.push(j >= keywordsFrom ? `${f.params[j]?.name}=${v}` : v);
    }
    if (this.faultHere('too-many-arguments', `${f.name} gets ${n + 1} arguments`)) {
      const all = f.paramTypes.map((t) => this.genExpr(t, scope, 1).t);
      return atom(`${f.name}(${[...all, this.genLeaf(INT, scope, []).t].join(', ')})`);
    }
    if (this.faultHere('unknown-keyword', `${f.name} gets an unknown keyword`)) {
      args.push(`nokey=${this.genLeaf(INT, scope, []).t}`);
    }
    return atom(`${f.name}(${args.join(', ')})`);
  }

  private genInt(scope: Scope, depth: number): E {
    const c = this.c;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(19)) {
      case 0:
        return binary(e(INT), c.pick(['+', '-', '*']), e(INT));
      case 1:
        return binary(e(INT), c.pick(['//', '%']), literal(c.pick(['2', '3', '5'])));
      case 2:
        return this.negate(e(INT));
      case 3:
        return atom(c.chance(0.5) ? `abs(${e(INT).t})` : `int(${e(c.pick([INT, FLOAT])).t})`);
      case 4:
        return atom(`${c.pick(['min', 'max'])}(${e(INT).t}, ${e(INT).t})`);
      case 5: {
        const t = c.pick([listOf(INT), listOf(STR), STR, dictOf(STR, INT), TENSOR, listOf(TENSOR)]);
        return atom(`len(${e(t).t})`);
      }
      case 6:
        return atom(`${wrap(e(listOf(INT)), P_ATOM)}[${e(INT).t}]`);
      case 7: {
        const d = wrap(e(dictOf(STR, INT)), P_ATOM);
        return atom(c.chance(0.5) ? `${d}[${e(STR).t}]` : `${d}.get(${e(STR).t}, ${e(INT).t})`);
      }
      case 8: {
        const x = wrap(e(TENSOR), P_ATOM);
        return atom(`${x}.${c.pick(['size(0)', 'dim()', 'numel()', 'size(-1)'])}`);
      }
      case 9:
        return atom(`int(${this.genTensorReduction(scope, sub).t})`);
      case 10: {
        // Like replace, count of a constant '' makes PyTorch's constant propagation loop forever.
        const method = c.pick(['find', 'count', 'rfind']);
        const needle = method === 'count' ? c.pick(NON_EMPTY_STR_LITERALS) : e(STR).t;
        return atom(`${wrap(e(STR), P_ATOM)}.${method}(${needle})`);
      }
      case 11: {
        const l = e(listOf(INT));
        return atom(
          c.chance(0.5) ? `${c.pick(['sum', 'min', 'max'])}(${l.t})` : `${wrap(l, P_ATOM)}.count(${e(INT).t})`,
        );
      }
      case 12:
        return binary(e(INT), c.pick(['&', '|', '^']), e(INT));
      case 13:
        return atom(`math.${c.pick(['floor', 'ceil'])}(${e(FLOAT).t})`);
      case 14:
        return binary(e(INT), c.pick(['<<', '>>']), literal(c.pick(['1', '2'])));
      case 15:
        return atom(`${wrap(e(TENSOR), P_ATOM)}.shape[${c.pick(['0', '-1'])}]`);
      case 16:
        return atom(`divmod(${e(INT).t}, ${c.pick(['2', '3', '-5'])})[${c.pick(['0', '1'])}]`);
      case 17:
        return atom(`${c.pick(['min', 'max'])}(${e(INT).t}, ${e(INT).t}, ${e(INT).t})`);
      default:
        return atom(`ord(${c.pick(NON_EMPTY_STR_LITERALS)}[0])`);
    }
  }

  private genFloat(scope: Scope, depth: number): E {
    const c = this.c;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(12)) {
      case 0: {
        // At least one float operand keeps the result a float.
        const [a, b] = c.chance(0.5) ? [FLOAT, c.pick([FLOAT, INT])] : [INT, FLOAT];
        return binary(e(a), c.pick(['+', '-']), e(b));
      }
      case 1: {
        const [a, b] = c.chance(0.5) ? [FLOAT, c.pick([FLOAT, INT])] : [INT, FLOAT];
        return binary(e(a), '*', e(b));
      }
      case 2:
        return binary(e(c.pick([FLOAT, INT])), '/', e(c.pick([FLOAT, INT])));
      case 3:
        return this.negate(e(FLOAT));
      case 4:
        return atom(`float(${e(c.pick([INT, FLOAT])).t})`);
      case 5:
        return atom(`float(${this.genTensorReduction(scope, sub).t})`);
      case 6:
        return atom(
          `math.${c.pick(['sqrt', 'exp', 'log', 'sin', 'cos', 'tanh', 'fabs'])}(${e(c.pick([FLOAT, INT])).t})`,
        );
      case 7:
        // int ** int is a float in TorchScript.
        return { t: `${wrap(e(c.pick([INT, FLOAT])), P_ATOM)} ** ${wrap(e(c.pick([INT, FLOAT])), P_UNARY)}`, p: P_POW };
      case 8: {
        const l = e(listOf(FLOAT));
        return atom(c.chance(0.5) ? `${c.pick(['sum', 'min', 'max'])}(${l.t})` : `${wrap(l, P_ATOM)}[${e(INT).t}]`);
      }
      case 9:
        return atom(`${c.pick(['min', 'max'])}(${e(FLOAT).t}, ${e(c.pick([FLOAT, INT])).t})`);
      case 10:
        return atom(`abs(${e(FLOAT).t})`);
      default:
        return atom(c.pick(['math.pi', 'math.e']));
    }
  }

  private genBool(scope: Scope, depth: number): E {
    const c = this.c;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(15)) {
      case 0: {
        const [a, b] = c.pick([
          [INT, INT],
          [INT, FLOAT],
          [FLOAT, FLOAT],
          [FLOAT, INT],
        ] as const);
        return binary(e(a), c.pick(['<', '>', '<=', '>=', '==', '!=']), e(b));
      }
      case 1:
        return binary(e(STR), c.pick(['==', '!=', '<', 'in']), e(STR));
      case 2:
        return this.not(e(BOOL));
      case 3:
        return binary(e(BOOL), 'and', e(BOOL));
      case 4:
        return binary(e(BOOL), 'or', e(BOOL));
      case 5: {
        const elem = c.pick([INT, FLOAT, STR]);
        return binary(e(elem), c.pick(['in', 'not in']), e(listOf(elem)));
      }
      case 6:
        return binary(e(STR), c.pick(['in', 'not in']), e(c.pick([dictOf(STR, INT), dictOf(STR, TENSOR)])));
      case 7:
        return atom(`${wrap(e(STR), P_ATOM)}.${c.pick(['startswith', 'endswith'])}(${e(STR).t})`);
      case 8:
        return atom(`${wrap(e(STR), P_ATOM)}.${c.pick(['isdigit()', 'isalpha()', 'islower()', 'isspace()'])}`);
      case 9: {
        const opts = scope.visible().filter((v) => v.type.kind === 'Optional');
        if (opts.length > 0) {
          const v = c.pick(opts);
          this.noneTested.add(v.name);
          return { t: `${v.name} ${c.pick(['is', 'is not'])} None`, p: P_COMPARE };
        }
        return binary(e(INT), '==', e(INT));
      }
      case 10:
        if (this.dialect === 'python') {
          return { t: `${wrap(e(INT), P_BITOR)} < ${wrap(e(INT), P_BITOR)} <= ${wrap(e(INT), P_BITOR)}`, p: P_COMPARE };
        }
        return binary(e(listOf(INT)), '==', e(listOf(INT)));
      case 11:
        return atom(c.chance(0.5) ? `bool(${e(INT).t})` : `${wrap(e(TENSOR), P_ATOM)}.is_floating_point()`);
      case 12:
        return atom(`${c.pick(['any', 'all'])}(${this.genListComprehension(BOOL, scope, sub).t})`);
      case 13:
        return atom(`math.${c.pick(['isnan', 'isinf', 'isfinite'])}(${e(FLOAT).t})`);
      default: {
        const t = c.pick([INT, FLOAT, STR, TENSOR, listOf(INT), optionalOf(INT)]);
        const value = e(t).t;
        if (t.kind === 'Optional') this.noneTested.add(value);
        return atom(`isinstance(${value}, ${c.pick(['int', 'float', 'str', 'Tensor', 'List[int]'])})`);
      }
    }
  }

  private genStr(scope: Scope, depth: number): E {
    const c = this.c;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(10)) {
      case 0:
        return binary(e(STR), '+', e(STR));
      case 1:
        return atom(`str(${e(c.pick([INT, FLOAT, BOOL])).t})`);
      case 2: {
        const s = wrap(e(STR), P_ATOM);
        if (this.faultHere('unknown-method', 'a str method that does not exist')) return atom(`${s}.no_such_method()`);
        return atom(`${s}.${c.pick(['upper()', 'lower()', 'strip()', 'lstrip()', 'title()', 'capitalize()'])}`);
      }
      case 3:
        // A constant '' to replace makes PyTorch's constant propagation loop forever: a non-empty literal.
        return atom(`${wrap(e(STR), P_ATOM)}.replace(${c.pick(NON_EMPTY_STR_LITERALS)}, ${e(STR).t})`);
      case 4: {
        const s = wrap(e(STR), P_ATOM);
        return atom(c.pick([`${s}[1:3]`, `${s}[:2]`, `${s}[1:]`, `${s}[::2]`]));
      }
      case 5:
        return atom(`${c.pick(STR_LITERALS)}.join(${e(listOf(STR)).t})`);
      case 6:
        if (this.dialect === 'python') return this.genFString(scope);
        return atom(`'{}-{}'.format(${e(c.pick([INT, STR, FLOAT])).t}, ${e(c.pick([INT, STR])).t})`);
      case 7:
        return atom(`${wrap(e(listOf(STR)), P_ATOM)}[${e(INT).t}]`);
      case 8:
        return atom(`chr(${c.pick(['97', '65', '48'])} + ${wrap(e(INT), P_MUL)} % 10)`);
      default:
        return atom(`'{}-{}'.format(${e(c.pick([INT, STR, FLOAT])).t}, ${e(c.pick([INT, STR])).t})`);
    }
  }

  private genFString(scope: Scope): E {
    const c = this.c;
    const n = 1 + c.int(3);
    let text = "f'";
    for (let i = 0; i < n; i++) {
      text += c.pick(['', 'x', '-', ' ', 'v=']);
      // Inside the braces: names, numbers and arithmetic (a quote there would end the string).
      const t = c.pick([INT, FLOAT, BOOL]);
      const vs = this.vars(scope, t);
      const name = vs.length > 0 ? c.pick(vs).name : c.pick(INT_LITERALS);
      text += `{${c.chance(0.3) && t !== BOOL ? `${name} + 1` : name}}`;
    }
    return atom(`${text}'`);
  }

  private genTensor(scope: Scope, depth: number): E {
    const c = this.c;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(14)) {
      case 0:
        return binary(e(TENSOR), c.pick(['+', '-']), e(c.pick([TENSOR, TENSOR, FLOAT, INT])));
      case 1:
        return binary(e(TENSOR), c.pick(['*', '/']), e(c.pick([TENSOR, TENSOR, FLOAT, INT])));
      case 2:
        // Scalars on the left go through the reflected operators.
        return binary(e(c.pick([FLOAT, INT])), c.pick(['*', '+', '-']), e(TENSOR));
      case 3:
        return atom(`torch.${c.pick(TENSOR_UNARY_FUNCTIONS)}(${e(TENSOR).t})`);
      case 4: {
        const x = wrap(e(TENSOR), P_ATOM);
        if (this.faultHere('unknown-method', 'a Tensor method that does not exist'))
          return atom(`${x}.no_such_method()`);
        return atom(`${x}.${c.pick(TENSOR_UNARY_METHODS)}`);
      }
      case 5:
        return atom(`torch.${c.pick(['add', 'mul', 'sub', 'max', 'min', 'matmul'])}(${e(TENSOR).t}, ${e(TENSOR).t})`);
      case 6: {
        const a = e(TENSOR);
        return atom(`torch.where(${wrap(a, P_BITOR)} > 0, ${a.t}, ${e(TENSOR).t})`);
      }
      case 7: {
        const l = c.chance(0.5) ? `[${e(TENSOR).t}, ${e(TENSOR).t}]` : e(listOf(TENSOR)).t;
        return atom(`torch.${c.pick(['cat', 'stack'])}(${l}${c.chance(0.4) ? ', dim=0' : ''})`);
      }
      case 8:
        return atom(
          c.pick([
            `torch.zeros([${e(INT).t}, 2])`,
            `torch.ones([${e(INT).t}])`,
            `torch.full([2], ${e(FLOAT).t})`,
            `torch.tensor([${e(FLOAT).t}, ${e(FLOAT).t}])`,
            `torch.arange(${e(INT).t})`,
            `torch.zeros_like(${e(TENSOR).t})`,
          ]),
        );
      case 9: {
        const x = wrap(e(TENSOR), P_ATOM);
        return atom(c.pick([`${x}[${e(INT).t}]`, `${x}[1:]`, `${x}[:, 0]`, `${x}[0:2]`]));
      }
      case 10:
        return atom(`${wrap(e(TENSOR), P_ATOM)}.${c.pick(['add', 'mul', 'sub'])}(${e(c.pick([TENSOR, FLOAT])).t})`);
      case 11:
        return atom(`${wrap(e(listOf(TENSOR)), P_ATOM)}[${e(INT).t}]`);
      case 12:
        return this.negate(e(TENSOR));
      default:
        return binary(e(TENSOR), c.pick(['>', '<', '==']), e(c.pick([TENSOR, FLOAT])));
    }
  }

  private genList(type: GenType, scope: Scope, depth: number): E {
    const c = this.c;
    const elem = type.args[0] as GenType;
    const sub = depth - 1;
    const e = (t: GenType) => this.genExpr(t, scope, sub);
    switch (c.int(8)) {
      case 0: {
        const n = 1 + c.int(3);
        const items: string[] = [];
        for (let i = 0; i < n; i++) items.push(e(elem).t);
        return atom(`[${items.join(', ')}]`);
      }
      case 1:
        return binary(e(type), '+', e(type));
      case 2: {
        const l = wrap(e(type), P_ATOM);
        return atom(c.pick([`${l}[1:]`, `${l}[:${e(INT).t}]`, `${l}[::2]`]));
      }
      case 3:
      case 4:
        return this.genListComprehension(elem, scope, sub);
      case 5:
        if (elem === INT) return atom(`${wrap(e(TENSOR), P_ATOM)}.size()`);
        if (elem === STR) return atom(`${wrap(e(STR), P_ATOM)}.split(${c.pick(["','", "' '", ''])})`);
        if (elem === TENSOR) return atom(`${wrap(e(TENSOR), P_ATOM)}.${c.pick(['chunk(2)', 'unbind(0)'])}`);
        return atom(`${wrap(e(type), P_ATOM)}.copy()`);
      case 6:
        if (elem === STR)
          return atom(`list(${wrap(e(c.pick([dictOf(STR, INT), dictOf(STR, TENSOR)])), P_ATOM)}.keys())`);
        if (elem === INT || elem === TENSOR) return atom(`list(${wrap(e(dictOf(STR, elem)), P_ATOM)}.values())`);
        return atom(`sorted(${e(type).t})`);
      default:
        return elem === TENSOR ? atom(`${wrap(e(type), P_ATOM)}.copy()`) : atom(`sorted(${e(type).t})`);
    }
  }

  /** The source of a comprehension: its `for ... in ...` text, with the targets defined in `inner`. */
  private genGenerator(scope: Scope, inner: Scope, depth: number): string {
    const c = this.c;
    const target = (type: GenType) => {
      const name = this.fresh('c');
      inner.define({ name, type, mutable: false });
      return name;
    };
    const kind = c.int(this.dialect === 'python' ? 7 : 4);
    switch (kind) {
      case 1: {
        const elem = c.pick([INT, FLOAT, STR, TENSOR]);
        const seq = wrap(this.genExpr(listOf(elem), scope, depth), P_OR);
        return `for ${target(elem)} in ${seq}`;
      }
      case 2:
        return `for ${target(STR)} in ${wrap(this.genExpr(STR, scope, depth), P_BITOR)}`;
      case 3:
        return `for ${target(TENSOR)} in ${wrap(this.genExpr(TENSOR, scope, depth), P_BITOR)}`;
      case 4: {
        const elem = c.pick([INT, FLOAT, STR, TENSOR]);
        const seq = this.genExpr(listOf(elem), scope, depth).t;
        return `for ${target(INT)}, ${target(elem)} in enumerate(${seq})`;
      }
      case 5: {
        const value = c.pick([INT, TENSOR]);
        const d = wrap(this.genExpr(dictOf(STR, value), scope, depth), P_ATOM);
        return `for ${target(STR)}, ${target(value)} in ${d}.items()`;
      }
      case 6: {
        const a = c.pick([INT, FLOAT, STR]);
        const b = c.pick([INT, TENSOR]);
        const left = this.genExpr(listOf(a), scope, depth).t;
        const right = this.genExpr(listOf(b), scope, depth).t;
        return `for ${target(a)}, ${target(b)} in zip(${left}, ${right})`;
      }
      default:
        return `for ${target(INT)} in range(${this.genExpr(INT, scope, depth).t})`;
    }
  }

  private genListComprehension(elem: GenType, scope: Scope, depth: number): E {
    const inner = new Scope(scope);
    const gen = this.genGenerator(scope, inner, Math.min(depth, 1));
    return atom(`[${this.comprehensionPart(this.genExpr(elem, inner, depth))} ${gen}]`);
  }

  /**
   * An element of a comprehension. PyTorch's own parser reads `[a if c else b for x in y]` wrongly
   * (the ternary takes the `for`), so in its dialect a ternary there is parenthesized.
   */
  private comprehensionPart(e: E): string {
    return this.dialect === 'cu' ? wrap(e, P_OR) : e.t;
  }

  /**
   * `not e`. PyTorch's own parser lexes `not int(x)` as `not in` `t(x)`: in its dialect an
   * operand that starts with `in` is parenthesized.
   */
  private not(e: E): E {
    const operand = wrap(e, P_NOT);
    return { t: this.dialect === 'cu' && /^in/.test(operand) ? `not (${operand})` : `not ${operand}`, p: P_NOT };
  }

  /**
   * `-e`. PyTorch's own parser folds a minus into a number literal and fails (std::stoll) on
   * `-(-1)`, so in its dialect a negative literal is not negated again (the type is the same).
   */
  private negate(e: E): E {
    if (this.dialect === 'cu' && /^-[0-9.]/.test(e.t)) return e;
    return { t: `-${wrap(e, P_UNARY)}`, p: P_UNARY };
  }

  private genDict(type: GenType, scope: Scope, depth: number): E {
    const c = this.c;
    const value = type.args[1] as GenType;
    const sub = depth - 1;
    switch (c.int(3)) {
      case 0: {
        const n = 1 + c.int(3);
        const items: string[] = [];
        for (let i = 0; i < n; i++)
          items.push(`${this.genExpr(STR, scope, sub).t}: ${this.genExpr(value, scope, sub).t}`);
        return atom(`{${items.join(', ')}}`);
      }
      case 1: {
        const inner = new Scope(scope);
        const gen = this.genGenerator(scope, inner, Math.min(sub, 1));
        const key = this.comprehensionPart(this.genExpr(STR, inner, sub));
        return atom(`{${key}: ${this.comprehensionPart(this.genExpr(value, inner, sub))} ${gen}}`);
      }
      default:
        return atom(`${wrap(this.genExpr(type, scope, sub), P_ATOM)}.copy()`);
    }
  }

  private genOptional(type: GenType, scope: Scope, depth: number): E {
    const c = this.c;
    const inner = type.args[0] as GenType;
    switch (c.int(3)) {
      case 0:
        return atom('None');
      case 1:
        return this.genExpr(inner, scope, depth - 1);
      default: {
        const body = this.genExpr(inner, scope, depth - 1);
        return {
          t: `${wrap(body, P_OR)} if ${wrap(this.genCondition(scope, depth - 1), P_OR)} else None`,
          p: P_TERNARY,
        };
      }
    }
  }
}

/** A numeric literal; negative ones are unary minus expressions. */
function literal(text: string): E {
  return { t: text, p: text.startsWith('-') ? P_UNARY : P_ATOM };
}

/**
 * The program a choice sequence stands for. With a fault, the fault goes at its countdown-th
 * opportunity, or at the first if there are fewer, or at the end of the last function.
 */
export function generateProgram(
  choices: readonly number[],
  options: ProgramOptions = {},
  faultCountdown = 0,
): GeneratedProgram {
  const first = new ProgramGenerator(new Choices(choices), options, faultCountdown, faultCountdown === 0);
  const program = first.run();
  if (!options.fault || program.fault || faultCountdown === 0) return program;
  return new ProgramGenerator(new Choices(choices), options, 0, true).run();
}

/**
 * Programs for fuzzing: well-typed ones, or (with `fault`) ones with one type error of that kind;
 * `fault: 'any'` draws the kind too.
 */
export function programArbitrary(
  options: Omit<ProgramOptions, 'fault'> & { fault?: FaultKind | 'any'; maxChoices?: number } = {},
): fc.Arbitrary<GeneratedProgram> {
  const { fault, maxChoices = 600, ...rest } = options;
  const choices = fc.array(fc.nat(), { minLength: 20, maxLength: maxChoices, size: 'max' });
  if (!fault) return choices.map((cs) => generateProgram(cs, rest));
  const kind = fault === 'any' ? fc.constantFrom(...FAULT_KINDS) : fc.constant(fault);
  return fc
    .tuple(choices, kind, fc.nat({ max: 20 }))
    .map(([cs, k, countdown]) => generateProgram(cs, { ...rest, fault: k }, countdown));
}

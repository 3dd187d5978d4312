import {
  Argument,
  type DefaultValue,
  FunctionSchema,
  type IValue,
  ivalueKind,
  type JitType,
  type ListType,
  type OptionalType,
  TensorType,
} from '@tsjit/ir';
import type { Arg, Expr, FunctionDef, Range } from '../../ast.js';
import { FrontendError } from '../../errors/frontend-error.js';
import { Parser } from '../../parser.js';
import { evaluateConstant } from './evaluate-constant.js';
import { type ScriptTypeParser, subscriptItems } from './script-type-parser.js';

export interface SchemaFromDefOptions {
  /** The type of the first parameter of a method (used when it has no annotation). */
  readonly selfType?: JitType;
  /** Leave the first parameter (`self`) out of the schema, as PyTorch does for interface methods. */
  readonly skipSelf?: boolean;
  /** The schema's name; the def's name by default. */
  readonly name?: string;
}

/**
 * The FunctionSchema of a `def`, after PyTorch's ScriptTypeParser.parseSchemaFromDef: parameter
 * types from their annotations (or the `# type:` comment), Tensor where there is none, defaults
 * evaluated as constants of the parameter's type, keyword-only parameters kept so, and the
 * annotated return type (no return when there is none: the emitter then infers it).
 */
export function schemaFromDef(
  def: FunctionDef,
  parser: ScriptTypeParser,
  options: SchemaFromDefOptions = {},
): FunctionSchema {
  const { args } = def;
  if (args.vararg)
    parser.error(
      args.vararg.range,
      "Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults",
    );
  if (args.kwarg)
    parser.error(
      args.kwarg.range,
      "Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults",
    );
  if (parser.dialect === 'source') {
    for (const d of args.kwDefaults) {
      if (d)
        parser.error(
          d.range,
          "Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults",
        );
    }
  }
  const positional = [...args.posonlyargs, ...args.args];
  const params: { arg: Arg; kwargOnly: boolean; defaultExpr: Expr | null }[] = [
    ...positional.map((arg, i) => ({
      arg,
      kwargOnly: false,
      defaultExpr:
        i >= positional.length - args.defaults.length
          ? (args.defaults[i - (positional.length - args.defaults.length)] ?? null)
          : null,
    })),
    ...args.kwonlyargs.map((arg, i) => ({ arg, kwargOnly: true, defaultExpr: args.kwDefaults[i] ?? null })),
  ];
  const isMethod = options.selfType !== undefined || options.skipSelf === true;
  const commentTypes = def.typeComment ? typeComment(def, parser) : undefined;
  if (commentTypes && commentTypes.params.length !== params.length - (isMethod ? 1 : 0)) {
    parser.error(
      def.range,
      `Number of type annotations (${commentTypes.params.length}) did not match the number of ${isMethod ? 'method' : 'function'} parameters (${params.length - (isMethod ? 1 : 0)})`,
    );
  }

  const out: Argument[] = [];
  params.forEach(({ arg, kwargOnly, defaultExpr }, i) => {
    if (i === 0 && options.skipSelf) return;
    const isSelf = i === 0 && isMethod;
    const fromComment = !isSelf && commentTypes !== undefined;
    const annotation = fromComment ? (commentTypes.params[i - (isMethod ? 1 : 0)] ?? null) : arg.annotation;
    const types = fromComment ? commentTypes.parser : parser;
    let type: JitType;
    let size: number | undefined;
    if (isSelf && !annotation && options.selfType) {
      type = options.selfType;
    } else if (!annotation) {
      type = TensorType.get();
    } else {
      const broadcast = types.parseBroadcastList(annotation);
      if (broadcast) {
        type = broadcast.type;
        size = broadcast.size;
      } else {
        type = types.parseType(annotation);
      }
    }
    let defaultValue: DefaultValue | undefined;
    if (defaultExpr) {
      if (!annotation && parser.dialect === 'archive') {
        parser.error(arg.range, 'Keyword arguments with defaults need to be type-hinted (TorchScript C++ frontend)');
      }
      // A single number for a fixed-size list (`BroadcastingList2[int]=1`) stands for the whole list.
      const scalarForList = size !== undefined && defaultExpr.kind !== 'List';
      const hint = scalarForList ? (broadcastElement(type) ?? type) : type;
      const constant = evaluateConstant(defaultExpr, hint, parser);
      defaultValue = toDefaultValue(constant.value, defaultExpr.range, parser);
      if (scalarForList) defaultValue = Array(size).fill(defaultValue);
    }
    out.push(new Argument(arg.name, { type, N: size, defaultValue, kwargOnly }));
  });

  const returnAnnotation = commentTypes?.returns ?? def.returns;
  const returnTypes = commentTypes?.parser ?? parser;
  const returns: Argument[] = [];
  if (returnAnnotation) {
    if (returnTypes.parseBroadcastList(returnAnnotation)) {
      returnTypes.error(returnAnnotation.range, 'Broadcastable lists cannot appear as a return type');
    }
    returns.push(new Argument('', { type: returnTypes.parseType(returnAnnotation) }));
  }
  return new FunctionSchema(options.name ?? def.name, '', out, returns);
}

function broadcastElement(type: JitType): JitType | undefined {
  const list = type.kind === 'OptionalType' ? (type as OptionalType).elementType : type;
  return list.kind === 'ListType' ? (list as ListType).elementType : undefined;
}

function toDefaultValue(value: IValue, range: Range, parser: ScriptTypeParser): DefaultValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return (value as readonly IValue[]).map((v) => toDefaultValue(v, range, parser));
  const kind = ivalueKind(value);
  if (kind === 'int' || kind === 'float') return value as DefaultValue;
  return parser.error(range, `a default value of kind '${kind}' is not supported in a schema`);
}

/**
 * The types of a `# type: (int, Tensor) -> float` comment (PyTorch's Python frontend merges it
 * into the signature; methods leave `self` out), with a parser whose errors quote the comment.
 */
function typeComment(
  def: FunctionDef,
  parser: ScriptTypeParser,
): { params: Expr[]; returns: Expr; parser: ScriptTypeParser } {
  const text = (def.typeComment ?? '').trim();
  const arrow = topLevelArrow(text);
  if (arrow < 0) parser.error(def.range, `Expected a function type in the type comment '# type: ${text}' ((...) -> T)`);
  const comment = parser.withText({ source: text, file: `${parser.text.file} (type comment of ${def.name})` });
  let params: Expr;
  let returns: Expr;
  try {
    // Parsed as `(params)` and as the return annotation, with offsets into the whole comment.
    params = Parser.parseExpression(`${text.slice(0, arrow).trimEnd() || '()'}`, comment.text.file);
    // An opening parenthesis and blanks keep the return annotation at its offset in the comment.
    returns = Parser.parseExpression(`(${' '.repeat(arrow + 1)}${text.slice(arrow + 2)})`, comment.text.file);
  } catch (e) {
    if (!FrontendError.isInstance(e)) throw e;
    return parser.error(def.range, `Malformed type comment '# type: ${text}': ${(e as FrontendError).reason}`);
  }
  // `(int)` reads as a parenthesized expression, `(int, float)` and `()` as tuples.
  const items = params.kind === 'Tuple' ? subscriptItems(params) : [params];
  return { params: [...items], returns, parser: comment };
}

function topLevelArrow(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '-' && text[i + 1] === '>' && depth === 0) return i;
  }
  return -1;
}

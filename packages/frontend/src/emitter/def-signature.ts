import { Argument, type DefaultValue, FunctionSchema, type JitType, TensorType } from '@tsjit/ir';
import type { Arg, Expr, FunctionDef } from '../ast.js';
import { FrontendError } from '../errors/frontend-error.js';
import { Parser } from '../parser.js';
import { evaluateDefault } from './evaluate-default.js';
import { relocate } from './expr-ranges.js';
import type { Fail, ScriptTypeParser } from './script-type-parser.js';
import { topLevelArrow } from './top-level-arrow.js';

export interface DefSignatureOptions {
  /** Leave the first parameter (`self`) out of the schema. */
  readonly isMethod: boolean;
  /**
   * Whether the emitter has a `self` type: the long form of a type comment (`# type: (...) -> T`)
   * skips the first parameter then, also for a def nested in a method (as the emitter always did).
   */
  readonly hasSelf: boolean;
  readonly typeParser: ScriptTypeParser;
  /** The file type comments are parsed as part of. */
  readonly file: string;
  readonly fail: Fail;
}

/**
 * The schema a def declares for the function emitter: parameter types from annotations or the
 * `# type:` comment (Tensor where there is none), defaults evaluated against them, the annotated
 * return (absent when not annotated); and the parameters, `self` included.
 */
export function defSignature(
  def: FunctionDef,
  options: DefSignatureOptions,
): { schema: FunctionSchema; params: Arg[] } {
  const { isMethod, typeParser, fail } = options;
  const a = def.args;
  if (a.vararg || a.kwarg) {
    fail(
      (a.vararg ?? a.kwarg)?.range ?? def.range,
      "Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults",
    );
  }
  let params = [...a.posonlyargs, ...a.args];
  const positionalCount = params.length;
  params = [...params, ...a.kwonlyargs];
  const defaults: (Expr | null)[] = [
    ...new Array(positionalCount - a.defaults.length).fill(null),
    ...a.defaults,
    ...a.kwDefaults,
  ];
  const skip = isMethod ? 1 : 0;
  const comment = def.typeComment ? typeComment(def, options) : undefined;
  if (comment && comment.args.length !== params.length - skip) {
    fail(
      def.range,
      `Number of type annotations (${comment.args.length}) did not match the number of function parameters (${params.length - skip})`,
    );
  }
  const args: Argument[] = [];
  for (let i = skip; i < params.length; i++) {
    const param = params[i];
    let type: JitType = TensorType.get();
    let N: number | undefined;
    const annotation = param.annotation ?? comment?.args[i - skip] ?? null;
    if (annotation) {
      const broadcast = typeParser.parseBroadcastList(annotation);
      if (broadcast) {
        type = broadcast.type;
        N = broadcast.size;
      } else {
        type = typeParser.parseType(annotation);
      }
    }
    const defaultExpr = defaults[i];
    let defaultValue: DefaultValue | undefined;
    if (defaultExpr) defaultValue = evaluateDefault(defaultExpr, type, N, fail);
    args.push(new Argument(param.name, { type, N, defaultValue, kwargOnly: i >= positionalCount }));
  }
  const returnExpr = def.returns ?? comment?.returns ?? null;
  const returns: Argument[] = [];
  if (returnExpr) {
    if (typeParser.parseBroadcastList(returnExpr)) {
      fail(returnExpr.range, 'Broadcastable lists cannot appear as a return type');
    }
    returns.push(new Argument('', { type: typeParser.parseType(returnExpr) }));
  }
  return { schema: new FunctionSchema(def.name, '', args, returns), params };
}

/** `# type: (int, Tensor) -> Tensor` on the line of the signature. */
function typeComment(def: FunctionDef, options: DefSignatureOptions): { args: Expr[]; returns: Expr | null } {
  const { fail } = options;
  const text = (def.typeComment as string).trim();
  const arrow = topLevelArrow(text);
  if (arrow < 0) fail(def.range, `expected '->' in the type comment '# type: ${text}'`);
  const parse = (part: string): Expr => {
    try {
      return relocate(Parser.parseExpression(part, options.file), def.range);
    } catch (e) {
      if (e instanceof FrontendError) fail(def.range, `in the type comment: ${e.reason}`);
      throw e;
    }
  };
  const argsText = text.slice(0, arrow).trim();
  if (!argsText.startsWith('(')) fail(def.range, 'expected a parenthesized argument list in the type comment');
  const returns = parse(text.slice(arrow + 2).trim());
  // `# type: (...) -> T` with a `# type: T` comment after each parameter (PEP 484's long form).
  if (argsText.replace(/\s/g, '') === '(...)') {
    const params = [...def.args.posonlyargs, ...def.args.args, ...def.args.kwonlyargs];
    const skip = options.hasSelf ? 1 : 0;
    const args = params.slice(skip).map((p) => {
      if (!p.typeComment) return fail(p.range, `parameter '${p.name}' has no '# type:' comment`);
      return parse(p.typeComment);
    });
    return { args, returns };
  }
  const argsExpr = argsText === '()' ? undefined : parse(argsText);
  let args: Expr[] = [];
  if (argsExpr) args = argsExpr.kind === 'Tuple' ? argsExpr.elts : [argsExpr];
  return { args, returns };
}

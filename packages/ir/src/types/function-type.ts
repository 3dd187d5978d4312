import type { FunctionSchema } from '../schema/function-schema.js';
import { JitType } from './jit-type.js';

/**
 * The type of a first-class TorchScript function (the output of `prim::Constant[name="f"]()`,
 * the callee of `prim::CallFunction`). Its spelling is the function's qualified name
 * (`__torch__.helper`); the IR printer writes `Function`, so a FunctionType read back from IR
 * text has no name. Two function types are the same when they name the same function; there is
 * no subtyping between them (only `Function <: Any`), as in PyTorch.
 */
export class FunctionType extends JitType {
  readonly kind = 'FunctionType' as const;
  /** Undefined for a function type read from IR text, which does not say which function. */
  readonly qualifiedName: string | undefined;
  readonly schema: FunctionSchema | undefined;

  private constructor(qualifiedName: string | undefined, schema: FunctionSchema | undefined) {
    super();
    this.qualifiedName = qualifiedName;
    this.schema = schema;
  }

  static named(qualifiedName?: string, schema?: FunctionSchema): FunctionType {
    return new FunctionType(qualifiedName, schema);
  }

  annotationStr(): string {
    return this.qualifiedName ?? 'Function';
  }

  pythonStr(): string {
    return this.annotationStr();
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.qualifiedName === (other as FunctionType).qualifiedName;
  }
}

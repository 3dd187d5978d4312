import { floatValue, type IValue, intValue } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, SugaredValue } from '../contracts.js';
import { BuiltinFunctionValue, type BuiltinHooks, wrap } from './builtin-values.js';
import { PYTHON_BUILTIN_CONSTANTS, PYTHON_BUILTIN_FUNCTIONS } from './generated/python-builtins.js';

/**
 * `torch` as archive code (the `code/` files of a saved module) sees it: every attribute is the
 * builtin `aten::<name>`, and `torch.autograd` is the same namespace (PyTorch's BuiltinModule
 * in its source importer). Also `ops.<ns>` for any namespace: `ops.prim.device(x)` is prim::device.
 */
export class BuiltinModuleValue implements SugaredValue {
  readonly kind = 'builtin module';
  readonly namespace: string;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(namespace: string, hooks?: BuiltinHooks) {
    this.namespace = namespace;
    this.#hooks = hooks;
  }

  attr(_ctx: EmitContext, _range: Range, name: string): SugaredValue {
    if (name === 'autograd' && this.namespace === 'aten') return new BuiltinModuleValue('aten', this.#hooks);
    return new BuiltinFunctionValue(`${this.namespace}::${name}`, undefined, this.#hooks);
  }
}

/** `ops` in archive code and `torch.ops` in source: `ops.quantized.linear_dynamic` is quantized::linear_dynamic. */
export class OpsValue implements SugaredValue {
  readonly kind = 'ops';
  readonly #hooks: BuiltinHooks | undefined;

  constructor(hooks?: BuiltinHooks) {
    this.#hooks = hooks;
  }

  attr(_ctx: EmitContext, _range: Range, name: string): SugaredValue {
    return new BuiltinModuleValue(name, this.#hooks);
  }
}

/** The Python modules whose members TorchScript resolves, and the submodules reachable from each. */
const SUBMODULES: Readonly<Record<string, readonly string[]>> = {
  torch: ['nn', 'linalg', 'fft', 'special', 'nested', 'sparse', 'autograd', 'jit', 'functional', '_C'],
  'torch.nn': ['functional', 'init', 'modules'],
  'torch.nn.modules': ['utils'],
  'torch._C': ['_nn', '_fft', '_linalg', '_special', '_nested', '_sparse'],
};

/** Members of torch that PyTorch compiles from their Python source (torch/functional.py) rather than mapping to an op. */
const PYTHON_COMPILED_TORCH = new Set(
  ['stft', 'istft', 'lu', 'cdist', 'norm', 'unique', 'unique_consecutive', 'tensordot'].map((n) => `torch.${n}`),
);

/** Members of torch.jit that are special forms of the emitter, not builtins. */
const TORCH_JIT_SPECIAL_FORMS = new Set(['annotate', 'fork', 'isinstance', '_unwrap_optional', 'is_scripting', 'wait']);

/**
 * A Python module as TorchScript source sees it (`torch`, `math`, `torch.nn.functional`,
 * `torch.linalg`...): members that PyTorch maps to builtin ops (torch.jit._builtins) call them,
 * constants embed (`math.pi`, `torch.float32` → 6), submodules nest, `torch.ops` is the op
 * namespace, and `torch.jit.annotate` and friends go to the emitter's special forms.
 */
export class PythonModuleValue implements SugaredValue {
  readonly kind = 'module';
  readonly name: string;
  readonly #hooks: BuiltinHooks | undefined;

  constructor(name: string, hooks?: BuiltinHooks) {
    this.name = name;
    this.#hooks = hooks;
  }

  attr(ctx: EmitContext, range: Range, name: string): SugaredValue {
    const qualified = `${this.name}.${name}`;
    if (this.name === 'torch' && name === 'ops') return new OpsValue(this.#hooks);
    if (this.name === 'torch.jit' && TORCH_JIT_SPECIAL_FORMS.has(name)) {
      const special = this.#hooks?.specialForm?.(qualified);
      if (special) return special;
    }
    const op = pythonBuiltinOp(this.name, name);
    if (op) return new BuiltinFunctionValue(op, undefined, this.#hooks);
    const constant = PYTHON_BUILTIN_CONSTANTS[this.name]?.[name];
    if (constant) {
      const value: IValue =
        constant.kind === 'bool'
          ? (constant.value as boolean)
          : constant.kind === 'int'
            ? intValue(constant.value as number)
            : floatValue(constant.value as number);
      // A value like any other (PyTorch's resolver inserts the constant): it can be reassigned,
      // merged across branches and carried by loops.
      return wrap(this.#hooks, ctx.constant(value, range));
    }
    if (SUBMODULES[this.name]?.includes(name)) return new PythonModuleValue(qualified, this.#hooks);
    const special = this.#hooks?.specialForm?.(qualified);
    if (special) return special;
    if (
      this.name === 'torch.nn.functional' ||
      this.name === 'torch.functional' ||
      PYTHON_COMPILED_TORCH.has(qualified)
    ) {
      return ctx.error(
        range,
        `${qualified} is a Python function that PyTorch compiles from its Python source; tsjit cannot compile Python library code. Call the aten operator it uses instead (for example torch.relu for F.relu).`,
      );
    }
    // PyTorch names the Python object: `<built-in function trunc>` for the C functions of math.
    const shown = this.name === 'math' || this.name === 'cmath' ? `<built-in function ${name}>` : qualified;
    return ctx.error(range, `Python builtin ${shown} is currently not supported in Torchscript`);
  }
}

/** The builtin op a member of a Python module resolves to (`torch.add` → aten::add), if any. */
export function pythonBuiltinOp(moduleName: string, name: string): string | undefined {
  const entry = PYTHON_BUILTIN_FUNCTIONS[moduleName];
  if (!entry) return undefined;
  const other = entry.other[name];
  if (other) return other;
  return sameNames(moduleName).has(name) ? `aten::${name}` : undefined;
}

const SAME_NAMES = new Map<string, ReadonlySet<string>>();
function sameNames(moduleName: string): ReadonlySet<string> {
  let names = SAME_NAMES.get(moduleName);
  if (!names) {
    names = new Set((PYTHON_BUILTIN_FUNCTIONS[moduleName]?.same ?? '').split(' ').filter((n) => n.length > 0));
    SAME_NAMES.set(moduleName, names);
  }
  return names;
}

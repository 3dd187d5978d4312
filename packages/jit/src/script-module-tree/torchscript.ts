import type { Module, TorchScriptDefinition, TorchScriptSourceOptions } from '@tsjit/nn';
import { Tensor } from '@tsjit/tensor';
import { ScriptModule } from '../script-module.js';
import { childSlots } from './child-slots.js';

/**
 * The TorchScript of a user-defined module class: the methods of its class body (`forward`,
 * helpers, `@torch.jit.export` / `@torch.jit.unused` / `@torch.jit.ignore` decorated ones) and,
 * optionally, attribute declarations (`scale: float`). What PyTorch learns from the Python
 * instance is taken from the module object when it is scripted: parameters, buffers, submodules
 * (typed by their own scripted classes) and the other properties whose types can be inferred
 * from their values (see inferAttributeType). A declaration in the body wins over the inference
 * (a JS number that is an integer is inferred as `int`: declare `name: float` for a float).
 *
 * It is a TorchScriptDefinition, so a user class carries it the way built-in layers carry
 * theirs, as a static `torchscript` member:
 *
 *     class Gate extends nn.Module {
 *       static torchscript = torchscript`
 *         def forward(self, x: Tensor) -> Tensor:
 *             if bool(x.sum() > 0):
 *                 return x
 *             return -x
 *       `;
 *       override forward(x: Tensor): Tensor { ... }
 *     }
 */
export class ModuleScript implements TorchScriptDefinition<Module> {
  /** The class body, indented by four spaces. */
  readonly body: string;
  /** Attribute names the body declares itself (`name: type` at class level). */
  readonly declared: ReadonlySet<string>;

  constructor(body: string) {
    this.body = indent(dedent(body), '    ');
    const declared = new Set<string>();
    for (const line of this.body.split('\n')) {
      const m = /^ {4}([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(line);
      if (m && m[1] !== 'def') declared.add(m[1] as string);
    }
    this.declared = declared;
  }

  source(module: Module, options?: TorchScriptSourceOptions): string {
    const plan = attributePlan(module, this.declared, options);
    const list = (names: string[]) => `[${names.map((n) => `"${n}", `).join('')}]`;
    return (
      `class ${options?.className ?? module.constructor.name}(torch.nn.Module):\n` +
      `    __parameters__ = ${list(plan.parameters)}\n` +
      `    __buffers__ = ${list(plan.buffers)}\n` +
      plan.declarations.map((d) => `    ${d}\n`).join('') +
      this.body
    );
  }

  attributes(module: Module): Record<string, unknown> {
    return attributePlan(module, this.declared).values;
  }
}

/** `torchscript\`...\``: a ModuleScript from a class body (interpolated values are written as text). */
export function torchscript(strings: TemplateStringsArray, ...values: unknown[]): ModuleScript {
  let text = strings[0] ?? '';
  values.forEach((value, i) => {
    text += String(value) + (strings[i + 1] ?? '');
  });
  return new ModuleScript(text);
}

interface AttributePlan {
  parameters: string[];
  buffers: string[];
  /** Declarations to add to the class body (`weight: Tensor`). */
  declarations: string[];
  /** Values of every attribute the class declares, `training` included; submodules excluded. */
  values: Record<string, unknown>;
}

function attributePlan(
  module: Module,
  declared: ReadonlySet<string>,
  options?: TorchScriptSourceOptions,
): AttributePlan {
  const plan: AttributePlan = { parameters: [], buffers: [], declarations: [], values: { training: module.training } };
  const slots = new Set<string>(['training']);
  const declare = (name: string, type: string) => {
    if (!declared.has(name)) plan.declarations.push(`${name}: ${type}`);
  };
  for (const [name, p] of module.namedParameters('', false)) {
    slots.add(name);
    plan.parameters.push(name);
    plan.values[name] = p;
    declare(name, 'Tensor');
  }
  for (const [name, b] of module.namedBuffers('', false)) {
    slots.add(name);
    plan.buffers.push(name);
    plan.values[name] = b;
    declare(name, 'Tensor');
  }
  for (const [name, child] of childSlots(module)) {
    slots.add(name);
    const type = options?.childType?.(child);
    if (type !== undefined) declare(name, type);
  }
  for (const name of Object.keys(module)) {
    if (slots.has(name)) continue;
    const value = (module as unknown as Record<string, unknown>)[name];
    // As PyTorch types a None attribute, parameter or submodule slot: NoneType, so that
    // `if self.downsample is not None:` is decided when compiling. Undefined slots only when declared.
    if (value === undefined || value === null) {
      if (declared.has(name)) plan.values[name] = null;
      else if (value === null) {
        plan.declarations.push(`${name}: NoneType`);
        plan.values[name] = null;
      }
      continue;
    }
    if (declared.has(name)) {
      plan.values[name] = value;
      continue;
    }
    // A traced, scripted or loaded module held as a submodule: typed by its own class.
    if (value instanceof ScriptModule) {
      plan.declarations.push(`${name}: ${value.type.qualifiedName}`);
      plan.values[name] = value;
      continue;
    }
    const type = inferAttributeType(value);
    // As PyTorch skips instance attributes whose type it cannot infer (an error only if used).
    if (type === undefined) continue;
    plan.declarations.push(`${name}: ${type}`);
    plan.values[name] = value;
  }
  return plan;
}

/**
 * The TorchScript type of a JS value held by a module, as PyTorch infers one from a Python
 * value: booleans, strings, numbers (an integer is `int`), tensors, non-empty arrays of one of
 * those (`List[...]`, integers and floats together are `List[float]`), frozen arrays as tuples,
 * Maps with string or int keys (`Dict[...]`). Undefined when no type fits.
 */
export function inferAttributeType(value: unknown): string | undefined {
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'bigint') return 'int';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof Tensor) return 'Tensor';
  if (Array.isArray(value)) {
    if (value.length === 0) return undefined;
    const types = value.map(inferAttributeType);
    if (types.includes(undefined)) return undefined;
    if (Object.isFrozen(value)) return `Tuple[${types.join(', ')}]`;
    const element = unifyElements(types as string[]);
    return element === undefined ? undefined : `List[${element}]`;
  }
  if (value instanceof Map) {
    if (value.size === 0) return undefined;
    const keys = unifyElements([...value.keys()].map(inferAttributeType).map((t) => t ?? '?'));
    const values = unifyElements([...value.values()].map(inferAttributeType).map((t) => t ?? '?'));
    if (keys === undefined || values === undefined || (keys !== 'str' && keys !== 'int')) return undefined;
    return `Dict[${keys}, ${values}]`;
  }
  return undefined;
}

function unifyElements(types: string[]): string | undefined {
  if (types.includes('?')) return undefined;
  const distinct = new Set(types);
  if (distinct.size === 1) return types[0];
  if (distinct.size === 2 && distinct.has('int') && distinct.has('float')) return 'float';
  return undefined;
}

function dedent(text: string): string {
  const lines = text.replace(/\t/g, '    ').split('\n');
  while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  while (lines.length > 0 && (lines.at(-1) as string).trim() === '') lines.pop();
  const margin = Math.min(
    ...lines.filter((l) => l.trim() !== '').map((l) => (/^ */.exec(l) as RegExpExecArray)[0].length),
  );
  return lines.map((l) => l.slice(Number.isFinite(margin) ? margin : 0)).join('\n');
}

function indent(text: string, by: string): string {
  return `${text
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : by + l))
    .join('\n')}\n`;
}

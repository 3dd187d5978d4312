import { FloatScalar } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { withGrad, withoutGrad } from './grad-mode.js';
import { OptimError } from './optim-error.js';
import { pythonFloatRepr } from './python-float-repr.js';

/** Marks an option a parameter group must give when the optimizer has no default (SGD's `lr`). */
export const required: unique symbol = Symbol('required');

/** An optimizer's per-parameter state (`momentumBuffer`, `expAvg`, `step`, ...). */
export type OptimizerState = Record<string, unknown>;

/** A parameter group: its parameters and its options (defaults filled in); LR schedulers add `initialLr`. */
export type ParamGroup<O extends object = Record<string, unknown>> = O & {
  params: Tensor[];
  initialLr?: number;
  [option: string]: unknown;
};

/** A parameter group as given to a constructor or `addParamGroup`: options left out take the defaults. */
export type ParamGroupInput<O extends object = Record<string, unknown>> = Partial<O> & {
  params: Iterable<Tensor> | Tensor;
  [option: string]: unknown;
};

/** What an optimizer is built from: parameters, or parameter groups with their own options. */
export type Params<O extends object = Record<string, unknown>> = Iterable<Tensor> | Iterable<ParamGroupInput<O>>;

/**
 * PyTorch's optimizer state dict, keys and all: `state` maps a parameter's index (counted over the groups in
 * order) to its state with PyTorch's names (`momentum_buffer`, `exp_avg`, `step`), and `param_groups` holds each
 * group's options with PyTorch's names (`weight_decay`, `initial_lr`, betas as a frozen array, i.e. a tuple) and
 * `params` as index lists. torchSave writes it as PyTorch's `optimizer.state_dict()` and PyTorch's
 * `load_state_dict` accepts it; torchLoad's result of a PyTorch file loads through `loadStateDict`.
 */
export interface OptimizerStateDict {
  state: Map<number, Record<string, unknown>>;
  param_groups: Record<string, unknown>[];
}

/** What `loadStateDict` accepts: the above, or the same with `state` as an object (JSON) or Map with string keys. */
export interface OptimizerStateDictInput {
  state: Map<number | string, unknown> | Record<string, unknown>;
  param_groups: readonly Record<string, unknown>[];
}

/** PyTorch's `torch.typename` in substance, for error messages. */
function typeName(v: unknown): string {
  if (v instanceof Tensor) {
    const names: Record<string, string> = {
      float32: 'Float',
      float64: 'Double',
      float16: 'Half',
      bfloat16: 'BFloat16',
      int64: 'Long',
      int32: 'Int',
      int16: 'Short',
      int8: 'Char',
      uint8: 'Byte',
      bool: 'Bool',
    };
    return `torch.${names[v.dtype] ?? ''}Tensor`;
  }
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'object') return v.constructor?.name ?? 'object';
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'float') : typeof v;
}

/** Python's `str` of an option value (integral numbers as ints: PyTorch's defaults such as momentum=0 are ints). */
function pythonStr(v: unknown): string {
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : pythonFloatRepr(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (Array.isArray(v)) return `(${v.map(pythonStr).join(', ')}${v.length === 1 ? ',' : ''})`;
  return String(v);
}

/** `weightDecay` → `weight_decay` (PyTorch's name of an option or state entry). */
export function pythonName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `weight_decay` → `weightDecay`. */
export function jsName(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/** A loaded value as a JS one: Python floats (FloatScalar) as numbers, tuples and lists as fresh arrays. */
function plainValue(v: unknown): unknown {
  if (v instanceof FloatScalar) return v.value;
  if (Array.isArray(v)) return v.map(plainValue);
  return v;
}

/**
 * PyTorch's `torch.optim.Optimizer` (1.13): parameter groups with per-group options, per-parameter state, and
 * `stateDict` / `loadStateDict` in PyTorch's layout. A subclass gives its defaults and `updateGroup`, the update
 * of one group; `step` runs every group's update with gradient recording off, so the in-place updates of
 * parameters and state are never recorded (see grad-mode.ts).
 */
export abstract class Optimizer<O extends object = Record<string, unknown>> {
  readonly defaults: O;
  /** Per-parameter state, created when a parameter first has a gradient at a step (PyTorch's defaultdict). */
  state: Map<Tensor, OptimizerState> = new Map();
  paramGroups: ParamGroup<O>[] = [];
  /** Calls of `step` since the last LR scheduler was attached (PyTorch's `_step_count`; schedulers reset it). */
  stepCount = 0;

  constructor(params: Params<O>, defaults: O) {
    this.defaults = defaults;
    if (params instanceof Tensor) {
      throw new OptimError(
        `params argument given to the optimizer should be an iterable of Tensors or dicts, but got ${typeName(params)}`,
        'TypeError',
      );
    }
    const groups = [...(params as Iterable<Tensor | ParamGroupInput<O>>)];
    if (groups.length === 0) throw new OptimError('optimizer got an empty parameter list');
    const first = groups[0];
    const isGroup = typeof first === 'object' && first !== null && !(first instanceof Tensor);
    const inputs = isGroup
      ? (groups as ParamGroupInput<O>[])
      : [{ params: groups as Tensor[] } as unknown as ParamGroupInput<O>];
    for (const group of inputs) this.addParamGroup(group);
  }

  /**
   * Adds a group (e.g. layers unfrozen while fine-tuning): options it leaves out take the defaults; a parameter
   * may belong to one group only.
   */
  addParamGroup(paramGroup: ParamGroupInput<O>): void {
    if (typeof paramGroup !== 'object' || paramGroup === null || paramGroup instanceof Tensor) {
      throw new OptimError('param group must be a dict', 'TypeError');
    }
    const input = paramGroup.params;
    if (input instanceof Set) {
      throw new OptimError(
        'optimizer parameters need to be organized in ordered collections, but the ordering of tensors in sets ' +
          'will change between runs. Please use a list instead.',
        'TypeError',
      );
    }
    const params = input instanceof Tensor ? [input] : [...(input as Iterable<Tensor>)];
    const differentiable = (this.defaults as Record<string, unknown>).differentiable === true;
    for (const p of params) {
      if (!(p instanceof Tensor)) {
        throw new OptimError(
          `optimizer can only optimize Tensors, but one of the params is ${typeName(p)}`,
          'TypeError',
        );
      }
      if (!differentiable && p.gradFn !== null) throw new OptimError("can't optimize a non-leaf Tensor");
    }
    // Keys keep PyTorch's order: the group's own options first, then the defaults it left out.
    const group: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(paramGroup)) group[key] = key === 'params' ? params : value;
    for (const [name, value] of Object.entries(this.defaults)) {
      if (name in group) continue;
      if (value === required) {
        throw new OptimError(
          `parameter group didn't specify a value of required optimization parameter ${pythonName(name)}`,
        );
      }
      group[name] = Array.isArray(value) ? [...value] : value;
    }
    if (new Set(params).size !== params.length) {
      process.emitWarning(
        'optimizer contains a parameter group with duplicate parameters; in future, this will cause an error; ' +
          'see github.com/pytorch/pytorch/issues/40967 for more information',
        'UserWarning',
      );
    }
    const known = new Set(this.paramGroups.flatMap((g) => g.params));
    if (params.some((p) => known.has(p)))
      throw new OptimError('some parameters appear in more than one parameter group');
    this.paramGroups.push(group as ParamGroup<O>);
  }

  /**
   * Zeroes every parameter's gradient (PyTorch 1.13's default), or drops it with `setToNone` (then a step skips
   * the parameter, while a zero gradient still moves it through momentum and weight decay).
   */
  zeroGrad(setToNone = false): void {
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const grad = p.grad;
        if (grad === null) continue;
        if (setToNone) {
          p.grad = null;
          continue;
        }
        if (grad.gradFn !== null) grad.detach_();
        else grad.requiresGrad = false;
        grad.zero_();
      }
    }
  }

  /**
   * One optimization step over every group. `closure` re-evaluates the model and returns the loss; it runs with
   * gradient recording on, before the update, and its result is returned.
   */
  step<L = unknown>(closure?: () => L): L | undefined {
    this.stepCount++;
    let loss: L | undefined;
    if (closure !== undefined) loss = withGrad(closure);
    withoutGrad(() => {
      for (const group of this.paramGroups) this.updateGroup(group);
    });
    return loss;
  }

  /** The update of one group's parameters that have a gradient. */
  protected abstract updateGroup(group: ParamGroup<O>): void;

  /** A parameter's state, created empty on first use (as PyTorch's defaultdict does, which state dicts show). */
  protected stateOf(p: Tensor): OptimizerState {
    let s = this.state.get(p);
    if (s === undefined) {
      s = {};
      this.state.set(p, s);
    }
    return s;
  }

  /** Fills what state loaded from older PyTorch versions lacks (PyTorch's `__setstate__`); see Adam. */
  protected upgradeLoadedState(): void {}

  /** Group options that PyTorch's `__setstate__` defaults when a state dict from an older version lacks them. */
  protected loadedGroupDefaults(): Record<string, unknown> {
    return {};
  }

  /** PyTorch's repr: each group's options by PyTorch's name, sorted, as Python prints them. */
  toString(): string {
    let out = `${this.constructor.name} (`;
    this.paramGroups.forEach((group, i) => {
      out += `\nParameter Group ${i}\n`;
      const entries = Object.entries(group)
        .filter(([key]) => key !== 'params')
        .map(([key, value]) => [pythonName(key), value] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [key, value] of entries) out += `    ${key}: ${pythonStr(value)}\n`;
    });
    return `${out})`;
  }

  /** The state in PyTorch's layout (see OptimizerStateDict); state tensors are shared, not copied. */
  stateDict(): OptimizerStateDict {
    const index = new Map<Tensor, number>();
    let start = 0;
    const paramGroups = this.paramGroups.map((group) => {
      const packed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(group)) {
        if (key === 'params') continue;
        packed[pythonName(key)] = Array.isArray(value) ? Object.freeze([...value]) : value;
      }
      group.params.forEach((p, i) => {
        if (!index.has(p)) index.set(p, start + i);
      });
      packed.params = group.params.map((p) => index.get(p) as number);
      start += group.params.length;
      return packed;
    });
    const state = new Map<number, Record<string, unknown>>();
    for (const [p, s] of this.state) {
      const packed: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(s)) packed[pythonName(key)] = value;
      state.set(index.get(p) as number, packed);
    }
    return { state, param_groups: paramGroups };
  }

  /**
   * Loads a state dict of the same structure (from `stateDict` or from PyTorch, e.g. through torchLoad): state
   * tensors are copied, floating-point ones cast to their parameter's dtype (the step counter excepted), and the
   * groups' options replaced by the loaded ones.
   */
  loadStateDict(stateDict: OptimizerStateDictInput): void {
    const groups = this.paramGroups;
    const savedGroups = stateDict.param_groups;
    if (groups.length !== savedGroups.length) {
      throw new OptimError('loaded state dict has a different number of parameter groups');
    }
    const savedParams = savedGroups.map((g) => [...((g.params as Iterable<unknown>) ?? [])]);
    if (groups.some((g, i) => g.params.length !== savedParams[i].length)) {
      throw new OptimError(
        "loaded state dict contains a parameter group that doesn't match the size of optimizer's group",
      );
    }
    const idMap = new Map<number, Tensor>();
    savedParams.forEach((ids, i) => {
      ids.forEach((id, j) => {
        idMap.set(Number(plainValue(id)), groups[i].params[j]);
      });
    });
    const cast = (param: Tensor, value: unknown, key?: string): unknown => {
      if (value instanceof Tensor) {
        let v = value.clone();
        if (key !== 'step' && param.isFloatingPoint() && v.dtype !== param.dtype) v = v.to(param.dtype);
        return v;
      }
      if (value instanceof Map) return new Map([...value].map(([k, x]) => [k, cast(param, x, String(k))]));
      if (Array.isArray(value)) return value.map((x) => cast(param, x));
      if (typeof value === 'object' && value !== null && !(value instanceof FloatScalar)) {
        return Object.fromEntries(Object.entries(value).map(([k, x]) => [jsName(k), cast(param, x, k)]));
      }
      return plainValue(value);
    };
    const entries = stateDict.state instanceof Map ? [...stateDict.state] : Object.entries(stateDict.state);
    const state = new Map<Tensor, OptimizerState>();
    for (const [key, value] of entries) {
      const param = idMap.get(Number(key));
      // PyTorch keeps state under keys that name no parameter as is; a Tensor-keyed map cannot hold them.
      if (param === undefined) continue;
      state.set(param, cast(param, value) as OptimizerState);
    }
    const fill = this.loadedGroupDefaults();
    this.paramGroups = groups.map((group, i) => {
      const loaded: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(savedGroups[i])) {
        loaded[jsName(key)] = key === 'params' ? group.params : plainValue(value);
      }
      for (const [key, value] of Object.entries(fill)) if (!(key in loaded)) loaded[key] = value;
      return loaded as ParamGroup<O>;
    });
    this.state = state;
    this.upgradeLoadedState();
  }
}

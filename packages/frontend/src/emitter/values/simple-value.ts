import {
  type ClassType,
  type EnumType,
  type InterfaceType,
  IntType,
  type JitType,
  type ListType,
  NamedTupleType,
  StringType,
  type TupleType,
  type Value,
} from '@tsjit/ir';
import type { Range } from '../../ast.js';
import { noAttributeMessage } from '../builtins/builtin-attr.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';
import { MethodValue } from './method-value.js';
import { constantKey, moduleContainerKind, moduleContainerSlots } from './module-container.js';
import { SugaredTupleValue } from './sugared-tuple-value.js';

/**
 * A plain IR value (PyTorch's SimpleValue): attributes of objects and NamedTuples, methods of
 * classes and interfaces, enum names and values, and otherwise the builtin methods and
 * properties of its type; subscripts, `len`, iteration and tuple unpacking by its type.
 */
export class SimpleValue implements SugaredValue {
  constructor(readonly simpleValue: Value) {}

  get kind(): string {
    return `value of type '${this.simpleValue.type.pythonStr()}'`;
  }

  asValue(): Value {
    return this.simpleValue;
  }

  attr(context: EmitContext, range: Range, name: string): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const value = this.simpleValue;
    const type = value.type;
    if (NamedTupleType.isNamedTuple(type)) {
      const index = (type.names as readonly string[]).indexOf(name);
      if (index >= 0) {
        const idx = ctx.graph.insertConstant(index);
        return new SimpleValue(ctx.insertNode('prim::TupleIndex', [value, idx], [type.elements[index]]).output());
      }
    } else if (type.kind === 'ClassType') {
      const classType = type as ClassType;
      if (ctx.findMethod(classType, name) || ctx.isIgnoredMethod?.(classType, name))
        return new MethodValue(value, name);
      if (moduleContainerKind(classType) === 'dict' && (name === 'keys' || name === 'values' || name === 'items')) {
        return this.#moduleDictView(ctx, range, classType, name);
      }
      if (moduleContainerKind(classType) !== undefined && name === '__len__') {
        const length = moduleContainerSlots(classType).length;
        return { kind: "builtin method '__len__'", call: () => new SimpleValue(ctx.graph.insertConstant(length)) };
      }
      const attribute = classType.findAttribute(name);
      if (attribute) {
        const node = ctx.insertNode('prim::GetAttr', [value], [attribute.type]);
        node.setS('name', name);
        // As PyTorch's createGetAttr: the value is named after the attribute (`_0` for `0`).
        node.output().setDebugName(/^\d+$/.test(name) ? `_${name}` : name);
        return new SimpleValue(node.output());
      }
      const property = classType.properties.find((p) => p.name === name);
      if (property) return new SimpleValue(ctx.callMethod(value, property.getter, range, [], []));
      if (classType.constants.has(name)) {
        return new SimpleValue(ctx.constant(classType.constants.get(name), range));
      }
      if (name === '__call__' || name === '__getitem__') {
        return ctx.error(range, `${classType.name} object has no attribute or method '${name}'`);
      }
      return ctx.error(
        range,
        `Tried to access nonexistent attribute or method '${name}' of type '${type.pythonStr()}'. Did you forget to initialize an attribute in __init__()?`,
      );
    } else if (type.kind === 'InterfaceType') {
      if ((type as InterfaceType).methodSchema(name)) return new MethodValue(value, name);
    } else if (type.kind === 'EnumType') {
      if (name === 'name') {
        return new SimpleValue(ctx.insertNode('prim::EnumName', [value], [StringType.get()]).output());
      }
      if (name === 'value') {
        const valueType = (type as EnumType).valueType ?? IntType.get();
        return new SimpleValue(ctx.insertNode('prim::EnumValue', [value], [valueType]).output());
      }
    }
    const builtin = ctx.builtinAttr(range, value, name);
    if (builtin) return builtin;
    return ctx.error(range, noAttributeMessage(type, name));
  }

  setAttr(context: EmitContext, range: Range, name: string, newValue: Value): void {
    const ctx: Emitter = context as Emitter;
    const type = this.simpleValue.type;
    if (type.kind !== 'ClassType') {
      ctx.error(range, `Tried to set an attribute: ${name} on a non-class: ${type.pythonStr()}`);
    }
    const classType = type as ClassType;
    // Looking the class up compiles its `__init__` first, which declares the attributes.
    ctx.findMethod(classType, name);
    let expected = classType.findAttribute(name)?.type;
    if (!expected) {
      if (ctx.isInitializing(classType)) {
        if (isRecursive(classType, newValue.type)) {
          ctx.error(
            range,
            `Assignment to attribute '${name}' cannot be of a type that contains class '${classType.pythonStr()}'.\nClasses that recursively contain instances of themselves are not yet supported`,
          );
        }
        if (!ctx.atTopLevel()) {
          ctx.error(
            range,
            'First assignment cannot be in a control-flow block. Initialize the field at the top level first',
          );
        }
        classType.addAttribute(name, newValue.type);
        expected = newValue.type;
      } else {
        const property = classType.properties.find((p) => p.name === name);
        if (property?.setter) {
          ctx.callMethod(this.simpleValue, property.setter, range, [{ value: newValue, range }], []);
          return;
        }
        if (property) ctx.error(range, `Tried to set read-only attribute: ${name}`);
        ctx.error(range, `Tried to set nonexistent attribute: ${name}. Did you forget to initialize it in __init__()?`);
      }
    }
    if (!newValue.type.isSubtypeOf(expected)) {
      ctx.error(
        range,
        `Wrong type for attribute assignment. Expected ${expected.pythonStr()} but got ${newValue.type.pythonStr()}`,
      );
    }
    const node = ctx.insertNode('prim::SetAttr', [this.simpleValue, newValue], []);
    node.setS('name', name);
  }

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[], nBinders: number): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (this.simpleValue.type.kind === 'ClassType') {
      // Calling a module calls its forward (nn.Module.__call__), unless the class defines __call__.
      const classType = this.simpleValue.type as ClassType;
      const name = classType.isModule && !ctx.findMethod(classType, '__call__') ? 'forward' : '__call__';
      const callee = this.attr(ctx, range, name);
      if (callee.call) return callee.call(ctx, range, args, kwargs, nBinders);
    }
    return ctx.error(range, `cannot call a ${this.kind}`);
  }

  len(context: EmitContext, range: Range): Value {
    const ctx: Emitter = context as Emitter;
    const type = this.simpleValue.type;
    if (type.kind === 'ListType' || type.kind === 'StringType' || type.kind === 'TensorType') {
      return ctx.builtin('aten::len', [{ value: this.simpleValue, range }], [], range);
    }
    if (type.kind === 'ClassType' && moduleContainerKind(type as ClassType) !== undefined) {
      return ctx.graph.insertConstant(moduleContainerSlots(type as ClassType).length);
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not iterable`);
  }

  getItem(context: EmitContext, range: Range, index: Value, typeHint?: JitType): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const value = this.simpleValue;
    const type = value.type;
    const args = [
      { value, range },
      { value: index, range },
    ];
    if (type.kind === 'ListType' || type.kind === 'StringType' || type.kind === 'DictType') {
      return new SimpleValue(ctx.builtin('aten::__getitem__', args, [], range));
    }
    if (type.kind === 'TensorType') {
      const zero = ctx.graph.insertConstant(0);
      return new SimpleValue(
        ctx.builtin('aten::select', [args[0], { value: zero, range }, { value: index, range }], [], range),
      );
    }
    if (type.kind === 'ClassType') {
      const classType = type as ClassType;
      const container = moduleContainerKind(classType);
      const key = constantKey(index);
      if (container !== undefined && key !== undefined) {
        const slots = moduleContainerSlots(classType);
        let slot: string | undefined;
        if (container === 'list' && typeof key === 'number') slot = slots[key < 0 ? key + slots.length : key];
        if (container === 'dict' && typeof key === 'string') slot = slots.includes(key) ? key : undefined;
        if (slot === undefined) {
          return ctx.error(
            range,
            container === 'list'
              ? `index ${key} is out of range of ${classType.name} of length ${slots.length}`
              : `KeyError: '${key}' is not a key of ${classType.name}`,
          );
        }
        return this.attr(ctx, range, slot);
      }
      if (classType.isModule && typeHint) {
        return new SimpleValue(
          ctx.insertNode('prim::ModuleContainerIndex', [value, index], [typeHint], range).output(),
        );
      }
      const getter = this.attr(ctx, range, '__getitem__');
      if (getter.call) return getter.call(ctx, range, [{ value: index, range }], [], 1);
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not subscriptable`);
  }

  /** What a `for` loop iterates over: the value itself for lists, strings and tensors, a dict's keys, a tuple's items. */
  iter(context: EmitContext, range: Range): SugaredValue {
    const ctx: Emitter = context as Emitter;
    const type = this.simpleValue.type;
    if (type.kind === 'ListType' || type.kind === 'StringType' || type.kind === 'TensorType') return this;
    if (type.kind === 'DictType') {
      return new SimpleValue(ctx.builtin('aten::keys', [{ value: this.simpleValue, range }], [], range));
    }
    if (type.kind === 'TupleType') {
      return new SugaredTupleValue(unpackTuple(ctx, this.simpleValue).map((v) => new SimpleValue(v)));
    }
    if (type.kind === 'ClassType') {
      // A ModuleList or Sequential yields its modules, a ModuleDict its keys: the loop is unrolled.
      const classType = type as ClassType;
      const container = moduleContainerKind(classType);
      const slots = moduleContainerSlots(classType);
      if (container === 'list') return new SugaredTupleValue(slots.map((slot) => this.attr(ctx, range, slot)));
      if (container === 'dict') {
        return new SugaredTupleValue(slots.map((slot) => new SimpleValue(ctx.graph.insertConstant(slot))));
      }
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not iterable`);
  }

  /** `module_dict.keys()`, `.values()`, `.items()`: tuples of constants and modules, for unrolled loops. */
  #moduleDictView(ctx: Emitter, range: Range, type: ClassType, name: string): SugaredValue {
    return {
      kind: `builtin method '${name}'`,
      call: () => {
        const slots = moduleContainerSlots(type);
        const key = (slot: string) => new SimpleValue(ctx.graph.insertConstant(slot));
        const module = (slot: string) => this.attr(ctx, range, slot);
        if (name === 'keys') return new SugaredTupleValue(slots.map(key));
        if (name === 'values') return new SugaredTupleValue(slots.map(module));
        return new SugaredTupleValue(slots.map((slot) => new SugaredTupleValue([key(slot), module(slot)])));
      },
    };
  }

  /** The items this value unpacks into (`a, b = x`). */
  asTuple(context: EmitContext, range: Range, sizeHint?: number): SugaredValue[] {
    const ctx: Emitter = context as Emitter;
    const type = this.simpleValue.type;
    if (type.kind === 'TupleType') return unpackTuple(ctx, this.simpleValue).map((v) => new SimpleValue(v));
    if (type.kind === 'ListType') {
      if (sizeHint === undefined) {
        ctx.error(range, 'cannot statically infer the expected size of a list in this context');
      }
      const element = (type as ListType).elementType;
      const node = ctx.insertNode(
        'prim::ListUnpack',
        [this.simpleValue],
        Array.from({ length: sizeHint }, () => element),
      );
      return node.outputs.map((v) => new SimpleValue(v));
    }
    return ctx.error(range, `${type.pythonStr()} cannot be used as a tuple`);
  }

  hasAttr(context: EmitContext, range: Range, name: string): boolean {
    const ctx: Emitter = context as Emitter;
    const type = this.simpleValue.type;
    if (type.kind !== 'ClassType') {
      ctx.error(range, `hasattr's first argument must be an object, got ${type.pythonStr()} instead`);
    }
    const classType = type as ClassType;
    return (
      ctx.findMethod(classType, name) !== undefined ||
      classType.findAttribute(name) !== undefined ||
      classType.constants.has(name)
    );
  }
}

/** `prim::TupleUnpack` of a tuple value, or the inputs of its `prim::TupleConstruct` (PyTorch's createTupleUnpack). */
export function unpackTuple(ctx: Emitter, tuple: Value): Value[] {
  if (tuple.node.kind === 'prim::TupleConstruct') return [...tuple.node.inputs];
  const type = tuple.type as TupleType;
  return [...ctx.insertNode('prim::TupleUnpack', [tuple], type.elements).outputs];
}

function isRecursive(classType: ClassType, type: JitType): boolean {
  if (type.isSubtypeOf(classType)) return true;
  return type.containedTypes().some((t) => isRecursive(classType, t));
}

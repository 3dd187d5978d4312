import { BoolType, type ClassAttributeKind, ClassType, type JitType } from '@tsjit/ir';
import type { Expr, FunctionDef, Range, Stmt } from '../../ast.js';
import type { ClassTypeDeclaration } from '../declare-class.js';
import { dottedName, type ScriptTypeParser, subscriptItems } from '../script-type-parser.js';
import { evaluateConstant } from './evaluate-constant.js';

type Body = Omit<ClassTypeDeclaration, 'kind' | 'def' | 'resolver'>;

// PyTorch's attributeAssignmentSpecialHandlingHack: old quantized modules declared their packed
// parameters as `_packed_params : Tensor`; the importer retypes them as the custom class.
const PACKED_PARAMS_RETYPE: ReadonlyMap<string, string> = new Map([
  ['__torch__.torch.ao.nn.quantized.modules.linear.LinearPackedParams', 'LinearPackedParamsBase'],
  ['__torch__.torch.ao.nn.quantized.modules.linear.Linear', 'LinearPackedParamsBase'],
  ['__torch__.torch.ao.nn.quantized.dynamic.modules.linear.Linear', 'LinearPackedParamsBase'],
  ['__torch__.torch.ao.nn.quantized.modules.conv.Conv2d', 'Conv2dPackedParamsBase'],
  ['__torch__.torch.nn.intrinsic.quantized.modules.conv_relu.ConvReLU2d', 'Conv2dPackedParamsBase'],
  ['__torch__.torch.ao.nn.quantized.modules.conv.Conv3d', 'Conv3dPackedParamsBase'],
  ['__torch__.torch.nn.intrinsic.quantized.modules.conv_relu.ConvReLU3d', 'Conv3dPackedParamsBase'],
  ['__torch__.torch.nn.quantized.modules.linear.LinearPackedParams', 'LinearPackedParamsBase'],
  ['__torch__.torch.nn.quantized.modules.linear.Linear', 'LinearPackedParamsBase'],
  ['__torch__.torch.nn.quantized.modules.conv.Conv2d', 'Conv2dPackedParamsBase'],
  ['__torch__.torch.nn.quantized.modules.conv.Conv3d', 'Conv3dPackedParamsBase'],
  ['__torch__.torch.nn.quantized.dynamic.modules.linear.Linear', 'LinearPackedParamsBase'],
]);

const NAME_LISTS = new Set(['__parameters__', '__buffers__', '__forward_pre_hooks__', '__forward_hooks__']);

interface Slot {
  readonly name: string;
  readonly annotation: Expr;
  readonly range: Range;
}

interface Constant {
  readonly name: string;
  readonly annotation: Expr;
  readonly value: Expr;
  readonly range: Range;
}

/**
 * The ClassType of a class or module body. Archive code (PyTorch's SourceImporterImpl::importClass)
 * declares every slot in the body; user source (the Python frontend) declares script-class
 * attributes in `__init__`, which the emitter reads, and module slots in the body.
 */
export function declareClassBody(
  def: { name: string; body: readonly Stmt[]; range: Range },
  qualifiedName: string,
  parser: ScriptTypeParser,
  isModule: boolean,
  declared?: (type: ClassType) => void,
): Body {
  const archive = parser.dialect === 'archive';
  const type = ClassType.named(qualifiedName, { isModule });
  declared?.(type);
  const lists = new Map<string, string[]>();
  const slots: Slot[] = [];
  const constants: Constant[] = [];
  const defs: FunctionDef[] = [];
  const unresolvedAttributes: string[] = [];

  for (const stmt of def.body) {
    switch (stmt.kind) {
      case 'FunctionDef':
        defs.push(stmt);
        break;
      case 'AnnAssign': {
        if (stmt.target.kind !== 'Name') parser.error(stmt.target.range, 'Expected a name for a class attribute');
        const name = stmt.target.id;
        if (!archive && !isModule) {
          // Script classes: the body only hints names; `__init__` declares the slots.
          unresolvedAttributes.push(name);
          break;
        }
        if (stmt.value && (archive || isFinal(stmt.annotation, parser))) {
          constants.push({ name, annotation: stmt.annotation, value: stmt.value, range: stmt.range });
        } else {
          // In user source a non-Final value is the class attribute's initial value, set on objects
          // by whoever builds them: the slot is what the body declares.
          slots.push({ name, annotation: stmt.annotation, range: stmt.range });
        }
        break;
      }
      case 'Assign': {
        if (stmt.targets.length !== 1) parser.error(stmt.range, 'Expected a single assignment target in a class body');
        const target = stmt.targets[0] as Expr;
        if (target.kind === 'Subscript') {
          // `__annotations__["0"] = T`: a slot whose name is not an identifier (ModuleList entries).
          if (!(target.value.kind === 'Name' && target.value.id === '__annotations__') || target.slice.kind !== 'Str') {
            parser.error(target.range, 'Expected `__annotations__["name"] = Type` in a class body');
          }
          if (!archive && !isModule)
            parser.error(target.range, '__annotations__ assignments are only allowed in module bodies');
          slots.push({ name: target.slice.value, annotation: stmt.value, range: stmt.range });
          break;
        }
        if (target.kind !== 'Name')
          parser.error(target.range, 'Expected a name or `__annotations__["name"]` in a class body');
        const name = target.id;
        if (name === '__annotations__') break; // initializes the annotations dict: nothing to declare
        if (NAME_LISTS.has(name) || name === '__constants__') {
          if (!isModule) {
            parser.error(target.range, `${name} is only allowed in a module body (class X(Module))`);
          }
          lists.set(name, stringList(stmt.value, parser));
          break;
        }
        if (!archive && !isModule) {
          for (const n of targetNames(target)) unresolvedAttributes.push(n);
          break;
        }
        parser.error(
          stmt.range,
          `Expected a type annotation on class attribute '${name}' (name : Type, or name : Final[Type] = value)`,
        );
        break;
      }
      case 'Pass':
        if (archive) parser.error(stmt.range, 'Unexpected statement kind in class body: pass');
        break;
      case 'Expr':
        // A docstring.
        if (!archive && stmt.value.kind === 'Str') break;
        parser.error(
          stmt.range,
          'Unexpected statement kind in class body: only attributes and method definitions are allowed',
        );
        break;
      default:
        parser.error(stmt.range, `Unexpected statement kind in class body: ${stmt.kind}`);
    }
  }

  const parameters = new Set(lists.get('__parameters__'));
  const buffers = new Set(lists.get('__buffers__'));
  const finalNames = new Set(lists.get('__constants__'));

  if (isModule && !archive && !slots.some((s) => s.name === 'training')) {
    // PyTorch's module types always carry `training`; user source need not write it.
    type.addAttribute('training', BoolType.get());
  }
  const demangled = qualifiedName.replace(/\.___torch_mangle_\d+/g, '');
  const packed = archive ? PACKED_PARAMS_RETYPE.get(demangled) : undefined;
  for (const slot of slots) {
    if (finalNames.has(slot.name)) {
      parser.error(
        slot.range,
        `'${slot.name}' is listed in __constants__ and needs a value (${slot.name} : Final[Type] = value)`,
      );
    }
    let slotType: JitType;
    if (
      packed &&
      slot.name === '_packed_params' &&
      slot.annotation.kind === 'Name' &&
      slot.annotation.id === 'Tensor'
    ) {
      slotType = parser.parseType(packedParamsAnnotation(packed, slot.annotation.range));
    } else {
      slotType = parser.parseType(slot.annotation);
    }
    const kind: ClassAttributeKind = parameters.has(slot.name)
      ? 'parameter'
      : buffers.has(slot.name)
        ? 'buffer'
        : 'attribute';
    if (type.findAttributeSlot(slot.name) !== undefined)
      parser.error(slot.range, `attribute '${slot.name}' is declared twice`);
    type.addAttribute(slot.name, slotType, kind);
  }
  for (const name of [...parameters, ...buffers]) {
    if (type.findAttribute(name) === undefined) {
      parser.error(
        def.range,
        `'${name}' is listed in ${parameters.has(name) ? '__parameters__' : '__buffers__'} but has no attribute annotation`,
      );
    }
  }
  for (const constant of constants) {
    const inner = finalType(constant, parser);
    const value = evaluateConstant(constant.value, inner && parser.parseType(inner), parser);
    if (type.findAttributeSlot(constant.name) !== undefined || type.constants.has(constant.name)) {
      parser.error(constant.range, `'${constant.name}' is declared twice`);
    }
    type.addConstant(constant.name, value.value);
  }
  for (const name of finalNames) {
    if (!type.constants.has(name)) {
      parser.error(def.range, `'${name}' is listed in __constants__ but has no value (${name} : Final[Type] = value)`);
    }
  }

  const hookNames = new Set(lists.get('__forward_hooks__'));
  const preHookNames = new Set(lists.get('__forward_pre_hooks__'));
  const methods: FunctionDef[] = [];
  const staticMethods: FunctionDef[] = [];
  const ignoredMethods: string[] = [];
  const ignoredDefs: FunctionDef[] = [];
  const hookDefs = new Map<string, FunctionDef>();
  const properties = new Map<string, { getter?: FunctionDef; setter?: FunctionDef; range: Range }>();
  const seen = new Set<string>();
  for (const fn of defs) {
    if (archive) {
      if (fn.decorators.length > 0)
        parser.error((fn.decorators[0] as Expr).range, 'decorators are not allowed in archive code');
      if (hookNames.has(fn.name) || preHookNames.has(fn.name)) {
        hookDefs.set(fn.name, fn);
        continue;
      }
      if (seen.has(fn.name)) parser.error(fn.range, `method '${fn.name}' is defined twice`);
      seen.add(fn.name);
      methods.push(fn);
      continue;
    }
    const role = decoratorRole(fn, parser);
    switch (role.kind) {
      case 'static':
        staticMethods.push(fn);
        break;
      case 'getter':
      case 'setter': {
        const property = properties.get(role.property) ?? { range: fn.range };
        if (property[role.kind])
          parser.error(fn.range, `the ${role.kind} of property '${role.property}' is defined twice`);
        property[role.kind] = role.drop ? unusedBody(fn) : fn;
        properties.set(role.property, property);
        break;
      }
      case 'ignore':
        if (isModule) {
          ignoredMethods.push(fn.name);
          ignoredDefs.push(fn);
          break;
        }
        // Script classes compile @ignore'd methods like any other (the Python frontend does).
        methods.push(fn);
        break;
      case 'unused':
        methods.push(unusedBody(fn));
        break;
      default:
        // A module's `__init__` runs in Python, never in TorchScript.
        if (isModule && fn.name === '__init__') {
          ignoredMethods.push(fn.name);
          break;
        }
        methods.push(fn);
    }
    if (role.kind !== 'getter' && role.kind !== 'setter') {
      if (seen.has(fn.name)) parser.error(fn.range, `method '${fn.name}' is defined twice`);
      seen.add(fn.name);
    }
  }
  for (const [name, property] of properties) {
    if (!property.getter) parser.error(property.range, `property '${name}' has a setter but no getter`);
    const getter = `__${name}_getter`;
    const setter = property.setter ? `__${name}_setter` : undefined;
    methods.push({ ...property.getter, name: getter, decorators: [] });
    if (property.setter) methods.push({ ...property.setter, name: setter as string, decorators: [] });
    type.addProperty(setter ? { name, getter, setter } : { name, getter });
  }

  const forwardHooks = [...(lists.get('__forward_hooks__') ?? [])].map((name) =>
    hook(name, hookDefs, def.range, parser),
  );
  const forwardPreHooks = [...(lists.get('__forward_pre_hooks__') ?? [])].map((name) =>
    hook(name, hookDefs, def.range, parser),
  );
  return {
    type,
    source: parser.text,
    methods,
    staticMethods,
    forwardHooks,
    forwardPreHooks,
    ignoredMethods,
    ignoredDefs,
    unresolvedAttributes,
  };
}

function hook(
  name: string,
  defs: ReadonlyMap<string, FunctionDef>,
  range: Range,
  parser: ScriptTypeParser,
): FunctionDef {
  const fn = defs.get(name);
  if (!fn) parser.error(range, `hook '${name}' is listed but not defined in the class body`);
  return fn;
}

function stringList(expr: Expr, parser: ScriptTypeParser): string[] {
  if (expr.kind !== 'List' && expr.kind !== 'Tuple')
    parser.error(expr.range, 'Expected a list of attribute names (["a", "b", ])');
  return expr.elts.map((e) => {
    if (e.kind !== 'Str') parser.error(e.range, 'Expected an attribute name (a string literal)');
    return e.value;
  });
}

function targetNames(expr: Expr): string[] {
  if (expr.kind === 'Name') return [expr.id];
  if (expr.kind === 'Tuple' || expr.kind === 'List') return expr.elts.flatMap(targetNames);
  return [];
}

function isFinal(annotation: Expr, parser: ScriptTypeParser): boolean {
  const base = annotation.kind === 'Subscript' ? annotation.value : annotation;
  const name = parser.baseTypeName(base);
  return name === 'Final' || name === 'typing.Final' || name === 'torch.jit.Final';
}

/** `Final[T]` → T (the C++ importer's parseClassConstant). */
function finalType(constant: Constant, parser: ScriptTypeParser): Expr | undefined {
  const annotation = constant.annotation;
  if (annotation.kind !== 'Subscript') {
    if (parser.dialect === 'source' && dottedName(annotation)?.endsWith('Final')) return undefined;
    parser.error(constant.range, 'Expected subscripted type for class constant');
  }
  const base = parser.baseTypeName(annotation.value);
  if (base === undefined) parser.error(annotation.value.range, 'Subscripted type must be a type identifier');
  if (base !== 'Final' && base !== 'torch.jit.Final' && base !== 'typing.Final') {
    parser.error(annotation.range, 'Base type must be Final for class constant');
  }
  const items = subscriptItems(annotation.slice);
  if (items.length !== 1)
    parser.error(annotation.range, ` expected exactly one element type but found ${items.length}`);
  return items[0];
}

function packedParamsAnnotation(className: string, range: Range): Expr {
  const parts = ['__torch__', 'torch', 'classes', 'quantized', className];
  let expr: Expr = { kind: 'Name', id: parts[0] as string, range };
  for (const part of parts.slice(1)) expr = { kind: 'Attribute', value: expr, attr: part, range };
  return expr;
}

type Role =
  | { kind: 'method' }
  | { kind: 'static' }
  | { kind: 'ignore' }
  | { kind: 'unused' }
  | { kind: 'getter' | 'setter'; property: string; drop: boolean };

const EXPORT = new Set(['torch.jit.export', 'jit.export']);
const UNUSED = new Set(['torch.jit.unused', 'jit.unused']);
const IGNORE = new Set(['torch.jit.ignore', 'jit.ignore']);

/** What a method's decorators make of it, as PyTorch's Python frontend reads them. */
function decoratorRole(fn: FunctionDef, parser: ScriptTypeParser): Role {
  let role: Role = { kind: 'method' };
  let drop = false;
  for (const decorator of fn.decorators) {
    const call = decorator.kind === 'Call' ? decorator : undefined;
    const name = dottedName(call ? call.func : decorator);
    if (name !== undefined && EXPORT.has(name) && !call) continue;
    if (name !== undefined && UNUSED.has(name) && !call) {
      drop = true;
      if (role.kind === 'method') role = { kind: 'unused' };
      continue;
    }
    if (name !== undefined && IGNORE.has(name)) {
      // `@torch.jit.ignore(drop=True)` is `@torch.jit.unused`.
      const dropKeyword = call?.keywords.find((k) => k.name === 'drop');
      if (call && (call.args.length > 0 || call.keywords.some((k) => k.name !== 'drop'))) {
        parser.error(decorator.range, '@torch.jit.ignore takes only drop=True or drop=False');
      }
      const dropValue = dropKeyword?.value;
      if (dropValue && !(dropValue.kind === 'Constant' && typeof dropValue.value === 'boolean')) {
        parser.error(dropValue.range, 'drop= must be True or False');
      }
      if (dropValue?.kind === 'Constant' && dropValue.value === true) {
        drop = true;
        if (role.kind === 'method') role = { kind: 'unused' };
      } else if (role.kind === 'method') {
        role = { kind: 'ignore' };
      }
      continue;
    }
    if (name === 'staticmethod' && !call) {
      role = { kind: 'static' };
      continue;
    }
    if (name === 'property' && !call) {
      role = { kind: 'getter', property: fn.name, drop };
      continue;
    }
    const setter = name !== undefined && !call ? /^([A-Za-z_][A-Za-z_0-9]*)\.setter$/.exec(name) : null;
    if (setter) {
      if (setter[1] !== fn.name)
        parser.error(decorator.range, `the setter of property '${setter[1]}' must be called '${setter[1]}'`);
      role = { kind: 'setter', property: fn.name, drop };
      continue;
    }
    if (name === 'classmethod') parser.error(decorator.range, '@classmethod is not supported in TorchScript classes');
    parser.error(
      decorator.range,
      `Unsupported decorator: ${name ?? 'this expression'} (TorchScript allows @torch.jit.export, @torch.jit.ignore, @torch.jit.unused, @staticmethod, @property and @<name>.setter)`,
    );
  }
  if ((role.kind === 'getter' || role.kind === 'setter') && drop) return { ...role, drop: true };
  return role;
}

/**
 * A `@torch.jit.unused` method, as PyTorch's Python frontend rewrites it: its body raises, and
 * its parameters are typed Any (their annotations need not be TorchScript's).
 */
function unusedBody(fn: FunctionDef): FunctionDef {
  const r = fn.range;
  const any = (range: Range): Expr => ({ kind: 'Name', id: 'Any', range });
  const retype = <T extends { annotation: Expr | null; range: Range }>(a: T): T => ({ ...a, annotation: any(a.range) });
  const raise: Stmt = {
    kind: 'Raise',
    exc: {
      kind: 'Call',
      func: { kind: 'Name', id: 'RuntimeError', range: r },
      args: [{ kind: 'Str', value: 'Cannot call @unused methods', range: r }],
      keywords: [],
      range: r,
    },
    cause: null,
    range: r,
  };
  return {
    ...fn,
    args: {
      ...fn.args,
      posonlyargs: fn.args.posonlyargs.map(retype),
      args: fn.args.args.map(retype),
      kwonlyargs: fn.args.kwonlyargs.map(retype),
      vararg: null,
      kwarg: null,
    },
    body: [raise],
    decorators: [],
    typeComment: null,
  };
}

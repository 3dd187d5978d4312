// src/compilation-unit.ts
import { ClassType } from "@tsjit/ir";

// src/emitter/default-builtins.ts
import { NoneType as NoneType3 } from "@tsjit/ir";

// src/emitter/builtins/builtin-attr.ts
import { IntType as IntType2, StringType as StringType3 } from "@tsjit/ir";

// src/emitter/schema-matching.ts
import {
  BoolType,
  FloatType,
  IntType,
  ListType as ListType2,
  NoneType as NoneType2,
  NumberType,
  parseSchema as parseSchema2,
  StringType as StringType2,
  TensorType as TensorType2,
  TupleType as TupleType2
} from "@tsjit/ir";

// src/emitter/builtins/builtin-functions.ts
import { parseSchema, StringType } from "@tsjit/ir";
function builtinFunctionsFor(qualifiedName) {
  return table().get(qualifiedName) ?? NONE;
}
var NONE = Object.freeze([]);
var built;
function table() {
  if (built) return built;
  const map = /* @__PURE__ */ new Map();
  const define = (namespace, schemaText, body) => {
    const schema = parseSchema(schemaText);
    const name = `${namespace}::${schema.name}`;
    let list = map.get(name);
    if (!list) {
      list = [];
      map.set(name, list);
    }
    list.push({ schema, emit: body });
  };
  for (const scalar of ["float", "int", "complex"]) {
    const sig = `(${scalar} a, Tensor b) -> Tensor`;
    define("aten", `mul${sig}`, (e, [a, b]) => e.call("aten::mul", [b, a]));
    define("aten", `add${sig}`, (e, [a, b]) => e.call("aten::add", [b, a]));
    define("aten", `ne${sig}`, (e, [a, b]) => e.call("aten::ne", [b, a]));
    define("aten", `eq${sig}`, (e, [a, b]) => e.call("aten::eq", [b, a]));
    define("aten", `sub${sig}`, (e, [a, b]) => e.call("aten::add", [e.call("aten::neg", [b]), a]));
    define("aten", `div${sig}`, (e, [a, b]) => e.call("aten::mul", [e.call("aten::reciprocal", [b]), a]));
  }
  for (const scalar of ["float", "int"]) {
    const sig = `(${scalar} a, Tensor b) -> Tensor`;
    define("aten", `lt${sig}`, (e, [a, b]) => e.call("aten::gt", [b, a]));
    define("aten", `le${sig}`, (e, [a, b]) => e.call("aten::ge", [b, a]));
    define("aten", `gt${sig}`, (e, [a, b]) => e.call("aten::lt", [b, a]));
    define("aten", `ge${sig}`, (e, [a, b]) => e.call("aten::le", [b, a]));
  }
  for (const scalar of ["float", "int"]) {
    for (const [name, n] of [
      ["single", 1],
      ["pair", 2],
      ["triple", 3],
      ["quadruple", 4]
    ]) {
      define("aten", `_${name}(${scalar}[${n}] x) -> ${scalar}[]`, (_e, [x]) => x);
    }
  }
  for (const rhs of ["Scalar", "Tensor"]) {
    define(
      "aten",
      `floordiv(Tensor self, ${rhs} other) -> Tensor`,
      (e, [self, other]) => e.call("aten::floor_divide", [self, other])
    );
  }
  define("aten", "_assert_int_or_pair(int[] vals, str name, str message) -> NoneType", (e) => e.constant(null));
  define("aten", "list_with_default(int[] out_size, int[] defaults) -> int[]", (e, [outSize, defaults]) => {
    const condition = e.call("aten::gt", [e.call("aten::len", [defaults]), e.call("aten::len", [outSize])]);
    emitAssert(e, condition, e.constant("", StringType.get()));
    return outSize;
  });
  define("aten", "_assert(bool condition, str message) -> NoneType", (e, [condition, message]) => {
    emitAssert(e, condition, message);
    return e.constant(null);
  });
  define("aten", "device(str type) -> Device", (e, [type]) => e.call("aten::device", [type]));
  define(
    "aten",
    "type(Tensor self, int dtype, bool non_blocking=False, bool copy=False) -> Tensor",
    (e, [self, dtype, nonBlocking, copy]) => e.call("aten::to", [self, dtype, nonBlocking, copy])
  );
  define("aten", "_assert(Tensor condition, str message) -> NoneType", (e, [condition, message]) => {
    emitAssert(e, e.call("aten::Bool", [condition]), message);
    return e.constant(null);
  });
  define("aten", "__contains__(str self, str key) -> bool", (e, [self, key]) => {
    const found = e.call("aten::find", [self, key, e.constant({ kind: "int", value: 0 }), e.call("aten::len", [self])]);
    return e.call("aten::ne", [found, e.constant({ kind: "int", value: -1 })]);
  });
  define("prim", "ndim(Tensor a) -> int", (e, [a]) => e.call("aten::dim", [a]));
  define("prim", "T(Tensor a) -> Tensor", (e, [a]) => e.call("aten::numpy_T", [a]));
  define("prim", "H(Tensor a) -> Tensor", (e, [a]) => e.call("aten::matrix_H", [a]));
  define("prim", "mT(Tensor a) -> Tensor", (e, [a]) => e.call("aten::mT", [a]));
  define("prim", "mH(Tensor a) -> Tensor", (e, [a]) => e.call("aten::mH", [a]));
  define("prim", "shape(Tensor a) -> int[]", (e, [a]) => e.call("aten::size", [a]));
  built = map;
  return map;
}
function emitAssert(e, condition, message) {
  const graph = e.ctx.graph;
  const node = graph.create("prim::If", [condition], 0);
  const sourceRange = e.ctx.sourceRange?.(e.range);
  if (sourceRange) node.setSourceRange(sourceRange);
  graph.insertNode(node);
  node.addBlock();
  const otherwise = node.addBlock();
  graph.withInsertPoint(otherwise, () => {
    const text = e.call("aten::add", [e.constant("AssertionError: ", StringType.get()), message]);
    const raise = graph.create("prim::RaiseException", [text, e.constant(null)], 0);
    if (sourceRange) raise.setSourceRange(sourceRange);
    graph.insertNode(raise);
  });
}

// src/emitter/type-variables.ts
import {
  DictType,
  FutureType,
  ListType,
  NoneType,
  OptionalType,
  RRefType,
  TensorType,
  TupleType,
  UnionType
} from "@tsjit/ir";
function hasFreeVariables(type) {
  if (type.kind === "VarType") return true;
  return type.containedTypes().some(hasFreeVariables);
}
function unifyTypes(t1, t2, defaultToUnion = false, typeHint) {
  const unified = unifyTypesImpl(t1, t2, defaultToUnion, typeHint);
  if (unified === void 0 && defaultToUnion) return UnionType.of([t1, t2]);
  return unified;
}
function unifyTypesImpl(t1, t2, defaultToUnion, typeHint) {
  if (t1.isSubtypeOf(t2)) return t2;
  if (t2.isSubtypeOf(t1)) return t1;
  if (t1.kind === "TensorType" && t2.kind === "TensorType") return mergeTensorTypes(t1, t2);
  const none = NoneType.get();
  const t1None = t1.isSubtypeOf(none);
  const t2None = t2.isSubtypeOf(none);
  if (t1None && !t2None) return OptionalType.of(t2);
  if (t2None && !t1None) return OptionalType.of(t1);
  if (t1.kind === "OptionalType") {
    const element = unifyTypes(t1.elementType, t2);
    if (element) return OptionalType.of(element);
  } else if (t2.kind === "OptionalType") {
    const element = unifyTypes(t2.elementType, t1);
    if (element) return OptionalType.of(element);
  }
  if (t1.kind === "TupleType" && t2.kind === "TupleType") {
    const a = t1.elements;
    const b = t2.elements;
    if (a.length !== b.length) return void 0;
    const elements = [];
    for (let i = 0; i < a.length; i++) {
      const element = unifyTypes(a[i], b[i], defaultToUnion);
      if (!element) return void 0;
      elements.push(element);
    }
    return TupleType.of(elements);
  }
  if (t1.kind === "FutureType" && t2.kind === "FutureType") {
    const element = unifyTypes(t1.elementType, t2.elementType);
    if (element) return FutureType.of(element);
  }
  const u1 = unshapedType(t1);
  const u2 = unshapedType(t2);
  if (u1.isSubtypeOf(u2)) return u2;
  if (u2.isSubtypeOf(u1)) return u1;
  if (typeHint && t1.isSubtypeOf(typeHint) && t2.isSubtypeOf(typeHint)) return typeHint;
  return void 0;
}
function mergeTensorTypes(a, b) {
  const same = (x, y) => x === y ? x : void 0;
  const mergeDims = (x, y) => {
    if (!x || !y || x.length !== y.length) return void 0;
    return x.map((d, i) => d === y[i] ? d : null);
  };
  const sizes = mergeDims(a.sizes, b.sizes);
  const strides = sizes ? mergeDims(a.strides, b.strides) : void 0;
  return TensorType.create({
    scalarType: same(a.scalarType, b.scalarType),
    sizes,
    strides: strides && strides.length === sizes?.length ? strides : void 0,
    requiresGrad: same(a.requiresGrad, b.requiresGrad),
    device: same(a.device, b.device)
  });
}
function unshapedType(type) {
  if (type.kind === "TensorType") return TensorType.get();
  if (type.containedTypes().length === 0) return type;
  return withContained(type, type.containedTypes().map(unshapedType));
}
function unifyTypeList(elements, defaultToUnion = false, typeHint) {
  if (elements.length === 0) return { failure: "Cannot get unified type from empty list" };
  let result = elements[0];
  for (let i = 1; i < elements.length; i++) {
    const unified = unifyTypes(result, elements[i], defaultToUnion, typeHint);
    if (!unified) {
      return {
        failure: `Could not unify type list since element ${i} of type ${elements[i].pythonStr()} did not match the types before it (${result.pythonStr()})`
      };
    }
    result = unified;
  }
  return { type: result };
}
function matchTypeVariables(formal, actual, env) {
  if (!hasFreeVariables(formal)) return void 0;
  switch (formal.kind) {
    case "VarType": {
      const name = formal.name;
      const bound = env.get(name);
      if (bound === void 0) {
        env.set(name, actual);
        return void 0;
      }
      if (unifyTypes(bound, actual)) return void 0;
      return `Type variable '${name}' previously matched to type ${bound.pythonStr()} is matched to type ${actual.pythonStr()}`;
    }
    case "ListType": {
      const element = formal.elementType;
      if (actual.kind === "ListType") return matchTypeVariables(element, actual.elementType, env);
      if (actual.kind === "TupleType") {
        const unified = unifyTypeList(actual.elements);
        if ("type" in unified) return matchTypeVariables(element, unified.type, env);
      }
      return `Cannot match ${formal.pythonStr()} to ${actual.pythonStr()}`;
    }
    case "TupleType": {
      if (actual.kind !== "TupleType") return `Cannot match a tuple to ${actual.pythonStr()}`;
      const a = formal.elements;
      const b = actual.elements;
      if (a.length !== b.length) return "Cannot match tuples of mismatched size";
      for (let i = 0; i < a.length; i++) {
        const failure = matchTypeVariables(a[i], b[i], env);
        if (failure !== void 0) return failure;
      }
      return void 0;
    }
    case "FutureType":
      if (actual.kind !== "FutureType") return `Cannot match a future to ${actual.pythonStr()}`;
      return matchTypeVariables(formal.elementType, actual.elementType, env);
    case "RRefType":
      if (actual.kind !== "RRefType") return `Cannot match a rref to ${actual.pythonStr()}`;
      return matchTypeVariables(formal.elementType, actual.elementType, env);
    case "OptionalType": {
      const element = formal.elementType;
      if (actual.kind === "OptionalType") return matchTypeVariables(element, actual.elementType, env);
      if (!actual.isSubtypeOf(NoneType.get())) return matchTypeVariables(element, actual, env);
      return void 0;
    }
    case "DictType": {
      if (actual.kind !== "DictType") return `Cannot match a dict to ${actual.pythonStr()}`;
      const f = formal;
      const a = actual;
      return matchTypeVariables(f.keyType, a.keyType, env) ?? matchTypeVariables(f.valueType, a.valueType, env);
    }
    default:
      return `Cannot match ${formal.pythonStr()} to ${actual.pythonStr()}`;
  }
}
function evalTypeVariables(type, env) {
  if (!hasFreeVariables(type)) return type;
  if (type.kind === "VarType") return env.get(type.name);
  const contained = [];
  for (const t of type.containedTypes()) {
    const evaluated = evalTypeVariables(t, env);
    if (!evaluated) return void 0;
    contained.push(evaluated);
  }
  return withContained(type, contained);
}
function withContained(type, contained) {
  switch (type.kind) {
    case "ListType":
      return ListType.of(contained[0]);
    case "OptionalType":
      return OptionalType.of(contained[0]);
    case "FutureType":
      return FutureType.of(contained[0]);
    case "RRefType":
      return RRefType.of(contained[0]);
    case "DictType":
      return DictType.isValidKeyType(contained[0]) ? DictType.of(contained[0], contained[1]) : type;
    case "TupleType": {
      const tuple = type;
      return TupleType.of(contained, { names: tuple.names, qualifiedName: tuple.qualifiedName });
    }
    case "UnionType":
      return UnionType.of(contained);
    default:
      return type;
  }
}

// src/emitter/schema-matching.ts
function matchSchema(ctx, schema, range, args, kwargs, self, options = {}) {
  const plan = planMatch(schema, args, kwargs, self, options.allowConversions ?? true);
  if ("failure" in plan) return plan;
  return applyPlan(ctx, range, plan);
}
function emitBuiltinCall(ctx, registry, name, args, kwargs, range, self) {
  const operators = registry.lookup(name);
  const functions = builtinFunctionsFor(name);
  const candidates = [...operators, ...functions.map((f) => f.schema)];
  if (candidates.length === 0) ctx.error(range, unknownBuiltinMessage(name, registry));
  const chosen = chooseOverload(candidates, args, kwargs, self);
  if ("failure" in chosen) ctx.error(range, chosen.failure);
  const matched = applyPlan(ctx, range, chosen.plan);
  if (chosen.index < operators.length) return emitBuiltinNode(ctx, range, matched);
  const fn = functions[chosen.index - operators.length];
  return fn.emit(builtinEmitter(ctx, registry, range), matched.inputs);
}
function chooseOverload(schemas, args, kwargs, self) {
  if (schemas.length === 1) {
    const plan = planMatch(schemas[0], args, kwargs, self, true);
    if ("failure" in plan) return { failure: plan.failure.trimEnd() };
    return { index: 0, plan };
  }
  let failures = [];
  for (const allowConversions of [false, true]) {
    failures = [];
    for (let i = 0; i < schemas.length; i++) {
      const plan = planMatch(schemas[i], args, kwargs, self, allowConversions);
      if (!("failure" in plan)) return { index: i, plan };
      failures.push(plan.failure);
    }
  }
  const listing = prefixLines(failures.map((f) => `
${f}`).join(""), "  ");
  return { failure: `Arguments for call are not valid.
The following variants are available:
${listing}`.trimEnd() };
}
function emitBuiltinNode(ctx, range, matched) {
  const graph = ctx.graph;
  const node = graph.create(matched.schema.name, matched.inputs, 0);
  for (const type of matched.returnTypes) node.addOutput(type);
  node.setSchema(matched.schema);
  const sourceRange = ctx.sourceRange?.(range);
  if (sourceRange) node.setSourceRange(sourceRange);
  graph.insertNode(node);
  return packOutputs(ctx, node.outputs, matched.returnFieldNames);
}
function packOutputs(ctx, values, fieldNames) {
  if (values.length === 1) return values[0];
  const types = values.map((v) => v.type);
  const type = TupleType2.of(types, fieldNames ? { names: fieldNames } : {});
  const node = ctx.graph.create("prim::TupleConstruct", values, 1);
  node.output().setType(type);
  return ctx.graph.insertNode(node).output();
}
function applyPlan(ctx, range, plan) {
  const builder = new Builder(ctx, range);
  const inputs = plan.inputs.map((p) => p.get(builder));
  return {
    inputs,
    returnTypes: plan.returnTypes,
    schema: plan.schema,
    ...plan.returnFieldNames ? { returnFieldNames: plan.returnFieldNames } : {}
  };
}
var Pending = class _Pending {
  type;
  existing;
  #build;
  #built;
  constructor(type, existing, build) {
    this.type = type;
    this.existing = existing;
    this.#build = build;
  }
  static of(value) {
    return new _Pending(value.type, value, void 0);
  }
  static lazy(type, build) {
    return new _Pending(type, void 0, build);
  }
  get(b) {
    if (this.existing) return this.existing;
    if (!this.#built) this.#built = this.#build(b);
    return this.#built;
  }
};
var Builder = class {
  ctx;
  range;
  constructor(ctx, range) {
    this.ctx = ctx;
    this.range = range;
  }
  /** A node with one output of `type`; with `schema`, a builtin op carrying the call's source range. */
  insert(kind, inputs, type, schema) {
    const node = this.ctx.graph.create(kind, inputs, 1);
    node.output().setType(type);
    if (schema) {
      node.setSchema(schema);
      const sourceRange = this.ctx.sourceRange?.(this.range);
      if (sourceRange) node.setSourceRange(sourceRange);
    }
    return this.ctx.graph.insertNode(node).output();
  }
  constant(value, type) {
    return this.ctx.graph.insertConstant(value, { type });
  }
};
function pendingList(elementType, items) {
  return Pending.lazy(
    ListType2.of(elementType),
    (b) => b.insert(
      "prim::ListConstruct",
      items.map((p) => p.get(b)),
      ListType2.of(elementType)
    )
  );
}
function pendingTuple(items) {
  const type = TupleType2.of(items.map((p) => p.type));
  return Pending.lazy(
    type,
    (b) => b.insert(
      "prim::TupleConstruct",
      items.map((p) => p.get(b)),
      type
    )
  );
}
function unpackTuple(tuple) {
  const elements = tuple.type.elements;
  if (tuple.existing?.node.kind === "prim::TupleConstruct") return tuple.existing.node.inputs.map(Pending.of);
  let outputs;
  const unpack = (b) => {
    if (!outputs) {
      const node = b.ctx.graph.create("prim::TupleUnpack", [tuple.get(b)], 0);
      for (const t of elements) node.addOutput(t);
      outputs = b.ctx.graph.insertNode(node).outputs;
    }
    return outputs;
  };
  return elements.map((t, i) => Pending.lazy(t, (b) => unpack(b)[i]));
}
var CONVERSION_SCHEMAS = /* @__PURE__ */ new Map();
function conversionSchema(text) {
  let schema = CONVERSION_SCHEMAS.get(text);
  if (!schema) {
    schema = parseSchema2(text);
    CONVERSION_SCHEMAS.set(text, schema);
  }
  return schema;
}
function pendingConversion(p, schemaText) {
  const schema = conversionSchema(schemaText);
  const type = schema.returns[0].type;
  return Pending.lazy(type, (b) => b.insert(schema.name, [p.get(b)], type, schema));
}
function unwrapOptional(type) {
  return type.kind === "OptionalType" ? type.elementType : type;
}
function convertibleToList(type, listType) {
  if (listType.kind !== "ListType") return false;
  if (type.isSubtypeOf(listType)) return true;
  if (type.kind === "TupleType") {
    const element = listType.elementType;
    return type.elements.every((t) => t.isSubtypeOf(element));
  }
  return false;
}
function tryConvertToType(concrete, value, allowConversions) {
  if (concrete.kind === "OptionalType") {
    if (value.type.kind !== "OptionalType" && !value.type.isSubtypeOf(NoneType2.get())) {
      return tryConvertToType(concrete.elementType, value, allowConversions);
    }
  }
  if (value.existing?.node.kind === "prim::EmptyListLiteral" && concrete.kind === "ListType") {
    value = pendingList(concrete.elementType, []);
  }
  if (value.type.kind === "TupleType") {
    const tupleType = value.type;
    const target = unwrapOptional(concrete);
    if (convertibleToList(value.type, target)) {
      value = pendingList(target.elementType, unpackTuple(value));
    }
    if (concrete.kind === "TupleType") {
      const concreteTuple = concrete;
      if (!tupleType.isSubtypeOf(concreteTuple) && concreteTuple.elements.length === tupleType.elements.length) {
        const items = unpackTuple(value).map(
          (item, i) => tryConvertToType(concreteTuple.elements[i], item, allowConversions)
        );
        value = pendingTuple(items);
      }
    }
  }
  if (allowConversions) {
    const type = value.type;
    if (type.isSubtypeOf(TensorType2.get())) {
      switch (concrete.kind) {
        case "FloatType":
          value = pendingConversion(value, "aten::FloatImplicit(Tensor a) -> float");
          break;
        case "ComplexType":
          value = pendingConversion(value, "aten::ComplexImplicit(Tensor a) -> complex");
          break;
        case "IntType":
          value = pendingConversion(value, "aten::IntImplicit(Tensor a) -> int");
          break;
        case "NumberType":
          value = pendingConversion(value, "aten::ScalarImplicit(Tensor a) -> Scalar");
          break;
      }
    } else if (type.equals(NumberType.get())) {
      switch (concrete.kind) {
        case "FloatType":
          value = pendingConversion(value, "aten::Float.Scalar(Scalar a) -> float");
          break;
        case "ComplexType":
          value = pendingConversion(value, "aten::Complex.Scalar(Scalar a) -> complex");
          break;
        case "IntType":
          value = pendingConversion(value, "aten::Int.Scalar(Scalar a) -> int");
          break;
      }
    }
    if (value.type.kind === "StringType" && concrete.kind === "DeviceObjType") {
      return pendingConversion(value, "aten::device(str a) -> Device");
    }
  }
  return value;
}
var Failure = class {
  schema;
  text = "";
  constructor(schema) {
    this.schema = schema;
  }
  add(message) {
    this.text += `${this.text ? "\n" : ""}${this.schema.toString()}:
${message}`;
  }
};
function isIntOrFloatUsedAsList(type, arg) {
  if (type.kind !== "IntType" && type.kind !== "FloatType") return false;
  const formal = unwrapOptional(arg.type);
  return formal.kind === "ListType" && formal.elementType.equals(type) && arg.N !== void 0;
}
function tryMatchArgument(arg, value, failure, allowConversions, env) {
  if (isIntOrFloatUsedAsList(value.type, arg)) {
    value = pendingList(value.type, new Array(arg.N).fill(value));
  }
  const reason = matchTypeVariables(arg.type, value.type, env);
  if (reason !== void 0) {
    failure.add(
      `Could not match type ${value.type.pythonStr()} to ${arg.type.pythonStr()} in argument '${arg.name}': ${reason}.
`
    );
    return void 0;
  }
  const concrete = evalTypeVariables(arg.type, env);
  if (!concrete) {
    failure.add(
      `Type variables in type ${arg.type.pythonStr()} could not be inferred from actual type ${value.type.pythonStr()}`
    );
    return void 0;
  }
  const converted = tryConvertToType(concrete, value, allowConversions);
  if (!converted.type.isSubtypeOf(concrete)) {
    let message = `Expected a value of type '${arg.type.pythonStr()}' for argument '${arg.name}' but instead found type '${converted.type.pythonStr()}'.
`;
    if (converted.type.kind === "ListType" && converted.type.elementType.isSubtypeOf(TensorType2.get())) {
      message += "Empty lists default to List[Tensor]. Add a variable annotation to the assignment to create an empty list of another type (torch.jit.annotate(List[T, []]) where T is the type of elements in the list for Python 2)\n";
    }
    failure.add(message);
    return void 0;
  }
  return converted;
}
function varargsCanBeUsedAsList(schema, index, arg) {
  const isLast = index + 1 === schema.arguments.length || schema.arguments[index + 1].kwargOnly;
  const type = arg.type;
  if (type.kind !== "ListType") return false;
  if (type.elementType.kind === "VarType") return false;
  return isLast && arg.N === void 0;
}
function findKeyword(name, kwargs, isAten) {
  for (let i = 0; i < kwargs.length; i++) {
    if (isAten && name === "self" && kwargs[i].name === "input") return i;
    if (kwargs[i].name === name) return i;
  }
  return -1;
}
function isBlockListed(schema) {
  return schema.name === "aten::view" && schema.overloadName === "dtype";
}
function planMatch(schema, args, kwargs, self, allowConversions) {
  const failure = new Failure(schema);
  if (isBlockListed(schema)) {
    failure.add("This overload is never matched (ScalarType and int cannot be told apart).\n");
    return { failure: failure.text };
  }
  const env = /* @__PURE__ */ new Map();
  const inputs = [];
  const usedKwarg = new Array(kwargs.length).fill(false);
  const isAten = schema.namespace === "aten";
  let selfLeft = self;
  let usedArgs = 0;
  for (let i = 0; i < schema.arguments.length; i++) {
    const arg = schema.arguments[i];
    let actual;
    if (arg.name === "self" && selfLeft) {
      actual = Pending.of(selfLeft.value);
      selfLeft = void 0;
    } else if (!arg.kwargOnly && usedArgs < args.length) {
      if (allowConversions && varargsCanBeUsedAsList(schema, i, arg)) {
        const actualType = args[usedArgs].value.type;
        if (actualType.kind !== "ListType" && !convertibleToList(actualType, unwrapOptional(arg.type))) {
          const elementType = unwrapOptional(arg.type).elementType;
          const elementArg = { name: "<varargs>", type: elementType, N: void 0 };
          const items = [];
          for (const named2 of args.slice(usedArgs)) {
            const item = tryMatchArgument(elementArg, Pending.of(named2.value), failure, allowConversions, env);
            if (!item) return { failure: failure.text };
            items.push(item);
          }
          usedArgs = args.length;
          inputs.push(pendingList(elementType, items));
          continue;
        }
      }
      actual = Pending.of(args[usedArgs].value);
      usedArgs++;
    } else {
      const k = findKeyword(arg.name, kwargs, isAten);
      if (k >= 0) {
        if (usedKwarg[k]) {
          failure.add(`Argument ${kwargs[k].name} specified twice in schema, submit a bug report!
`);
          return { failure: failure.text };
        }
        usedKwarg[k] = true;
        actual = Pending.of(kwargs[k].value);
      } else if (arg.defaultValue !== void 0) {
        actual = defaultPending(arg);
      } else {
        failure.add(`Argument ${arg.name} not provided.
`);
        return { failure: failure.text };
      }
    }
    const matched = tryMatchArgument(arg, actual, failure, allowConversions, env);
    if (!matched) return { failure: failure.text };
    inputs.push(matched);
  }
  if (schema.isVararg) {
    for (; usedArgs < args.length; usedArgs++) inputs.push(Pending.of(args[usedArgs].value));
  }
  if (usedArgs < args.length) {
    failure.add(`Expected at most ${usedArgs} arguments but found ${args.length} positional arguments.
`);
    return { failure: failure.text };
  }
  for (let k = 0; k < kwargs.length; k++) {
    if (usedKwarg[k]) continue;
    const name = kwargs[k].name ?? "";
    if (schema.argumentIndex(name) < 0) failure.add(`Keyword argument ${name} unknown.
`);
    else failure.add(`Keyword argument ${name} specified twice.
`);
    return { failure: failure.text };
  }
  const returnTypes = [];
  for (const r of schema.returns) {
    const type = evalTypeVariables(r.type, env);
    if (!type) {
      failure.add(`${r.type.pythonStr()} has unbound type variables.
`);
      return { failure: failure.text };
    }
    returnTypes.push(type);
  }
  const named = schema.returns.every((r) => r.name.length > 0);
  return {
    schema,
    inputs,
    returnTypes,
    ...named ? { returnFieldNames: schema.returns.map((r) => r.name) } : {}
  };
}
function defaultPending(arg) {
  const { value, type } = defaultConstant(arg.defaultValue, arg.type);
  return Pending.lazy(type, (b) => b.constant(value, type));
}
function defaultConstant(value, formal) {
  const type = unwrapOptional(formal);
  if (value === null) return { value: null, type: NoneType2.get() };
  if (Array.isArray(value)) {
    const listType = type.kind === "ListType" ? type : ListType2.of(TensorType2.get());
    const items = value.map((v) => defaultConstant(v, listType.elementType).value);
    return { value: items, type: listType };
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const scalar = value;
    if (scalar.kind === "int" && type.kind === "FloatType") {
      return { value: { kind: "float", value: Number(scalar.value) }, type };
    }
    return { value: scalar, type: scalar.kind === "int" ? intType() : floatType() };
  }
  return { value, type: constantType(value) };
}
function prefixLines(text, prefix) {
  let out = "";
  let atLineStart = true;
  for (const ch of text) {
    if (atLineStart) out += prefix;
    out += ch;
    atLineStart = ch === "\n";
  }
  return out;
}
function unknownBuiltinMessage(name, registry) {
  const similar = similarOperators(name, registry);
  if (similar.length === 0) {
    return `Unknown builtin op: ${name}.
Could not find any similar ops to ${name}. This op may not exist or may not be currently supported in TorchScript.`;
  }
  return `Unknown builtin op: ${name}.
Here are some suggestions: 
${similar.map((s) => `	${s}
`).join("")}`;
}
function similarOperators(name, registry) {
  const at = name.indexOf("::");
  const ns = at < 0 ? "" : name.slice(0, at + 2);
  const base = at < 0 ? name : name.slice(at + 2);
  const out = [];
  for (const candidate of registry.names()) {
    if (!candidate.startsWith(ns)) continue;
    if (editDistance(base, candidate.slice(ns.length), 2) <= 2) out.push(candidate);
  }
  return out;
}
function editDistance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length];
}
function builtinEmitter(ctx, registry, range) {
  return {
    ctx,
    registry,
    range,
    call: (name, args, kwargs = []) => emitBuiltinCall(
      ctx,
      registry,
      name,
      args.map((value) => ({ value, range })),
      kwargs,
      range
    ),
    constant: (value, type) => ctx.graph.insertConstant(value, type ? { type } : {})
  };
}
function intType() {
  return IntType.get();
}
function floatType() {
  return FloatType.get();
}
function constantType(value) {
  if (typeof value === "boolean") return BoolType.get();
  if (typeof value === "string") return StringType2.get();
  return NoneType2.get();
}

// src/emitter/schema-registry.ts
import { allOps } from "@tsjit/ops";
var SchemaRegistry = class _SchemaRegistry {
  #byName = /* @__PURE__ */ new Map();
  #size = 0;
  constructor(schemas) {
    for (const schema of schemas) this.add(schema);
  }
  /** Every schema of every op of @tsjit/ops (parsed once, on first use). */
  static fromOps() {
    if (!opsRegistry) {
      opsRegistry = new _SchemaRegistry(
        (function* () {
          for (const op of allOps) for (const overload of op.overloads) yield overload.schema;
        })()
      );
    }
    return opsRegistry;
  }
  /**
   * Registers one more overload after the known ones. A schema with the same name and overload
   * name as a registered one replaces nothing: the first registration stays first, as in PyTorch
   * (where registering twice is an error the registry does not need to diagnose here).
   */
  add(schema) {
    let list = this.#byName.get(schema.name);
    if (!list) {
      list = [];
      this.#byName.set(schema.name, list);
    }
    if (list.some((s) => s.overloadName === schema.overloadName)) return;
    list.push(schema);
    this.#size++;
  }
  /** All overloads of `qualifiedName` (`aten::add`) in registration order; empty when unknown. */
  lookup(qualifiedName) {
    return this.#byName.get(qualifiedName) ?? EMPTY;
  }
  has(qualifiedName) {
    return this.#byName.has(qualifiedName);
  }
  /** The overload `aten::add.Tensor` (or `aten::relu` for a default overload), if registered. */
  find(operatorName) {
    const at = operatorName.indexOf(".", operatorName.indexOf("::") + 2);
    const name = at < 0 ? operatorName : operatorName.slice(0, at);
    const overload = at < 0 ? "" : operatorName.slice(at + 1);
    return this.lookup(name).find((s) => s.overloadName === overload);
  }
  /** The qualified names known, in first-registration order. */
  names() {
    return this.#byName.keys();
  }
  /** The number of schemas registered. */
  get size() {
    return this.#size;
  }
};
var EMPTY = Object.freeze([]);
var opsRegistry;

// src/emitter/builtins/builtin-values.ts
function plainValue(value) {
  return { kind: value.type.pythonStr(), asValue: () => value };
}
function wrap(hooks, value) {
  return hooks?.simple ? hooks.simple(value) : plainValue(value);
}
var BuiltinFunctionValue = class {
  kind = "builtin";
  name;
  self;
  #hooks;
  constructor(name, self, hooks) {
    this.name = name;
    this.self = self;
    this.#hooks = hooks;
  }
  call(ctx, range, args, kwargs) {
    return wrap(this.#hooks, ctx.builtin(this.name, args, kwargs, range, this.self));
  }
};
var TensorCastValue = class {
  kind = "builtin";
  dtype;
  self;
  #hooks;
  constructor(dtype, self, hooks) {
    this.dtype = dtype;
    this.self = self;
    this.#hooks = hooks;
  }
  call(ctx, range, args, kwargs) {
    if (args.length > 0 || kwargs.length > 0)
      ctx.error(range, "Tensor cast methods (x.float(), x.long(), ...) take no arguments");
    const dtype = ctx.constant({ kind: "int", value: this.dtype }, range);
    return wrap(
      this.#hooks,
      ctx.builtin(
        "aten::to",
        [],
        [
          { ...this.self, name: "self" },
          { value: dtype, range, name: "dtype" }
        ],
        range
      )
    );
  }
};
var ConstantValue = class {
  kind;
  value;
  #hooks;
  constructor(value, kind, hooks) {
    this.value = value;
    this.kind = kind;
    this.#hooks = hooks;
  }
  asValue(ctx, range) {
    return ctx.constant(this.value, range);
  }
  attr(ctx, range, name) {
    const simple = wrap(this.#hooks, this.asValue(ctx, range));
    if (!simple.attr) ctx.error(range, `'${this.kind}' object has no attribute or method '${name}'.`);
    return simple.attr(ctx, range, name);
  }
};

// src/emitter/builtins/builtin-attr.ts
var TENSOR_CAST_METHODS = {
  byte: 0,
  char: 1,
  short: 2,
  int: 3,
  long: 4,
  half: 5,
  float: 6,
  double: 7,
  cfloat: 9,
  cdouble: 10
};
var PROPERTIES = {
  OptionalType: { unchecked_unwrap_optional: "prim" },
  TensorType: {
    dtype: "prim",
    device: "prim",
    grad: "prim",
    data: "prim",
    shape: "prim",
    is_cuda: "prim",
    is_xpu: "prim",
    is_sparse: "prim",
    is_sparse_csr: "prim",
    is_mkldnn: "prim",
    is_mps: "prim",
    is_quantized: "prim",
    is_vulkan: "prim",
    is_ipu: "prim",
    is_meta: "prim",
    is_leaf: "aten",
    is_nested: "prim",
    requires_grad: "prim",
    layout: "prim",
    T: "prim",
    H: "prim",
    mT: "aten",
    mH: "aten",
    is_ort: "prim",
    ndim: "prim",
    name: "prim",
    real: "aten",
    imag: "aten",
    retains_grad: "aten"
  },
  DeviceObjType: { type: "prim", index: "prim" }
};
function builtinAttr(ctx, range, self, name, hooks) {
  const type = self.type;
  const selfArg = { value: self, range, name: "self" };
  const isTensor = type.kind === "TensorType";
  if (isTensor && Object.hasOwn(TENSOR_CAST_METHODS, name)) {
    return new TensorCastValue(TENSOR_CAST_METHODS[name], selfArg, hooks);
  }
  const namespace = PROPERTIES[type.kind]?.[name];
  if (namespace !== void 0 && Object.hasOwn(PROPERTIES[type.kind], name)) {
    const quiet = Object.create(ctx, { sourceRange: { value: void 0 } });
    const registry = hooks?.registry ?? SchemaRegistry.fromOps();
    return wrap(hooks, emitBuiltinCall(quiet, registry, `${namespace}::${name}`, [{ value: self, range }], [], range));
  }
  if (type.kind === "TupleType") {
    const tuple = type;
    const index = tuple.names?.indexOf(name) ?? -1;
    if (index >= 0) {
      const position = ctx.graph.insertConstant({ kind: "int", value: index });
      const node = ctx.graph.create("prim::TupleIndex", [self, position], 1);
      node.output().setType(tuple.elements[index]);
      return wrap(hooks, ctx.graph.insertNode(node).output());
    }
  }
  if (type.kind === "EnumType" && (name === "name" || name === "value")) {
    const enumType = type;
    const kind = name === "name" ? "prim::EnumName" : "prim::EnumValue";
    const node = ctx.graph.create(kind, [self], 1);
    node.output().setType(name === "name" ? StringType3.get() : enumType.valueType ?? IntType2.get());
    return wrap(hooks, ctx.graph.insertNode(node).output());
  }
  if (type.kind === "ClassType" || type.kind === "InterfaceType") return void 0;
  if (hasBuiltinMethod(hooks?.registry ?? SchemaRegistry.fromOps(), `aten::${name}`, type)) {
    return new BuiltinFunctionValue(`aten::${name}`, selfArg, hooks);
  }
  if (isTensor && name === "tolist") return hooks?.specialForm?.("prim::tolist", selfArg);
  if (isTensor && name === "__getitem__") return hooks?.specialForm?.("aten::index", selfArg);
  if (type.kind === "GeneratorType" && (name === "manual_seed" || name === "initial_seed" || name === "seed")) {
    if (hasBuiltinMethod(hooks?.registry ?? SchemaRegistry.fromOps(), `aten::${name}`, type)) {
      return new BuiltinFunctionValue(`aten::${name}`, selfArg, hooks);
    }
  }
  return void 0;
}
function hasBuiltinMethod(registry, qualifiedName, type) {
  for (const schema of registry.lookup(qualifiedName)) {
    const self = schema.arguments.find((a) => a.name === "self");
    if (!self) continue;
    const env = /* @__PURE__ */ new Map();
    if (matchTypeVariables(self.type, type, env) !== void 0) continue;
    const concrete = evalTypeVariables(self.type, env);
    if (concrete && type.isSubtypeOf(concrete)) return true;
  }
  return false;
}

// src/emitter/builtins/builtin-modules.ts
import { floatValue, intValue } from "@tsjit/ir";

// src/emitter/builtins/generated/python-builtins.ts
var PYTHON_BUILTIN_FUNCTIONS = {
  torch: {
    same: "AggregationType AliasDb Any AnyType Argument ArgumentSpec BFloat16Storage BFloat16Tensor BenchmarkConfig BenchmarkExecutionStats Block BoolStorage BoolTensor BoolType BufferDict ByteStorage ByteTensor CallStack Callable Capsule CharStorage CharTensor ClassType Code CompilationUnit CompleteArgumentSpec ComplexDoubleStorage ComplexFloatStorage ComplexType ConcreteModuleType ConcreteModuleTypeBuilder DeepCopyMemoTable DeserializationStorageContext DeviceObjType DictType DisableTorchFunction DispatchKey DispatchKeySet DoubleStorage DoubleTensor EnumType ErrorReport ExcludeDispatchKeyGuard ExecutionPlan FatalError FileCheck FloatTensor FloatType FunctionSchema Future FutureType Generator Gradient Graph GraphExecutorState HalfStorage HalfTensor IODescriptor InferredType IntStorage IntTensor IntType InterfaceType JITException ListType LiteScriptModule LockingLogger LoggerBase LongStorage LongTensor MobileOptimizerType ModuleDict Node NoneType NoopLogger NumberType OperatorInfo OptionalType ParameterDict PyObjectType PyTorchFileReader PyTorchFileWriter QInt32Storage QInt8Storage QUInt2x4Storage QUInt4x2Storage QUInt8Storage RRefType ScriptClass ScriptClassFunction ScriptDict ScriptDictIterator ScriptDictKeyIterator ScriptFunction ScriptList ScriptListIterator ScriptMethod ScriptModule ScriptModuleSerializer ScriptObject ScriptObjectProperty SerializationStorageContext Set ShortStorage ShortTensor Size StaticModule Storage StorageBase Stream StreamObjType StringType SymFloatNode SymIntNode SymIntType Tag Tensor TensorType ThroughputBenchmark TracingState TupleType Type TypedStorage Union UnionType UntypedStorage Use Value _adaptive_avg_pool2d _adaptive_avg_pool3d _add_batch_dim _add_relu _add_relu_ _addmm_activation _aminmax _amp_foreach_non_finite_check_and_unscale_ _amp_update_scale_ _assert _assert_async _assert_tensor_metadata _batch_norm_impl_index _cast_Byte _cast_Char _cast_Double _cast_Float _cast_Half _cast_Int _cast_Long _cast_Short _choose_qparams_per_tensor _coalesce _compute_linear_combination _conj _conj_copy _conj_physical _convert_indices_from_coo_to_csr _convert_indices_from_csr_to_coo _convolution _convolution_mode _copy_from _copy_from_and_resize _ctc_loss _cudnn_ctc_loss _cudnn_init_dropout_state _cudnn_rnn _cudnn_rnn_flatten_weight _cufft_clear_plan_cache _cufft_get_plan_cache_max_size _cufft_get_plan_cache_size _cufft_set_plan_cache_max_size _cummax_helper _cummin_helper _debug_has_internal_overlap _dim_arange _dirichlet_grad _disable_functionalization _efficientzerotensor _embedding_bag _embedding_bag_forward_only _empty_affine_quantized _empty_per_channel_affine_quantized _enable_functionalization _euclidean_dist _fake_quantize_learnable_per_channel_affine _fake_quantize_learnable_per_tensor_affine _fake_quantize_per_tensor_affine_cachemask_tensor_qparams _fft_c2c _fft_c2r _fft_r2c _flash_scaled_dot_product_attention _foobar _foreach_abs _foreach_abs_ _foreach_acos _foreach_acos_ _foreach_add _foreach_add_ _foreach_addcdiv _foreach_addcdiv_ _foreach_addcmul _foreach_addcmul_ _foreach_asin _foreach_asin_ _foreach_atan _foreach_atan_ _foreach_ceil _foreach_ceil_ _foreach_cos _foreach_cos_ _foreach_cosh _foreach_cosh_ _foreach_div _foreach_div_ _foreach_erf _foreach_erf_ _foreach_erfc _foreach_erfc_ _foreach_exp _foreach_exp_ _foreach_expm1 _foreach_expm1_ _foreach_floor _foreach_floor_ _foreach_frac _foreach_frac_ _foreach_lgamma _foreach_lgamma_ _foreach_log _foreach_log10 _foreach_log10_ _foreach_log1p _foreach_log1p_ _foreach_log2 _foreach_log2_ _foreach_log_ _foreach_maximum _foreach_maximum_ _foreach_minimum _foreach_minimum_ _foreach_mul _foreach_mul_ _foreach_neg _foreach_neg_ _foreach_norm _foreach_reciprocal _foreach_reciprocal_ _foreach_round _foreach_round_ _foreach_sigmoid _foreach_sigmoid_ _foreach_sin _foreach_sin_ _foreach_sinh _foreach_sinh_ _foreach_sqrt _foreach_sqrt_ _foreach_sub _foreach_sub_ _foreach_tan _foreach_tan_ _foreach_tanh _foreach_tanh_ _foreach_trunc _foreach_trunc_ _foreach_zero_ _from_functional_tensor _fused_adam_ _fused_dropout _fused_moving_avg_obs_fq_helper _fw_primal_copy _grid_sampler_2d_cpu_fallback _has_compatible_shallow_copy_type _histogramdd_bin_edges _histogramdd_from_bin_cts _histogramdd_from_bin_tensors _import_dotted_name _index_put_impl_ _indices_copy _initExtension _is_functional_tensor _is_zerotensor _linalg_check_errors _linalg_det _linalg_eigh _linalg_slogdet _linalg_solve_ex _linalg_svd _load_global_deps _log_softmax _log_softmax_backward_data _logcumsumexp _lstm_mps _lu_with_info _make_dual _make_dual_copy _make_per_channel_quantized_tensor _make_per_tensor_quantized_tensor _masked_scale _masked_softmax _mkldnn_reshape _mkldnn_transpose _mkldnn_transpose_ _mps_convolution _mps_convolution_transpose _mps_max_pool2d _native_decoder_only_multi_head_attention _native_multi_head_attention _neg_view _neg_view_copy _nested_from_padded _nested_from_padded_and_nested_example _nested_tensor_from_mask _nested_tensor_from_mask_left_aligned _nested_tensor_from_tensor_list _nested_tensor_softmax_with_shape _nnpack_available _nnpack_spatial_convolution _pack_padded_sequence _pad_packed_sequence _pin_memory _preload_cuda_deps _remove_batch_dim _reshape_alias_copy _reshape_from_tensor _resize_output_ _rowwise_prune _sample_dirichlet _saturate_weight_to_fp16 _scaled_dot_product_attention_math _shape_as_tensor _sobol_engine_draw _sobol_engine_ff_ _sobol_engine_initialize_state_ _sobol_engine_scramble_ _softmax _softmax_backward_data _sparse_broadcast_to _sparse_broadcast_to_copy _sparse_bsc_tensor_unsafe _sparse_bsr_tensor_unsafe _sparse_compressed_tensor_unsafe _sparse_coo_tensor_unsafe _sparse_csc_tensor_unsafe _sparse_csr_prod _sparse_csr_sum _sparse_csr_tensor_unsafe _sparse_log_softmax_backward_data _sparse_mask_helper _sparse_softmax_backward_data _sparse_sparse_matmul _sparse_sum _stack _standard_gamma _standard_gamma_grad _sync _test_autograd_multiple_dispatch _test_autograd_multiple_dispatch_view _test_autograd_multiple_dispatch_view_copy _test_serialization_subcmul _to_cpu _to_functional_tensor _torch_cuda_cu_linker_symbol_op _transform_bias_rescale_qkv _transformer_decoder_only_layer_fwd _transformer_encoder_layer_fwd _trilinear _triton_multi_head_attention _triton_scaled_dot_attention _unique _unique2 _unpack_dual _use_cudnn_ctc_loss _use_cudnn_rnn_flatten_weight _validate_compressed_sparse_indices _validate_sparse_bsc_tensor_args _validate_sparse_bsr_tensor_args _validate_sparse_compressed_tensor_args _validate_sparse_coo_tensor_args _validate_sparse_csc_tensor_args _validate_sparse_csr_tensor_args _values_copy _weight_norm _weight_norm_interface abs abs_ absolute acos acos_ acosh acosh_ adaptive_avg_pool1d adaptive_max_pool1d add addbmm addcdiv addcmul addmm addmv addmv_ addr adjoint affine_grid_generator alias_copy align_tensors all allclose alpha_dropout alpha_dropout_ amax amin aminmax angle any arange arccos arccos_ arccosh arccosh_ arcsin arcsin_ arcsinh arcsinh_ arctan arctan2 arctan_ arctanh arctanh_ are_deterministic_algorithms_enabled argmax argmin argsort argwhere as_strided as_strided_ as_strided_copy as_strided_scatter as_tensor asarray asin asin_ asinh asinh_ atan atan2 atan_ atanh atanh_ atleast_1d atleast_2d atleast_3d autocast_decrement_nesting autocast_increment_nesting avg_pool1d baddbmm bartlett_window batch_norm batch_norm_backward_elemt batch_norm_backward_reduce batch_norm_elemt batch_norm_gather_stats batch_norm_gather_stats_with_counts batch_norm_stats batch_norm_update_stats bernoulli bilinear binary_cross_entropy_with_logits bincount binomial bitwise_and bitwise_left_shift bitwise_not bitwise_or bitwise_right_shift bitwise_xor blackman_window block_diag bmm broadcast_shapes broadcast_tensors broadcast_to bucketize can_cast cartesian_prod cat ccol_indices_copy ceil ceil_ celu celu_ chain_matmul channel_shuffle cholesky cholesky_inverse cholesky_solve choose_qparams_optimized chunk clamp clamp_ clamp_max clamp_max_ clamp_min clamp_min_ classproperty clear_autocast_cache clip clip_ clone col_indices_copy column_stack combinations complex concat concatenate conj conj_physical conj_physical_ constant_pad_nd conv1d conv2d conv3d conv_tbc conv_transpose1d conv_transpose2d conv_transpose3d convolution copysign corrcoef cos cos_ cosh cosh_ cosine_embedding_loss cosine_similarity count_nonzero cov cross crow_indices_copy ctc_loss cudnn_affine_grid_generator cudnn_batch_norm cudnn_convolution cudnn_convolution_add_relu cudnn_convolution_relu cudnn_convolution_transpose cudnn_grid_sampler cudnn_is_acceptable cummax cummin cumprod cumsum cumulative_trapezoid deg2rad deg2rad_ dequantize det detach detach_ detach_copy device diag diag_embed diagflat diagonal diagonal_copy diagonal_scatter diff digamma dist div divide dot dropout dropout_ dsmm dsplit dstack dtype einsum embedding embedding_bag embedding_renorm_ empty empty_like empty_quantized empty_strided enable_grad eq equal erf erf_ erfc erfc_ erfinv exp exp2 exp2_ exp_ expand_copy expm1 expm1_ eye fake_quantize_per_channel_affine fake_quantize_per_tensor_affine fbgemm_linear_fp16_weight fbgemm_linear_fp16_weight_fp32_activation fbgemm_linear_int8_weight fbgemm_linear_int8_weight_fp32_activation fbgemm_linear_quantize_weight fbgemm_pack_gemm_matrix_fp16 fbgemm_pack_quantized_matrix feature_alpha_dropout feature_alpha_dropout_ feature_dropout feature_dropout_ fill fill_ finfo fix fix_ flatten flip fliplr flipud float_power floor floor_ floor_divide fmax fmin fmod fork frac frac_ frexp frobenius_norm from_file from_numpy frombuffer full full_like fused_moving_avg_obs_fake_quant gather gcd gcd_ ge geqrf ger get_autocast_cpu_dtype get_autocast_gpu_dtype get_default_dtype get_deterministic_debug_mode get_device get_file_path get_float32_matmul_precision get_num_interop_threads get_num_threads get_rng_state gradient greater greater_equal grid_sampler grid_sampler_2d grid_sampler_3d group_norm gru gru_cell gt hamming_window hann_window hardshrink heaviside hinge_embedding_loss histc histogram histogramdd hsmm hsplit hspmm hstack hypot i0 i0_ igamma igammac iinfo imag import_ir_module import_ir_module_from_buffer index_add index_copy index_fill index_put index_put_ index_reduce index_select indices_copy inference_mode init_num_threads initial_seed inner instance_norm int_repr inverse is_anomaly_check_nan_enabled is_anomaly_enabled is_autocast_cache_enabled is_autocast_cpu_enabled is_autocast_enabled is_complex is_conj is_deterministic_algorithms_warn_only_enabled is_distributed is_floating_point is_grad_enabled is_inference is_inference_mode_enabled is_neg is_nonzero is_same_size is_signed is_storage is_tensor is_vulkan_available is_warn_always_enabled isclose isfinite isin isinf isnan isneginf isposinf isreal istft kaiser_window kl_div kron kthvalue layer_norm layout lcm lcm_ ldexp ldexp_ le lerp less less_equal lgamma linspace load log log10 log10_ log1p log1p_ log2 log2_ log_ log_softmax logaddexp logaddexp2 logcumsumexp logdet logical_and logical_not logical_or logical_xor logit logit_ logspace logsumexp lstm lstm_cell lt lu_solve lu_unpack manual_seed margin_ranking_loss masked_fill masked_scatter masked_select matmul matrix_exp matrix_power max max_pool1d max_pool1d_with_indices max_pool2d max_pool3d maximum mean median memory_format merge_type_from_type_comment meshgrid min minimum miopen_batch_norm miopen_convolution miopen_convolution_add_relu miopen_convolution_relu miopen_convolution_transpose miopen_depthwise_convolution miopen_rnn mkldnn_adaptive_avg_pool2d mkldnn_convolution mkldnn_linear_backward_weights mkldnn_max_pool2d mkldnn_max_pool3d mm mode moveaxis movedim msort mul multinomial multiply mv mvlgamma nan_to_num nan_to_num_ nanmean nanmedian nanquantile nansum narrow narrow_copy native_batch_norm native_channel_shuffle native_dropout native_group_norm native_layer_norm native_norm ne neg neg_ negative negative_ nextafter nonzero norm_except_dim normal not_equal nuclear_norm numel ones ones_like orgqr ormqr outer pairwise_distance parse_ir parse_schema parse_type_comment pca_lowrank pdist permute permute_copy pinverse pixel_shuffle pixel_unshuffle poisson poisson_nll_loss polar polygamma positive pow prelu prepare_multiprocessing_environment prod promote_types put q_per_channel_axis q_per_channel_scales q_per_channel_zero_points q_scale q_zero_point qr qscheme quantile quantize_per_channel quantize_per_tensor quantize_per_tensor_dynamic quantized_batch_norm quantized_gru_cell quantized_lstm_cell quantized_max_pool1d quantized_max_pool2d quantized_rnn_relu_cell quantized_rnn_tanh_cell rad2deg rad2deg_ rand rand_like randint randint_like randn randn_like randperm range ravel read_vitals real reciprocal reciprocal_ relu relu_ remainder renorm repeat_interleave reshape resize_as_ resize_as_sparse_ resolve_conj resolve_neg result_type rnn_relu rnn_relu_cell rnn_tanh rnn_tanh_cell roll rot90 round round_ row_indices_copy row_stack rrelu rrelu_ rsqrt rsqrt_ rsub saddmm save scalar_tensor scatter scatter_add scatter_reduce searchsorted seed segment_reduce select select_copy select_scatter selu selu_ set_anomaly_enabled set_autocast_cache_enabled set_autocast_cpu_dtype set_autocast_cpu_enabled set_autocast_enabled set_autocast_gpu_dtype set_default_dtype set_default_tensor_type set_deterministic_debug_mode set_float32_matmul_precision set_flush_denormal set_grad_enabled set_num_interop_threads set_num_threads set_printoptions set_rng_state set_vital set_warn_always sgn sigmoid sigmoid_ sign signbit sin sin_ sinc sinc_ sinh sinh_ slice_copy slice_scatter slogdet smm softmax sort sparse_bsc_tensor sparse_bsr_tensor sparse_compressed_tensor sparse_coo_tensor sparse_csc_tensor sparse_csr_tensor split split_copy split_with_sizes split_with_sizes_copy spmm sqrt sqrt_ square square_ squeeze squeeze_copy sspaddmm stack std std_mean sub subtract sum svd svd_lowrank swapaxes swapdims symeig t t_copy take take_along_dim tan tan_ tanh tanh_ tensor tensor_split threshold threshold_ tile topk trace transpose transpose_copy trapezoid trapz triangular_solve tril tril_indices triplet_margin_loss triu triu_indices true_divide trunc trunc_ typename unbind unbind_copy unflatten unfold_copy unify_type_list unsafe_chunk unsafe_split unsafe_split_with_sizes unsqueeze unsqueeze_copy use_deterministic_algorithms values_copy vander var var_mean vdot view_as_complex view_as_complex_copy view_as_real view_as_real_copy view_copy vitals_enabled vsplit vstack wait where xlogy xlogy_ zero_ zeros zeros_like",
    other: {
      FloatStorage: "aten::Storage",
      candidate: "aten::wait",
      obj: "aten::zeros_like"
    }
  },
  "torch.nn.functional": {
    same: "Callable Tensor Union _infer_size _no_grad_embedding_renorm_ _pair _scaled_dot_product_attention _single _triple adaptive_avg_pool1d avg_pool1d avg_pool2d avg_pool3d bilinear celu_ channel_shuffle conv1d conv2d conv3d conv_tbc conv_transpose1d conv_transpose2d conv_transpose3d cosine_similarity elu_ gelu hardshrink hardtanh_ has_torch_function leaky_relu_ linear native_channel_shuffle one_hot pad pairwise_distance pdist pixel_shuffle pixel_unshuffle prelu relu_ rrelu_ selu_ softplus softshrink threshold_",
    other: {
      _list_with_default: "aten::list_with_default",
      assert_int_or_pair: "aten::_assert_int_or_pair",
      has_torch_function_unary: "aten::has_torch_function",
      has_torch_function_variadic: "aten::has_torch_function",
      logsigmoid: "aten::log_sigmoid"
    }
  },
  "torch.linalg": {
    same: "Tensor",
    other: {
      cholesky: "aten::linalg_cholesky",
      cholesky_ex: "aten::linalg_cholesky_ex",
      cond: "aten::linalg_cond",
      cross: "aten::linalg_cross",
      det: "aten::linalg_det",
      diagonal: "aten::linalg_diagonal",
      eig: "aten::linalg_eig",
      eigh: "aten::linalg_eigh",
      eigvals: "aten::linalg_eigvals",
      eigvalsh: "aten::linalg_eigvalsh",
      householder_product: "aten::linalg_householder_product",
      inv: "aten::linalg_inv",
      inv_ex: "aten::linalg_inv_ex",
      ldl_factor: "aten::linalg_ldl_factor",
      ldl_factor_ex: "aten::linalg_ldl_factor_ex",
      ldl_solve: "aten::linalg_ldl_solve",
      lstsq: "aten::linalg_lstsq",
      lu: "aten::linalg_lu",
      lu_factor: "aten::linalg_lu_factor",
      lu_factor_ex: "aten::linalg_lu_factor_ex",
      lu_solve: "aten::linalg_lu_solve",
      matmul: "aten::linalg_matmul",
      matrix_exp: "aten::linalg_matrix_exp",
      matrix_norm: "aten::linalg_matrix_norm",
      matrix_power: "aten::linalg_matrix_power",
      matrix_rank: "aten::linalg_matrix_rank",
      multi_dot: "aten::linalg_multi_dot",
      norm: "aten::linalg_norm",
      pinv: "aten::linalg_pinv",
      qr: "aten::linalg_qr",
      slogdet: "aten::linalg_slogdet",
      solve: "aten::linalg_solve",
      solve_ex: "aten::linalg_solve_ex",
      solve_triangular: "aten::linalg_solve_triangular",
      svd: "aten::linalg_svd",
      svdvals: "aten::linalg_svdvals",
      tensorinv: "aten::linalg_tensorinv",
      tensorsolve: "aten::linalg_tensorsolve",
      vander: "aten::linalg_vander",
      vecdot: "aten::linalg_vecdot",
      vector_norm: "aten::linalg_vector_norm"
    }
  },
  "torch.fft": {
    same: "Tensor",
    other: {
      fft: "aten::fft_fft",
      fft2: "aten::fft_fft2",
      fftfreq: "aten::fft_fftfreq",
      fftn: "aten::fft_fftn",
      fftshift: "aten::fft_fftshift",
      hfft: "aten::fft_hfft",
      hfft2: "aten::fft_hfft2",
      hfftn: "aten::fft_hfftn",
      ifft: "aten::fft_ifft",
      ifft2: "aten::fft_ifft2",
      ifftn: "aten::fft_ifftn",
      ifftshift: "aten::fft_ifftshift",
      ihfft: "aten::fft_ihfft",
      ihfft2: "aten::fft_ihfft2",
      ihfftn: "aten::fft_ihfftn",
      irfft: "aten::fft_irfft",
      irfft2: "aten::fft_irfft2",
      irfftn: "aten::fft_irfftn",
      rfft: "aten::fft_rfft",
      rfft2: "aten::fft_rfft2",
      rfftfreq: "aten::fft_rfftfreq",
      rfftn: "aten::fft_rfftn"
    }
  },
  "torch.special": {
    same: "Tensor",
    other: {
      airy_ai: "aten::special_airy_ai",
      bessel_j0: "aten::special_bessel_j0",
      bessel_j1: "aten::special_bessel_j1",
      bessel_y0: "aten::special_bessel_y0",
      bessel_y1: "aten::special_bessel_y1",
      chebyshev_polynomial_t: "aten::special_chebyshev_polynomial_t",
      chebyshev_polynomial_u: "aten::special_chebyshev_polynomial_u",
      chebyshev_polynomial_v: "aten::special_chebyshev_polynomial_v",
      chebyshev_polynomial_w: "aten::special_chebyshev_polynomial_w",
      digamma: "aten::special_digamma",
      entr: "aten::special_entr",
      erf: "aten::special_erf",
      erfc: "aten::special_erfc",
      erfcx: "aten::special_erfcx",
      erfinv: "aten::special_erfinv",
      exp2: "aten::special_exp2",
      expit: "aten::special_expit",
      expm1: "aten::special_expm1",
      gammainc: "aten::special_gammainc",
      gammaincc: "aten::special_gammaincc",
      gammaln: "aten::special_gammaln",
      hermite_polynomial_h: "aten::special_hermite_polynomial_h",
      hermite_polynomial_he: "aten::special_hermite_polynomial_he",
      i0: "aten::special_i0",
      i0e: "aten::special_i0e",
      i1: "aten::special_i1",
      i1e: "aten::special_i1e",
      laguerre_polynomial_l: "aten::special_laguerre_polynomial_l",
      legendre_polynomial_p: "aten::special_legendre_polynomial_p",
      log1p: "aten::special_log1p",
      log_ndtr: "aten::special_log_ndtr",
      log_softmax: "aten::special_log_softmax",
      logit: "aten::special_logit",
      logsumexp: "aten::special_logsumexp",
      modified_bessel_i0: "aten::special_modified_bessel_i0",
      modified_bessel_i1: "aten::special_modified_bessel_i1",
      modified_bessel_k0: "aten::special_modified_bessel_k0",
      modified_bessel_k1: "aten::special_modified_bessel_k1",
      multigammaln: "aten::special_multigammaln",
      ndtr: "aten::special_ndtr",
      ndtri: "aten::special_ndtri",
      polygamma: "aten::special_polygamma",
      psi: "aten::special_psi",
      round: "aten::special_round",
      scaled_modified_bessel_k0: "aten::special_scaled_modified_bessel_k0",
      scaled_modified_bessel_k1: "aten::special_scaled_modified_bessel_k1",
      shifted_chebyshev_polynomial_t: "aten::special_shifted_chebyshev_polynomial_t",
      shifted_chebyshev_polynomial_u: "aten::special_shifted_chebyshev_polynomial_u",
      shifted_chebyshev_polynomial_v: "aten::special_shifted_chebyshev_polynomial_v",
      shifted_chebyshev_polynomial_w: "aten::special_shifted_chebyshev_polynomial_w",
      sinc: "aten::special_sinc",
      softmax: "aten::special_softmax",
      spherical_bessel_j0: "aten::special_spherical_bessel_j0",
      xlog1py: "aten::special_xlog1py",
      xlogy: "aten::special_xlogy",
      zeta: "aten::special_zeta"
    }
  },
  "torch.nested": {
    same: "Tensor",
    other: {
      DType: "aten::dtype",
      Device: "aten::device",
      to_padded_tensor: "aten::nested_to_padded_tensor"
    }
  },
  "torch.sparse": {
    same: "Tensor Union",
    other: {
      addmm: "aten::_sparse_addmm",
      log_softmax: "aten::_sparse_log_softmax",
      mm: "aten::_sparse_mm",
      sampled_addmm: "aten::sparse_sampled_addmm",
      softmax: "aten::_sparse_softmax",
      spdiags: "aten::_spdiags"
    }
  },
  "torch.autograd": {
    same: "Any Callable Union backward enable_grad grad has_torch_function inference_mode set_grad_enabled",
    other: {}
  },
  "torch.nn.init": {
    same: "Tensor _no_grad_fill_ _no_grad_normal_ _no_grad_uniform_ _no_grad_zero_",
    other: {}
  },
  "torch.jit": {
    same: "CompilationUnit ScriptFunction _unwrap_optional is_scripting wait",
    other: {
      Error: "aten::JITException",
      _wait: "aten::wait"
    }
  },
  "torch.functional": {
    same: "Any Tensor Union align_tensors atleast_1d atleast_2d atleast_3d block_diag broadcast_shapes broadcast_tensors cartesian_prod chain_matmul einsum has_torch_function istft meshgrid pca_lowrank split svd_lowrank",
    other: {
      has_torch_function_unary: "aten::has_torch_function",
      has_torch_function_variadic: "aten::has_torch_function"
    }
  },
  "torch.nn.modules.utils": {
    same: "Any _pair _quadruple _single _triple",
    other: {
      _list_with_default: "aten::list_with_default"
    }
  },
  "torch._C._nn": {
    same: "_conv_depthwise2d _pad_circular _pad_enum _parse_to _scaled_dot_product_attention _test_ambiguous_defaults _test_optional_filled_intlist _test_optional_floatlist _test_optional_intlist _test_string_default _test_warn_in_autograd _upsample_bicubic2d_aa _upsample_bilinear2d_aa _upsample_nearest_exact1d _upsample_nearest_exact2d _upsample_nearest_exact3d adaptive_avg_pool2d adaptive_avg_pool3d adaptive_max_pool2d adaptive_max_pool3d avg_pool2d avg_pool3d binary_cross_entropy col2im conv_depthwise3d cross_entropy_loss elu elu_ flatten_dense_tensors fractional_max_pool2d fractional_max_pool3d gelu gelu_ glu hardsigmoid hardsigmoid_ hardswish hardswish_ hardtanh hardtanh_ huber_loss im2col l1_loss leaky_relu leaky_relu_ linear log_sigmoid max_pool2d_with_indices max_pool3d_with_indices max_unpool2d max_unpool3d mish mish_ mkldnn_linear mkldnn_reorder_conv2d_weight mkldnn_reorder_conv3d_weight mse_loss multi_margin_loss multilabel_margin_loss nll_loss nll_loss2d nll_loss_nd one_hot pad pad_sequence reflection_pad1d reflection_pad2d reflection_pad3d relu6 relu6_ replication_pad1d replication_pad2d replication_pad3d rrelu_with_noise rrelu_with_noise_ silu silu_ slow_conv3d slow_conv_dilated2d slow_conv_dilated3d slow_conv_transpose2d slow_conv_transpose3d smooth_l1_loss soft_margin_loss softplus softshrink thnn_conv2d unflatten_dense_tensors upsample_bicubic2d upsample_bilinear2d upsample_linear1d upsample_nearest1d upsample_nearest2d upsample_nearest3d upsample_trilinear3d",
    other: {}
  },
  "torch._C._fft": {
    same: "fft_fft fft_fft2 fft_fftfreq fft_fftn fft_fftshift fft_hfft fft_hfft2 fft_hfftn fft_ifft fft_ifft2 fft_ifftn fft_ifftshift fft_ihfft fft_ihfft2 fft_ihfftn fft_irfft fft_irfft2 fft_irfftn fft_rfft fft_rfft2 fft_rfftfreq fft_rfftn",
    other: {}
  },
  "torch._C._linalg": {
    same: "linalg_cholesky linalg_cholesky_ex linalg_cond linalg_cross linalg_det linalg_diagonal linalg_eig linalg_eigh linalg_eigvals linalg_eigvalsh linalg_householder_product linalg_inv linalg_inv_ex linalg_ldl_factor linalg_ldl_factor_ex linalg_ldl_solve linalg_lstsq linalg_lu linalg_lu_factor linalg_lu_factor_ex linalg_lu_solve linalg_matmul linalg_matrix_exp linalg_matrix_norm linalg_matrix_power linalg_matrix_rank linalg_multi_dot linalg_norm linalg_pinv linalg_qr linalg_slogdet linalg_solve linalg_solve_ex linalg_solve_triangular linalg_svd linalg_svdvals linalg_tensorinv linalg_tensorsolve linalg_vander linalg_vecdot linalg_vector_norm",
    other: {}
  },
  "torch._C._special": {
    same: "special_airy_ai special_bessel_j0 special_bessel_j1 special_bessel_y0 special_bessel_y1 special_chebyshev_polynomial_t special_chebyshev_polynomial_u special_chebyshev_polynomial_v special_chebyshev_polynomial_w special_digamma special_entr special_erf special_erfc special_erfcx special_erfinv special_exp2 special_expit special_expm1 special_gammainc special_gammaincc special_gammaln special_hermite_polynomial_h special_hermite_polynomial_he special_i0 special_i0e special_i1 special_i1e special_laguerre_polynomial_l special_legendre_polynomial_p special_log1p special_log_ndtr special_log_softmax special_logit special_logsumexp special_modified_bessel_i0 special_modified_bessel_i1 special_modified_bessel_k0 special_modified_bessel_k1 special_multigammaln special_ndtr special_ndtri special_polygamma special_psi special_round special_scaled_modified_bessel_k0 special_scaled_modified_bessel_k1 special_shifted_chebyshev_polynomial_t special_shifted_chebyshev_polynomial_u special_shifted_chebyshev_polynomial_v special_shifted_chebyshev_polynomial_w special_sinc special_softmax special_spherical_bessel_j0 special_xlog1py special_xlogy special_zeta",
    other: {}
  },
  "torch._C._nested": {
    same: "nested_to_padded_tensor",
    other: {}
  },
  "torch._C._sparse": {
    same: "_sparse_addmm _sparse_log_softmax _sparse_mm _sparse_softmax _spdiags sparse_sampled_addmm",
    other: {}
  },
  math: {
    same: "acos acosh asin asinh atan atan2 atanh ceil copysign cos cosh degrees erf erfc exp expm1 fabs factorial floor fmod frexp gamma gcd isfinite isinf isnan ldexp lgamma log log10 log1p modf pow radians sin sinh sqrt tan tanh",
    other: {
      remainder: "aten::mathremainder"
    }
  },
  cmath: {
    same: "acos acosh asin asinh atan atanh cos cosh exp isfinite isinf isnan log log10 sin sinh sqrt tan tanh",
    other: {
      phase: "aten::angle",
      rect: "aten::polar"
    }
  },
  warnings: {
    same: "warn",
    other: {}
  }
};
var PYTHON_BUILTIN_CONSTANTS = {
  torch: {
    TYPE_CHECKING: { kind: "bool", value: false },
    USE_GLOBAL_DEPS: { kind: "bool", value: true },
    USE_RTLD_GLOBAL_WITH_LIBTORCH: { kind: "bool", value: false },
    _mkldnn: { kind: "int", value: 3 },
    bfloat16: { kind: "int", value: 15 },
    bool: { kind: "int", value: 11 },
    cdouble: { kind: "int", value: 10 },
    cfloat: { kind: "int", value: 9 },
    chalf: { kind: "int", value: 8 },
    channels_last: { kind: "int", value: 2 },
    channels_last_3d: { kind: "int", value: 3 },
    complex128: { kind: "int", value: 10 },
    complex32: { kind: "int", value: 8 },
    complex64: { kind: "int", value: 9 },
    contiguous_format: { kind: "int", value: 0 },
    double: { kind: "int", value: 7 },
    e: { kind: "float", value: 2.718281828459045 },
    float: { kind: "int", value: 6 },
    float16: { kind: "int", value: 5 },
    float32: { kind: "int", value: 6 },
    float64: { kind: "int", value: 7 },
    half: { kind: "int", value: 5 },
    has_cuda: { kind: "bool", value: false },
    has_cudnn: { kind: "bool", value: false },
    has_lapack: { kind: "bool", value: true },
    has_mkl: { kind: "bool", value: false },
    has_mkldnn: { kind: "bool", value: true },
    has_mps: { kind: "bool", value: false },
    has_openmp: { kind: "bool", value: true },
    has_spectral: { kind: "bool", value: true },
    inf: { kind: "float", value: Number.POSITIVE_INFINITY },
    int: { kind: "int", value: 3 },
    int16: { kind: "int", value: 2 },
    int32: { kind: "int", value: 3 },
    int64: { kind: "int", value: 4 },
    int8: { kind: "int", value: 1 },
    legacy_contiguous_format: { kind: "int", value: 0 },
    long: { kind: "int", value: 4 },
    nan: { kind: "float", value: Number.NaN },
    per_channel_affine: { kind: "int", value: 1 },
    per_channel_affine_float_qparams: { kind: "int", value: 4 },
    per_channel_symmetric: { kind: "int", value: 3 },
    per_tensor_affine: { kind: "int", value: 0 },
    per_tensor_symmetric: { kind: "int", value: 2 },
    pi: { kind: "float", value: 3.141592653589793 },
    preserve_format: { kind: "int", value: 1 },
    qint32: { kind: "int", value: 14 },
    qint8: { kind: "int", value: 12 },
    quint2x4: { kind: "int", value: 17 },
    quint4x2: { kind: "int", value: 16 },
    quint8: { kind: "int", value: 13 },
    short: { kind: "int", value: 2 },
    sparse_bsc: { kind: "int", value: 6 },
    sparse_bsr: { kind: "int", value: 5 },
    sparse_coo: { kind: "int", value: 1 },
    sparse_csc: { kind: "int", value: 4 },
    sparse_csr: { kind: "int", value: 2 },
    strided: { kind: "int", value: 0 },
    uint8: { kind: "int", value: 0 }
  },
  math: {
    e: { kind: "float", value: 2.718281828459045 },
    inf: { kind: "float", value: Number.POSITIVE_INFINITY },
    nan: { kind: "float", value: Number.NaN },
    pi: { kind: "float", value: 3.141592653589793 },
    tau: { kind: "float", value: 6.283185307179586 }
  },
  cmath: {
    e: { kind: "float", value: 2.718281828459045 },
    inf: { kind: "float", value: Number.POSITIVE_INFINITY },
    nan: { kind: "float", value: Number.NaN },
    pi: { kind: "float", value: 3.141592653589793 },
    tau: { kind: "float", value: 6.283185307179586 }
  }
};

// src/emitter/builtins/builtin-modules.ts
var BuiltinModuleValue = class _BuiltinModuleValue {
  kind = "builtin module";
  namespace;
  #hooks;
  constructor(namespace, hooks) {
    this.namespace = namespace;
    this.#hooks = hooks;
  }
  attr(_ctx, _range, name) {
    if (name === "autograd" && this.namespace === "aten") return new _BuiltinModuleValue("aten", this.#hooks);
    return new BuiltinFunctionValue(`${this.namespace}::${name}`, void 0, this.#hooks);
  }
};
var OpsValue = class {
  kind = "ops";
  #hooks;
  constructor(hooks) {
    this.#hooks = hooks;
  }
  attr(_ctx, _range, name) {
    return new BuiltinModuleValue(name, this.#hooks);
  }
};
var SUBMODULES = {
  torch: ["nn", "linalg", "fft", "special", "nested", "sparse", "autograd", "jit", "functional", "_C"],
  "torch.nn": ["functional", "init", "modules"],
  "torch.nn.modules": ["utils"],
  "torch._C": ["_nn", "_fft", "_linalg", "_special", "_nested", "_sparse"]
};
var PYTHON_COMPILED_TORCH = new Set(
  ["stft", "istft", "lu", "cdist", "norm", "unique", "unique_consecutive", "tensordot"].map((n) => `torch.${n}`)
);
var TORCH_JIT_SPECIAL_FORMS = /* @__PURE__ */ new Set(["annotate", "fork", "isinstance", "_unwrap_optional", "is_scripting", "wait"]);
var PythonModuleValue = class _PythonModuleValue {
  kind = "module";
  name;
  #hooks;
  constructor(name, hooks) {
    this.name = name;
    this.#hooks = hooks;
  }
  attr(ctx, range, name) {
    const qualified = `${this.name}.${name}`;
    if (this.name === "torch" && name === "ops") return new OpsValue(this.#hooks);
    if (this.name === "torch.jit" && TORCH_JIT_SPECIAL_FORMS.has(name)) {
      const special2 = this.#hooks?.specialForm?.(qualified);
      if (special2) return special2;
    }
    const op = pythonBuiltinOp(this.name, name);
    if (op) return new BuiltinFunctionValue(op, void 0, this.#hooks);
    const constant = PYTHON_BUILTIN_CONSTANTS[this.name]?.[name];
    if (constant) {
      const value = constant.kind === "bool" ? constant.value : constant.kind === "int" ? intValue(constant.value) : floatValue(constant.value);
      return new ConstantValue(value, constant.kind, this.#hooks);
    }
    if (SUBMODULES[this.name]?.includes(name)) return new _PythonModuleValue(qualified, this.#hooks);
    const special = this.#hooks?.specialForm?.(qualified);
    if (special) return special;
    if (this.name === "torch.nn.functional" || this.name === "torch.functional" || PYTHON_COMPILED_TORCH.has(qualified)) {
      return ctx.error(
        range,
        `${qualified} is a Python function that PyTorch compiles from its Python source; tsjit cannot compile Python library code. Call the aten operator it uses instead (for example torch.relu for F.relu).`
      );
    }
    return ctx.error(range, `Python builtin ${qualified} is currently not supported in Torchscript`);
  }
};
function pythonBuiltinOp(moduleName, name) {
  const entry = PYTHON_BUILTIN_FUNCTIONS[moduleName];
  if (!entry) return void 0;
  const other = entry.other[name];
  if (other) return other;
  return sameNames(moduleName).has(name) ? `aten::${name}` : void 0;
}
var SAME_NAMES = /* @__PURE__ */ new Map();
function sameNames(moduleName) {
  let names = SAME_NAMES.get(moduleName);
  if (!names) {
    names = new Set((PYTHON_BUILTIN_FUNCTIONS[moduleName]?.same ?? "").split(" ").filter((n) => n.length > 0));
    SAME_NAMES.set(moduleName, names);
  }
  return names;
}

// src/emitter/values/simple-value.ts
import {
  IntType as IntType3,
  NamedTupleType,
  StringType as StringType4
} from "@tsjit/ir";

// src/emitter/values/method-value.ts
var MethodValue = class {
  constructor(self, name) {
    this.self = self;
    this.name = name;
  }
  self;
  name;
  kind = "method";
  call(context, range, args, kwargs) {
    const ctx = context;
    return new SimpleValue(ctx.callMethod(this.self, this.name, range, args, kwargs));
  }
};

// src/emitter/values/sugared-tuple-value.ts
import { TupleType as TupleType3 } from "@tsjit/ir";
var SugaredTupleValue = class _SugaredTupleValue {
  constructor(items) {
    this.items = items;
  }
  items;
  kind = "Tuple";
  asValue(context, range) {
    const ctx = context;
    const values = this.items.map((item) => {
      if (!item.asValue) ctx.error(range, `${item.kind} cannot be used as a value`);
      return item.asValue(ctx, range);
    });
    return ctx.insertNode("prim::TupleConstruct", values, [tupleTypeOf(values)]).output();
  }
  asTuple() {
    return [...this.items];
  }
  getItem(context, range, index) {
    const ctx = context;
    const constant = constantInt(index);
    if (constant === void 0) {
      ctx.error(range, "Expected integer literal for index but got a variable or non-integer. ");
    }
    let i = Number(constant);
    if (i < 0) i += this.items.length;
    if (i < 0 || i >= this.items.length) {
      ctx.error(range, `Index ${constant} out of range of length ${this.items.length}`);
    }
    return this.items[i];
  }
  iter() {
    return this;
  }
  staticLen() {
    return this.items.length;
  }
  unrolled() {
    return [...this.items];
  }
  len(context, range) {
    return context.constant(this.items.length, range);
  }
  static of(values) {
    return new _SugaredTupleValue(values.map((v) => new SimpleValue(v)));
  }
};
function constantInt(value) {
  const node = value.node;
  if (node.kind !== "prim::Constant" || value.type.kind !== "IntType") return void 0;
  return node.i("value");
}
function tupleTypeOf(values) {
  return TupleType3.of(values.map((v) => v.type));
}

// src/emitter/values/simple-value.ts
var SimpleValue = class _SimpleValue {
  constructor(simpleValue) {
    this.simpleValue = simpleValue;
  }
  simpleValue;
  get kind() {
    return `value of type '${this.simpleValue.type.pythonStr()}'`;
  }
  asValue() {
    return this.simpleValue;
  }
  attr(context, range, name) {
    const ctx = context;
    const value = this.simpleValue;
    const type = value.type;
    if (NamedTupleType.isNamedTuple(type)) {
      const index = type.names.indexOf(name);
      if (index >= 0) {
        const idx = ctx.graph.insertConstant(index);
        return new _SimpleValue(ctx.insertNode("prim::TupleIndex", [value, idx], [type.elements[index]]).output());
      }
    } else if (type.kind === "ClassType") {
      const classType = type;
      if (ctx.findMethod(classType, name)) return new MethodValue(value, name);
      const attribute = classType.findAttribute(name);
      if (attribute) {
        const node = ctx.insertNode("prim::GetAttr", [value], [attribute.type]);
        node.setS("name", name);
        return new _SimpleValue(node.output());
      }
      const property = classType.properties.find((p) => p.name === name);
      if (property) return new _SimpleValue(ctx.callMethod(value, property.getter, range, [], []));
      if (classType.constants.has(name)) {
        return new _SimpleValue(ctx.constant(classType.constants.get(name), range));
      }
      if (name === "__call__" || name === "__getitem__") {
        return ctx.error(range, `${classType.name} object has no attribute or method '${name}'`);
      }
      return ctx.error(
        range,
        `Tried to access nonexistent attribute or method '${name}' of type '${type.pythonStr()}'. Did you forget to initialize an attribute in __init__()?`
      );
    } else if (type.kind === "InterfaceType") {
      if (type.methodSchema(name)) return new MethodValue(value, name);
    } else if (type.kind === "EnumType") {
      if (name === "name") {
        return new _SimpleValue(ctx.insertNode("prim::EnumName", [value], [StringType4.get()]).output());
      }
      if (name === "value") {
        const valueType = type.valueType ?? IntType3.get();
        return new _SimpleValue(ctx.insertNode("prim::EnumValue", [value], [valueType]).output());
      }
    }
    const builtin = ctx.builtinAttr(range, value, name);
    if (builtin) return builtin;
    return ctx.error(
      range,
      `Tried to access nonexistent attribute or method '${name}' of type '${type.pythonStr()}'.`
    );
  }
  setAttr(context, range, name, newValue) {
    const ctx = context;
    const type = this.simpleValue.type;
    if (type.kind !== "ClassType") {
      ctx.error(range, `Tried to set an attribute: ${name} on a non-class: ${type.pythonStr()}`);
    }
    const classType = type;
    let expected = classType.findAttribute(name)?.type;
    if (!expected) {
      if (ctx.isInitializing(classType)) {
        if (isRecursive(classType, newValue.type)) {
          ctx.error(
            range,
            `Assignment to attribute '${name}' cannot be of a type that contains class '${classType.pythonStr()}'.
Classes that recursively contain instances of themselves are not yet supported`
          );
        }
        if (!ctx.atTopLevel()) {
          ctx.error(
            range,
            "First assignment cannot be in a control-flow block. Initialize the field at the top level first"
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
        `Wrong type for attribute assignment. Expected ${expected.pythonStr()} but got ${newValue.type.pythonStr()}`
      );
    }
    const node = ctx.insertNode("prim::SetAttr", [this.simpleValue, newValue], []);
    node.setS("name", name);
  }
  call(context, range, args, kwargs, nBinders) {
    const ctx = context;
    if (this.simpleValue.type.kind === "ClassType") {
      const callee = this.attr(ctx, range, "__call__");
      if (callee.call) return callee.call(ctx, range, args, kwargs, nBinders);
    }
    return ctx.error(range, `cannot call a ${this.kind}`);
  }
  len(context, range) {
    const ctx = context;
    const type = this.simpleValue.type;
    if (type.kind === "ListType" || type.kind === "StringType" || type.kind === "TensorType") {
      return ctx.builtin("aten::len", [{ value: this.simpleValue, range }], [], range);
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not iterable`);
  }
  getItem(context, range, index, typeHint) {
    const ctx = context;
    const value = this.simpleValue;
    const type = value.type;
    const args = [
      { value, range },
      { value: index, range }
    ];
    if (type.kind === "ListType" || type.kind === "StringType" || type.kind === "DictType") {
      return new _SimpleValue(ctx.builtin("aten::__getitem__", args, [], range));
    }
    if (type.kind === "TensorType") {
      const zero = ctx.graph.insertConstant(0);
      return new _SimpleValue(
        ctx.builtin("aten::select", [args[0], { value: zero, range }, { value: index, range }], [], range)
      );
    }
    if (type.kind === "ClassType") {
      const classType = type;
      if (classType.isModule && typeHint) {
        return new _SimpleValue(ctx.insertNode("prim::ModuleContainerIndex", [value, index], [typeHint], range).output());
      }
      const getter = this.attr(ctx, range, "__getitem__");
      if (getter.call) return getter.call(ctx, range, [{ value: index, range }], [], 1);
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not subscriptable`);
  }
  /** What a `for` loop iterates over: the value itself for lists, strings and tensors, a dict's keys, a tuple's items. */
  iter(context, range) {
    const ctx = context;
    const type = this.simpleValue.type;
    if (type.kind === "ListType" || type.kind === "StringType" || type.kind === "TensorType") return this;
    if (type.kind === "DictType") {
      return new _SimpleValue(ctx.builtin("aten::keys", [{ value: this.simpleValue, range }], [], range));
    }
    if (type.kind === "TupleType") {
      return new SugaredTupleValue(unpackTuple2(ctx, this.simpleValue).map((v) => new _SimpleValue(v)));
    }
    return ctx.error(range, `'${type.pythonStr()}' object is not iterable`);
  }
  /** The items this value unpacks into (`a, b = x`). */
  asTuple(context, range, sizeHint) {
    const ctx = context;
    const type = this.simpleValue.type;
    if (type.kind === "TupleType") return unpackTuple2(ctx, this.simpleValue).map((v) => new _SimpleValue(v));
    if (type.kind === "ListType") {
      if (sizeHint === void 0) {
        ctx.error(range, "cannot statically infer the expected size of a list in this context");
      }
      const element = type.elementType;
      const node = ctx.insertNode(
        "prim::ListUnpack",
        [this.simpleValue],
        Array.from({ length: sizeHint }, () => element)
      );
      return node.outputs.map((v) => new _SimpleValue(v));
    }
    return ctx.error(range, `${type.pythonStr()} cannot be used as a tuple`);
  }
  hasAttr(context, range, name) {
    const ctx = context;
    const type = this.simpleValue.type;
    if (type.kind !== "ClassType") {
      ctx.error(range, `hasattr's first argument must be an object, got ${type.pythonStr()} instead`);
    }
    const classType = type;
    return ctx.findMethod(classType, name) !== void 0 || classType.findAttribute(name) !== void 0 || classType.constants.has(name);
  }
};
function unpackTuple2(ctx, tuple) {
  if (tuple.node.kind === "prim::TupleConstruct") return [...tuple.node.inputs];
  const type = tuple.type;
  return [...ctx.insertNode("prim::TupleUnpack", [tuple], type.elements).outputs];
}
function isRecursive(classType, type) {
  if (type.isSubtypeOf(classType)) return true;
  return type.containedTypes().some((t) => isRecursive(classType, t));
}

// src/emitter/values/builtin-function-value.ts
var BuiltinFunctionValue2 = class {
  constructor(symbol, self) {
    this.symbol = symbol;
    this.self = self;
  }
  symbol;
  self;
  kind = "builtin";
  call(ctx, range, args, kwargs) {
    return new SimpleValue(ctx.builtin(this.symbol, args, kwargs, range, this.self));
  }
};

// src/emitter/values/special-form-value.ts
var SpecialFormValue = class {
  /** `self` is the object for method forms (`x.tolist()`). */
  constructor(form, self) {
    this.form = form;
    this.self = self;
    this.kind = form.slice(form.indexOf("::") + 2);
  }
  form;
  self;
  kind;
};

// src/emitter/default-builtins.ts
function specialForm(name, self) {
  switch (name) {
    case "torch.jit.annotate":
      return new SpecialFormValue("prim::annotate");
    case "torch.jit.fork":
    case "torch.jit._fork":
      return new SpecialFormValue("prim::fork");
    case "torch.jit.isinstance":
    case "torch.jit._isinstance":
      return new SpecialFormValue("prim::isinstance");
    case "torch.jit.wait":
    case "torch.jit._wait":
      return new BuiltinFunctionValue2("aten::wait");
    case "torch.jit.is_scripting":
      return new BuiltinFunctionValue2("aten::is_scripting");
    case "torch.jit._unwrap_optional":
      return new BuiltinFunctionValue2("aten::_unwrap_optional");
    case "prim::tolist":
      return new SpecialFormValue("prim::tolist", self);
    default:
      return void 0;
  }
}
function defaultBuiltins(registry) {
  const hooks = {
    simple: (value) => new SimpleValue(value),
    specialForm,
    registry
  };
  return {
    call: (ctx, name, args, kwargs, range, self) => emitBuiltinCall(ctx, registry, name, args, kwargs, range, self),
    attr: (ctx, range, value, name) => builtinAttr(ctx, range, value, name, hooks),
    matchSchema: (ctx, schema, range, args, kwargs, self) => {
      const matched = matchSchema(ctx, schema, range, args, kwargs, self);
      if ("failure" in matched) return ctx.error(range, matched.failure.trimEnd());
      return { inputs: matched.inputs, returnType: matched.returnTypes[0] ?? NoneType3.get() };
    },
    global: (name) => {
      if (name === "torch" || name === "math") return new PythonModuleValue(name, hooks);
      return void 0;
    }
  };
}

// src/emitter/script-function.ts
import { Argument as Argument3, FunctionSchema as FunctionSchema3 } from "@tsjit/ir";

// src/emitter/function-emitter.ts
import {
  AnyType as AnyType2,
  Argument as Argument2,
  BoolType as BoolType7,
  DictType as DictType3,
  FloatType as FloatType3,
  FunctionSchema as FunctionSchema2,
  FunctionType,
  FutureType as FutureType4,
  Graph as Graph2,
  IntType as IntType7,
  ListType as ListType8,
  NoneType as NoneType7,
  OptionalType as OptionalType4,
  StringType as StringType8,
  TensorType as TensorType7,
  TupleType as TupleType8,
  UnionType as UnionType4
} from "@tsjit/ir";

// src/errors/frontend-error.ts
import { JitError } from "@tsjit/ir";
var FrontendError = class extends JitError {
  static marker = /* @__PURE__ */ Symbol.for("tsjit.FrontendError");
  /** What is wrong, without the location and the quoted line. */
  reason;
  file;
  /** 0-based offset of the problem in the source. */
  offset;
  /** 1-based line of the problem. */
  line;
  /** 1-based column of the problem in its line. */
  column;
  constructor(source, file, offset, reason) {
    const at = Math.max(0, Math.min(offset, source.length));
    const lineStart = source.lastIndexOf("\n", at - 1) + 1;
    let lineEnd = source.indexOf("\n", at);
    if (lineEnd < 0) lineEnd = source.length;
    if (lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (source.charCodeAt(i) === 10) line++;
    const column = at - lineStart + 1;
    const from = Math.max(lineStart, at - 80);
    const to = Math.min(lineEnd, at + 80);
    const quoted = source.slice(from, to).replace(/\t/g, " ");
    super(
      "ERR_TSJIT_FRONTEND",
      `${reason}
  at ${file}:${line}:${column}
    ${quoted}
    ${" ".repeat(Math.max(0, at - from))}^`
    );
    this.reason = reason;
    this.file = file;
    this.offset = at;
    this.line = line;
    this.column = column;
  }
};

// src/lexer.ts
var KEYWORDS = /* @__PURE__ */ new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield"
]);
var OPERATORS = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  ":=",
  "->",
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "@",
  "&",
  "|",
  "^",
  "~",
  "<",
  ">",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ":",
  ".",
  ";",
  "="
];
var CLOSERS = { ")": "(", "]": "[", "}": "{" };
var ID_START = /[\p{L}\p{Nl}_]/u;
var ID_CONTINUE = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]/u;
var STRING_PREFIX = /^(?:r|u|f|fr|rf|b|br|rb)$/i;
var isDigit = (c) => c >= 48 && c <= 57;
function lexer(source, file = "<string>", typeComments) {
  return new Lexer(source, file, typeComments).run();
}
var TYPE_COMMENT = /^#[ \t]*type:[ \t]*/;
var TYPE_IGNORE = /^ignore(?![\p{L}\p{N}_])/u;
var Lexer = class {
  constructor(src2, file, typeComments) {
    this.src = src2;
    this.file = file;
    this.typeComments = typeComments;
  }
  src;
  file;
  typeComments;
  pos = 0;
  line = 1;
  lineStart = 0;
  tokens = [];
  // Two indentation measures as CPython keeps them: tabs to multiples of 8, and tabs as 1 column.
  // A line whose measures order differently from the enclosing levels is inconsistent.
  indents = [0];
  altIndents = [0];
  brackets = [];
  /** Consumes a comment from `this.pos` (its `#`) to the end of its line, keeping it if it is a type comment. */
  comment() {
    const src2 = this.src;
    const start = this.pos;
    while (this.pos < src2.length && !this.newlineAt(this.pos)) this.pos++;
    if (!this.typeComments) return;
    const text = src2.slice(start, this.pos);
    const prefix = TYPE_COMMENT.exec(text);
    if (!prefix) return;
    const rest = text.slice(prefix[0].length);
    if (TYPE_IGNORE.test(rest)) return;
    const range = { start, end: this.pos, line: this.line, col: start - this.lineStart + 1 };
    this.typeComments.push({ text: rest, range });
  }
  fail(offset, reason) {
    throw new FrontendError(this.src, this.file, offset, reason);
  }
  push(kind, start, end, line, col, extra) {
    this.tokens.push({ kind, text: this.src.slice(start, end), range: { start, end, line, col }, ...extra });
  }
  newlineAt(i) {
    const c = this.src.charCodeAt(i);
    if (c === 10) return 1;
    if (c === 13) return this.src.charCodeAt(i + 1) === 10 ? 2 : 1;
    return 0;
  }
  advanceLine(width) {
    this.pos += width;
    this.line++;
    this.lineStart = this.pos;
  }
  run() {
    const src2 = this.src;
    let atLineStart = true;
    while (this.pos < src2.length) {
      if (atLineStart && this.brackets.length === 0) {
        if (this.indentation()) continue;
        atLineStart = false;
      }
      const start = this.pos;
      const c = src2.charCodeAt(start);
      const col2 = start - this.lineStart + 1;
      const nl = this.newlineAt(start);
      if (nl) {
        const joined = this.brackets.length > 0;
        if (!joined) this.push("newline", start, start + nl, this.line, col2);
        this.advanceLine(nl);
        atLineStart = !joined;
        continue;
      }
      if (c === 32 || c === 9 || c === 12) {
        this.pos++;
        continue;
      }
      if (c === 35) {
        this.comment();
        continue;
      }
      if (c === 92) {
        const w = this.newlineAt(start + 1);
        if (!w) {
          if (start + 1 >= src2.length) this.fail(start, "unexpected end of file after line continuation character");
          this.fail(start + 1, "unexpected character after line continuation character");
        }
        this.pos++;
        this.advanceLine(w);
        if (this.pos >= src2.length) this.fail(start, "unexpected end of file after line continuation character");
        continue;
      }
      if (isDigit(c) || c === 46 && isDigit(src2.charCodeAt(start + 1))) {
        this.number(start, col2);
        continue;
      }
      if (c === 34 || c === 39) {
        this.string(start, start, col2, "");
        continue;
      }
      const cp = src2.codePointAt(start);
      const ch = String.fromCodePoint(cp);
      if (ID_START.test(ch)) {
        let end2 = start + ch.length;
        while (end2 < src2.length) {
          const next = String.fromCodePoint(src2.codePointAt(end2));
          if (!ID_CONTINUE.test(next)) break;
          end2 += next.length;
        }
        const word = src2.slice(start, end2);
        const q = src2.charCodeAt(end2);
        if ((q === 34 || q === 39) && STRING_PREFIX.test(word)) {
          this.string(start, end2, col2, word.toLowerCase());
          continue;
        }
        this.push(KEYWORDS.has(word) ? "keyword" : "name", start, end2, this.line, col2);
        this.pos = end2;
        continue;
      }
      this.operator(start, col2);
    }
    if (this.brackets.length > 0) {
      const open = this.brackets[this.brackets.length - 1];
      this.fail(open.offset, `unexpected end of file: '${open.char}' was never closed`);
    }
    const last = this.tokens[this.tokens.length - 1];
    const end = src2.length;
    const col = end - this.lineStart + 1;
    if (last && last.kind !== "newline" && last.kind !== "dedent" && last.kind !== "indent") {
      this.push("newline", end, end, this.line, col);
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.altIndents.pop();
      this.push("dedent", end, end, this.line, col);
    }
    this.push("eof", end, end, this.line, col);
    return this.tokens;
  }
  /** Measures the indentation of a new line; returns true when the line is blank or a comment. */
  indentation() {
    const src2 = this.src;
    let i = this.pos;
    let width = 0;
    let alt = 0;
    for (; i < src2.length; i++) {
      const c2 = src2.charCodeAt(i);
      if (c2 === 32) {
        width++;
        alt++;
      } else if (c2 === 9) {
        width = (Math.floor(width / 8) + 1) * 8;
        alt++;
      } else if (c2 === 12) {
        width = 0;
        alt = 0;
      } else break;
    }
    this.pos = i;
    const c = src2.charCodeAt(i);
    if (i >= src2.length || this.newlineAt(i) || c === 35) {
      if (c === 35) this.comment();
      while (this.pos < src2.length && !this.newlineAt(this.pos)) this.pos++;
      if (this.pos < src2.length) this.advanceLine(this.newlineAt(this.pos));
      return true;
    }
    const top = this.indents[this.indents.length - 1];
    const altTop = this.altIndents[this.altIndents.length - 1];
    const col = i - this.lineStart + 1;
    if (width === top) {
      if (alt !== altTop) this.fail(i, "inconsistent use of tabs and spaces in indentation");
    } else if (width > top) {
      if (alt <= altTop) this.fail(i, "inconsistent use of tabs and spaces in indentation");
      this.indents.push(width);
      this.altIndents.push(alt);
      this.push("indent", this.lineStart, i, this.line, 1);
    } else {
      while (this.indents.length > 1 && width < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.altIndents.pop();
        this.push("dedent", i, i, this.line, col);
      }
      if (width !== this.indents[this.indents.length - 1]) {
        this.fail(i, "unindent does not match any outer indentation level");
      }
      if (alt !== this.altIndents[this.altIndents.length - 1]) {
        this.fail(i, "inconsistent use of tabs and spaces in indentation");
      }
    }
    return false;
  }
  operator(start, col) {
    const src2 = this.src;
    for (const op of OPERATORS) {
      if (!src2.startsWith(op, start)) continue;
      if (op === ":=") this.fail(start, "the walrus operator ':=' is not supported in TorchScript");
      if (op === "(" || op === "[" || op === "{") this.brackets.push({ char: op, offset: start });
      const opener = CLOSERS[op];
      if (opener) {
        const open = this.brackets.pop();
        if (!open) this.fail(start, `unmatched '${op}'`);
        if (open.char !== opener) {
          this.fail(start, `closing parenthesis '${op}' does not match opening parenthesis '${open.char}'`);
        }
      }
      this.push("op", start, start + op.length, this.line, col);
      this.pos = start + op.length;
      return;
    }
    const cp = src2.codePointAt(start);
    const shown = cp < 32 || cp === 127 ? `U+${cp.toString(16).toUpperCase().padStart(4, "0")}` : String.fromCodePoint(cp);
    this.fail(start, `invalid character '${shown}' in source`);
  }
  number(start, col) {
    const src2 = this.src;
    let i = start;
    let kind = "int";
    const digits = (from, ok, what) => {
      let j = from;
      if (!ok(src2.charCodeAt(j))) this.fail(j, `invalid ${what} literal`);
      while (j < src2.length) {
        const c = src2.charCodeAt(j);
        if (ok(c)) j++;
        else if (c === 95 && ok(src2.charCodeAt(j + 1))) j += 2;
        else break;
      }
      return j;
    };
    const c0 = src2.charCodeAt(i);
    const c1 = src2.charCodeAt(i + 1) | 32;
    if (c0 === 48 && (c1 === 120 || c1 === 111 || c1 === 98)) {
      const base = c1 === 120 ? { ok: (c) => isDigit(c) || (c | 32) >= 97 && (c | 32) <= 102, what: "hexadecimal" } : c1 === 111 ? { ok: (c) => c >= 48 && c <= 55, what: "octal" } : { ok: (c) => c === 48 || c === 49, what: "binary" };
      i += 2;
      if (src2.charCodeAt(i) === 95) i++;
      i = digits(i, base.ok, base.what);
      if (isDigit(src2.charCodeAt(i))) this.fail(i, `invalid digit '${src2[i]}' in ${base.what} literal`);
    } else {
      if (c0 !== 46) i = digits(i, isDigit, "decimal");
      const intEnd = i;
      if (src2.charCodeAt(i) === 46) {
        kind = "float";
        i++;
        if (isDigit(src2.charCodeAt(i))) i = digits(i, isDigit, "decimal");
      }
      const e = src2.charCodeAt(i) | 32;
      if (e === 101) {
        let j = i + 1;
        const sign = src2.charCodeAt(j);
        if (sign === 43 || sign === 45) j++;
        if (isDigit(src2.charCodeAt(j))) {
          kind = "float";
          i = digits(j, isDigit, "decimal");
        }
      }
      if ((src2.charCodeAt(i) | 32) === 106) {
        kind = "imaginary";
        i++;
      }
      if (kind === "int" && c0 === 48 && /[1-9]/.test(src2.slice(start, intEnd))) {
        this.fail(
          start,
          "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
        );
      }
    }
    if (i < src2.length) {
      const next = String.fromCodePoint(src2.codePointAt(i));
      const keywordNext = /^(?:and|else|for|if|in|is|not|or)/.test(src2.slice(i, i + 4));
      if ((ID_CONTINUE.test(next) || next === "_") && !keywordNext) {
        this.fail(i, `invalid ${kind === "int" ? "decimal" : kind} literal`);
      }
    }
    this.push("number", start, i, this.line, col, { numberKind: kind });
    this.pos = i;
  }
  /** A string literal; `quoteAt` is the offset of the opening quote after the prefix. */
  string(start, quoteAt, col, prefix) {
    const src2 = this.src;
    if (prefix.includes("b")) this.fail(start, "bytes literals are not supported in TorchScript");
    const raw = prefix.includes("r");
    const isF = prefix.includes("f");
    const quote = src2[quoteAt];
    const triple = src2.startsWith(quote.repeat(3), quoteAt);
    const delim = triple ? quote.repeat(3) : quote;
    const startLine = this.line;
    let i = quoteAt + delim.length;
    const bodyStart = i;
    let value = "";
    for (; ; ) {
      if (i >= src2.length) {
        this.fail(
          start,
          triple ? "unterminated triple-quoted string literal" : "unterminated string literal (end of file)"
        );
      }
      if (src2.startsWith(delim, i)) break;
      const c = src2.charCodeAt(i);
      const nl = this.newlineAt(i);
      if (nl) {
        if (!triple) this.fail(start, "unterminated string literal (end of line)");
        value += "\n";
        i += nl;
        this.line++;
        this.lineStart = i;
        continue;
      }
      if (c !== 92) {
        value += src2[i];
        i++;
        continue;
      }
      const nextNl = this.newlineAt(i + 1);
      if (raw) {
        if (nextNl) {
          value += `\\${src2.slice(i + 1, i + 1 + nextNl)}`;
          i += 1 + nextNl;
          this.line++;
          this.lineStart = i;
        } else if (i + 1 < src2.length) {
          value += src2.slice(i, i + 2);
          i += 2;
        } else i++;
        continue;
      }
      if (nextNl) {
        i += 1 + nextNl;
        this.line++;
        this.lineStart = i;
        continue;
      }
      i = this.escape(i, (s) => {
        value += s;
      });
    }
    const end = i + delim.length;
    const token = {
      kind: isF ? "fstring" : "string",
      text: src2.slice(start, end),
      range: { start, end, line: startLine, col },
      value
    };
    if (isF) token.parts = this.fstringParts(bodyStart, i, raw);
    this.tokens.push(token);
    this.pos = end;
  }
  /** Decodes the escape at `i` (a backslash); returns the offset after it. */
  escape(i, out) {
    const src2 = this.src;
    const e = src2[i + 1];
    const simple = {
      "\\": "\\",
      "'": "'",
      '"': '"',
      a: "\x07",
      b: "\b",
      f: "\f",
      n: "\n",
      r: "\r",
      t: "	",
      v: "\v"
    };
    if (e === void 0) return i + 1;
    if (e in simple) {
      out(simple[e]);
      return i + 2;
    }
    if (e >= "0" && e <= "7") {
      let j = i + 1;
      while (j < i + 4 && src2[j] !== void 0 && src2[j] >= "0" && src2[j] <= "7") j++;
      out(String.fromCharCode(Number.parseInt(src2.slice(i + 1, j), 8)));
      return j;
    }
    const hex = (n, what) => {
      const digits = src2.slice(i + 2, i + 2 + n);
      if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== n) {
        this.fail(i, `invalid \\${what} escape: expected ${n} hexadecimal digits`);
      }
      const code = Number.parseInt(digits, 16);
      if (code > 1114111) this.fail(i, "illegal Unicode character in \\U escape");
      out(String.fromCodePoint(code));
      return i + 2 + n;
    };
    if (e === "x") return hex(2, "x");
    if (e === "u") return hex(4, "u");
    if (e === "U") return hex(8, "U");
    if (e === "N") this.fail(i, "named Unicode escapes (\\N{...}) are not supported in TorchScript");
    out(`\\${e}`);
    return i + 2;
  }
  /** Splits an f-string body into text and `{expr!c:spec}` fields, with `{{`/`}}` as literal braces. */
  fstringParts(from, to, raw) {
    const src2 = this.src;
    const parts = [];
    let text = "";
    let i = from;
    while (i < to) {
      const c = src2[i];
      if (c === "{" && src2[i + 1] === "{") {
        text += "{";
        i += 2;
      } else if (c === "}") {
        if (src2[i + 1] !== "}") this.fail(i, "f-string: single '}' is not allowed");
        text += "}";
        i += 2;
      } else if (c === "{") {
        if (text) parts.push({ kind: "text", value: text });
        text = "";
        i = this.fstringField(i, to, parts);
      } else if (c === "\\" && !raw) {
        const nl = this.newlineAt(i + 1);
        if (nl) i += 1 + nl;
        else
          i = this.escape(i, (s) => {
            text += s;
          });
      } else {
        text += c === "\r" ? "\n" : c;
        i += c === "\r" && src2[i + 1] === "\n" ? 2 : 1;
      }
    }
    if (text) parts.push({ kind: "text", value: text });
    return parts;
  }
  fstringField(open, to, parts) {
    const src2 = this.src;
    let depth = 0;
    let i = open + 1;
    let quote = null;
    let exprEnd = -1;
    let conversion = null;
    for (; i < to; i++) {
      const c = src2[i];
      if (quote) {
        if (c === quote) quote = null;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === "\\") this.fail(i, "f-string expression part cannot include a backslash");
      else if (c === "#") this.fail(i, "f-string expression part cannot include '#'");
      else if (c === "(" || c === "[" || c === "{") depth++;
      else if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
      else if (depth === 0 && (c === "}" || c === ":" || c === "!" && src2[i + 1] !== "=")) break;
    }
    exprEnd = i;
    const source = src2.slice(open + 1, exprEnd);
    if (source.trim() === "") this.fail(open, "f-string: empty expression not allowed");
    if (i < to && src2[i] === "!") {
      conversion = src2[i + 1] ?? "";
      if (!"rsa".includes(conversion) || conversion === "") {
        this.fail(i, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
      i += 2;
    }
    let formatSpec = null;
    if (i < to && src2[i] === ":") {
      let nest = 0;
      const specStart = i + 1;
      for (i = specStart; i < to; i++) {
        if (src2[i] === "{") nest++;
        else if (src2[i] === "}") {
          if (nest === 0) break;
          nest--;
        }
      }
      formatSpec = src2.slice(specStart, i);
    }
    if (i >= to || src2[i] !== "}") this.fail(open, "f-string: expecting '}'");
    parts.push({ kind: "expr", source, offset: open + 1, conversion, formatSpec });
    return i + 1;
  }
};

// src/parser.ts
var MAX_NESTING = 200;
var MAX_BLOCKS = 100;
var AUGMENTED_OPS = new Map(
  ["+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^"].map((op) => [`${op}=`, op])
);
var EXPRESSION_KEYWORDS = /* @__PURE__ */ new Set(["not", "None", "True", "False", "lambda", "await"]);
var COMPOUND_KEYWORDS = /* @__PURE__ */ new Set(["def", "class", "if", "while", "for", "with", "try", "async"]);
var UNSUPPORTED = {
  try: "try statements are not supported in TorchScript",
  async: "async functions and statements are not supported in TorchScript",
  yield: "generators (yield) are not supported in TorchScript",
  await: "await is not supported in TorchScript"
};
var COMPARE_OPS = /* @__PURE__ */ new Set(["<", ">", "==", ">=", "<=", "!="]);
var BINARY_LEVELS = [
  ["|"],
  ["^"],
  ["&"],
  ["<<", ">>"],
  ["+", "-"],
  ["*", "/", "//", "%", "@"]
];
var Parser = class _Parser {
  constructor(source, file = "<string>") {
    this.source = source;
    this.file = file;
    this.tokens = lexer(source, file, this.typeComments);
  }
  source;
  file;
  i = 0;
  depth = 0;
  blocks = 0;
  tokens;
  typeComments = [];
  parenthesized = /* @__PURE__ */ new Map();
  /** Parses a whole file: Python's statement grammar as TorchScript uses it. */
  static parseModule(source, file = "<string>") {
    const parser = new _Parser(source, file);
    const body = [];
    while (parser.peek().kind !== "eof") parser.statement(body);
    return { body, file, source };
  }
  /** Parses `source` as one expression (a bare tuple allowed) followed by the end of input. */
  static parseExpression(source, file) {
    const parser = new _Parser(source, file);
    const expr = parser.exprList(true);
    while (parser.peek().kind === "newline") parser.i++;
    const end = parser.peek();
    if (end.kind !== "eof") parser.fail(end, `expected end of expression but found ${describe(end)}`);
    return expr;
  }
  peek(k = 0) {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)];
  }
  next() {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }
  isOp(text, k = 0) {
    const t = this.peek(k);
    return t.kind === "op" && t.text === text;
  }
  isKeyword(text, k = 0) {
    const t = this.peek(k);
    return t.kind === "keyword" && t.text === text;
  }
  expectOp(text, what) {
    const t = this.peek();
    if (t.kind !== "op" || t.text !== text) this.fail(t, `expected '${text}' ${what} but found ${describe(t)}`);
    return this.next();
  }
  fail(at, reason) {
    throw new FrontendError(this.source, this.file, at.range.start, reason);
  }
  enter(at) {
    if (++this.depth > MAX_NESTING) this.fail(at, `expression nested too deeply (more than ${MAX_NESTING} levels)`);
  }
  /**
   * The range an expression covers as an operand: with its parentheses, if it was parenthesized.
   * Python's ast keeps a parenthesized node's own range but extends its parents over the parentheses.
   */
  outer(e) {
    return this.parenthesized.get(e) ?? e.range;
  }
  span(start, end) {
    return { start: start.start, end: end.end, line: start.line, col: start.col };
  }
  failAt(offset, reason) {
    throw new FrontendError(this.source, this.file, offset, reason);
  }
  /** The last token consumed. */
  previous() {
    return this.tokens[Math.max(0, this.i - 1)];
  }
  expectKeyword(text, what) {
    const t = this.peek();
    if (t.kind !== "keyword" || t.text !== text) this.fail(t, `expected '${text}' ${what} but found ${describe(t)}`);
    return this.next();
  }
  expectName(what) {
    const t = this.peek();
    if (t.kind !== "name") this.fail(t, `expected ${what} but found ${describe(t)}`);
    return this.next();
  }
  /** One statement at the current position; a line of `;`-separated simple statements adds several. */
  statement(out) {
    const t = this.peek();
    if (t.kind === "keyword") {
      switch (t.text) {
        case "def":
          out.push(this.functionDef([]));
          return;
        case "class":
          out.push(this.classDef([]));
          return;
        case "if":
          out.push(this.ifStatement());
          return;
        case "while":
          out.push(this.whileStatement());
          return;
        case "for":
          out.push(this.forStatement());
          return;
        case "with":
          out.push(this.withStatement());
          return;
      }
    } else if (t.kind === "op" && t.text === "@") {
      out.push(this.decorated());
      return;
    } else if (t.kind === "indent") {
      this.fail(t, "unexpected indent");
    }
    this.simpleStatements(out);
  }
  /** `small (; small)* [;] NEWLINE`. */
  simpleStatements(out) {
    for (; ; ) {
      out.push(this.smallStatement());
      if (!this.isOp(";")) break;
      this.next();
      if (this.peek().kind === "newline") break;
    }
    const end = this.peek();
    if (end.kind !== "newline") this.fail(end, `expected end of line or ';' but found ${describe(end)}`);
    this.next();
  }
  smallStatement() {
    const t = this.peek();
    if (t.kind === "keyword" && !EXPRESSION_KEYWORDS.has(t.text)) {
      switch (t.text) {
        case "pass":
        case "break":
        case "continue":
          this.next();
          return { kind: t.text === "pass" ? "Pass" : t.text === "break" ? "Break" : "Continue", range: t.range };
        case "return": {
          this.next();
          const value = this.startsExpression() ? this.exprList(true) : null;
          return { kind: "Return", value, range: this.span(t.range, this.previous().range) };
        }
        case "del":
          return this.deleteStatement();
        case "raise": {
          this.next();
          let exc = null;
          let cause = null;
          if (this.startsExpression()) {
            exc = this.test();
            if (this.isKeyword("from")) {
              this.next();
              cause = this.test();
            }
          }
          return { kind: "Raise", exc, cause, range: this.span(t.range, this.previous().range) };
        }
        case "assert": {
          this.next();
          const test = this.test();
          let msg = null;
          if (this.isOp(",")) {
            this.next();
            msg = this.test();
          }
          return { kind: "Assert", test, msg, range: this.span(t.range, this.previous().range) };
        }
        case "import":
          return this.importStatement();
        case "from":
          return this.fromImport();
        case "global":
        case "nonlocal": {
          this.next();
          const names = [this.expectName(`a name after '${t.text}'`).text];
          while (this.isOp(",")) {
            this.next();
            names.push(this.expectName(`a name after ','`).text);
          }
          const kind = t.text === "global" ? "Global" : "Nonlocal";
          return { kind, names, range: this.span(t.range, this.previous().range) };
        }
      }
      const unsupported = UNSUPPORTED[t.text];
      if (unsupported) this.fail(t, unsupported);
      if (COMPOUND_KEYWORDS.has(t.text)) {
        this.fail(
          t,
          `expected a simple statement but found ${describe(t)} (a compound statement must start its own line)`
        );
      }
      this.fail(t, `expected a statement but found ${describe(t)}`);
    }
    if (t.kind === "op" && t.text === "@") {
      this.fail(t, "expected a simple statement but found '@' (a decorator must start its own line)");
    }
    if (!this.startsExpression()) this.fail(t, `expected a statement but found ${describe(t)}`);
    return this.expressionStatement();
  }
  /** Expression statements and the assignments, which start with an expression. */
  expressionStatement() {
    const start = this.peek();
    const first = this.exprList(true);
    const t = this.peek();
    if (t.kind === "op" && t.text === ":") {
      this.next();
      if (first.kind === "Tuple" || first.kind === "List") {
        this.failAt(
          first.range.start,
          `only single target (not ${first.kind === "Tuple" ? "tuple" : "list"}) can be annotated`
        );
      }
      if (first.kind !== "Name" && first.kind !== "Attribute" && first.kind !== "Subscript") {
        this.failAt(first.range.start, `illegal target for annotation: cannot annotate ${exprDescription(first)}`);
      }
      const annotation = this.test();
      let value = null;
      if (this.isOp("=")) {
        this.next();
        value = this.exprList(true);
      }
      return {
        kind: "AnnAssign",
        target: first,
        annotation,
        value,
        range: this.span(start.range, this.previous().range)
      };
    }
    const op = t.kind === "op" ? AUGMENTED_OPS.get(t.text) : void 0;
    if (op !== void 0) {
      if (first.kind !== "Name" && first.kind !== "Attribute" && first.kind !== "Subscript") {
        this.failAt(first.range.start, `'${exprDescription(first)}' is an illegal expression for augmented assignment`);
      }
      this.next();
      const value = this.exprList(true);
      return { kind: "AugAssign", target: first, op, value, range: this.span(start.range, this.previous().range) };
    }
    if (t.kind === "op" && t.text === "=") {
      const exprs = [first];
      while (this.isOp("=")) {
        this.next();
        exprs.push(this.exprList(true));
      }
      const value = exprs.pop();
      for (const target of exprs) this.checkTarget(target, "assign");
      const last = this.previous();
      const after = this.peek();
      const typeComment = after.kind === "newline" ? this.typeCommentIn(last.range.end, after.range.start) : null;
      return { kind: "Assign", targets: exprs, value, typeComment, range: this.span(start.range, last.range) };
    }
    return { kind: "Expr", value: first, range: this.span(start.range, this.previous().range) };
  }
  /**
   * Checks that `e` can be assigned to (or deleted): names, attributes, subscripts, and tuples and
   * lists of them (with at most one starred element), as Python requires.
   */
  checkTarget(e, use) {
    switch (e.kind) {
      case "Name":
      case "Attribute":
      case "Subscript":
        return;
      case "Tuple":
      case "List": {
        let starred = 0;
        for (const elt of e.elts) {
          if (elt.kind === "Starred") {
            if (use === "delete") this.failAt(elt.range.start, "cannot delete starred");
            if (++starred > 1) this.failAt(elt.range.start, "multiple starred expressions in assignment");
            this.checkTarget(elt.value, use);
          } else this.checkTarget(elt, use);
        }
        return;
      }
      case "Starred":
        if (use === "delete") this.failAt(e.range.start, "cannot delete starred");
        this.failAt(e.range.start, "starred assignment target must be in a list or tuple");
        break;
      default:
        this.failAt(e.range.start, `cannot ${use} to ${exprDescription(e)}`.replace("delete to", "delete"));
    }
  }
  deleteStatement() {
    const kw = this.next();
    const targets = [];
    do {
      if (targets.length > 0) {
        this.next();
        if (!this.startsExpression()) break;
      }
      const target = this.test();
      this.checkTarget(target, "delete");
      targets.push(target);
    } while (this.isOp(","));
    return { kind: "Delete", targets, range: this.span(kw.range, this.previous().range) };
  }
  dottedName(what) {
    const first = this.expectName(what);
    let name = first.text;
    while (this.isOp(".")) {
      this.next();
      name += `.${this.expectName("a name after '.'").text}`;
    }
    return { name, first };
  }
  importStatement() {
    const kw = this.next();
    const names = [];
    do {
      if (names.length > 0) this.next();
      const { name, first } = this.dottedName("a module name after 'import'");
      names.push(this.alias(name, first));
    } while (this.isOp(","));
    return { kind: "Import", names, range: this.span(kw.range, this.previous().range) };
  }
  alias(name, first) {
    let asname = null;
    if (this.isKeyword("as")) {
      this.next();
      asname = this.expectName("a name after 'as'").text;
    }
    return { name, asname, range: this.span(first.range, this.previous().range) };
  }
  fromImport() {
    const kw = this.next();
    let level = 0;
    while (this.isOp(".") || this.isOp("...")) level += this.next().text.length;
    let module = null;
    if (level === 0 || this.peek().kind === "name") module = this.dottedName("a module name after 'from'").name;
    this.expectKeyword("import", "after the module name");
    const names = [];
    if (this.isOp("*")) {
      const star = this.next();
      names.push({ name: "*", asname: null, range: star.range });
    } else {
      const parenthesized = this.isOp("(");
      if (parenthesized) this.next();
      do {
        if (names.length > 0) {
          const comma = this.next();
          if (parenthesized && this.isOp(")")) break;
          if (!parenthesized && this.peek().kind !== "name") {
            this.fail(comma, "trailing comma not allowed without surrounding parentheses");
          }
        }
        const name = this.expectName("a name to import");
        names.push(this.alias(name.text, name));
      } while (this.isOp(","));
      if (parenthesized) this.expectOp(")", "to close the imported names");
    }
    return { kind: "ImportFrom", module, names, level, range: this.span(kw.range, this.previous().range) };
  }
  /** The type comment wholly inside [from, to), if any (the first). */
  typeCommentIn(from, to) {
    const comments = this.typeComments;
    let lo = 0;
    let hi = comments.length;
    while (lo < hi) {
      const mid = lo + hi >> 1;
      if (comments[mid].range.start < from) lo = mid + 1;
      else hi = mid;
    }
    const c = comments[lo];
    return c && c.range.end <= to ? c.text : null;
  }
  /**
   * The body after a compound statement's ':' — an indented block, or simple statements on the
   * same line. `owner` is the statement's keyword, for messages.
   */
  block(owner) {
    const body = [];
    const t = this.peek();
    if (t.kind !== "newline") {
      this.simpleStatements(body);
      return body;
    }
    this.next();
    const indent = this.peek();
    if (indent.kind !== "indent") {
      this.fail(
        indent,
        `expected an indented block after '${owner.text}' statement on line ${owner.range.line} but found ${describe(indent)}`
      );
    }
    if (this.blocks >= MAX_BLOCKS) this.fail(owner, `too many nested blocks (more than ${MAX_BLOCKS} levels)`);
    this.next();
    this.blocks++;
    while (this.peek().kind !== "dedent" && this.peek().kind !== "eof") this.statement(body);
    this.next();
    this.blocks--;
    return body;
  }
  colon(what) {
    return this.expectOp(":", `after ${what}`);
  }
  endOf(first, body, orelse = []) {
    const last = orelse[orelse.length - 1] ?? body[body.length - 1];
    return this.span(first, last?.range ?? first);
  }
  decorated() {
    const decorators = [];
    while (this.isOp("@")) {
      this.next();
      decorators.push(this.test());
      const end = this.peek();
      if (end.kind !== "newline") this.fail(end, `expected end of line after the decorator but found ${describe(end)}`);
      this.next();
    }
    if (this.isKeyword("def")) return this.functionDef(decorators);
    if (this.isKeyword("class")) return this.classDef(decorators);
    const t = this.peek();
    return this.fail(t, `expected 'def' or 'class' after decorators but found ${describe(t)}`);
  }
  functionDef(decorators) {
    const kw = this.next();
    const name = this.expectName("a function name after 'def'");
    this.expectOp("(", "after the function name");
    const args = this.parameters();
    this.expectOp(")", "to close the parameter list");
    let returns = null;
    if (this.isOp("->")) {
      this.next();
      returns = this.test();
    }
    const colon = this.expectOp(":", "after the function signature");
    let typeComment = null;
    const newline = this.peek();
    if (newline.kind === "newline") {
      typeComment = this.typeCommentIn(colon.range.end, newline.range.start);
      const indent = this.peek(1);
      if (typeComment === null && indent.kind === "indent") {
        typeComment = this.typeCommentIn(newline.range.end, indent.range.start);
      }
    }
    const body = this.block(kw);
    return {
      kind: "FunctionDef",
      name: name.text,
      args,
      returns,
      body,
      decorators,
      typeComment,
      range: this.endOf(kw.range, body)
    };
  }
  /** A parameter list, up to (not including) its ')'. */
  parameters() {
    const posonlyargs = [];
    const args = [];
    const kwonlyargs = [];
    const kwDefaults = [];
    const defaults = [];
    let vararg = null;
    let kwarg = null;
    let star = null;
    let slash = false;
    const seen = /* @__PURE__ */ new Set();
    const param = () => {
      const name = this.expectName("a parameter name");
      if (seen.has(name.text)) this.fail(name, `duplicate argument '${name.text}' in function definition`);
      seen.add(name.text);
      let annotation = null;
      if (this.isOp(":")) {
        this.next();
        annotation = this.test();
      }
      return {
        name: name.text,
        annotation,
        range: this.span(name.range, annotation ? this.outer(annotation) : name.range)
      };
    };
    while (!this.isOp(")")) {
      const t = this.peek();
      if (kwarg !== null) this.fail(t, "arguments cannot follow var-keyword argument");
      if (this.isOp("/")) {
        if (slash) this.fail(t, "'/' may appear only once");
        if (star) this.fail(t, "'/' must be ahead of '*'");
        if (args.length === 0) this.fail(t, "at least one argument must precede '/'");
        this.next();
        posonlyargs.push(...args);
        args.length = 0;
        slash = true;
      } else if (this.isOp("**")) {
        this.next();
        kwarg = param();
        if (this.isOp("=")) this.fail(this.peek(), "var-keyword argument cannot have default value");
      } else if (this.isOp("*")) {
        if (star) this.fail(t, "'*' argument may appear only once");
        star = this.next();
        if (this.peek().kind === "name") {
          vararg = param();
          if (this.isOp("=")) this.fail(this.peek(), "var-positional argument cannot have default value");
        }
      } else {
        const arg = param();
        let value = null;
        if (this.isOp("=")) {
          this.next();
          value = this.test();
        }
        if (star) {
          kwonlyargs.push(arg);
          kwDefaults.push(value);
        } else {
          args.push(arg);
          if (value) defaults.push(value);
          else if (defaults.length > 0) this.failAt(arg.range.start, "non-default argument follows default argument");
        }
      }
      if (!this.isOp(",")) break;
      this.next();
    }
    if (star && vararg === null && kwonlyargs.length === 0) this.fail(star, "named arguments must follow bare *");
    return { posonlyargs, args, vararg, kwonlyargs, kwDefaults, kwarg, defaults };
  }
  classDef(decorators) {
    const kw = this.next();
    const name = this.expectName("a class name after 'class'");
    let bases = [];
    let keywords = [];
    if (this.isOp("(")) {
      const open = this.next();
      this.enter(open);
      ({ args: bases, keywords } = this.callArguments(open));
      this.depth--;
      this.expectOp(")", "to close the base classes");
    }
    this.colon("the class name and bases");
    const body = this.block(kw);
    return { kind: "ClassDef", name: name.text, bases, keywords, body, decorators, range: this.endOf(kw.range, body) };
  }
  /** if/elif/else; each elif is an If alone in the orelse of the one before, as in Python's ast. */
  ifStatement() {
    const chain = [];
    let kw = this.next();
    for (; ; ) {
      const test = this.test();
      this.colon(`the '${kw.text}' condition`);
      const node = { kind: "If", test, body: this.block(kw), orelse: [], range: kw.range };
      const prev = chain[chain.length - 1];
      if (prev) prev.orelse = [node];
      chain.push(node);
      if (!this.isKeyword("elif")) break;
      kw = this.next();
    }
    const last = chain[chain.length - 1];
    if (this.isKeyword("else")) {
      const elseKw = this.next();
      this.colon("'else'");
      last.orelse = this.block(elseKw);
    }
    const end = this.endOf(last.range, last.body, last.orelse);
    for (let k = chain.length - 1; k >= 0; k--) {
      const node = chain[k];
      node.range = this.span(node.range, end);
    }
    return chain[0];
  }
  elseBlock() {
    if (!this.isKeyword("else")) return [];
    const kw = this.next();
    this.colon("'else'");
    return this.block(kw);
  }
  whileStatement() {
    const kw = this.next();
    const test = this.test();
    this.colon("the 'while' condition");
    const body = this.block(kw);
    const orelse = this.elseBlock();
    return { kind: "While", test, body, orelse, range: this.endOf(kw.range, body, orelse) };
  }
  forStatement() {
    const kw = this.next();
    const target = this.forTarget();
    this.expectKeyword("in", "after the for-loop target");
    const iter = this.exprList(true);
    this.colon("the 'for' iterable");
    const body = this.block(kw);
    const orelse = this.elseBlock();
    return { kind: "For", target, iter, body, orelse, range: this.endOf(kw.range, body, orelse) };
  }
  /** `a`, `a, *b`, `(a, b), c[0]`: bitwise-or-level expressions up to `in`, checked to be assignable. */
  forTarget() {
    const items = [];
    let comma = null;
    for (; ; ) {
      if (this.isOp("*")) {
        const star = this.next();
        const value = this.binary(0);
        items.push({ kind: "Starred", value, range: this.span(star.range, this.outer(value)) });
      } else items.push(this.binary(0));
      if (!this.isOp(",")) break;
      comma = this.next();
      if (this.isKeyword("in")) break;
    }
    const first = items[0];
    const target = comma === null ? first : { kind: "Tuple", elts: items, range: this.span(first.range, this.previous().range) };
    this.checkTarget(target, "assign");
    return target;
  }
  withStatement() {
    const kw = this.next();
    let items = null;
    if (this.isOp("(")) {
      const saved = { i: this.i, depth: this.depth };
      try {
        this.next();
        const inner = [];
        do {
          if (inner.length > 0) {
            this.next();
            if (this.isOp(")")) break;
          }
          inner.push(this.withItem());
        } while (this.isOp(","));
        this.expectOp(")", "to close the with items");
        if (this.isOp(":")) items = inner;
      } catch (error) {
        if (!FrontendError.isInstance(error)) throw error;
      }
      if (items === null) {
        this.i = saved.i;
        this.depth = saved.depth;
      }
    }
    if (items === null) {
      items = [];
      do {
        if (items.length > 0) this.next();
        items.push(this.withItem());
      } while (this.isOp(","));
    }
    this.colon("the 'with' items");
    const body = this.block(kw);
    return { kind: "With", items, body, range: this.endOf(kw.range, body) };
  }
  withItem() {
    const contextExpr = this.test();
    let optionalVars = null;
    if (this.isKeyword("as")) {
      this.next();
      optionalVars = this.binary(0);
      this.checkTarget(optionalVars, "assign");
    }
    return { contextExpr, optionalVars };
  }
  /** `a, b, *c` — a tuple when there is a comma (or `allowTuple` is false: the first expression). */
  exprList(allowTuple) {
    const first = this.starOrTest();
    if (!allowTuple || !this.isOp(",")) {
      if (first.kind === "Starred")
        throw new FrontendError(this.source, this.file, first.range.start, "can't use starred expression here");
      return first;
    }
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (!this.startsExpression()) break;
      elts.push(this.starOrTest());
    }
    return { kind: "Tuple", elts, range: this.span(this.outer(first), this.previous().range) };
  }
  startsExpression() {
    const t = this.peek();
    if (t.kind === "name" || t.kind === "number" || t.kind === "string" || t.kind === "fstring") return true;
    if (t.kind === "keyword") return ["not", "None", "True", "False", "lambda", "await"].includes(t.text);
    return t.kind === "op" && ["(", "[", "{", "-", "+", "~", "*", "..."].includes(t.text);
  }
  starOrTest() {
    if (this.isOp("*")) {
      const star = this.next();
      const value = this.orExpr();
      return { kind: "Starred", value, range: this.span(star.range, this.outer(value)) };
    }
    return this.test();
  }
  /** A full expression: a ternary or anything tighter. */
  test() {
    const start = this.peek();
    if (this.isKeyword("lambda")) this.fail(start, "lambda expressions are not supported in TorchScript");
    this.enter(start);
    const body = this.orExpr();
    let result = body;
    if (this.isKeyword("if")) {
      this.next();
      const cond = this.orExpr();
      if (!this.isKeyword("else"))
        this.fail(this.peek(), `expected 'else' in conditional expression but found ${describe(this.peek())}`);
      this.next();
      const orelse = this.test();
      result = { kind: "IfExp", test: cond, body, orelse, range: this.span(this.outer(body), this.outer(orelse)) };
    }
    this.depth--;
    return result;
  }
  orExpr() {
    return this.boolOp("or", () => this.andExpr());
  }
  andExpr() {
    return this.boolOp("and", () => this.notExpr());
  }
  boolOp(op, operand) {
    const first = operand();
    if (!this.isKeyword(op)) return first;
    const values = [first];
    while (this.isKeyword(op)) {
      this.next();
      values.push(operand());
    }
    return {
      kind: "BoolOp",
      op,
      values,
      range: this.span(this.outer(first), this.outer(values[values.length - 1]))
    };
  }
  notExpr() {
    if (!this.isKeyword("not")) return this.comparison();
    const not = this.next();
    this.enter(not);
    const operand = this.notExpr();
    this.depth--;
    return { kind: "UnaryOp", op: "not", operand, range: this.span(not.range, this.outer(operand)) };
  }
  compareOp() {
    const t = this.peek();
    if (t.kind === "op" && COMPARE_OPS.has(t.text)) {
      this.next();
      return t.text;
    }
    if (this.isKeyword("in")) {
      this.next();
      return "in";
    }
    if (this.isKeyword("not") && this.isKeyword("in", 1)) {
      this.i += 2;
      return "not in";
    }
    if (this.isKeyword("is")) {
      this.next();
      if (this.isKeyword("not")) {
        this.next();
        return "is not";
      }
      return "is";
    }
    return null;
  }
  comparison() {
    const left = this.binary(0);
    const ops = [];
    const comparators = [];
    for (let op = this.compareOp(); op !== null; op = this.compareOp()) {
      ops.push(op);
      comparators.push(this.binary(0));
    }
    if (ops.length === 0) return left;
    return {
      kind: "Compare",
      left,
      ops,
      comparators,
      range: this.span(this.outer(left), this.outer(comparators[comparators.length - 1]))
    };
  }
  binary(level) {
    if (level === BINARY_LEVELS.length) return this.factor();
    const ops = BINARY_LEVELS[level];
    let left = this.binary(level + 1);
    for (; ; ) {
      const t = this.peek();
      if (t.kind !== "op" || !ops.includes(t.text)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = {
        kind: "BinOp",
        op: t.text,
        left,
        right,
        range: this.span(this.outer(left), this.outer(right))
      };
    }
  }
  factor() {
    const t = this.peek();
    if (t.kind === "op" && (t.text === "-" || t.text === "+" || t.text === "~")) {
      this.next();
      this.enter(t);
      const operand = this.factor();
      this.depth--;
      return {
        kind: "UnaryOp",
        op: t.text,
        operand,
        range: this.span(t.range, this.outer(operand))
      };
    }
    return this.power();
  }
  power() {
    const base = this.primary();
    if (!this.isOp("**")) return base;
    const op = this.next();
    this.enter(op);
    const exponent = this.factor();
    this.depth--;
    return {
      kind: "BinOp",
      op: "**",
      left: base,
      right: exponent,
      range: this.span(this.outer(base), this.outer(exponent))
    };
  }
  primary() {
    let expr = this.atom();
    for (; ; ) {
      if (this.isOp(".")) {
        this.next();
        const name = this.peek();
        if (name.kind !== "name") this.fail(name, `expected an attribute name after '.' but found ${describe(name)}`);
        this.next();
        expr = { kind: "Attribute", value: expr, attr: name.text, range: this.span(this.outer(expr), name.range) };
      } else if (this.isOp("(")) {
        const open = this.next();
        this.enter(open);
        const { args, keywords } = this.callArguments(open);
        this.depth--;
        const close = this.expectOp(")", "to close the call");
        expr = { kind: "Call", func: expr, args, keywords, range: this.span(this.outer(expr), close.range) };
      } else if (this.isOp("[")) {
        const open = this.next();
        this.enter(open);
        const slice = this.subscript();
        this.depth--;
        const close = this.expectOp("]", "to close the subscript");
        expr = { kind: "Subscript", value: expr, slice, range: this.span(this.outer(expr), close.range) };
      } else return expr;
    }
  }
  /**
   * Arguments up to (not including) the ')' that `open` opened. A generator expression as the sole
   * argument borrows the call's parentheses, so Python's ast gives it their range.
   */
  callArguments(open) {
    const args = [];
    const keywords = [];
    while (!this.isOp(")")) {
      const t = this.peek();
      if (this.isOp("**")) {
        this.next();
        const value = this.test();
        keywords.push({ name: null, value, range: this.span(t.range, this.outer(value)) });
      } else if (t.kind === "name" && this.isOp("=", 1)) {
        this.i += 2;
        const value = this.test();
        if (keywords.some((k) => k.name === t.text)) this.fail(t, `keyword argument repeated: ${t.text}`);
        keywords.push({ name: t.text, value, range: this.span(t.range, this.outer(value)) });
      } else {
        if (keywords.length > 0 && !this.isOp("*")) {
          this.fail(t, "positional argument follows keyword argument");
        }
        const arg = this.starOrTest();
        if (this.isKeyword("for")) {
          const gen = this.comprehension("GeneratorExp", arg, t.range);
          if (args.length > 0 || keywords.length > 0 || this.isOp(",")) {
            this.fail(t, "generator expression must be parenthesized");
          }
          if (this.isOp(")")) {
            args.push({ ...gen, range: this.span(open.range, this.peek().range) });
          } else args.push(gen);
        } else args.push(arg);
      }
      if (!this.isOp(",")) break;
      this.next();
    }
    return { args, keywords };
  }
  /** The inside of `x[...]`: slices, and tuples of them. */
  subscript() {
    const first = this.sliceItem();
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isOp("]")) break;
      elts.push(this.sliceItem());
    }
    return { kind: "Tuple", elts, range: this.span(this.outer(first), this.previous().range) };
  }
  sliceItem() {
    const start = this.peek();
    const lower = this.isOp(":") ? null : this.starOrTest();
    if (!this.isOp(":")) {
      if (lower === null) this.fail(start, `expected a subscript but found ${describe(start)}`);
      return lower;
    }
    let last = this.next();
    const bound = () => this.isOp(":") || this.isOp(",") || this.isOp("]") ? null : this.test();
    const upper = bound();
    let step = null;
    if (this.isOp(":")) {
      last = this.next();
      step = bound();
    }
    const endRange = step ? this.outer(step) : upper ? this.outer(upper) : last.range;
    return { kind: "Slice", lower, upper, step, range: this.span(lower ? this.outer(lower) : start.range, endRange) };
  }
  comprehension(kind, elt, start) {
    const generators = this.generators();
    const last = generators[generators.length - 1];
    const end = this.outer(last.ifs[last.ifs.length - 1] ?? last.iter);
    return { kind, elt, generators, range: this.span(start, end) };
  }
  generators() {
    const generators = [];
    while (this.isKeyword("for")) {
      this.next();
      const target = this.targetList();
      if (!this.isKeyword("in"))
        this.fail(this.peek(), `expected 'in' in comprehension but found ${describe(this.peek())}`);
      this.next();
      const iter = this.orExpr();
      const ifs = [];
      while (this.isKeyword("if")) {
        this.next();
        ifs.push(this.orExpr());
      }
      generators.push({ target, iter, ifs });
    }
    return generators;
  }
  /** A comprehension's loop target: `x`, `a, b`, `(a, b)`. */
  targetList() {
    const first = this.binary(0);
    if (!this.isOp(",")) return first;
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isKeyword("in")) break;
      elts.push(this.binary(0));
    }
    return { kind: "Tuple", elts, range: this.span(this.outer(first), this.previous().range) };
  }
  atom() {
    const t = this.peek();
    switch (t.kind) {
      case "name":
        this.next();
        return { kind: "Name", id: t.text, range: t.range };
      case "number":
        this.next();
        return { kind: "Number", text: t.text, numberKind: t.numberKind ?? "int", range: t.range };
      case "string":
      case "fstring":
        return this.strings();
      case "keyword":
        if (t.text === "None" || t.text === "True" || t.text === "False") {
          this.next();
          return { kind: "Constant", value: t.text === "None" ? null : t.text === "True", range: t.range };
        }
        break;
      case "op":
        if (t.text === "...") {
          this.next();
          return { kind: "Constant", value: "Ellipsis", range: t.range };
        }
        if (t.text === "(" || t.text === "[" || t.text === "{") {
          this.enter(t);
          const result = t.text === "(" ? this.parenthesizedExpr() : t.text === "[" ? this.list() : this.braces();
          this.depth--;
          return result;
        }
        break;
    }
    return this.fail(t, `expected an expression but found ${describe(t)}`);
  }
  /** Adjacent string literals concatenate; any f-string among them makes the whole an f-string. */
  strings() {
    const first = this.peek();
    let last = first;
    const pieces = [];
    while (this.peek().kind === "string" || this.peek().kind === "fstring") {
      last = this.next();
      pieces.push(last);
    }
    const range = this.span(first.range, last.range);
    if (pieces.every((p) => p.kind === "string")) {
      return { kind: "Str", value: pieces.map((p) => p.value ?? "").join(""), range };
    }
    const parts = [];
    for (const p of pieces) {
      const own = p.kind === "fstring" ? p.parts ?? [] : [{ kind: "text", value: p.value ?? "" }];
      for (const part of own) {
        const prev = parts[parts.length - 1];
        if (part.kind === "text" && prev?.kind === "text")
          parts[parts.length - 1] = { kind: "text", value: prev.value + part.value };
        else if (part.kind !== "text" || part.value !== "") parts.push(part);
      }
    }
    return { kind: "FString", parts, range };
  }
  parenthesizedExpr() {
    const open = this.next();
    if (this.isOp(")")) {
      const close2 = this.next();
      return { kind: "Tuple", elts: [], range: this.span(open.range, close2.range) };
    }
    const first = this.starOrTest();
    if (this.isKeyword("for")) {
      const gen = this.comprehension("GeneratorExp", first, open.range);
      const close2 = this.expectOp(")", "to close the generator expression");
      return { ...gen, range: this.span(open.range, close2.range) };
    }
    if (!this.isOp(",")) {
      const close2 = this.expectOp(")", "to close the parenthesis");
      this.parenthesized.set(first, this.span(open.range, close2.range));
      return first;
    }
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isOp(")")) break;
      elts.push(this.starOrTest());
    }
    const close = this.expectOp(")", "to close the tuple");
    return { kind: "Tuple", elts, range: this.span(open.range, close.range) };
  }
  list() {
    const open = this.next();
    const elts = [];
    if (!this.isOp("]")) {
      const first = this.starOrTest();
      if (this.isKeyword("for")) {
        const comp = this.comprehension("ListComp", first, open.range);
        const close2 = this.expectOp("]", "to close the list comprehension");
        return { ...comp, range: this.span(open.range, close2.range) };
      }
      elts.push(first);
      while (this.isOp(",")) {
        this.next();
        if (this.isOp("]")) break;
        elts.push(this.starOrTest());
      }
    }
    const close = this.expectOp("]", "to close the list");
    return { kind: "List", elts, range: this.span(open.range, close.range) };
  }
  braces() {
    const open = this.next();
    if (this.isOp("}")) {
      const close2 = this.next();
      return { kind: "Dict", keys: [], values: [], range: this.span(open.range, close2.range) };
    }
    const first = this.starOrTest();
    if (this.isOp(":")) {
      this.next();
      const value = this.test();
      if (this.isKeyword("for")) {
        const generators = this.generators();
        const close3 = this.expectOp("}", "to close the dict comprehension");
        return { kind: "DictComp", key: first, value, generators, range: this.span(open.range, close3.range) };
      }
      const keys = [first];
      const values = [value];
      while (this.isOp(",")) {
        this.next();
        if (this.isOp("}")) break;
        keys.push(this.test());
        this.expectOp(":", "between a dict key and its value");
        values.push(this.test());
      }
      const close2 = this.expectOp("}", "to close the dict");
      return { kind: "Dict", keys, values, range: this.span(open.range, close2.range) };
    }
    if (this.isKeyword("for")) {
      const comp = this.comprehension("SetComp", first, open.range);
      const close2 = this.expectOp("}", "to close the set comprehension");
      return { ...comp, range: this.span(open.range, close2.range) };
    }
    const elts = [first];
    while (this.isOp(",")) {
      this.next();
      if (this.isOp("}")) break;
      elts.push(this.starOrTest());
    }
    const close = this.expectOp("}", "to close the set");
    return { kind: "Set", elts, range: this.span(open.range, close.range) };
  }
};
function describe(t) {
  switch (t.kind) {
    case "eof":
      return "end of input";
    case "newline":
      return "end of line";
    case "indent":
      return "an indent";
    case "dedent":
      return "a dedent";
    case "string":
    case "fstring":
      return "a string";
    case "number":
      return `number ${t.text}`;
    default:
      return `'${t.text}'`;
  }
}
function exprDescription(e) {
  switch (e.kind) {
    case "Call":
      return "function call";
    case "Number":
    case "Str":
      return "literal";
    case "Constant":
      return e.value === "Ellipsis" ? "ellipsis" : String(e.value === null ? "None" : e.value ? "True" : "False");
    case "FString":
      return "f-string expression";
    case "Compare":
      return "comparison";
    case "IfExp":
      return "conditional expression";
    case "Dict":
      return "dict literal";
    case "Set":
      return "set display";
    case "ListComp":
      return "list comprehension";
    case "SetComp":
      return "set comprehension";
    case "DictComp":
      return "dict comprehension";
    case "GeneratorExp":
      return "generator expression";
    case "Tuple":
      return "tuple";
    case "List":
      return "list";
    case "Starred":
      return "starred";
    default:
      return "expression";
  }
}

// src/emitter/convert-to-type.ts
import {
  BoolType as BoolType2,
  DeviceObjType,
  NoneType as NoneType4,
  StringType as StringType5,
  TensorType as TensorType3,
  TupleType as TupleType4
} from "@tsjit/ir";
function tryConvertToType2(ctx, range, type, value, allowConversions) {
  if (type.kind === "OptionalType") {
    if (value.type.kind !== "OptionalType" && !value.type.isSubtypeOf(NoneType4.get())) {
      return tryConvertToType2(ctx, range, type.elementType, value, allowConversions);
    }
  }
  let result = value;
  if (result.node.kind === "prim::EmptyListLiteral" && type.kind === "ListType") {
    result = ctx.insertNode("prim::ListConstruct", [], [type]).output();
  }
  if (result.type.kind === "TupleType") {
    const tupleType = result.type;
    const target = unwrapOptional2(type);
    if (convertibleToList2(tupleType, target)) {
      const items = unpackTuple2(ctx, result);
      result = ctx.insertNode("prim::ListConstruct", items, [target]).output();
    } else if (type.kind === "TupleType") {
      const concrete = type;
      if (!tupleType.isSubtypeOf(concrete) && concrete.elements.length === tupleType.elements.length) {
        const items = unpackTuple2(ctx, result);
        const converted = concrete.elements.map(
          (element, i) => tryConvertToType2(ctx, range, element, items[i], allowConversions)
        );
        const convertedType = TupleType4.of(converted.map((v) => v.type));
        result = ctx.insertNode("prim::TupleConstruct", converted, [convertedType]).output();
      }
    }
  }
  if (allowConversions) {
    const from = result.type;
    const to = type.kind;
    const arg = [{ value: result, range }];
    if (from.isSubtypeOf(TensorType3.get())) {
      if (to === "FloatType") return ctx.builtin("aten::FloatImplicit", arg, [], range);
      if (to === "ComplexType") return ctx.builtin("aten::ComplexImplicit", arg, [], range);
      if (to === "IntType") return ctx.builtin("aten::IntImplicit", arg, [], range);
      if (to === "NumberType") return ctx.builtin("aten::ScalarImplicit", arg, [], range);
    } else if (from.kind === "NumberType") {
      if (to === "FloatType") return ctx.builtin("aten::Float", arg, [], range);
      if (to === "ComplexType") return ctx.builtin("aten::Complex", arg, [], range);
      if (to === "IntType") return ctx.builtin("aten::Int", arg, [], range);
    } else if (from.equals(BoolType2.get())) {
      if (to === "FloatType") return ctx.builtin("aten::Float", arg, [], range);
      if (to === "IntType" || to === "NumberType") return ctx.builtin("aten::Int", arg, [], range);
    }
    if (from.isSubtypeOf(StringType5.get()) && type.isSubtypeOf(DeviceObjType.get())) {
      return ctx.builtin("aten::device", arg, [], range);
    }
  }
  return result;
}
function unwrapOptional2(type) {
  return type.kind === "OptionalType" ? type.elementType : type;
}
function convertibleToList2(tuple, type) {
  if (type.kind !== "ListType") return false;
  const element = type.elementType;
  return tuple.elements.every((t) => t.isSubtypeOf(element));
}

// src/emitter/emitter-context.ts
function asSimple(value) {
  return value.simpleValue;
}

// src/emitter/environment.ts
function meaningfulName(name) {
  if (name.length === 0 || name[0] === "$") return false;
  if (name[0] !== "_") return true;
  return !/^_[0-9]*$/.test(name);
}
var Environment = class {
  constructor(block, next, host) {
    this.block = block;
    this.next = next;
    this.host = host;
  }
  block;
  next;
  host;
  typeTable = /* @__PURE__ */ new Map();
  valueTable = /* @__PURE__ */ new Map();
  /** Deferred errors for variables that an `if` defined on one path only or with different types (root frame only). */
  errorMessages = /* @__PURE__ */ new Map();
  root() {
    let runner = this;
    while (runner.next) runner = runner.next;
    return runner;
  }
  setVariableTypeError(name, message) {
    this.root().errorMessages.set(name, message);
  }
  findVariableTypeError(name) {
    return this.root().errorMessages.get(name)?.();
  }
  findInThisFrame(name) {
    const sugared = this.valueTable.get(name);
    if (sugared) return sugared;
    const type = this.typeTable.get(name);
    if (type) return new SimpleValue(this.host.insertLoad(name, type));
    return void 0;
  }
  findInParentFrame(name) {
    return this.next?.findInAnyFrame(name);
  }
  findInAnyFrame(name) {
    for (let runner = this; runner; runner = runner.next) {
      const found = runner.findInThisFrame(name);
      if (found) return found;
    }
    return void 0;
  }
  /** The type of `name` if some frame stores it as a first-class value (no load is emitted). */
  typeInAnyFrame(name) {
    for (let runner = this; runner; runner = runner.next) {
      if (runner.valueTable.has(name)) return void 0;
      const type = runner.typeTable.get(name);
      if (type) return type;
    }
    return void 0;
  }
  /** Whether `name` is bound in some frame (without emitting a load). */
  isDefinedInAnyFrame(name) {
    for (let runner = this; runner; runner = runner.next) {
      if (runner.valueTable.has(name) || runner.typeTable.has(name)) return true;
    }
    return false;
  }
  isDefinedInParentFrame(name) {
    return this.next?.isDefinedInAnyFrame(name) ?? false;
  }
  setType(name, type) {
    this.typeTable.set(name, type);
  }
  store(name, value, type, range) {
    this.host.insertStore(name, value, range);
    this.typeTable.set(name, type);
  }
  setSugared(name, value) {
    this.valueTable.set(name, value);
  }
  /** Removes `name` from every frame (`del x`); whether it was bound. */
  remove(name) {
    let removed = false;
    for (let runner = this; runner; runner = runner.next) {
      const a = runner.valueTable.delete(name);
      const b = runner.typeTable.delete(name);
      removed = a || b;
    }
    return removed;
  }
  /** The first-class variables this frame assigned, sorted (PyTorch keeps them in an ordered set). */
  definedVariables() {
    return [...this.typeTable.keys()];
  }
};

// src/emitter/evaluate-default.ts
import {
  floatValue as floatValue3,
  intValue as intValue3
} from "@tsjit/ir";

// src/emitter/number-literal.ts
import { complexValue, floatValue as floatValue2, intValue as intValue2 } from "@tsjit/ir";
var INT64_MAX = 2n ** 63n - 1n;
function numberLiteralValue(text, kind) {
  const clean = text.replace(/_/g, "");
  if (kind === "imaginary") return complexValue(0, Number(clean.slice(0, -1)));
  if (kind === "float") return floatValue2(Number(clean));
  let value;
  const lower = clean.toLowerCase();
  if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) value = BigInt(lower);
  else value = BigInt(clean);
  if (value > INT64_MAX) return void 0;
  return intValue2(value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
}

// src/emitter/evaluate-default.ts
function evaluateDefault(expr, type, N, fail) {
  const evaluated = evaluate(expr, fail);
  if (N !== void 0 && (evaluated.type === "int" || evaluated.type === "float")) {
    return Array.from({ length: N }, () => evaluated.value);
  }
  if (!fits(evaluated, type)) {
    fail(expr.range, `Default value of type ${evaluated.type} does not match the parameter's type ${type.pythonStr()}`);
  }
  return evaluated.value;
}
function evaluate(expr, fail) {
  switch (expr.kind) {
    case "Constant":
      if (expr.value === null) return { value: null, type: "None" };
      if (typeof expr.value === "boolean") return { value: expr.value, type: "bool" };
      break;
    case "Str":
      return { value: expr.value, type: "str" };
    case "Number": {
      const value = numberLiteralValue(expr.text, expr.numberKind);
      if (!value) return fail(expr.range, `Integer literal ${expr.text} is out of the range of int64`);
      if (value.kind === "int") return { value, type: "int" };
      if (value.kind === "float") return { value, type: "float" };
      break;
    }
    case "UnaryOp": {
      const inner = evaluate(expr.operand, fail);
      if (expr.op === "-" && (inner.type === "int" || inner.type === "float")) {
        return { value: arithmetic("-", zeroOf(inner), inner, expr.range, fail), type: inner.type };
      }
      if (expr.op === "+" && (inner.type === "int" || inner.type === "float")) return inner;
      if (expr.op === "not" && inner.type === "bool") return { value: !inner.value, type: "bool" };
      break;
    }
    case "BinOp": {
      const left = evaluate(expr.left, fail);
      const right = evaluate(expr.right, fail);
      const numeric = (e) => e.type === "int" || e.type === "float";
      if (numeric(left) && numeric(right) && ["+", "-", "*", "//", "/"].includes(expr.op)) {
        const type = expr.op === "/" || left.type === "float" || right.type === "float" ? "float" : "int";
        return { value: arithmetic(expr.op, left, right, expr.range, fail), type };
      }
      break;
    }
    case "Tuple": {
      const items = expr.elts.map((e) => evaluate(e, fail));
      return { value: items.map((i) => i.value), type: `Tuple[${items.map((i) => i.type).join(", ")}]` };
    }
    case "List": {
      const items = expr.elts.map((e) => evaluate(e, fail));
      return { value: items.map((i) => i.value), type: items.length === 0 ? "List[]" : `List[${items[0].type}]` };
    }
    default:
      break;
  }
  return fail(expr.range, "Default values of parameters must be constants (literals, tuples and lists of them)");
}
function zeroOf(e) {
  return e.type === "int" ? { value: intValue3(0), type: "int" } : { value: floatValue3(0), type: "float" };
}
function arithmetic(op, a, b, range, fail) {
  const x = a.value.value;
  const y = b.value.value;
  if (a.type === "int" && b.type === "int" && op !== "/") {
    const p2 = BigInt(x);
    const q2 = BigInt(y);
    let r;
    if (op === "+") r = p2 + q2;
    else if (op === "-") r = p2 - q2;
    else if (op === "*") r = p2 * q2;
    else {
      if (q2 === 0n) return fail(range, "ZeroDivisionError in a default value");
      r = p2 / q2;
      if (p2 % q2 !== 0n && p2 < 0n !== q2 < 0n) r -= 1n;
    }
    return intValue3(r >= BigInt(Number.MIN_SAFE_INTEGER) && r <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(r) : r);
  }
  const p = Number(x);
  const q = Number(y);
  if (op === "+") return floatValue3(p + q);
  if (op === "-") return floatValue3(p - q);
  if (op === "*") return floatValue3(p * q);
  if (op === "/") return floatValue3(p / q);
  return floatValue3(Math.floor(p / q));
}
function fits(e, type) {
  switch (type.kind) {
    case "AnyType":
      return true;
    case "OptionalType":
      return e.type === "None" || fits(e, type.elementType);
    case "NoneType":
      return e.type === "None";
    case "IntType":
      return e.type === "int";
    case "FloatType":
      return e.type === "float";
    case "NumberType":
      return e.type === "int" || e.type === "float";
    case "BoolType":
      return e.type === "bool";
    case "StringType":
      return e.type === "str";
    case "ListType": {
      if (!Array.isArray(e.value)) return false;
      const element = type.elementType;
      const items = e.value;
      return items.every((item) => fits(describe2(item), element));
    }
    case "TupleType": {
      if (!Array.isArray(e.value)) return false;
      const elements = type.elements;
      const items = e.value;
      return items.length === elements.length && items.every((item, i) => fits(describe2(item), elements[i]));
    }
    case "UnionType":
      return type.containedTypes().some((t) => fits(e, t));
    case "DictType":
      return e.type === "Dict" && !!type;
    default:
      return false;
  }
}
function describe2(value) {
  if (value === null) return { value, type: "None" };
  if (typeof value === "boolean") return { value, type: "bool" };
  if (typeof value === "string") return { value, type: "str" };
  if (Array.isArray(value)) return { value, type: "List" };
  return { value, type: value.kind };
}

// src/emitter/refinements.ts
var RefinementSet = class _RefinementSet {
  constructor(whenTrue = [], whenFalse = []) {
    this.whenTrue = whenTrue;
    this.whenFalse = whenFalse;
  }
  whenTrue;
  whenFalse;
  /** `a and b`: true when both are (union), false when either is (intersection). */
  and(rhs) {
    return new _RefinementSet(unionSet(this.whenTrue, rhs.whenTrue), intersectSet(this.whenFalse, rhs.whenFalse));
  }
  /** `a or b`: true when either is (intersection), false when both are (union). */
  or(rhs) {
    return new _RefinementSet(intersectSet(this.whenTrue, rhs.whenTrue), unionSet(this.whenFalse, rhs.whenFalse));
  }
  not() {
    return new _RefinementSet(this.whenFalse, this.whenTrue);
  }
};
function unionSet(a, b) {
  const result = [...a];
  for (const r of b) {
    const at = result.findIndex((e) => e.name === r.name);
    if (at < 0) result.push(r);
    else if (!result[at].type.equals(r.type)) result.splice(at, 1);
  }
  return result;
}
function intersectSet(a, b) {
  return a.filter((r) => b.some((e) => e.name === r.name && e.type.equals(r.type)));
}

// src/emitter/ssa/canonicalize-modified-loops.ts
import { BoolType as BoolType3, IntType as IntType4 } from "@tsjit/ir";

// src/emitter/ssa/block-helpers.ts
function* liveNodes(block) {
  let node = block.first;
  while (node !== block.returnNode) {
    yield node;
    node = node.next;
  }
}
function inlineBlockBeforeNode(before, block) {
  for (const node of [...block.nodes()]) node.moveBefore(before);
}
function createStore(graph, name, value) {
  const node = graph.create("prim::Store", [value], 0);
  node.setS("name", name);
  return node;
}
function createLoad(graph, name, type) {
  const node = graph.create("prim::Load", [], 1);
  node.setS("name", name);
  node.output().setType(type);
  return node;
}
function createUninitialized(graph, type) {
  const node = graph.create("prim::Uninitialized", [], 1);
  node.output().setType(type);
  return node;
}
function isValidDebugName(name) {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[0-9]+$/.test(name);
}
function constantBool(value) {
  if (value.node.kind !== "prim::Constant" || value.type.kind !== "BoolType") return void 0;
  return Number(value.node.i("value")) !== 0;
}

// src/emitter/ssa/canonicalize-modified-loops.ts
function canonicalizeModifiedLoops(graph) {
  canonicalizeBlock(graph.block);
}
function canonicalizeBlock(block) {
  for (const node of [...block.nodes()]) {
    for (const b of node.blocks) canonicalizeBlock(b);
    if (node.kind === "prim::Loop") canonicalizeModifiedLoop(node);
  }
}
var INT64_MAX2 = 9223372036854775807n;
function isModifiedLoop(node) {
  const maxTripCount = node.inputs[0];
  const isConstantMax = maxTripCount.node.kind === "prim::Constant" && maxTripCount.type.kind === "IntType" && BigInt(maxTripCount.node.i("value")) === INT64_MAX2;
  const body = node.blocks[0];
  const startTrue = constantBool(node.inputs[1]) === true;
  const continueTrue = constantBool(body.outputs[0]) === true;
  const condTrue = startTrue && continueTrue;
  if (!isConstantMax && condTrue) return false;
  if (isConstantMax) return false;
  return true;
}
function canonicalizeModifiedLoop(node) {
  if (!isModifiedLoop(node)) return;
  const graph = node.graph;
  const body = node.blocks[0];
  graph.withInsertPoint(node, () => {
    const zero = graph.insertConstant(0);
    const one = graph.insertConstant(1);
    const maxTripCount = node.inputs[0];
    let condition = insertOp(graph, "aten::gt", [maxTripCount, zero], "BoolType");
    node.replaceInput(0, graph.insertConstant(INT64_MAX2));
    const inputCondition = node.inputs[1];
    if (constantBool(inputCondition) !== true) {
      condition = insertOp(graph, "aten::__and__", [condition, inputCondition], "BoolType");
    }
    node.replaceInput(1, condition);
    node.addOutput(IntType4.get());
    node.addInput(zero);
    const newIter = body.addInput(void 0, IntType4.get());
    const tripCount = body.inputs[0];
    tripCount.setDebugName("");
    tripCount.replaceAllUsesWith(newIter);
    graph.withInsertPoint(body, () => {
      const increment = insertOp(graph, "aten::add", [newIter, one], "IntType");
      body.registerOutput(increment);
      const belowMax = insertOp(graph, "aten::lt", [increment, maxTripCount], "BoolType");
      const next = insertOp(graph, "aten::__and__", [belowMax, body.outputs[0]], "BoolType");
      body.eraseOutput(0);
      body.insertOutput(0, next);
    });
  });
}
function insertOp(graph, kind, inputs, type) {
  const node = graph.insert(kind, inputs, 1);
  node.output().setType(type === "BoolType" ? BoolType3.get() : IntType4.get());
  return node.output();
}

// src/emitter/ssa/convert-to-ssa.ts
import { InternalError } from "@tsjit/ir";

// src/emitter/unify-types.ts
import {
  FutureType as FutureType2,
  ListType as ListType3,
  NoneType as NoneType5,
  OptionalType as OptionalType2,
  TensorType as TensorType4,
  TupleType as TupleType5,
  UnionType as UnionType2
} from "@tsjit/ir";
function unifyTypes2(a, b, defaultToUnion = false, hint) {
  const unified = unifyImpl(a, b, defaultToUnion, hint);
  if (unified === void 0 && defaultToUnion) return UnionType2.of([a, b]);
  return unified;
}
function unifyImpl(a, b, defaultToUnion, hint) {
  if (a.isSubtypeOf(b)) return b;
  if (b.isSubtypeOf(a)) return a;
  if (a.kind === "TensorType" && b.kind === "TensorType") return TensorType4.get();
  const none = NoneType5.get();
  if (a.isSubtypeOf(none) && !b.isSubtypeOf(none)) return OptionalType2.of(b);
  if (b.isSubtypeOf(none) && !a.isSubtypeOf(none)) return OptionalType2.of(a);
  if (a.kind === "OptionalType") {
    const element = unifyTypes2(a.elementType, b);
    if (element) return OptionalType2.of(element);
  } else if (b.kind === "OptionalType") {
    const element = unifyTypes2(b.elementType, a);
    if (element) return OptionalType2.of(element);
  }
  if (a.kind === "TupleType" && b.kind === "TupleType") {
    const x = a;
    const y = b;
    if (x.elements.length !== y.elements.length) return void 0;
    const elements = [];
    for (let i = 0; i < x.elements.length; i++) {
      const element = unifyTypes2(x.elements[i], y.elements[i], defaultToUnion);
      if (!element) return void 0;
      elements.push(element);
    }
    return TupleType5.of(elements);
  }
  if (a.kind === "FutureType" && b.kind === "FutureType") {
    const element = unifyTypes2(a.elementType, b.elementType);
    if (element) return FutureType2.of(element);
  }
  const ua = unshapedType2(a);
  const ub = unshapedType2(b);
  if (ua.isSubtypeOf(ub)) return ub;
  if (ub.isSubtypeOf(ua)) return ua;
  if (hint && a.isSubtypeOf(hint) && b.isSubtypeOf(hint)) return hint;
  return void 0;
}
function unshapedType2(type) {
  if (type.kind === "TensorType") return TensorType4.get();
  if (type.kind === "ListType") {
    const element = type.elementType;
    const unshaped = unshapedType2(element);
    return unshaped === element ? type : ListType3.of(unshaped);
  }
  if (type.kind === "OptionalType") {
    const element = type.elementType;
    const unshaped = unshapedType2(element);
    return unshaped === element ? type : OptionalType2.of(unshaped);
  }
  if (type.kind === "TupleType") {
    const tuple = type;
    if (tuple.names) return type;
    const elements = tuple.elements.map(unshapedType2);
    return elements.every((t, i) => t === tuple.elements[i]) ? type : TupleType5.of(elements);
  }
  return type;
}

// src/emitter/ssa/exit-transforms.ts
import { BoolType as BoolType4 } from "@tsjit/ir";
function transformExits(graph) {
  convertEnterExitNodesToWithBlocks(graph);
  new ExitTransformer(graph, "prim::LoopContinuation").transform();
  new ExitTransformer(graph, "prim::ReturnStmt").transform();
  inlineConsecutiveIfsIn(graph.block);
  convertWithBlocksToEnterExitNodes(graph);
}
var ExitTransformer = class {
  constructor(graph, exitKind) {
    this.graph = graph;
    this.exitKind = exitKind;
    const first = graph.block.first;
    [this.trueValue, this.falseValue] = graph.withInsertPoint(first, () => [
      graph.insertConstant(true),
      graph.insertConstant(false)
    ]);
    this.throwsValue = this.unitValue(BoolType4.get());
  }
  graph;
  exitKind;
  trueValue;
  falseValue;
  throwsValue;
  unitValues = /* @__PURE__ */ new Map();
  targetBlock;
  transform() {
    this.transformExits(this.graph.block);
  }
  throwsPair() {
    return { hasExited: this.throwsValue, exitValues: [] };
  }
  wontPair() {
    return { hasExited: this.falseValue, exitValues: [] };
  }
  willPair(values) {
    return { hasExited: this.trueValue, exitValues: values };
  }
  status(pair) {
    if (pair.hasExited === this.trueValue) return "will";
    if (pair.hasExited === this.falseValue) return "wont";
    if (pair.hasExited === this.throwsValue) return "throws";
    return "might";
  }
  /** One `prim::Uninitialized` per type (the same type object), at the top of the graph. */
  unitValue(type) {
    const cached = this.unitValues.get(type);
    if (cached) return cached;
    const unit = createUninitialized(this.graph, type).insertAfter(this.graph.paramNode).output();
    this.unitValues.set(type, unit);
    return unit;
  }
  unitValuesLike(values) {
    return values.map((v) => this.unitValue(v.type));
  }
  transformLoop(node) {
    const body = node.blocks[0];
    const pair = this.transformExits(body);
    const status = this.status(pair);
    if (status === "wont" || status === "throws") return this.wontPair();
    const newIf = this.graph.create("prim::If", [pair.hasExited], 0);
    body.appendNode(newIf);
    newIf.addBlock().registerOutput(this.falseValue);
    newIf.addBlock().registerOutput(body.outputs[0]);
    const newCondition = newIf.addOutput(BoolType4.get());
    body.eraseOutput(0);
    body.insertOutput(0, newCondition);
    node.addInput(this.falseValue);
    body.addInput(void 0, BoolType4.get());
    body.registerOutput(pair.hasExited);
    const newHasExited = node.addOutput(BoolType4.get());
    for (const exitValue of pair.exitValues) {
      const type = exitValue.type;
      node.addInput(this.unitValue(type));
      node.addOutput(type);
      body.addInput(void 0, type);
      body.registerOutput(exitValue);
    }
    const outputs = node.outputs;
    return { hasExited: newHasExited, exitValues: outputs.slice(outputs.length - pair.exitValues.length) };
  }
  ifStatus(thenStatus, elseStatus) {
    if (thenStatus === "throws") return elseStatus;
    if (elseStatus === "throws") return thenStatus;
    if (thenStatus === "wont" && elseStatus === "wont") return "wont";
    if (thenStatus === "will" && elseStatus === "will") return "will";
    return "might";
  }
  transformIf(node) {
    const [thenBlock, elseBlock] = node.blocks;
    let thenPair = this.transformExits(thenBlock);
    let elsePair = this.transformExits(elseBlock);
    const thenStatus = this.status(thenPair);
    const elseStatus = this.status(elsePair);
    const status = this.ifStatus(thenStatus, elseStatus);
    if (status === "throws") return this.throwsPair();
    if (status === "wont") return this.wontPair();
    if (thenStatus === "wont" || thenStatus === "throws") {
      thenPair = { hasExited: thenPair.hasExited, exitValues: this.unitValuesLike(elsePair.exitValues) };
    } else if (elseStatus === "wont" || elseStatus === "throws") {
      elsePair = { hasExited: elsePair.hasExited, exitValues: this.unitValuesLike(thenPair.exitValues) };
    }
    let hasExited;
    if (status === "will") {
      hasExited = this.trueValue;
    } else {
      addIfOutputs(node, [thenPair.hasExited], [elsePair.hasExited]);
      hasExited = node.outputs[node.outputs.length - 1];
    }
    addIfOutputs(node, thenPair.exitValues, elsePair.exitValues);
    const count = thenPair.exitValues.length;
    return { hasExited, exitValues: node.outputs.slice(node.outputs.length - count) };
  }
  transformWith(node) {
    return this.transformExits(node.blocks[0]);
  }
  /** Runs the rest of the block (from `from` on) only if no exit was hit. */
  guardBlockNodes(block, pair, from) {
    const newIf = this.graph.create("prim::If", [pair.hasExited], 0).insertBefore(from);
    const exitBlock = newIf.addBlock();
    const guardBlock = newIf.addBlock();
    for (let node = from; node !== block.returnNode; ) {
      const next = node.next;
      node.moveBefore(guardBlock.returnNode);
      node = next;
    }
    const exitBlockValues = this.unitValuesLike(block.outputs);
    for (let i = 0; i < block.outputs.length; i++) {
      exitBlock.registerOutput(exitBlockValues[i]);
      guardBlock.registerOutput(block.outputs[i]);
      newIf.addOutput(block.outputs[i].type);
    }
    while (block.outputs.length > 0) block.eraseOutput(0);
    for (const output of newIf.outputs) block.registerOutput(output);
    exitBlock.appendNode(this.graph.create(this.exitKind, pair.exitValues, 0));
    return this.transformIf(newIf);
  }
  /** Nodes after an exit never run; their outputs may still be block outputs, which become uninitialized. */
  destroyNodeAfterExit(node) {
    for (const output of node.outputs) {
      if (output.hasUses()) output.replaceAllUsesWith(this.unitValue(output.type));
    }
    node.destroy();
  }
  deleteAfterExitNodes(block, from) {
    if (from === block.returnNode) return;
    const doomed = [];
    for (let node = from; node !== block.returnNode; node = node.next) doomed.push(node);
    for (let i = doomed.length - 1; i >= 0; i--) this.destroyNodeAfterExit(doomed[i]);
  }
  updateTargetBlock(block) {
    const owner = block.owningNode;
    if (owner?.kind === "prim::Loop" && this.exitKind === "prim::LoopContinuation") {
      this.targetBlock = block;
    } else if ((owner === void 0 || isClosure(owner)) && this.exitKind === "prim::ReturnStmt") {
      this.targetBlock = block;
    }
  }
  transformExits(block) {
    const previousTarget = this.targetBlock;
    this.updateTargetBlock(block);
    let pair = this.wontPair();
    for (let node = block.first; node !== block.returnNode; ) {
      let next = node.next;
      switch (node.kind) {
        case "prim::RaiseException":
          pair = this.throwsPair();
          break;
        case "prim::ReturnStmt":
        case "prim::LoopContinuation":
          if (node.kind === this.exitKind) {
            pair = this.willPair([...node.inputs]);
            node.destroy();
          }
          break;
        case "prim::If":
          pair = this.transformIf(node);
          next = node.next;
          break;
        case "prim::With":
          pair = this.transformWith(node);
          next = node.next;
          break;
        case "prim::Closure":
        case "prim::forkClosure":
          this.transformExits(node.blocks[0]);
          break;
        case "prim::Loop":
          pair = this.transformLoop(node);
          next = node.next;
          break;
      }
      const status = this.status(pair);
      if (status === "will" || status === "throws") {
        this.deleteAfterExitNodes(block, next);
        break;
      }
      if (status === "might") {
        if (next !== block.returnNode) pair = this.guardBlockNodes(block, pair, next);
        break;
      }
      node = next;
    }
    if (this.targetBlock === block) {
      const status = this.status(pair);
      if (status === "might") {
        const newIf = this.graph.create("prim::If", [pair.hasExited], 0).insertBefore(block.returnNode);
        newIf.addBlock();
        newIf.addBlock();
        addIfOutputs(newIf, pair.exitValues, block.outputs);
        replaceBlockOutputs(block, newIf.outputs);
      } else if (status === "will") {
        replaceBlockOutputs(block, pair.exitValues);
      }
      pair = this.wontPair();
    }
    this.targetBlock = previousTarget;
    return pair;
  }
};
function isClosure(node) {
  return node.kind === "prim::Closure" || node.kind === "prim::forkClosure";
}
function replaceBlockOutputs(block, outputs) {
  const values = [...outputs];
  while (block.outputs.length > 0) block.eraseOutput(0);
  for (const value of values) block.registerOutput(value);
}
function addIfOutputs(node, thenOutputs, elseOutputs) {
  const [thenBlock, elseBlock] = node.blocks;
  const thens = [...thenOutputs];
  const elses = [...elseOutputs];
  for (const value of thens) thenBlock.registerOutput(value);
  for (const value of elses) elseBlock.registerOutput(value);
  for (let i = 0; i < thens.length; i++) {
    node.addOutput(unifyTypes2(thens[i].type, elses[i].type, true) ?? thens[i].type);
  }
}
function inlineConsecutiveIfs(node) {
  const second = node.next;
  if (node.kind !== "prim::If" || !second || second.kind !== "prim::If") return false;
  const condition = second.inputs[0];
  if (condition.node !== node) return false;
  const offset = condition.offset;
  const thenValue = constantBool(node.blocks[0].outputs[offset]);
  const elseValue = constantBool(node.blocks[1].outputs[offset]);
  if (thenValue === void 0 || elseValue === void 0 || thenValue === elseValue) return false;
  for (let i = 0; i < 2; i++) {
    const firstBlock = node.blocks[i];
    const taken = (i === 0 ? thenValue : elseValue) ? second.blocks[0] : second.blocks[1];
    const valueMap = (v) => v.node === node ? firstBlock.outputs[v.offset] : v;
    appendBlockCopy(firstBlock, taken, valueMap);
  }
  for (const output of [...second.outputs]) {
    const copy = node.addOutput(output.type);
    if (output.hasDebugName()) copy.setDebugName(output.debugName());
    output.replaceAllUsesWith(copy);
  }
  second.destroy();
  return true;
}
function appendBlockCopy(target, source, outer) {
  const map = /* @__PURE__ */ new Map();
  const lookup = (v) => map.get(v) ?? outer(v);
  for (const node of source.nodes()) {
    const copy = target.appendNode(target.graph.createClone(node, lookup, true));
    node.outputs.forEach((output, i) => {
      map.set(output, copy.outputs[i]);
    });
  }
  for (const output of source.outputs) target.registerOutput(lookup(output));
}
function inlineConsecutiveIfsIn(block) {
  for (let node = block.first; node !== block.returnNode; ) {
    for (const b of node.blocks) inlineConsecutiveIfsIn(b);
    if (!inlineConsecutiveIfs(node)) node = node.next;
  }
}
function convertEnterExitNodesToWithBlocks(graph) {
  const pairs = [];
  const stack = [];
  for (const node of graph.allNodes()) {
    if (node.kind === "prim::Enter") stack.push(node);
    else if (node.kind === "prim::Exit") pairs.push([stack.pop(), node]);
  }
  for (const [enter, exit] of pairs) {
    const withNode = graph.create("prim::With", [], 0);
    const body = withNode.addBlock();
    const exitBlock = withNode.addBlock();
    let current = enter.next;
    let insertAfter = body.paramNode;
    while (current !== exit) {
      const next = current.next;
      current.moveAfter(insertAfter);
      insertAfter = current;
      current = next;
    }
    exit.moveAfter(exitBlock.paramNode);
    withNode.insertAfter(enter);
  }
}
function convertWithBlocksToEnterExitNodes(graph) {
  const withNodes = [...graph.allNodes()].filter((n) => n.kind === "prim::With");
  for (const withNode of withNodes) {
    const moved = [...withNode.blocks[0].nodes(), ...withNode.blocks[1].nodes()];
    let current = withNode.prev;
    for (const node of moved) {
      node.moveAfter(current);
      current = node;
    }
    withNode.destroy();
  }
}

// src/emitter/ssa/convert-to-ssa.ts
function convertToSSA(graph) {
  new ControlFlowLoadStores().run(graph);
  new LoopContinuations().run(graph.block);
  inlineLoopConditions(graph.block);
  new EraseLoadStores().run(graph);
  transformExits(graph);
}
var Frame = class {
  constructor(next) {
    this.next = next;
  }
  next;
  table = /* @__PURE__ */ new Map();
  findInThisFrame(name) {
    return this.table.get(name);
  }
  findInAnyFrame(name) {
    for (let runner = this; runner; runner = runner.next) {
      const found = runner.table.get(name);
      if (found !== void 0) return found;
    }
    return void 0;
  }
  set(name, value) {
    this.table.set(name, value);
  }
  definedVariables() {
    return [...this.table.keys()].sort(compareBytes);
  }
};
function compareBytes(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
var ControlFlowLoadStores = class {
  stack;
  run(graph) {
    this.addControlFlowLoadStores(graph.block);
  }
  addControlFlowLoadStores(block) {
    this.stack = new Frame(this.stack);
    for (const node of liveNodes(block)) {
      switch (node.kind) {
        case "prim::If":
          this.addIfLoadStores(node);
          break;
        case "prim::Loop":
          this.addLoopLoadStores(node);
          break;
        case "prim::Closure":
        case "prim::forkClosure":
          for (const b of node.blocks) this.addControlFlowLoadStores(b);
          break;
        case "prim::Store":
          this.stack.set(node.s("name"), node.input().type);
          break;
        case "prim::ComprehensionScope":
          this.addControlFlowLoadStores(node.blocks[0]);
          break;
      }
    }
    const frame = this.stack;
    this.stack = frame.next;
    return frame;
  }
  addIfLoadStores(node) {
    const [thenBlock, elseBlock] = node.blocks;
    const thenVars = this.addControlFlowLoadStores(thenBlock);
    const elseVars = this.addControlFlowLoadStores(elseBlock);
    const mutated = /* @__PURE__ */ new Set();
    for (const v of thenVars.definedVariables()) if (elseVars.findInAnyFrame(v)) mutated.add(v);
    for (const v of elseVars.definedVariables()) if (thenVars.findInAnyFrame(v)) mutated.add(v);
    for (const name of [...mutated].sort(compareBytes)) {
      const thenType = thenVars.findInAnyFrame(name);
      const elseType = elseVars.findInAnyFrame(name);
      const unified = unifyTypes2(thenType, elseType);
      if (!unified) continue;
      addBlockOutput(thenBlock, thenType, name);
      addBlockOutput(elseBlock, elseType, name);
      addNodeOutput(node, unified, name);
    }
  }
  addLoopLoadStores(node) {
    const body = node.blocks[0];
    const loopVars = this.addControlFlowLoadStores(body);
    for (const name of loopVars.definedVariables()) {
      const parentType = this.stack?.findInAnyFrame(name);
      if (!parentType) continue;
      const blockType = loopVars.findInThisFrame(name);
      const unified = unifyTypes2(parentType, blockType) ?? parentType;
      addNodeInput(node, parentType, name);
      addBlockInput(body, unified, name);
      addBlockOutput(body, blockType, name);
      addNodeOutput(node, unified, name);
    }
  }
};
function addBlockInput(block, type, name) {
  const input = block.addInput(void 0, type);
  if (isValidDebugName(name)) input.setDebugName(name);
  createStore(block.graph, name, input).insertAfter(block.paramNode);
}
function addBlockOutput(block, type, name) {
  const load = createLoad(block.graph, name, type);
  block.appendNode(load);
  block.registerOutput(load.output());
}
function addNodeOutput(node, type, name) {
  const output = node.addOutput(type);
  if (meaningfulName(name) && isValidDebugName(name)) output.setDebugName(name);
  createStore(node.graph, name, output).insertAfter(node);
}
function addNodeInput(node, type, name) {
  const load = createLoad(node.graph, name, type).insertBefore(node);
  node.addInput(load.output());
}
var LoopContinuations = class _LoopContinuations {
  graph;
  falseValue;
  currentLoop;
  run(block) {
    this.graph = block.graph;
    const first = block.first;
    this.falseValue = this.graph.withInsertPoint(first, () => this.graph.insertConstant(false));
    this.assignExitContinuations(block);
  }
  addLoopCarriedOutputs(node) {
    const loop = this.currentLoop;
    const continuation = loop.blocks[0].returnNode;
    for (const out of continuation.inputs) {
      const load = out.node;
      const clone = this.graph.createClone(load, (v) => v);
      clone.insertBefore(node);
      node.addInput(clone.output());
    }
  }
  assignExitContinuations(block) {
    for (const node of [...block.nodes()]) {
      if (node.isDestroyed) continue;
      switch (node.kind) {
        case "prim::If":
          this.assignExitContinuations(node.blocks[0]);
          this.assignExitContinuations(node.blocks[1]);
          break;
        case "prim::Closure":
        case "prim::forkClosure":
          new _LoopContinuations().run(node.blocks[0]);
          break;
        case "prim::Loop": {
          const previous = this.currentLoop;
          this.currentLoop = node;
          this.assignExitContinuations(node.blocks[0]);
          this.currentLoop = previous;
          break;
        }
        case "prim::ContinueStmt": {
          const continuation = this.graph.create("prim::LoopContinuation", [], 0).insertAfter(node);
          const header = continuation.addBlock();
          header.cloneFrom(this.currentLoop.blocks[1], /* @__PURE__ */ new Map(), (v) => v);
          inlineBlockBeforeNode(node, header);
          continuation.addInput(header.outputs[0]);
          continuation.eraseBlock(0);
          this.addLoopCarriedOutputs(continuation);
          node.destroy();
          break;
        }
        case "prim::BreakStmt": {
          const exit = this.graph.create("prim::LoopContinuation", [], 0).insertAfter(node);
          exit.addInput(this.falseValue);
          this.addLoopCarriedOutputs(exit);
          node.destroy();
          break;
        }
      }
    }
  }
};
function inlineLoopConditions(block) {
  for (const node of liveNodes(block)) {
    for (const b of node.blocks) inlineLoopConditions(b);
    if (node.kind === "prim::Loop") inlineLoopCondition(node);
  }
}
function inlineLoopCondition(node) {
  const body = node.blocks[0];
  const preHeader = node.blocks[1];
  const temp = node.addBlock();
  temp.cloneFrom(preHeader, /* @__PURE__ */ new Map(), (v) => v);
  inlineBlockBeforeNode(node, temp);
  node.insertInput(1, temp.outputs[0]);
  node.eraseBlock(2);
  inlineBlockBeforeNode(body.returnNode, preHeader);
  body.returnNode.insertInput(0, preHeader.outputs[0]);
  node.eraseBlock(1);
}
var EraseLoadStores = class {
  stack;
  run(graph) {
    this.eraseBlockLoadStores(graph.block);
  }
  eraseBlockLoadStores(block) {
    this.stack = new Frame(this.stack);
    for (const node of [...block.nodes()]) {
      switch (node.kind) {
        case "prim::Store":
          this.stack.set(node.s("name"), node.input());
          node.destroy();
          break;
        case "prim::Load": {
          const value = this.stack.findInAnyFrame(node.s("name"));
          if (!value) throw new InternalError(`no value stored for '${node.s("name")}'`);
          node.output().replaceAllUsesWith(value);
          node.destroy();
          break;
        }
        case "prim::ComprehensionScope": {
          const body = node.blocks[0];
          this.eraseBlockLoadStores(body);
          for (const inner of [...body.nodes()]) inner.moveBefore(node);
          node.destroy();
          break;
        }
        default:
          for (const b of node.blocks) this.eraseBlockLoadStores(b);
      }
    }
    this.stack = this.stack.next;
  }
};

// src/emitter/ssa/finish-graph.ts
import { Graph, ListType as ListType4, TensorType as TensorType5 } from "@tsjit/ir";

// src/emitter/ssa/normalize-ops.ts
var ALIASES = /* @__PURE__ */ new Map([
  ["aten::absolute", "aten::abs"],
  ["aten::absolute_", "aten::abs_"],
  ["aten::clip", "aten::clamp"],
  ["aten::clip_", "aten::clamp_"],
  ["aten::det", "aten::linalg_det"],
  ["aten::matrix_power", "aten::linalg_matrix_power"],
  ["aten::matrix_exp", "aten::linalg_matrix_exp"],
  ["aten::ger", "aten::outer"],
  ["aten::arccos", "aten::acos"],
  ["aten::arccos_", "aten::acos_"],
  ["aten::arcsin", "aten::asin"],
  ["aten::arcsin_", "aten::asin_"],
  ["aten::arctan", "aten::atan"],
  ["aten::arctan_", "aten::atan_"],
  ["aten::arctan2", "aten::atan2"],
  ["aten::arctan2_", "aten::atan2_"],
  ["aten::arccosh", "aten::acosh"],
  ["aten::arccosh_", "aten::acosh_"],
  ["aten::arcsinh", "aten::asinh"],
  ["aten::arcsinh_", "aten::asinh_"],
  ["aten::arctanh", "aten::atanh"],
  ["aten::arctanh_", "aten::atanh_"],
  ["aten::fix", "aten::trunc"],
  ["aten::fix_", "aten::trunc_"],
  ["aten::negative", "aten::neg"],
  ["aten::negative_", "aten::neg_"],
  ["aten::subtract", "aten::sub"],
  ["aten::subtract_", "aten::sub_"],
  ["aten::greater_equal", "aten::ge"],
  ["aten::greater_equal_", "aten::ge_"],
  ["aten::greater", "aten::gt"],
  ["aten::greater_", "aten::gt_"],
  ["aten::less_equal", "aten::le"],
  ["aten::less_equal_", "aten::le_"],
  ["aten::less", "aten::lt"],
  ["aten::less_", "aten::lt_"],
  ["aten::not_equal", "aten::ne"],
  ["aten::not_equal_", "aten::ne_"],
  ["aten::divide", "aten::div"],
  ["aten::divide_", "aten::div_"],
  ["aten::multiply", "aten::mul"],
  ["aten::multiply_", "aten::mul_"],
  ["aten::linalg_matmul", "aten::matmul"],
  ["aten::inverse", "aten::linalg_inv"],
  ["aten::true_divide", "aten::div"],
  ["aten::true_divide_", "aten::div_"],
  ["aten::concat", "aten::cat"],
  ["aten::concatenate", "aten::cat"],
  ["aten::row_stack", "aten::vstack"],
  ["aten::swapdims", "aten::transpose"],
  ["aten::swapdims_", "aten::transpose_"],
  ["aten::swapaxes", "aten::transpose"],
  ["aten::swapaxes_", "aten::transpose_"],
  ["aten::moveaxis", "aten::movedim"],
  ["aten::special_erf", "aten::erf"],
  ["aten::special_erfc", "aten::erfc"],
  ["aten::special_erfinv", "aten::erfinv"],
  ["aten::special_expit", "aten::sigmoid"],
  ["aten::special_exp2", "aten::exp2"],
  ["aten::special_expm1", "aten::expm1"],
  ["aten::special_logit", "aten::logit"],
  ["aten::special_logsumexp", "aten::logsumexp"],
  ["aten::special_round", "aten::round"],
  ["aten::special_log1p", "aten::log1p"],
  ["aten::special_sinc", "aten::sinc"],
  ["aten::special_digamma", "aten::digamma"],
  ["aten::special_psi", "aten::digamma"],
  ["aten::special_i0", "aten::i0"],
  ["aten::special_xlogy", "aten::xlogy"],
  ["aten::special_log_softmax", "aten::log_softmax"],
  ["aten::orgqr", "aten::linalg_householder_product"],
  ["aten::adjoint", "aten::mH"],
  ["aten::special_multigammaln", "aten::mvlgamma"],
  ["aten::special_polygamma", "aten::polygamma"],
  ["aten::special_softmax", "aten::softmax"],
  ["aten::special_gammainc", "aten::igamma"],
  ["aten::special_gammaincc", "aten::igammac"],
  ["aten::special_gammaln", "aten::lgamma"]
]);
function normalizeOps(graph) {
  for (const node of [...graph.allNodes()]) {
    const canonical = ALIASES.get(node.kind);
    if (!canonical) continue;
    const copy = graph.create(canonical, node.inputs, 0);
    for (const output of node.outputs) copy.addOutput(output.type);
    copy.copyAttributes(node);
    copy.setSourceRange(node.sourceRange);
    copy.insertBefore(node);
    node.outputs.forEach((output, i) => {
      if (output.hasDebugName()) {
        const name = output.debugName();
        output.setDebugName("");
        copy.outputs[i].setDebugName(name);
      }
      output.replaceAllUsesWith(copy.outputs[i]);
    });
    node.destroy();
  }
}

// src/emitter/ssa/finish-graph.ts
function finishGraph(graph) {
  replaceEmptyListLiterals(graph);
  liftForkClosures(graph.block);
  normalizeOps(graph);
}
function replaceEmptyListLiterals(graph) {
  for (const node of [...graph.allNodes()]) {
    if (node.kind !== "prim::EmptyListLiteral") continue;
    const list = graph.create("prim::ListConstruct", [], 1);
    list.output().setType(ListType4.of(TensorType5.get()));
    list.insertBefore(node);
    node.output().replaceAllUsesWith(list.output());
    node.destroy();
  }
}
function capturedValues(block) {
  const inside = /* @__PURE__ */ new Set();
  const captured = [];
  const seen = /* @__PURE__ */ new Set();
  const visit = (b) => {
    for (const input of b.inputs) inside.add(input);
    for (const node of b.nodes()) {
      for (const input of node.inputs) {
        if (!inside.has(input) && !seen.has(input)) {
          seen.add(input);
          captured.push(input);
        }
      }
      for (const nested of node.blocks) visit(nested);
      for (const output of node.outputs) inside.add(output);
    }
    for (const output of b.outputs) {
      if (!inside.has(output) && !seen.has(output)) {
        seen.add(output);
        captured.push(output);
      }
    }
  };
  visit(block);
  return captured;
}
function liftForkClosures(block) {
  for (const node of [...block.nodes()]) {
    for (const nested of node.blocks) liftForkClosures(nested);
    if (node.kind === "prim::forkClosure") liftFork(node);
  }
}
function liftFork(node) {
  const graph = node.graph;
  const body = node.blocks[0];
  const captured = capturedValues(body);
  const subgraph = new Graph();
  const map = /* @__PURE__ */ new Map();
  const passed = [];
  for (const value of captured) {
    if (value.node.kind === "prim::Constant") {
      const copy = subgraph.block.appendNode(subgraph.createClone(value.node, () => value, false));
      copy.output().setType(value.type);
      map.set(value, copy.output());
    } else {
      const input = subgraph.addInput(void 0, value.type);
      if (value.hasDebugName()) input.setDebugName(value.debugName());
      map.set(value, input);
      passed.push(value);
    }
  }
  const lookup = (v) => map.get(v) ?? v;
  for (const inner of body.nodes()) {
    const copy = subgraph.block.appendNode(subgraph.createClone(inner, lookup, true));
    inner.outputs.forEach((output, i) => {
      map.set(output, copy.outputs[i]);
    });
  }
  for (const output of body.outputs) subgraph.registerOutput(lookup(output));
  const fork = graph.create("prim::fork", passed, 1);
  fork.output().setType(node.output().type);
  fork.setSourceRange(node.sourceRange);
  fork.setG("Subgraph", subgraph);
  fork.insertBefore(node);
  node.output().replaceAllUsesWith(fork.output());
  node.destroy();
}

// src/emitter/type-parser.ts
import {
  AnyType,
  BoolType as BoolType5,
  CapsuleType,
  ComplexType,
  DeviceObjType as DeviceObjType2,
  DictType as DictType2,
  FloatType as FloatType2,
  FutureType as FutureType3,
  IntType as IntType5,
  ListType as ListType5,
  NoneType as NoneType6,
  NumberType as NumberType2,
  OptionalType as OptionalType3,
  RRefType as RRefType2,
  StreamObjType,
  StringType as StringType6,
  TensorType as TensorType6,
  TupleType as TupleType6,
  UnionType as UnionType3
} from "@tsjit/ir";
var TENSOR_NAMES = /* @__PURE__ */ new Set([
  "Tensor",
  "LongTensor",
  "FloatTensor",
  "DoubleTensor",
  "IntTensor",
  "ShortTensor",
  "HalfTensor",
  "CharTensor",
  "ByteTensor",
  "BoolTensor"
]);
function builtinTypeNamed(name) {
  if (TENSOR_NAMES.has(name)) return TensorType6.get();
  if (name.startsWith("torch.") && TENSOR_NAMES.has(name.slice(6))) return TensorType6.get();
  switch (name) {
    case "int":
      return IntType5.get();
    case "float":
      return FloatType2.get();
    case "bool":
      return BoolType5.get();
    case "str":
      return StringType6.get();
    case "complex":
      return ComplexType.get();
    case "number":
      return NumberType2.get();
    case "None":
    case "NoneType":
      return NoneType6.get();
    case "Any":
      return AnyType.get();
    case "Device":
    case "torch.device":
      return DeviceObjType2.get();
    case "Stream":
    case "torch.Stream":
      return StreamObjType.get();
    case "Capsule":
      return CapsuleType.get();
    // A dtype is an int in TorchScript (ScalarType).
    case "torch.dtype":
      return IntType5.get();
    default:
      return void 0;
  }
}
function dottedName(expr) {
  if (expr.kind === "Name") return expr.id;
  if (expr.kind === "Attribute") {
    const base = dottedName(expr.value);
    return base === void 0 ? void 0 : `${base}.${expr.attr}`;
  }
  return void 0;
}
var TypeParser = class {
  constructor(resolver, fail) {
    this.resolver = resolver;
    this.fail = fail;
  }
  resolver;
  fail;
  parseType(expr) {
    const dotted = dottedName(expr);
    if (dotted !== void 0 && this.resolver && builtinTypeNamed(dotted) === void 0) {
      const resolved = this.resolver.resolveType(dotted, expr.range);
      if (resolved) return resolved;
    }
    return this.parseImpl(expr);
  }
  /**
   * `BroadcastingList2[int]` (and `_size_2_t`), possibly inside Optional: a list type with its
   * fixed size. Only parameters may use it.
   */
  parseBroadcastList(expr) {
    if (expr.kind === "Name") {
      const match = /^_size_([0-9])_t$/.exec(expr.id);
      if (match) return { type: ListType5.of(IntType5.get()), N: Number(match[1]) };
    }
    if (expr.kind !== "Subscript" || expr.value.kind !== "Name") return void 0;
    const name = expr.value.id;
    if (name === "Optional") {
      const inner = this.parseBroadcastList(expr.slice);
      return inner ? { type: OptionalType3.of(inner.type), N: inner.N } : void 0;
    }
    if (!name.startsWith("BroadcastingList")) return void 0;
    const length = name.slice("BroadcastingList".length);
    if (expr.slice.kind === "Tuple") {
      this.fail(expr.slice.range, "BroadcastingList/Optional[BroadcastingList] must be subscripted with a type");
    }
    if (expr.slice.kind !== "Name") this.fail(expr.value.range, "Subscripted type must be a type identifier");
    const element = expr.slice.id;
    if (element !== "float" && element !== "int") {
      this.fail(expr.value.range, "Broadcastable lists only supported for int or float");
    }
    if (!/^[0-9]+$/.test(length)) {
      this.fail(expr.slice.range, "subscript of Broadcastable list must be a positive integer");
    }
    return { type: ListType5.of(element === "int" ? IntType5.get() : FloatType2.get()), N: Number(length) };
  }
  parseImpl(expr) {
    switch (expr.kind) {
      case "Subscript": {
        const name = dottedName(expr.value);
        if (name === void 0) this.fail(expr.value.range, "Subscripted type must be a type identifier");
        return this.subscriptToType(name, expr);
      }
      case "Str": {
        const resolved = builtinTypeNamed(expr.value) ?? this.resolver?.resolveType(expr.value, expr.range);
        if (resolved) return resolved;
        return this.fail(expr.range, `Unknown type name '${expr.value}'`);
      }
      case "Constant":
        if (expr.value === null) return NoneType6.get();
        break;
      case "Name":
      case "Attribute": {
        const name = dottedName(expr);
        const builtin = builtinTypeNamed(name);
        if (builtin) return builtin;
        const resolved = this.resolver?.resolveType(name, expr.range);
        if (resolved) return resolved;
        return this.fail(expr.range, `Unknown type name '${name}'`);
      }
      default:
        break;
    }
    return this.fail(expr.range, `Expression of type ${describeExpr(expr)} cannot be used in a type expression`);
  }
  subscriptToType(name, expr) {
    const base = name.startsWith("typing.") ? name.slice(7) : name;
    const items = expr.slice.kind === "Tuple" ? expr.slice.elts : [expr.slice];
    const one = () => {
      if (items.length !== 1) this.fail(expr.range, ` expected exactly one element type but found ${items.length}`);
      return this.parseImpl(items[0]);
    };
    switch (base) {
      case "Tuple": {
        if (expr.slice.kind === "Tuple" && expr.slice.elts.length === 0) return TupleType6.of([]);
        if (items.length === 1 && items[0].kind === "Tuple") {
          this.fail(items[0].range, "Tuple literal in Tuple type annotation must not have any elements!");
        }
        return TupleType6.of(items.map((item) => this.parseImpl(item)));
      }
      case "List":
        return ListType5.of(one());
      case "Optional":
        return OptionalType3.of(one());
      case "Union": {
        const members = items.map((item) => this.parseImpl(item));
        const union = UnionType3.of(members);
        if (members.length < 2 || union.kind !== "UnionType" && union.kind !== "OptionalType") {
          this.fail(
            expr.range,
            `Union[${members.map((m) => m.pythonStr()).join(", ")}] has the single type ${union.pythonStr()}; use that type instead of a Union`
          );
        }
        return union;
      }
      case "Future":
      case "torch.jit.Future":
        return FutureType3.of(one());
      case "RRef":
        return RRefType2.of(one());
      case "Dict": {
        if (items.length !== 2) this.fail(expr.range, ` expected exactly 2 element types but found ${items.length}`);
        const key = this.parseImpl(items[0]);
        const value = this.parseImpl(items[1]);
        if (!DictType2.isValidKeyType(key)) {
          this.fail(
            expr.range,
            `Cannot create dict for key type '${key.annotationStr()}', only int, float, complex, Tensor, device and string keys are supported`
          );
        }
        return DictType2.of(key, value);
      }
      default:
        return this.fail(expr.range, `Unknown type constructor ${name}`);
    }
  }
};
function describeExpr(expr) {
  switch (expr.kind) {
    case "Constant":
      return expr.value === "Ellipsis" ? "dots" : String(expr.value);
    case "BinOp":
    case "UnaryOp":
    case "BoolOp":
      return expr.op;
    case "Compare":
      return expr.ops[0];
    case "Number":
      return "const";
    case "Call":
      return "apply";
    case "Tuple":
      return "tuple literal";
    case "List":
      return "list literal";
    case "Dict":
      return "dict literal";
    default:
      return expr.kind;
  }
}

// src/emitter/values/cast-value.ts
import { BoolType as BoolType6 } from "@tsjit/ir";
var CastValue = class {
  constructor(type, symbol) {
    this.type = type;
    this.symbol = symbol;
  }
  type;
  symbol;
  kind = "builtin";
  call(context, range, args, kwargs) {
    const ctx = context;
    if (args.length === 1 && kwargs.length === 0) {
      const zero = ctx.graph.insertConstant(0);
      const value = args[0].value;
      if (value.type.isSubtypeOf(this.type)) return new SimpleValue(value);
      const kind = value.type.kind;
      if (this.type.equals(BoolType6.get()) && (kind === "ListType" || kind === "StringType" || kind === "DictType")) {
        const length = ctx.builtin("aten::len", [{ value, range }], [], range);
        return new SimpleValue(
          ctx.builtin(
            "aten::gt",
            [
              { value: length, range },
              { value: zero, range }
            ],
            [],
            range
          )
        );
      }
    }
    return new SimpleValue(ctx.builtin(this.symbol, args, kwargs, range));
  }
};

// src/emitter/values/class-value.ts
var ClassValue = class {
  constructor(type) {
    this.type = type;
  }
  type;
  kind = "class";
  call(context, range, args, kwargs) {
    const ctx = context;
    const self = ctx.insertNode("prim::CreateObject", [], [this.type]).output();
    if (!ctx.findMethod(this.type, "__init__")) {
      ctx.error(range, `Class ${this.type.name} does not have an __init__ function defined`);
    }
    ctx.callMethod(self, "__init__", range, args, kwargs);
    return new SimpleValue(self);
  }
  attr(context, range, name) {
    const ctx = context;
    if (name !== "__new__") ctx.error(range, `Tried to lookup unknown attribute on class ${this.type.pythonStr()}`);
    return new SpecialFormValue("prim::CreateObject");
  }
};

// src/emitter/values/enum-class-value.ts
import { enumValue, ListType as ListType6 } from "@tsjit/ir";
var EnumClassValue = class {
  constructor(type) {
    this.type = type;
  }
  type;
  kind = "enum";
  attr(context, range, name) {
    const ctx = context;
    if (!this.type.member(name)) ctx.error(range, `${this.type.pythonStr()}' has no attribute '${name}'`);
    return new SimpleValue(ctx.constant(enumValue(this.type.qualifiedName, name), range, this.type));
  }
  iter(context, range) {
    const ctx = context;
    const members = this.type.members.map((m) => enumValue(this.type.qualifiedName, m.name));
    const list = ctx.constant(members, range, ListType6.of(this.type));
    return new SimpleValue(list);
  }
};

// src/emitter/values/exception-value.ts
import { StringType as StringType7, TupleType as TupleType7 } from "@tsjit/ir";
var ExceptionValue = class {
  constructor(name, qualifiedName) {
    this.name = name;
    this.qualifiedName = qualifiedName;
  }
  name;
  qualifiedName;
  kind = "exception";
  call(context, range, args, kwargs) {
    const ctx = context;
    if (this.qualifiedName === void 0) {
      let message2 = ctx.constant(`${this.name}: `, range);
      for (const arg of args) {
        let text = arg.value;
        if (!text.type.isSubtypeOf(StringType7.get())) text = ctx.builtin("aten::str", [{ value: text, range }], [], range);
        message2 = ctx.builtin(
          "aten::add",
          [
            { value: message2, range },
            { value: text, range }
          ],
          [],
          range
        );
      }
      return new ExceptionMessageValue(message2, void 0);
    }
    let message;
    if (args.length === 0 && kwargs.length === 0) {
      message = ctx.constant("", range);
    } else if (args.length === 1 && kwargs.length === 0) {
      message = args[0].value;
    } else {
      const values = [...args, ...kwargs].map((a) => a.value);
      message = ctx.insertNode("prim::TupleConstruct", values, [tupleOf(values)]).output();
    }
    const className = ctx.constant(this.qualifiedName, range);
    return new ExceptionMessageValue(message, className);
  }
};
var ExceptionMessageValue = class {
  constructor(message, qualifiedClassName) {
    this.message = message;
    this.qualifiedClassName = qualifiedClassName;
  }
  message;
  qualifiedClassName;
  kind = "exception message";
};
function tupleOf(values) {
  return TupleType7.of(values.map((v) => v.type));
}

// src/emitter/values/iterable-tree.ts
import { IntType as IntType6, ListType as ListType7 } from "@tsjit/ir";
var IterableTree = class _IterableTree {
  kind = "iterabletree";
  children = [];
  unrollLength;
  addChild(context, range, child) {
    const ctx = context;
    const childLength = child.staticLen?.();
    if (this.children.length === 0) {
      this.unrollLength = childLength;
    } else {
      if (this.unrollLength === void 0 !== (childLength === void 0)) {
        ctx.error(
          range,
          "Can not iterate over a module list or tuple with a value that does not have a statically determinable length\n"
        );
      }
      if (this.unrollLength !== void 0 && childLength !== void 0) {
        this.unrollLength = Math.min(this.unrollLength, childLength);
      }
    }
    this.children.push(child);
  }
  iter() {
    return this;
  }
  staticLen() {
    return this.unrollLength;
  }
  baseIterables() {
    return this.children.flatMap((child) => child instanceof _IterableTree ? child.baseIterables() : [child]);
  }
  len(context, range) {
    const ctx = context;
    const lengths = this.baseIterables().map((base) => {
      if (!base.len) ctx.error(range, `${base.kind} does not support len`);
      return base.len(ctx, range);
    });
    const list = ctx.insertNode("prim::ListConstruct", lengths, [ListType7.of(IntType6.get())]).output();
    return ctx.builtin("prim::min", [{ value: list, range }], [], range);
  }
  getItem(context, range, index) {
    const ctx = context;
    return new SugaredTupleValue(
      this.children.map((child) => {
        if (!child.getItem) ctx.error(range, `${child.kind} does not support indexing`);
        return child.getItem(ctx, range, index);
      })
    );
  }
};

// src/emitter/values/magic-method.ts
var MagicMethod = class {
  constructor(desugaredName, base) {
    this.desugaredName = desugaredName;
    this.base = base;
  }
  desugaredName;
  base;
  kind = "magic method";
  call(context, range, args, kwargs, nBinders) {
    const ctx = context;
    if (args.length > 0 && args[0].value.type.kind === "ClassType") {
      const method = new SimpleValue(args[0].value).attr(ctx, range, this.desugaredName);
      if (!method.call) return ctx.error(range, `cannot call a ${method.kind}`);
      return method.call(ctx, range, args.slice(1), kwargs, nBinders);
    }
    if (!this.base.call) return ctx.error(range, `cannot call a ${this.base.kind}`);
    return this.base.call(ctx, range, args, kwargs, nBinders);
  }
};

// src/emitter/values/named-tuple-constructor.ts
import { Argument, FunctionSchema } from "@tsjit/ir";
var NamedTupleConstructor = class {
  constructor(type) {
    this.type = type;
  }
  type;
  kind = "NamedTuple";
  call(context, range, args, kwargs) {
    const ctx = context;
    const names = this.type.names ?? [];
    const defaults = this.type.defaults;
    const schema = new FunctionSchema(
      this.type.qualifiedName ?? "NamedTuple",
      "",
      this.type.elements.map(
        (type, i) => new Argument(names[i], {
          type,
          defaultValue: defaults?.[i]
        })
      ),
      [new Argument("", { type: this.type })]
    );
    const { inputs } = ctx.matchSchema(schema, range, args, kwargs);
    const tuple = ctx.insertNode("prim::TupleConstruct", inputs, [this.type], range).output();
    return new SimpleValue(tuple);
  }
};

// src/emitter/values/none-value.ts
var NoneValue = class {
  kind = "None";
};

// src/emitter/values/print-value.ts
var PrintValue = class {
  kind = "print";
  call(context, range, args, kwargs) {
    const ctx = context;
    if (kwargs.length > 0) ctx.error(range, "print doesn't accept any keyword arguments");
    ctx.insertNode(
      "prim::Print",
      args.map((a) => a.value),
      [],
      range
    );
    return new NoneValue();
  }
};

// src/emitter/values/range-value.ts
var RangeValue = class {
  constructor(context, range, inputs, staticLength) {
    this.staticLength = staticLength;
    const ctx = context;
    inputs.forEach((input, i) => {
      if (input.type.kind !== "IntType") {
        ctx.error(range, `all inputs of range must be ints, found ${input.type.pythonStr()} in argument ${i}`);
      }
    });
    if (inputs.length === 0) ctx.error(range, "range expected at least 1 arguments, got 0");
    if (inputs.length > 3) ctx.error(range, `range expected at most 3 arguments, got ${inputs.length}`);
    if (inputs.length === 1) {
      this.end = inputs[0];
      this.start = ctx.constant(0, range);
      this.step = ctx.constant(1, range);
      this.hasOnlyEnd = true;
    } else {
      this.start = inputs[0];
      this.end = inputs[1];
      this.step = inputs.length === 3 ? inputs[2] : ctx.constant(1, range);
      this.hasOnlyEnd = false;
    }
  }
  staticLength;
  kind = "range";
  start;
  end;
  step;
  hasOnlyEnd;
  iter() {
    return this;
  }
  staticLen() {
    return this.staticLength;
  }
  len(context, range) {
    const ctx = context;
    if (this.staticLength !== void 0) return ctx.constant(this.staticLength, range);
    if (this.hasOnlyEnd) return this.end;
    return ctx.builtin(
      "aten::__range_length",
      [this.start, this.end, this.step].map((value) => ({ value, range })),
      [],
      range
    );
  }
  getItem(context, range, index) {
    const ctx = context;
    if (this.hasOnlyEnd) return new SimpleValue(index);
    return new SimpleValue(
      ctx.builtin("aten::__derive_index", [index, this.start, this.step].map((value) => ({ value, range })), [], range)
    );
  }
};

// src/emitter/function-emitter.ts
var INT64_MAX3 = 9223372036854775807n;
var PYTHON_EXCEPTIONS = /* @__PURE__ */ new Set([
  "Exception",
  "RuntimeError",
  "ValueError",
  "TypeError",
  "KeyError",
  "IndexError",
  "NotImplementedError",
  "ZeroDivisionError",
  "StopIteration",
  "AttributeError",
  "ArithmeticError",
  "OverflowError",
  "LookupError",
  "ImportError",
  "OSError",
  "Warning",
  "UserWarning"
]);
var FunctionEmitter = class {
  graph = new Graph2();
  unit;
  functionName;
  def;
  resolver;
  builtins;
  source;
  selfType;
  typeParser;
  environment;
  defStack = [];
  exitBlocks = /* @__PURE__ */ new Set();
  loopStatus = "not in loop";
  integralConstants = /* @__PURE__ */ new Map();
  fpConstants = /* @__PURE__ */ new Map();
  tempNameCount = 0;
  schema;
  constructor(options) {
    this.def = options.def;
    this.functionName = options.qualifiedName;
    this.resolver = options.resolver;
    this.unit = options.unit;
    this.builtins = options.builtins;
    this.source = options.source;
    this.selfType = options.selfType;
    this.typeParser = new TypeParser(this.resolver, (range, reason) => this.error(range, reason));
  }
  // ---- EmitContext ---------------------------------------------------------------------------
  error(range, reason) {
    throw new FrontendError(this.source.source, this.source.file, range.start, reason);
  }
  sourceRange(range) {
    return { file: this.source.file, line: range.line, col: range.col - 1 };
  }
  constant(value, range, type) {
    return this.graph.insertConstant(value, { type, sourceRange: this.sourceRange(range) });
  }
  builtin(name, args, kwargs, range, self) {
    return this.builtins.call(this, name, args, kwargs, range, self);
  }
  expr(expr, typeHint) {
    return this.emitExpr(expr, typeHint);
  }
  type(annotation) {
    return this.typeParser.parseType(annotation);
  }
  // ---- Emitter -------------------------------------------------------------------------------
  insertNode(kind, inputs, outputTypes, range) {
    const node = this.graph.create(kind, inputs, 0);
    for (const type of outputTypes) node.addOutput(type);
    if (range) node.setSourceRange(this.sourceRange(range));
    return this.graph.insertNode(node);
  }
  matchSchema(schema, range, args, kwargs, self) {
    return this.builtins.matchSchema(this, schema, range, [...args], [...kwargs], self);
  }
  callFunction(fn, range, args, kwargs) {
    const schema = this.unit.functionSchema(fn, range, this);
    const matched = this.matchSchema(schema, range, args, kwargs);
    const callee = this.graph.create("prim::Constant", [], 1);
    callee.setS("name", fn.name);
    callee.output().setType(FunctionType.named(fn.qualifiedName, schema));
    this.graph.insertNode(callee);
    return this.insertNode("prim::CallFunction", [callee.output(), ...matched.inputs], [matched.returnType], range).output();
  }
  callMethod(self, name, range, args, kwargs) {
    let schema;
    if (self.type.kind === "ClassType") {
      const method = this.findMethod(self.type, name);
      if (!method) this.error(range, `Tried to access nonexistent method '${name}' of type '${self.type.pythonStr()}'`);
      schema = this.unit.functionSchema(method, range, this);
    } else if (self.type.kind === "InterfaceType") {
      schema = self.type.methodSchema(name);
    }
    if (!schema) return this.error(range, `'${self.type.pythonStr()}' has no method '${name}'`);
    const matched = this.matchSchema(schema, range, [{ value: self, range }, ...args], kwargs);
    const node = this.insertNode("prim::CallMethod", matched.inputs, [matched.returnType], range);
    node.setS("name", name);
    return node.output();
  }
  builtinAttr(range, value, name) {
    return this.builtins.attr(this, range, value, name);
  }
  isInitializing(classType) {
    return this.def.name === "__init__" && this.graph.inputs.length > 0 && this.graph.inputs[0].type.equals(classType);
  }
  atTopLevel() {
    return this.graph.insertPoint().owningBlock === this.graph.block;
  }
  findMethod(classType, name) {
    return this.unit.findMethod(classType, name);
  }
  // ---- the def ---------------------------------------------------------------------------------
  /** Emits the function; returns its schema. The graph is in SSA form afterwards. */
  emit() {
    if (this.schema) return this.schema;
    this.pushFrame(this.graph.block, true);
    if (this.selfType && this.def.args.posonlyargs.length + this.def.args.args.length === 0) {
      this.error(this.def.range, "methods must have a self argument");
    }
    this.schema = this.emitDef(this.def, this.graph.block);
    convertToSSA(this.graph);
    canonicalizeModifiedLoops(this.graph);
    finishGraph(this.graph);
    return this.schema;
  }
  /** The schema the def declares (types of parameters and the annotated return), without emitting the body. */
  declaredSchema() {
    return this.parseSchema(this.def).schema;
  }
  parseSchema(def) {
    const a = def.args;
    if (a.vararg || a.kwarg) {
      this.error(
        (a.vararg ?? a.kwarg)?.range ?? def.range,
        "Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults"
      );
    }
    let params = [...a.posonlyargs, ...a.args];
    const positionalCount = params.length;
    params = [...params, ...a.kwonlyargs];
    const defaults = [
      ...new Array(positionalCount - a.defaults.length).fill(null),
      ...a.defaults,
      ...a.kwDefaults
    ];
    const skip = this.selfType ? 1 : 0;
    const comment = def.typeComment ? this.parseTypeComment(def) : void 0;
    if (comment && comment.args.length !== params.length - skip) {
      this.error(
        def.range,
        `Number of type annotations (${comment.args.length}) did not match the number of function parameters (${params.length - skip})`
      );
    }
    const args = [];
    for (let i = skip; i < params.length; i++) {
      const param = params[i];
      let type = TensorType7.get();
      let N;
      const annotation = param.annotation ?? comment?.args[i - skip] ?? null;
      if (annotation) {
        const broadcast = this.typeParser.parseBroadcastList(annotation);
        if (broadcast) {
          type = broadcast.type;
          N = broadcast.N;
        } else {
          type = this.typeParser.parseType(annotation);
        }
      }
      const defaultExpr = defaults[i];
      let defaultValue;
      if (defaultExpr) defaultValue = evaluateDefault(defaultExpr, type, N, (r, m) => this.error(r, m));
      args.push(
        new Argument2(param.name, { type, N, defaultValue, kwargOnly: i >= positionalCount })
      );
    }
    const returnExpr = def.returns ?? comment?.returns ?? null;
    const returns = [];
    if (returnExpr) {
      if (this.typeParser.parseBroadcastList(returnExpr)) {
        this.error(returnExpr.range, "Broadcastable lists cannot appear as a return type");
      }
      returns.push(new Argument2("", { type: this.typeParser.parseType(returnExpr) }));
    }
    return { schema: new FunctionSchema2(def.name, "", args, returns), params };
  }
  /** `# type: (int, Tensor) -> Tensor` on the line of the signature. */
  parseTypeComment(def) {
    const text = def.typeComment.trim();
    const arrow = topLevelArrow(text);
    if (arrow < 0) this.error(def.range, `expected '->' in the type comment '# type: ${text}'`);
    const parse = (part) => {
      try {
        return relocate(Parser.parseExpression(part, this.source.file), def.range);
      } catch (e) {
        if (e instanceof FrontendError) this.error(def.range, `in the type comment: ${e.reason}`);
        throw e;
      }
    };
    const argsText = text.slice(0, arrow).trim();
    if (!argsText.startsWith("(")) this.error(def.range, "expected a parenthesized argument list in the type comment");
    const argsExpr = argsText === "()" ? void 0 : parse(argsText);
    let args = [];
    if (argsExpr) args = argsExpr.kind === "Tuple" && argsText.replace(/\s/g, "") !== "" ? argsExpr.elts : [argsExpr];
    if (argsExpr && argsExpr.kind !== "Tuple") args = [argsExpr];
    return { args, returns: parse(text.slice(arrow + 2).trim()) };
  }
  emitDef(def, block) {
    const { schema, params } = this.parseSchema(def);
    const context = this.defStack[this.defStack.length - 1];
    if (schema.returns.length === 1) context.declaredReturnType = schema.returns[0].type;
    const args = this.emitFormalArguments(params, schema, block);
    this.emitStatements(def.body);
    this.handleMaybeNoReturn(def, block);
    const returnType = context.mergedReturnType;
    const placeholder = this.insertNode("prim::Uninitialized", [], [returnType]).output();
    block.registerOutput(placeholder);
    return new FunctionSchema2(def.name, "", args, [new Argument2("", { type: returnType })]);
  }
  emitFormalArguments(params, schema, block) {
    const args = [];
    let i = 0;
    if (this.selfType) {
      const self = params[0];
      const input = block.addInput(void 0, this.selfType);
      input.setDebugName(self.name);
      this.environment.setSugared(self.name, new SimpleValue(input));
      args.push(new Argument2(self.name, { type: this.selfType }));
      i = 1;
    }
    for (const arg of schema.arguments) {
      const param = params[i++];
      const input = block.addInput(void 0, arg.type);
      if (meaningfulName(param.name)) input.setDebugName(param.name);
      args.push(arg);
      this.setVar(nameRange(param), param.name, input);
    }
    return args;
  }
  /** A function whose end is reachable returns None there; with a non-None annotation that is an error. */
  handleMaybeNoReturn(def, block) {
    const context = this.defStack[this.defStack.length - 1];
    const declared = context.declaredReturnType;
    if (!this.exitBlocks.has(block)) {
      if (declared && declared.kind !== "NoneType") {
        this.error(def.range, "Function was not annotated as having type None, but does not return along all paths");
      }
      this.graph.withInsertPoint(
        block,
        () => this.emitReturnValue(def.range, { kind: "Constant", value: null, range: def.range })
      );
    } else if (!context.mergedReturnType) {
      context.mergedReturnType = declared ?? NoneType7.get();
    }
  }
  // ---- frames and variables -----------------------------------------------------------------
  pushFrame(block, startsDef = false) {
    if (startsDef) this.defStack.push({ declaredReturnType: void 0, mergedReturnType: void 0 });
    this.environment = new Environment(block, this.environment, {
      insertLoad: (name, type) => {
        const load = this.graph.create("prim::Load", [], 1);
        load.setS("name", name);
        load.output().setType(type);
        if (meaningfulName(name) && validName(name)) load.output().setDebugName(name);
        return this.graph.insertNode(load).output();
      },
      insertStore: (name, value, range) => {
        const store = this.graph.create("prim::Store", [value], 0);
        store.setS("name", name);
        store.setSourceRange(this.sourceRange(range));
        this.graph.insertNode(store);
      }
    });
  }
  popFrame(endsDef = false) {
    const frame = this.environment;
    this.environment = frame.next;
    if (endsDef) this.defStack.pop();
    return frame;
  }
  get env() {
    return this.environment;
  }
  setVar(range, name, value) {
    this.setSugaredVar(range, name, new SimpleValue(value), void 0);
  }
  /** PyTorch's Environment::setSugaredVar: names the value, checks reassignments in nested blocks, stores. */
  setSugaredVar(range, name, value, annotatedType) {
    const env = this.env;
    let simple = asSimple(value);
    if (simple && !simple.hasDebugName() && meaningfulName(name) && validName(name) && simple.node.owningBlock === env.block) {
      simple.setDebugName(name);
    }
    if (env.isDefinedInParentFrame(name)) {
      if (annotatedType) {
        this.error(
          range,
          `Attempting to declare and annotate the type of variable '${name}' but it is already defined in an outer block`
        );
      }
      if (!simple) {
        this.error(
          range,
          `Cannot re-assign '${name}' to a value of type ${value.kind} because ${name} is not a first-class value.  Only reassignments to first-class values are allowed`
        );
      }
      const parent = env.findInParentFrame(name);
      const parentValue = asSimple(parent);
      if (!parentValue) {
        this.error(
          range,
          `Cannot re-assign '${name}' because it has type ${value.kind} and ${name} is not a first-class value.  Only reassignments to first-class values are allowed`
        );
      }
      const parentType = parentValue.type;
      simple = tryConvertToType2(this, range, parentType, simple, true);
      if (!simple.type.isSubtypeOf(parentType)) {
        let reason = `Variable '${name}' previously had type ${parentType.pythonStr()} but is now being assigned to a value of type ${simple.type.pythonStr()}`;
        if (parentType.kind === "ListType" && simple.type.kind === "ListType") {
          reason += "\nEmpty lists default to List[Tensor]. Add a variable annotation to the assignment to create an empty list of another type (torch.jit.annotate(List[T, []]) where T is the type of elements in the list for Python 2)";
        }
        this.error(range, reason);
      }
    }
    if (simple) {
      if (annotatedType && !simple.type.isSubtypeOf(annotatedType)) {
        this.error(
          range,
          `Variable '${name}' is annotated with type ${annotatedType.pythonStr()} but is being assigned to a value of type ${simple.type.pythonStr()}`
        );
      }
      env.store(name, simple, annotatedType ?? simple.type, range);
    } else {
      env.setSugared(name, value);
    }
  }
  getSugaredVar(name, range) {
    const found = this.env.findInAnyFrame(name) ?? this.globalValue(name, range);
    if (found) return found;
    const typeError = this.env.findVariableTypeError(name);
    if (typeError) this.error(range, `${typeError.reason}
and was used here`);
    return this.error(range, `undefined value ${name}`);
  }
  getVar(name, range) {
    return this.asValue(this.getSugaredVar(name, range), range);
  }
  /** The builtins of the language, then the resolver's names (PyTorch's Environment::getSugaredVar). */
  globalValue(name, range) {
    const builtin = this.builtinGlobal(name);
    if (builtin) return builtin;
    const type = this.resolver.resolveType(name, range);
    if (type?.kind === "TupleType" && type.names) return new NamedTupleConstructor(type);
    const value = this.resolver.resolveValue(name, this, range);
    if (value) return value;
    if (type?.kind === "ClassType") return new ClassValue(type);
    if (type?.kind === "EnumType") return new EnumClassValue(type);
    const provided = this.builtins.global?.(name);
    if (provided) return provided;
    if (PYTHON_EXCEPTIONS.has(name)) return new ExceptionValue(name, `builtins.${name}`);
    return void 0;
  }
  builtinGlobal(name) {
    const builtin = (symbol) => new BuiltinFunctionValue2(symbol);
    switch (name) {
      case "print":
        return new PrintValue();
      case "tuple":
        return new SpecialFormValue("prim::TupleConstruct");
      case "float":
        return new MagicMethod("__float__", new CastValue(FloatType3.get(), "aten::Float"));
      case "int":
        return new MagicMethod("__int__", new CastValue(IntType7.get(), "aten::Int"));
      case "bool":
        return new MagicMethod("__bool__", new CastValue(BoolType7.get(), "aten::Bool"));
      case "str":
        return new MagicMethod("__str__", new CastValue(StringType8.get(), "aten::str"));
      case "getattr":
        return new SpecialFormValue("prim::GetAttr");
      case "hasattr":
        return new SpecialFormValue("prim::HasAttr");
      case "isinstance":
        return new SpecialFormValue("prim::isinstance");
      case "_to_tensor":
        return new CastValue(TensorType7.get(), "prim::NumToTensor");
      case "len":
        return new MagicMethod("__len__", builtin("aten::len"));
      case "hex":
        return new MagicMethod("__hex__", builtin("aten::hex"));
      case "oct":
        return new MagicMethod("__oct__", builtin("aten::oct"));
      case "round":
        return new MagicMethod("__round__", builtin("aten::round"));
      case "hash":
        return builtin("aten::hash");
      case "id":
        return builtin("prim::id");
      case "min":
        return builtin("prim::min");
      case "max":
        return builtin("prim::max");
      case "abs":
        return builtin("prim::abs");
      case "all":
        return builtin("aten::all");
      case "any":
        return builtin("aten::any");
      case "divmod":
        return builtin("aten::divmod");
      case "sum":
        return builtin("aten::sum");
      case "list":
        return new SpecialFormValue("prim::list");
      case "dict":
        return new SpecialFormValue("prim::dict");
      case "ord":
        return builtin("aten::ord");
      case "chr":
        return builtin("aten::chr");
      case "bin":
        return builtin("aten::bin");
      case "pow":
        return builtin("aten::pow");
      case "complex":
        return builtin("aten::complex");
      case "range":
        return new SpecialFormValue("prim::range");
      case "zip":
        return new SpecialFormValue("prim::zip");
      case "enumerate":
        return new SpecialFormValue("prim::enumerate");
      case "rangelist":
        return builtin("prim::rangelist");
      case "sorted":
        return builtin("aten::sorted");
      case "AssertionError":
        return new ExceptionValue("AssertionError");
      // The spellings of the archive code printer (python_print.cpp).
      case "annotate":
        return new SpecialFormValue("prim::annotate");
      case "unchecked_cast":
        return new SpecialFormValue("prim::unchecked_cast");
      case "uninitialized":
        return new SpecialFormValue("prim::Uninitialized");
      case "fork":
        return new SpecialFormValue("prim::fork");
      case "wait":
        return builtin("aten::wait");
      default:
        return void 0;
    }
  }
  createTempName(prefix) {
    return `${prefix}${this.tempNameCount++}`;
  }
  asValue(value, range) {
    if (!value.asValue) this.error(range, `${value.kind} cannot be used as a value`);
    return value.asValue(this, range);
  }
  // ---- statements -------------------------------------------------------------------------------
  emitStatements(statements) {
    for (const stmt of statements) {
      this.emitStatement(stmt);
      if (this.exitBlocks.has(this.env.block)) return;
    }
  }
  emitStatement(stmt) {
    switch (stmt.kind) {
      case "If":
        return this.emitIf(stmt);
      case "While":
        return this.emitWhile(stmt);
      case "For":
        return this.emitForStatement(stmt);
      case "Assign":
        return this.emitAssignment(stmt);
      case "AnnAssign":
        return this.emitAnnAssignment(stmt);
      case "AugAssign":
        return this.emitAugAssignment(stmt);
      case "Expr":
        this.emitSugaredExpr(stmt.value, 0);
        return;
      case "Raise":
        return this.emitRaise(stmt);
      case "Assert":
        return this.emitAssert(stmt);
      case "Return":
        return this.emitReturnValue(
          stmt.range,
          stmt.value ?? { kind: "Constant", value: null, range: stmt.range },
          stmt.value === null
        );
      case "Continue":
      case "Break": {
        const word = stmt.kind === "Break" ? "break" : "continue";
        if (this.loopStatus === "not in loop") this.error(stmt.range, `SyntaxError: '${word}' outside loop`);
        if (this.loopStatus === "in unrolled loop") {
          this.error(
            stmt.range,
            "Because we emit iteration over modulelists or tuples as unrolled loops, we do not support break or continue inside the body of these loops"
          );
        }
        this.insertNode(stmt.kind === "Break" ? "prim::BreakStmt" : "prim::ContinueStmt", [], [], stmt.range);
        return;
      }
      case "Pass":
        return;
      case "FunctionDef":
        return this.error(stmt.range, "nested function definitions are not supported in TorchScript");
      case "ClassDef":
        return this.error(stmt.range, "class definitions inside functions are not supported in TorchScript");
      case "Delete":
        return this.emitDelete(stmt);
      case "With":
        return this.emitWith(stmt);
      case "Import":
      case "ImportFrom":
        return this.error(stmt.range, "import statements are not supported in TorchScript");
      case "Global":
      case "Nonlocal":
        return this.error(stmt.range, `${stmt.kind.toLowerCase()} statements are not supported in TorchScript`);
    }
  }
  emitReturnValue(range, expr, bare = false) {
    const context = this.defStack[this.defStack.length - 1];
    let declared = context.declaredReturnType;
    let result = this.emitExpr(expr, declared);
    if (bare) result.node.setSourceRange(this.sourceRange(range));
    if (declared) {
      if (!(result.type.isSubtypeOf(TensorType7.get()) && result.type.isSubtypeOf(NoneType7.get()))) {
        result = tryConvertToType2(this, range, declared, result, true);
      }
      if (!result.type.isSubtypeOf(declared)) {
        this.error(
          range,
          `Return value was annotated as having type ${declared.pythonStr()} but is actually of type ${result.type.pythonStr()}`
        );
      }
    } else {
      declared = context.mergedReturnType ?? result.type;
      const merged = unifyTypes2(declared, result.type);
      if (!merged) {
        this.error(
          range,
          `Previous return statement returned a value of type ${declared.pythonStr()} but this return statement returns a value of type ${result.type.pythonStr()}`
        );
      }
      declared = merged;
    }
    context.mergedReturnType = declared;
    if (declared.kind === "AnyType" && result.type.kind !== "AnyType") result = this.uncheckedCast(result, declared);
    this.insertNode("prim::ReturnStmt", [result], []);
    this.exitBlocks.add(this.env.block);
  }
  uncheckedCast(value, type) {
    return this.insertNode("prim::unchecked_cast", [value], [type]).output();
  }
  emitRaise(stmt) {
    if (!stmt.exc) this.error(stmt.range, "Exceptions must be raised with a value (bare raise is not supported)");
    const sv = this.emitSugaredExpr(stmt.exc, 1);
    let message;
    let className;
    if (sv instanceof ExceptionMessageValue) {
      message = sv.message;
      className = sv.qualifiedClassName;
    } else if (sv instanceof ExceptionValue) {
      message = this.constant("", stmt.range);
    } else {
      return this.error(stmt.range, "exceptions must derive from BaseException");
    }
    if (!message.type.isSubtypeOf(StringType8.get())) {
      message = this.builtin("aten::str", [{ value: message, range: stmt.range }], [], stmt.range);
    }
    className ??= this.graph.insertConstant(null);
    this.insertNode("prim::RaiseException", [message, className], [], stmt.range);
    this.exitBlocks.add(this.env.block);
  }
  emitAssert(stmt) {
    const cond = this.emitCondExpr(stmt.test);
    const message = stmt.msg ?? { kind: "Str", value: "", range: stmt.range };
    const raise = {
      kind: "Raise",
      exc: {
        kind: "Call",
        func: { kind: "Name", id: "AssertionError", range: stmt.range },
        args: [message],
        keywords: [],
        range: stmt.range
      },
      cause: null,
      range: stmt.range
    };
    this.emitIfElseBlocks(stmt.range, cond, [], [raise]);
  }
  emitDelete(stmt) {
    for (const target of stmt.targets) {
      if (target.kind === "Subscript") {
        const indices = subscriptExprs(target.slice);
        if (indices[0].kind === "Slice") {
          this.error(
            target.range,
            "del statements only support deletion at a single index, slicing is not supported (see https://github.com/pytorch/pytorch/issues/31430)"
          );
        }
        const sv = this.emitSugaredExpr(target.value, 1);
        const index = this.emitExpr(indices[0]);
        const value = this.asValue(sv, target.value.range);
        if (value.type.kind === "ClassType") {
          if (!this.findMethod(value.type, "__delitem__")) {
            this.error(target.range, "Class does not define __delitem__");
          }
          this.callMethod(value, "__delitem__", stmt.range, [{ value: index, range: stmt.range }], []);
        } else {
          this.insertNode("aten::Delete", [value, index], [], target.range);
        }
      } else if (target.kind === "Name") {
        if (!this.env.remove(target.id)) this.error(target.range, `undefined value ${target.id}`);
      } else {
        this.error(target.range, "del statements are only supported for deleting list and dict items and variables");
      }
    }
  }
  emitWith(stmt) {
    const entered = [];
    for (const item of stmt.items) {
      const expr = item.contextExpr;
      const rhs = this.emitExpr(expr);
      const enter = this.insertNode("prim::Enter", [rhs], [TensorType7.get()]);
      entered.push(rhs);
      if (rhs.type.kind !== "ClassType") this.error(expr.range, "With item expression must return an object");
      const classType = rhs.type;
      const enterMethod = this.findMethod(classType, "__enter__");
      const exitMethod = this.findMethod(classType, "__exit__");
      if (!enterMethod || !exitMethod) {
        this.error(expr.range, "Object returned by with item expression does not define __enter__ and __exit__ methods");
      }
      const enterSchema = this.unit.functionSchema(enterMethod, expr.range, this);
      if (enterSchema.arguments.length !== 1) {
        this.error(expr.range, "__enter__ must have only one argument and one return value");
      }
      const exitSchema = this.unit.functionSchema(exitMethod, expr.range, this);
      if (exitSchema.arguments.length !== 4) this.error(expr.range, "__exit__ must have four arguments");
      for (let i = 1; i < 4; i++) {
        if (exitSchema.arguments[i].type.kind !== "AnyType") {
          this.error(
            expr.range,
            `argument ${i} of __exit__ must have Any type; TorchScript does not currently support passing exception type, value, or traceback to the __exit__ function.`
          );
        }
      }
      enter.output().setType(enterSchema.returns[0].type);
      if (item.optionalVars) {
        if (item.optionalVars.kind !== "Name") this.error(item.optionalVars.range, "with ... as must bind a name");
        this.setVar(item.optionalVars.range, item.optionalVars.id, enter.output());
      }
    }
    this.emitStatements(stmt.body);
    while (entered.length > 0) this.insertNode("prim::Exit", [entered.pop()], [TensorType7.get()]);
  }
  // ---- if ---------------------------------------------------------------------------------------
  emitIf(stmt) {
    const cond = this.emitCondExpr(stmt.test);
    this.emitIfElseBlocks(stmt.range, cond, stmt.body, stmt.orelse);
  }
  emitSingleIfBranch(block, branch, refinements, range) {
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.insertRefinements(range, refinements);
      this.emitStatements(branch);
    });
    return this.popFrame();
  }
  emitIfElseBlocks(range, cond, thenBranch, elseBranch) {
    if (cond.staticIf !== void 0) {
      if (cond.staticIf) {
        this.insertRefinements(range, cond.refinements);
        this.emitStatements(thenBranch);
      } else {
        this.insertRefinements(range, cond.refinements.not());
        this.emitStatements(elseBranch);
      }
      return;
    }
    const node = this.insertNode("prim::If", [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    const saveThen = this.emitSingleIfBranch(thenBlock, thenBranch, cond.refinements, range);
    const saveElse = this.emitSingleIfBranch(elseBlock, elseBranch, cond.refinements.not(), range);
    const thenExits = this.exitBlocks.has(thenBlock);
    const elseExits = this.exitBlocks.has(elseBlock);
    if (thenExits && elseExits) this.exitBlocks.add(node.owningBlock);
    const mutated = /* @__PURE__ */ new Set();
    for (const v of saveThen.definedVariables()) {
      if (elseExits || this.graph.withInsertPoint(elseBlock, () => saveElse.isDefinedInAnyFrame(v))) mutated.add(v);
      else this.env.setVariableTypeError(v, () => ({ range, reason: `${v} is not defined in the false branch` }));
    }
    for (const v of saveElse.definedVariables()) {
      if (thenExits || saveThen.isDefinedInAnyFrame(v)) mutated.add(v);
      else this.env.setVariableTypeError(v, () => ({ range, reason: `${v} is not defined in the true branch` }));
    }
    for (const name of [...mutated].sort(compareBytes2)) {
      if (thenExits && elseExits) continue;
      let thenType;
      let elseType;
      if (!thenExits) thenType = this.graph.withInsertPoint(thenBlock, () => this.varType(saveThen, name, range));
      if (!elseExits) elseType = this.graph.withInsertPoint(elseBlock, () => this.varType(saveElse, name, range));
      if (thenExits) {
        thenType = elseType;
        this.graph.withInsertPoint(thenBlock, () => {
          const unit = this.insertNode("prim::Uninitialized", [], [thenType]).output();
          this.insertStoreNode(name, unit);
        });
      } else if (elseExits) {
        elseType = thenType;
        this.graph.withInsertPoint(elseBlock, () => {
          const unit = this.insertNode("prim::Uninitialized", [], [elseType]).output();
          this.insertStoreNode(name, unit);
        });
      }
      const unified = unifyTypes2(thenType, elseType);
      if (!unified) {
        const reason = `Type mismatch: ${name} is set to type ${thenType.pythonStr()} in the true branch and type ${elseType.pythonStr()} in the false branch`;
        if (saveThen.isDefinedInParentFrame(name) || saveElse.isDefinedInParentFrame(name)) this.error(range, reason);
        this.env.setVariableTypeError(name, () => ({ range, reason }));
        continue;
      }
      this.env.setType(name, unified);
    }
  }
  /** The type of a variable as seen from a branch's frame (a load is emitted, as PyTorch's getVar does). */
  varType(frame, name, range) {
    const found = frame.findInAnyFrame(name);
    if (!found) return this.error(range, `undefined value ${name}`);
    return this.asValue(found, range).type;
  }
  insertStoreNode(name, value) {
    const store = this.graph.create("prim::Store", [value], 0);
    store.setS("name", name);
    this.graph.insertNode(store);
  }
  insertRefinements(range, refinements) {
    for (const r of refinements.whenTrue) {
      const value = this.getVar(r.name, range);
      const refined = this.uncheckedCast(value, r.type);
      this.setVar(range, r.name, refined);
    }
  }
  // ---- conditions -------------------------------------------------------------------------------
  emitCondExpr(expr) {
    switch (expr.kind) {
      case "BoolOp": {
        let lhs = expr.values[0];
        let cond = this.emitCondExpr(lhs);
        for (let i = 1; i < expr.values.length; i++) {
          const range = { ...expr.range, end: expr.values[i].range.end };
          cond = this.emitShortCircuitLogical(range, cond, expr.values[i], expr.op === "or");
          lhs = expr.values[i];
        }
        return cond;
      }
      case "UnaryOp":
        if (expr.op === "not") {
          const inner = this.emitCondExpr(expr.operand);
          const result = this.builtin("aten::__not__", [{ value: inner.value, range: expr.range }], [], expr.range);
          return {
            value: result,
            refinements: inner.refinements.not(),
            staticIf: inner.staticIf === void 0 ? void 0 : !inner.staticIf
          };
        }
        break;
      case "Compare":
        if (expr.ops.length === 1 && (expr.ops[0] === "is" || expr.ops[0] === "is not")) {
          return this.emitIsCondition(expr.range, expr.left, expr.comparators[0], expr.ops[0] === "is");
        }
        break;
      case "Call":
        if (expr.func.kind === "Name" && !this.env.isDefinedInAnyFrame(expr.func.id)) {
          if (expr.func.id === "isinstance") {
            this.checkApplyNumInputs(expr, "isinstance", 2);
            return this.emitIsInstance(expr.args[0], expr.args[1]);
          }
          if (expr.func.id === "hasattr") {
            this.checkApplyNumInputs(expr, "hasattr", 2);
            return this.emitHasAttr(expr.args[0], expr.args[1]);
          }
        }
        if (this.isSpecialCallee(expr.func, "prim::isinstance")) {
          this.checkApplyNumInputs(expr, "isinstance", 2);
          return this.emitIsInstance(expr.args[0], expr.args[1]);
        }
        break;
      default:
        break;
    }
    const value = this.emitToBool(expr.range, this.emitExpr(expr));
    let staticIf;
    const kind = value.node.kind;
    if (kind === "aten::is_scripting") staticIf = true;
    else if (kind === "aten::has_torch_function") staticIf = false;
    if (value.node.kind === "prim::Constant" && value.type.kind === "BoolType") {
      staticIf = Number(value.node.i("value")) !== 0;
    }
    return { value, refinements: new RefinementSet(), staticIf };
  }
  /** Whether a callee expression names a special form without emitting anything for plain names. */
  isSpecialCallee(func, form) {
    const special = this.specialDotted(func);
    return special instanceof SpecialFormValue && special.form === form;
  }
  emitIsCondition(range, left, right, isIs) {
    const lhs = this.emitExpr(left);
    const rhs = this.emitExpr(right);
    const lhsNone = canBeNone(lhs);
    const rhsNone = canBeNone(rhs);
    if (lhsNone === "always" && rhsNone === "always") return this.staticCond(range, isIs);
    if (lhsNone === "always" && rhsNone === "never" || lhsNone === "never" && rhsNone === "always") {
      return this.staticCond(range, !isIs);
    }
    const value = this.builtin(
      isIs ? "aten::__is__" : "aten::__isnot__",
      [
        { value: lhs, range },
        { value: rhs, range }
      ],
      [],
      range
    );
    return { value, refinements: this.isNoneRefinements(left, lhs, right, rhs, isIs), staticIf: void 0 };
  }
  staticCond(range, value, refinements = new RefinementSet()) {
    return { value: this.constant(value, range), refinements, staticIf: value };
  }
  isNoneRefinements(left, lhs, right, rhs, isIs) {
    if (!isNoneLiteral(right) && isNoneLiteral(left)) return this.isNoneRefinements(right, rhs, left, lhs, isIs);
    if (!isNoneLiteral(right) || left.kind !== "Name") return new RefinementSet();
    const name = left.id;
    let present;
    if (lhs.type.kind === "OptionalType") {
      present = { name, type: lhs.type.elementType };
    } else if (lhs.type.kind === "UnionType") {
      const rest = lhs.type.types.filter((t) => t.kind !== "NoneType");
      if (rest.length > 0) present = { name, type: unionOf(rest) };
    } else {
      return new RefinementSet();
    }
    const refinements = present ? [present] : [];
    return isIs ? new RefinementSet([], refinements) : new RefinementSet(refinements, []);
  }
  emitShortCircuitLogical(range, lhs, second, isOr) {
    let rhs;
    const constExpr = () => this.constant(isOr, range);
    const continueExpr = () => {
      rhs = this.emitCondExpr(second);
      return rhs.value;
    };
    let value;
    let refinements;
    let staticIf;
    if (isOr) {
      value = this.emitIfExpr(range, lhs, constExpr, continueExpr);
      const r = rhs;
      refinements = lhs.refinements.or(r.refinements);
      if (lhs.staticIf === true || r.staticIf === true) staticIf = true;
      else if (lhs.staticIf !== void 0 && r.staticIf !== void 0) staticIf = lhs.staticIf || r.staticIf;
    } else {
      value = this.emitIfExpr(range, lhs, continueExpr, constExpr);
      const r = rhs;
      refinements = lhs.refinements.and(r.refinements);
      if (lhs.staticIf === false || r.staticIf === false) staticIf = false;
      else if (lhs.staticIf !== void 0 && r.staticIf !== void 0) staticIf = lhs.staticIf && r.staticIf;
    }
    return { value, refinements, staticIf };
  }
  emitIfExpr(range, cond, thenExpr, elseExpr) {
    const node = this.insertNode("prim::If", [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    const emitBranch = (block, refinements, expr) => {
      this.pushFrame(block);
      this.graph.withInsertPoint(block, () => {
        this.insertRefinements(range, refinements);
        block.registerOutput(expr());
      });
      this.popFrame();
    };
    emitBranch(thenBlock, cond.refinements, thenExpr);
    emitBranch(elseBlock, cond.refinements.not(), elseExpr);
    const thenType = thenBlock.outputs[0].type;
    const elseType = elseBlock.outputs[0].type;
    const unified = unifyTypes2(thenType, elseType);
    if (!unified) {
      this.error(
        range,
        `if-expression's true branch has type ${thenType.pythonStr()} but false branch has type ${elseType.pythonStr()}`
      );
    }
    return node.addOutput(unified);
  }
  emitToBool(range, value) {
    let out;
    try {
      const cast = this.getSugaredVar("bool", range);
      out = this.asValue(cast.call(this, range, [{ value, range }], [], 0), range);
    } catch (e) {
      if (e instanceof FrontendError) this.error(range, `Could not cast value of type ${value.type.pythonStr()} to bool`);
      throw e;
    }
    if (!out.type.isSubtypeOf(BoolType7.get())) {
      this.error(range, `expected a bool expression for condition but found ${out.type.pythonStr()}`);
    }
    return out;
  }
  emitHasAttr(objExpr, attrExpr) {
    const obj = this.emitSugaredExpr(objExpr, 1);
    if (attrExpr.kind !== "Str") this.error(attrExpr.range, "hasattr's second argument must be a string literal");
    const hasAttr = obj.hasAttr;
    if (!hasAttr) {
      return this.error(objExpr.range, `hasattr's first argument must be an object, got ${obj.kind} instead`);
    }
    return this.staticCond(objExpr.range, hasAttr.call(obj, this, objExpr.range, attrExpr.value));
  }
  emitIsInstance(objExpr, classInfo) {
    const types = [];
    const gather = (e) => {
      if (e.kind === "Tuple") {
        for (const item of e.elts) gather(item);
      } else if (e.kind === "Name" && (e.id === "list" || e.id === "tuple") && !this.env.isDefinedInAnyFrame(e.id)) {
        types.push(e.id);
      } else {
        types.push(this.typeParser.parseType(e));
      }
    };
    gather(classInfo);
    const value = this.emitExpr(objExpr);
    const actual = value.type;
    let refinements = new RefinementSet();
    if (types.length === 1 && typeof types[0] !== "string" && types[0].isSubtypeOf(actual) && objExpr.kind === "Name") {
      refinements = new RefinementSet([{ name: objExpr.id, type: types[0] }], []);
    }
    const matchesKind = (t, type) => type.kind === (t === "list" ? "ListType" : "TupleType");
    const staticallyTrue = types.some((t) => typeof t === "string" ? matchesKind(t, actual) : actual.isSubtypeOf(t));
    if (staticallyTrue) return this.staticCond(objExpr.range, true, refinements);
    const maybeOfKind = (kind) => actual.kind === "AnyType" || actual.kind === "OptionalType" && actual.elementType.kind === kind || actual.kind === "UnionType" && actual.types.some((m) => m.kind === kind);
    const staticallyFalse = types.every((t) => {
      if (typeof t === "string") return !maybeOfKind(t === "list" ? "ListType" : "TupleType");
      return !t.isSubtypeOf(actual);
    });
    if (staticallyFalse) return this.staticCond(objExpr.range, false, refinements);
    const node = this.insertNode("prim::isinstance", [value], [BoolType7.get()]);
    node.setTys(
      "types",
      types.map((t) => typeof t === "string" ? t === "list" ? ListType8.of(AnyType2.get()) : TupleType8.of([]) : t)
    );
    return { value: node.output(), refinements, staticIf: void 0 };
  }
  // ---- loops ------------------------------------------------------------------------------------
  emitWhile(stmt) {
    if (stmt.orelse.length > 0) this.error(stmt.range, "else branches of while loops are not supported in TorchScript");
    this.emitLoopCommon(stmt.range, () => this.emitStatements(stmt.body), void 0, void 0, stmt.test);
  }
  emitForStatement(stmt) {
    if (stmt.orelse.length > 0) this.error(stmt.range, "else branches of for loops are not supported in TorchScript");
    this.emitFor(stmt.target, stmt.iter, stmt.range, () => this.emitStatements(stmt.body));
  }
  emitFor(target, iterExpr, range, emitBody) {
    const sv = this.emitSugaredExpr(iterExpr, 1);
    const iterable = this.iterOf(sv, range);
    const staticLength = iterable.staticLen?.();
    if (iterable.unrolled && staticLength === void 0) {
      const items = iterable.unrolled(this, range);
      this.emitUnrolledLoop(range, emitBody, items, target);
    } else if (staticLength !== void 0) {
      const items = [];
      for (let i = 0; i < staticLength; i++) {
        const index = this.materializeInt(BigInt(i), range);
        if (!iterable.getItem) this.error(range, `${iterable.kind} cannot be indexed`);
        items.push(iterable.getItem(this, range, index));
      }
      this.emitUnrolledLoop(range, emitBody, items, target, true);
    } else {
      this.emitLoopCommon(range, emitBody, iterable, target, void 0);
    }
  }
  /** What a for loop iterates: PyTorch's SugaredValue::iter. */
  iterOf(sv, range) {
    const iter = sv.iter;
    if (iter) return iter.call(sv, this, range);
    if (sv.unrolled) return sv;
    return this.error(range, `'${sv.kind}' object is not iterable`);
  }
  emitUnrolledLoop(range, emitBody, items, target, alreadyIndexed = false) {
    const previous = this.loopStatus;
    this.loopStatus = "in unrolled loop";
    try {
      for (let i = 0; i < items.length; i++) {
        if (!alreadyIndexed) this.materializeInt(BigInt(i), range);
        this.emitExprsAssign([target], [items[i]], range);
        emitBody();
      }
    } finally {
      this.loopStatus = previous;
    }
  }
  /**
   * `Loop(max_trip_count)` with its body and a condition block (PyTorch's emitLoopCommon); the
   * SSA conversion inlines the condition and adds the loop-carried values.
   */
  emitLoopCommon(range, emitBody, iterable, target, cond) {
    let maxTripCount;
    if (iterable) {
      if (!iterable.len) this.error(range, `'${iterable.kind}' object is not iterable`);
      maxTripCount = iterable.len(this, range);
    } else {
      maxTripCount = this.materializeInt(INT64_MAX3, range);
    }
    const node = this.insertNode("prim::Loop", [], [], range);
    const body = node.addBlock();
    const conditionBlock = node.addBlock();
    this.pushFrame(conditionBlock);
    let out;
    if (cond) {
      out = this.graph.withInsertPoint(conditionBlock, () => this.emitToBool(cond.range, this.emitExpr(cond)));
    } else {
      out = this.graph.withInsertPoint(node, () => this.constant(true, range));
    }
    conditionBlock.registerOutput(out);
    this.popFrame();
    node.addInput(maxTripCount);
    const previous = this.loopStatus;
    this.loopStatus = "in loop";
    try {
      const tripCount = body.addInput(void 0, IntType7.get());
      this.pushFrame(body);
      this.graph.withInsertPoint(body, () => {
        if (iterable && target) {
          if (!iterable.getItem) this.error(range, `'${iterable.kind}' object is not subscriptable`);
          const element = this.asValue(iterable.getItem(this, range, tripCount), range);
          this.validateAssignTargets([target], range);
          this.emitExprsAssign([target], [new SimpleValue(element)], range);
        }
        emitBody();
      });
      this.popFrame();
    } finally {
      this.loopStatus = previous;
    }
  }
  // ---- assignments ------------------------------------------------------------------------------
  validateAssignTargets(targets, range) {
    let normal = 0;
    let starred = 0;
    for (const target of targets) {
      if (target.kind === "Name" || target.kind === "Subscript" || target.kind === "Tuple" || target.kind === "List") {
        normal++;
      } else if (target.kind === "Starred") {
        starred++;
      } else if (target.kind === "Attribute") {
        normal++;
      } else {
        this.error(target.range, "lhs of assignment must be a variable, subscript, or starred expression");
      }
    }
    if (starred > 1) this.error(range, "Only one starred expression is allowed on the lhs");
    if (starred > 0 && normal === 0) {
      this.error(range, "A Starred expression may only appear on the lhs within the presence of another non-starred expression");
    }
    return starred;
  }
  emitAssignment(stmt) {
    const typeComment = stmt.typeComment ? this.parseAssignTypeComment(stmt) : void 0;
    if (stmt.targets.length === 1) {
      this.emitSingleAssignment(stmt.targets[0], stmt.value, typeComment, stmt.range);
      return;
    }
    const temp = this.createTempName("$tmp_assign_");
    this.setSugaredVar(stmt.value.range, temp, this.emitSugaredExpr(stmt.value, 1), void 0);
    const name = { kind: "Name", id: temp, range: stmt.value.range };
    for (const target of stmt.targets) this.emitSingleAssignment(target, name, void 0, stmt.range);
  }
  parseAssignTypeComment(stmt) {
    const text = stmt.typeComment.trim();
    try {
      return this.typeParser.parseType(relocate(Parser.parseExpression(text, this.source.file), stmt.range));
    } catch (e) {
      if (e instanceof FrontendError && e.file === this.source.file && e.reason.startsWith("in the type comment")) throw e;
      if (e instanceof FrontendError) this.error(stmt.range, e.reason);
      throw e;
    }
  }
  emitAnnAssignment(stmt) {
    if (!stmt.value) this.error(stmt.range, "For an assignment, expected an expression on the right-hand side");
    if (stmt.target.kind !== "Name" && stmt.target.kind !== "Attribute") {
      this.error(stmt.target.range, "unexpected expression on left-hand side of annotated assignment");
    }
    const type = this.typeParser.parseType(stmt.annotation);
    this.emitSingleAssignment(stmt.target, stmt.value, type, stmt.range);
  }
  emitSingleAssignment(target, value, type, range) {
    switch (target.kind) {
      case "Name": {
        const rhs = this.emitSugaredExpr(value, 1, type);
        this.setSugaredVar(target.range, target.id, rhs, type);
        return;
      }
      case "Tuple":
      case "List":
        return this.emitTupleAssign(target, value);
      case "Attribute": {
        const object = this.emitSugaredExpr(target.value, 1);
        const rhs = this.asValue(this.emitSugaredExpr(value, 1, type), value.range);
        if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
        object.setAttr(this, range, target.attr, rhs);
        return;
      }
      case "Subscript":
        return this.emitSubscriptAssign(range, target, { value: this.emitExpr(value), range: value.range });
      case "Starred":
        return this.error(range, "A Starred expression may only appear on the lhs within the presence of another non-starred expression");
      default:
        return this.error(target.range, "unexpected expression on left-hand side of assignment");
    }
  }
  emitTupleAssign(target, rhs) {
    let binders = target.elts.length;
    const starred = this.validateAssignTargets(target.elts, target.range) > 0;
    if (starred) binders--;
    const output = this.emitSugaredExpr(rhs, binders);
    this.emitTupleAssignValue(target, output, rhs.range, binders, starred);
  }
  emitTupleAssignValue(target, value, rhsRange, binders, starred) {
    const asTuple = value.asTuple;
    if (!asTuple) this.error(rhsRange, `${value.kind} cannot be used as a tuple`);
    const outputs = asTuple.call(value, this, rhsRange, starred ? void 0 : binders);
    if (outputs.length < binders) {
      this.error(target.range, `need ${starred ? "at least " : ""}${binders} values to unpack but found only ${outputs.length}`);
    }
    if (outputs.length > binders && !starred) {
      this.error(target.range, `too many values to unpack: need ${binders} but found ${outputs.length}`);
    }
    this.emitExprsAssign(target.elts, outputs, rhsRange, binders);
  }
  /** Assigns each target its value (PyTorch's emitExprsAssign); a starred target takes the extra values as a tuple. */
  emitExprsAssign(targets, outputs, rhsRange, binders = 1) {
    let i = 0;
    for (const target of targets) {
      switch (target.kind) {
        case "Subscript":
          this.emitSubscriptAssign(rhsRange, target, { value: this.asValue(outputs[i], rhsRange), range: rhsRange });
          i++;
          break;
        case "Name":
          this.setSugaredVar(target.range, target.id, outputs[i], void 0);
          i++;
          break;
        case "Attribute": {
          const object = this.emitSugaredExpr(target.value, 1);
          if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
          object.setAttr(this, rhsRange, target.attr, this.asValue(outputs[i], rhsRange));
          i++;
          break;
        }
        case "Starred": {
          if (target.value.kind !== "Name") this.error(target.value.range, "Cannot pack a tuple into a non-variable");
          const matched = outputs.length - binders;
          const values = outputs.slice(i, i + matched).map((v) => this.asValue(v, target.range));
          const tuple = this.insertNode("prim::TupleConstruct", values, [TupleType8.of(values.map((v) => v.type))]);
          this.setVar(target.value.range, target.value.id, tuple.output());
          i += matched;
          break;
        }
        case "Tuple":
        case "List": {
          let subBinders = target.elts.length;
          const starred = this.validateAssignTargets(target.elts, target.range) > 0;
          if (starred) subBinders--;
          this.emitTupleAssignValue(target, outputs[i], rhsRange, subBinders, starred);
          i++;
          break;
        }
        default:
          this.error(target.range, "unexpected expression on the left-hand side");
      }
    }
  }
  emitAugAssignment(stmt) {
    const target = stmt.target;
    switch (target.kind) {
      case "Name": {
        const lhs = this.emitExpr(target);
        const result = this.emitAugAssignmentHelper(stmt, lhs);
        this.setVar(target.range, target.id, result);
        return;
      }
      case "Attribute": {
        const object = this.emitSugaredExpr(target.value, 1);
        if (!object.attr) this.error(target.range, `${object.kind} has no attributes`);
        const lhs = this.asValue(object.attr(this, target.range, target.attr), target.range);
        const result = this.emitAugAssignmentHelper(stmt, lhs);
        if (!object.setAttr) this.error(target.range, `cannot set attribute '${target.attr}' of a ${object.kind}`);
        object.setAttr(this, stmt.range, target.attr, result);
        return;
      }
      case "Subscript":
        return this.emitAugAssignmentToSubscript(stmt, target);
      default:
        this.error(target.range, "unexpected expression on left-hand side of augmented assignment");
    }
  }
  emitAugAssignmentHelper(stmt, lhs) {
    if (lhs.type.kind === "ClassType") {
      const magic = AUG_MAGIC[stmt.op];
      if (!magic) return this.error(stmt.range, `Unknown augmented assignment: ${stmt.op}`);
      const rhs2 = this.emitExpr(stmt.value);
      const type = lhs.type;
      let method;
      if (this.findMethod(type, magic[0])) method = magic[0];
      else if (this.findMethod(type, magic[1])) method = magic[1];
      else {
        return this.error(
          stmt.range,
          `Cannot emit inplace op on ${type.pythonStr()} since it does not define an ${magic[0]} or ${magic[1]} method`
        );
      }
      return this.callMethod(lhs, method, stmt.range, [{ value: rhs2, range: stmt.range }], []);
    }
    const rhs = this.emitExpr(stmt.value);
    const op = this.augOp(stmt, lhs.type);
    return this.builtin(
      op,
      [
        { value: lhs, range: stmt.range },
        { value: rhs, range: stmt.value.range }
      ],
      [],
      stmt.range
    );
  }
  augOp(stmt, type) {
    const entry = AUG_OPS[stmt.op];
    if (!entry) return this.error(stmt.range, `Unknown augmented assignment: ${stmt.op}`);
    const inplace = type.isSubtypeOf(TensorType7.get()) || type.kind === "ListType";
    return inplace ? entry[0] : entry[1];
  }
  emitAugAssignmentToSubscript(stmt, target) {
    const sliceable = this.emitExpr(target.value);
    const indices = subscriptExprs(target.slice);
    if (sliceable.type.isSubtypeOf(TensorType7.get())) {
      const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(target.range, sliceable, indices);
      const slicedArg = { value: sliced, range: target.range, name: "self" };
      const rhs = { value: this.emitExpr(stmt.value), range: stmt.value.range };
      const op = this.augOp(stmt, sliceable.type);
      if (tensorIndices.length === 0) {
        this.builtin(op, [rhs], [], stmt.range, slicedArg);
      } else {
        const list = this.insertNode("prim::ListConstruct", tensorIndices, [ListType8.of(OptionalType4.of(TensorType7.get()))]).output();
        const indexed = this.insertBuiltin("aten::index", [sliced, list], stmt.range);
        const augmented2 = this.builtin(op, [rhs], [], stmt.range, { value: indexed, range: stmt.range, name: "self" });
        this.insertBuiltin("aten::index_put_", [sliced, list, augmented2], stmt.range);
      }
      return;
    }
    if (indices.length !== 1) {
      this.error(target.slice.range, `Sliced expression not yet supported for ${sliceable.type.pythonStr()} augmented assignment. File a bug if you want this`);
    }
    const type = sliceable.type;
    let elementType;
    if (type.kind === "ListType") elementType = type.elementType;
    else if (type.kind === "DictType") elementType = type.keyType;
    if (!elementType) this.error(target.range, `${type.pythonStr()} does not support augmented assignment.`);
    const index = this.emitExpr(indices[0]);
    const value = this.emitExpr(stmt.value);
    const item = this.insertBuiltin("aten::__getitem__", [sliceable, index], stmt.range);
    const augmented = this.insertBuiltin(this.augOp(stmt, elementType), [item, value], stmt.range);
    this.insertBuiltin("aten::_set_item", [sliceable, index, augmented], stmt.range);
  }
  /** A builtin call on values, all with the call's range (PyTorch's graph->insert with a range). */
  insertBuiltin(name, values, range, kwargs = []) {
    return this.builtin(
      name,
      values.map((value) => ({ value, range })),
      kwargs,
      range
    );
  }
  /** `x[i] = v`: copy_/index_put_ for tensors, `_set_item` (or `__setitem__`) for lists, dicts and objects. */
  emitSubscriptAssign(stmtRange, target, rhs) {
    const sliceable = this.emitExpr(target.value);
    const indices = subscriptExprs(target.slice);
    if (sliceable.type.isSubtypeOf(TensorType7.get())) {
      const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(target.range, sliceable, indices);
      const slicedArg = { value: sliced, range: target.range };
      const converted = this.emitValueToTensor(rhs, slicedArg);
      if (tensorIndices.length === 0) {
        this.builtin("aten::copy_", [slicedArg, converted], [], stmtRange);
      } else {
        const list = this.insertNode("prim::ListConstruct", tensorIndices, [ListType8.of(OptionalType4.of(TensorType7.get()))]).output();
        this.builtin("aten::index_put_", [slicedArg, { value: list, range: stmtRange }, converted], [], stmtRange);
      }
      return;
    }
    if (indices.length !== 1 || indices[0].kind === "Slice") {
      this.error(target.slice.range, "Sliced expression not yet supported for subscripted assignment. File a bug if you want this");
    }
    if (sliceable.type.kind === "TupleType") {
      this.error(target.range, `${sliceable.type.pythonStr()} does not support subscripted assignment`);
    }
    const args = [
      { value: sliceable, range: target.value.range, name: "self" },
      { value: this.emitExpr(indices[0]), range: target.slice.range, name: "idx" },
      rhs
    ];
    const setItem = new MagicMethod("__setitem__", new BuiltinFunctionValue2("aten::_set_item"));
    setItem.call(this, stmtRange, args, [], 0);
  }
  /** `t[...] = 1`: numbers become tensors of t's dtype and device (PyTorch's emitValueToTensor). */
  emitValueToTensor(value, matchTypeOf) {
    const kind = value.value.type.kind;
    if (kind === "NumberType" || kind === "IntType" || kind === "BoolType" || kind === "FloatType") {
      const dtype = this.builtin("prim::dtype", [matchTypeOf], [], matchTypeOf.range);
      const device = this.builtin("prim::device", [matchTypeOf], [], matchTypeOf.range);
      const converted = this.builtin(
        "aten::tensor",
        [value],
        [
          { value: dtype, range: value.range, name: "dtype" },
          { value: device, range: value.range, name: "device" }
        ],
        value.range
      );
      return { value: converted, range: value.range };
    }
    return value;
  }
  // ---- expressions ------------------------------------------------------------------------------
  emitExpr(expr, typeHint) {
    let value = this.asValue(this.emitSugaredExpr(expr, 1, typeHint), expr.range);
    if (typeHint?.kind === "AnyType" && value.type.kind !== "AnyType") value = this.uncheckedCast(value, typeHint);
    return value;
  }
  emitSugaredExpr(expr, binders, typeHint) {
    switch (expr.kind) {
      case "Name":
        return this.getSugaredVar(expr.id, expr.range);
      case "Attribute": {
        const special = this.specialDotted(expr);
        if (special) return special;
        const sv = this.emitSugaredExpr(expr.value, 1);
        if (!sv.attr) return this.error(expr.range, `${sv.kind} has no attribute '${expr.attr}'`);
        return sv.attr(this, expr.range, expr.attr);
      }
      case "Call":
        return this.emitApplyExpr(expr, binders, typeHint);
      case "Subscript":
        return this.emitSubscript(expr, typeHint);
      default:
        return new SimpleValue(this.emitSimpleExpr(expr, typeHint));
    }
  }
  /**
   * `torch.jit.annotate`, `torch.jit.fork`, `torch.jit.is_scripting`... and `torch.no_grad`:
   * the dotted names PyTorch's resolver maps to special forms, when `torch` is not a local.
   */
  specialDotted(expr) {
    const name = dottedName(expr);
    if (!name?.startsWith("torch.") || this.env.isDefinedInAnyFrame("torch")) return void 0;
    switch (name) {
      case "torch.jit.annotate":
        return new SpecialFormValue("prim::annotate");
      case "torch.jit.fork":
      case "torch.jit._fork":
        return new SpecialFormValue("prim::fork");
      case "torch.jit.wait":
      case "torch.jit._wait":
        return new BuiltinFunctionValue2("aten::wait");
      case "torch.jit.isinstance":
      case "torch.jit._isinstance":
        return new SpecialFormValue("prim::isinstance");
      case "torch.jit.is_scripting":
      case "torch._jit_internal.is_scripting":
        return new BuiltinFunctionValue2("aten::is_scripting");
      case "torch.jit._unwrap_optional":
        return new BuiltinFunctionValue2("aten::_unwrap_optional");
      default:
        return void 0;
    }
  }
  checkApplyNumInputs(call, name, expected) {
    if (call.args.length !== expected) {
      this.error(call.range, `${name} expected exactly ${expected} arguments but found ${call.args.length}`);
    }
    if (call.keywords.length > 0) this.error(call.range, `${name} takes no keyword arguments`);
  }
  emitApplyExpr(call, binders, typeHint) {
    const sv = this.emitSugaredExpr(call.func, 1);
    const range = call.func.range;
    if (sv instanceof SpecialFormValue) return this.emitApplySpecialForm(sv.form, call, typeHint);
    const args = this.getNamedValues(call.args, true);
    const kwargs = this.emitAttributes(call.keywords);
    if (!sv.call) return this.error(range, `cannot call a ${sv.kind}`);
    return sv.call(this, range, args, kwargs, binders);
  }
  getNamedValues(exprs, maybeUnpack) {
    const values = [];
    for (const expr of exprs) {
      if (maybeUnpack && expr.kind === "Starred") {
        const sv = this.emitSugaredExpr(expr.value, 1);
        const asTuple = sv.asTuple;
        if (!asTuple) this.error(expr.range, `${sv.kind} cannot be used as a tuple`);
        for (const entry of asTuple.call(sv, this, expr.range)) {
          values.push({ value: this.asValue(entry, expr.range), range: expr.range });
        }
      } else {
        values.push({ value: this.emitExpr(expr), range: expr.range });
      }
    }
    return values;
  }
  emitAttributes(keywords) {
    return keywords.map((k) => {
      if (k.name === null) this.error(k.range, "**kwargs are not supported in TorchScript calls");
      return { value: this.emitExpr(k.value), range: k.range, name: k.name };
    });
  }
  emitApplySpecialForm(form, call, typeHint) {
    const range = call.range;
    switch (form) {
      case "prim::fork": {
        if (call.args.length < 1) this.error(range, "Expected at least one argument to fork()");
        const forked = this.emitSugaredExpr(call.args[0], 1);
        return this.emitForkExpr(range, forked, call.args.slice(1), call.keywords);
      }
      case "prim::annotate": {
        this.checkApplyNumInputs(call, "annotate", 2);
        const type = this.typeParser.parseType(call.args[0]);
        let value = tryConvertToType2(this, range, type, this.emitExpr(call.args[1], type), true);
        if (!value.type.isSubtypeOf(type)) {
          this.error(call.args[1].range, `expected an expression of type ${type.pythonStr()} but found ${value.type.pythonStr()}`);
        }
        if (type.kind === "OptionalType" && value.type.isSubtypeOf(NoneType7.get())) {
          value = this.insertNode("prim::Constant", [], [type]).output();
        }
        return new SimpleValue(value);
      }
      case "prim::unchecked_cast": {
        this.checkApplyNumInputs(call, "unchecked_cast", 2);
        const type = this.typeParser.parseType(call.args[0]);
        let value = this.emitExpr(call.args[1]);
        if (value.node.kind !== "prim::unchecked_cast" || !value.type.equals(type)) value = this.uncheckedCast(value, type);
        return new SimpleValue(value);
      }
      case "prim::GetAttr": {
        this.checkApplyNumInputs(call, "getattr", 2);
        const object = this.emitSugaredExpr(call.args[0], 1);
        const selector = call.args[1];
        if (selector.kind !== "Str") this.error(range, "getattr's second argument must be a string literal");
        if (!object.attr) return this.error(range, `${object.kind} has no attributes`);
        return object.attr(this, range, selector.value);
      }
      case "prim::Uninitialized": {
        this.checkApplyNumInputs(call, "uninitialized", 1);
        const type = this.typeParser.parseType(call.args[0]);
        return new SimpleValue(this.insertNode("prim::Uninitialized", [], [type], range).output());
      }
      case "prim::TupleConstruct": {
        this.checkApplyNumInputs(call, "tuple", 1);
        const arg = this.emitSugaredExpr(call.args[0], 1);
        const asTuple = arg.asTuple;
        if (!asTuple) return this.error(range, `${arg.kind} cannot be used as a tuple`);
        const values = asTuple.call(arg, this, range).map((sv) => this.asValue(sv, range));
        return new SimpleValue(this.insertNode("prim::TupleConstruct", values, [TupleType8.of(values.map((v) => v.type))]).output());
      }
      case "prim::isinstance": {
        this.checkApplyNumInputs(call, "isinstance", 2);
        return new SimpleValue(this.emitIsInstance(call.args[0], call.args[1]).value);
      }
      case "prim::HasAttr": {
        this.checkApplyNumInputs(call, "hasattr", 2);
        return new SimpleValue(this.emitHasAttr(call.args[0], call.args[1]).value);
      }
      case "prim::CreateObject": {
        if (call.args.length !== 1) this.error(range, "Only one argument to __new__ allowed");
        const arg = this.emitSugaredExpr(call.args[0], 1);
        if (!(arg instanceof ClassValue)) {
          return this.error(range, `Expected class value as argument to __new__, got ${arg.kind} instead`);
        }
        return new SimpleValue(this.insertNode("prim::CreateObject", [], [arg.type]).output());
      }
      case "prim::range": {
        const values = this.getNamedValues(call.args, true).map((v) => v.value);
        return new RangeValue(this, range, values);
      }
      case "prim::enumerate": {
        const n = call.args.length;
        if (n === 0) this.error(range, "enumerate expected at least 1 arguments, got 0");
        if (n > 2) this.error(range, `enumerate expected at most 2 arguments, got ${n}`);
        const rangeInputs = [];
        if (n === 2) rangeInputs.push(this.asValue(this.emitSugaredExpr(call.args[1], 1), range));
        rangeInputs.push(this.materializeInt(INT64_MAX3, range));
        const iterable = this.iterOf(this.emitSugaredExpr(call.args[0], 1), range);
        const staticLength = iterable.staticLen?.();
        const tree = new IterableTree();
        tree.addChild(this, range, new RangeValue(this, range, rangeInputs, staticLength));
        tree.addChild(this, range, iterable);
        return tree;
      }
      case "prim::zip": {
        if (call.args.length === 0) this.error(range, "zip expected at least 1 arguments, got 0");
        const tree = new IterableTree();
        for (const arg of call.args) tree.addChild(this, range, this.iterOf(this.emitSugaredExpr(arg, 1), range));
        return tree;
      }
      case "prim::list":
        return this.emitListCall(call, typeHint);
      case "prim::dict":
        return this.emitDictCall(call, typeHint);
      default:
        return this.error(range, `unknown special form ${form}`);
    }
  }
  emitListCall(call, typeHint) {
    const range = call.range;
    if (call.args.length === 0 && call.keywords.length === 0) {
      const type = typeHint ?? ListType8.of(TensorType7.get());
      if (type.kind !== "ListType") this.error(range, `Expected list type annotation for list(), found ${type.pythonStr()}`);
      return new SimpleValue(this.insertNode("prim::ListConstruct", [], [type]).output());
    }
    this.checkApplyNumInputs(call, "list", 1);
    const input = this.emitSugaredExpr(call.args[0], 1);
    const simple = asSimple(input);
    if (simple && (simple.type.kind === "ListType" || simple.type.kind === "StringType")) {
      return new SimpleValue(this.builtin("aten::list", [{ value: simple, range }], [], range));
    }
    const iterName = this.createTempName("$_iter");
    this.setSugaredVar(range, iterName, input, void 0);
    const elemName = this.createTempName("$_elem");
    const elem = { kind: "Name", id: elemName, range };
    return new SimpleValue(
      this.emitListComprehension(
        {
          kind: "ListComp",
          elt: elem,
          generators: [{ target: elem, iter: { kind: "Name", id: iterName, range }, ifs: [] }],
          range
        },
        typeHint
      )
    );
  }
  emitDictCall(call, typeHint) {
    const range = call.range;
    const addKwargs = (dict) => {
      for (const k of call.keywords) {
        if (k.name === null) this.error(k.range, "**kwargs are not supported in TorchScript calls");
        const key = this.constant(k.name, k.range);
        const value = this.emitExpr(k.value);
        this.builtin(
          "aten::_set_item",
          [
            { value: dict, range, name: "self" },
            { value: key, range: k.range },
            { value, range: k.range }
          ],
          [],
          k.range
        );
      }
    };
    if (call.args.length > 1) this.error(range, `dict expected at most 1 argument, got ${call.args.length}`);
    const first = call.args[0];
    if (first && first.kind !== "Dict" && first.kind !== "List" && first.kind !== "DictComp") {
      const input = this.emitSugaredExpr(first, 1);
      const simple = asSimple(input);
      if (simple?.type.kind === "DictType") {
        const dict = this.builtin("aten::dict", [{ value: simple, range }], [], range);
        addKwargs(dict);
        return new SimpleValue(dict);
      }
      return this.emitDictFromIterable(call, input, typeHint, addKwargs);
    }
    const empty = !first || first.kind === "Dict" && first.keys.length === 0 || first.kind === "List" && first.elts.length === 0;
    if (empty) {
      const type = typeHint ?? DictType3.of(StringType8.get(), TensorType7.get());
      if (type.kind !== "DictType") this.error(range, `Expected a type annotation of Dict for dict constructor dict(), got ${type.pythonStr()}`);
      const dict = this.insertNode("prim::DictConstruct", [], [type]).output();
      addKwargs(dict);
      return new SimpleValue(dict);
    }
    if (first.kind === "DictComp") {
      const dict = this.emitDictComprehension(first, typeHint);
      addKwargs(dict);
      return new SimpleValue(dict);
    }
    if (first.kind === "Dict") {
      const dict = this.emitDictLiteral(first, typeHint);
      addKwargs(dict);
      return new SimpleValue(dict);
    }
    return this.emitDictFromIterable(call, this.emitSugaredExpr(first, 1), typeHint, addKwargs);
  }
  emitDictFromIterable(call, input, typeHint, addKwargs) {
    const range = call.range;
    const iterName = this.createTempName("$_iter");
    const keyName = this.createTempName("$_key");
    const valueName = this.createTempName("$_value");
    this.setSugaredVar(range, iterName, input, void 0);
    const key = { kind: "Name", id: keyName, range };
    const value = { kind: "Name", id: valueName, range };
    const dict = this.emitDictComprehension(
      {
        kind: "DictComp",
        key,
        value,
        generators: [{ target: { kind: "Tuple", elts: [key, value], range }, iter: { kind: "Name", id: iterName, range }, ifs: [] }],
        range
      },
      typeHint
    );
    addKwargs(dict);
    return new SimpleValue(dict);
  }
  /** `torch.jit.fork(fn, *args)`: the call is emitted in a closure that becomes the fork's subgraph. */
  emitForkExpr(range, forked, argExprs, keywords) {
    const node = this.insertNode("prim::forkClosure", [], [], range);
    let outType = NoneType7.get();
    const block = node.addBlock();
    const previous = this.loopStatus;
    this.loopStatus = "not in loop";
    try {
      this.graph.withInsertPoint(block, () => {
        this.pushFrame(block, true);
        const args = this.getNamedValues(argExprs, true);
        const kwargs = this.emitAttributes(keywords);
        if (!forked.call) this.error(range, `cannot call a ${forked.kind}`);
        const result = this.asValue(forked.call(this, range, args, kwargs, 1), range);
        block.registerOutput(result);
        outType = result.type;
        this.popFrame(true);
      });
    } finally {
      this.loopStatus = previous;
    }
    node.addOutput(FutureType4.of(outType));
    return new SimpleValue(node.output());
  }
  emitSimpleExpr(expr, typeHint) {
    switch (expr.kind) {
      case "BinOp":
        return this.emitBinaryOp(expr);
      case "Compare":
        return this.emitCompare(expr);
      case "BoolOp":
        return this.emitCondExpr(expr).value;
      case "UnaryOp":
        return this.emitUnaryOp(expr);
      case "Number":
        return this.emitNumber(expr);
      case "Constant":
        if (expr.value === "Ellipsis") return this.error(expr.range, "Ellipsis (...) can only be used in subscripts");
        return this.constant(expr.value, expr.range);
      case "Str":
        return this.constant(expr.value, expr.range);
      case "FString":
        return this.emitFString(expr);
      case "IfExp":
        return this.emitTernaryIf(expr, typeHint);
      case "List":
        return this.emitListLiteral(expr, typeHint);
      case "Tuple": {
        const values = this.getNamedValues(expr.elts, true).map((v) => v.value);
        return this.insertNode("prim::TupleConstruct", values, [TupleType8.of(values.map((v) => v.type))]).output();
      }
      case "Dict":
        return this.emitDictLiteral(expr, typeHint);
      case "ListComp":
        return this.emitListComprehension(expr, typeHint);
      case "DictComp":
        return this.emitDictComprehension(expr, typeHint);
      case "Starred":
        return this.error(expr.range, "Unexpected starred expansion. File a bug report");
      case "Slice":
        return this.error(expr.range, "slices can only be used in subscripts");
      case "Set":
      case "SetComp":
        return this.error(expr.range, "sets are not supported in TorchScript");
      case "GeneratorExp":
        return this.error(expr.range, "generator expressions are not supported in TorchScript; use a list comprehension");
      default:
        return this.error(expr.range, `Cannot emit expr for: ${expr.kind}`);
    }
  }
  emitNumber(expr) {
    const value = numberLiteralValue(expr.text, expr.numberKind);
    if (!value) return this.error(expr.range, `Integer literal ${expr.text} is out of the range of int64`);
    if (value.kind === "int") return this.materializeInt(BigInt(value.value), expr.range);
    if (value.kind === "float") {
      const key = Object.is(value.value, -0) ? "-0" : String(value.value);
      return this.materialize(this.fpConstants, key, value, expr.range);
    }
    return this.materialize(this.fpConstants, `complex:${value.re}:${value.im}`, value, expr.range);
  }
  /**
   * Number literals become one constant per value at the top of the graph (PyTorch's
   * materializeConstant), so that a literal used in a loop is not re-created in it.
   */
  materializeInt(value, range) {
    const ivalue = { kind: "int", value: value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value };
    return this.materialize(this.integralConstants, String(value), ivalue, range);
  }
  materialize(map, key, value, range) {
    const existing = map.get(key);
    if (existing && !existing.node.isDestroyed) return existing;
    const constant = this.graph.withInsertPoint(this.graph.block.first, () => this.constant(value, range));
    map.set(key, constant);
    return constant;
  }
  emitBinaryOp(expr) {
    const range = expr.range;
    if (expr.op === "//" || expr.op === "@") {
      const args2 = this.getNamedValues([expr.left, expr.right], false);
      return this.builtin(expr.op === "//" ? "aten::floordiv" : "aten::matmul", args2, [], range);
    }
    if (expr.op === "%") {
      const lhs = this.emitExpr(expr.left);
      if (lhs.type.kind === "StringType") {
        const rhs2 = this.emitExpr(expr.right);
        return this.insertNode("aten::percentFormat", [lhs, rhs2], [StringType8.get()], range).output();
      }
      const rhs = this.emitExpr(expr.right);
      return this.callOperator(range, "aten::remainder", "__mod__", [
        { value: lhs, range: expr.left.range },
        { value: rhs, range: expr.right.range }
      ]);
    }
    const op = BINARY_OPS[expr.op];
    const args = this.getNamedValues([expr.left, expr.right], false);
    if (expr.op === "+" && args[0].value.type.kind === "TupleType" && args[1].value.type.kind === "TupleType") {
      const items = [...unpackTuple2(this, args[0].value), ...unpackTuple2(this, args[1].value)];
      return this.insertNode("prim::TupleConstruct", items, [TupleType8.of(items.map((v) => v.type))]).output();
    }
    return this.callOperator(range, op[0], op[1], args);
  }
  callOperator(range, symbol, magic, args) {
    const base = new BuiltinFunctionValue2(symbol);
    const callee = magic ? new MagicMethod(magic, base) : base;
    return this.asValue(callee.call(this, range, args, [], 0), range);
  }
  emitCompare(expr) {
    let result;
    let leftExpr = expr.left;
    let left = this.emitExpr(leftExpr);
    for (let i = 0; i < expr.ops.length; i++) {
      const op = expr.ops[i];
      const rightExpr = expr.comparators[i];
      const range = { ...expr.range, start: leftExpr.range.start, line: leftExpr.range.line, col: leftExpr.range.col, end: rightExpr.range.end };
      let value;
      if (expr.ops.length === 1 && (op === "is" || op === "is not")) {
        return this.emitIsCondition(expr.range, expr.left, rightExpr, op === "is").value;
      }
      const emitOne = () => {
        const right = this.emitExpr(rightExpr);
        const c = this.emitCompareOp(expr.ops.length === 1 ? expr.range : range, op, left, right, leftExpr, rightExpr);
        left = right;
        return c;
      };
      if (result === void 0) {
        value = emitOne();
      } else {
        const previous = result;
        value = this.emitIfExpr(
          range,
          { value: previous, refinements: new RefinementSet(), staticIf: void 0 },
          emitOne,
          () => this.constant(false, range)
        );
      }
      result = value;
      leftExpr = rightExpr;
    }
    return result;
  }
  emitCompareOp(range, op, left, right, leftExpr, rightExpr) {
    if (op === "is" || op === "is not") {
      return this.builtin(
        op === "is" ? "aten::__is__" : "aten::__isnot__",
        [
          { value: left, range: leftExpr.range },
          { value: right, range: rightExpr.range }
        ],
        [],
        range
      );
    }
    const entry = COMPARE_OPS2[op];
    let args = [
      { value: left, range: leftExpr.range },
      { value: right, range: rightExpr.range }
    ];
    if (op === "in" || op === "not in") args = [args[1], args[0]];
    const value = this.callOperator(range, entry[0], entry[1], args);
    if (op === "not in") return this.builtin("aten::__not__", [{ value, range }], [], range);
    return value;
  }
  emitUnaryOp(expr) {
    if (expr.op === "not") return this.emitCondExpr(expr).value;
    if (expr.op === "+") {
      const value2 = this.emitExpr(expr.operand);
      if (value2.type.kind === "IntType" || value2.type.kind === "FloatType") return value2;
      return this.error(expr.range, "unary + is only supported on numbers");
    }
    const [symbol, magic] = expr.op === "-" ? ["aten::neg", "__neg__"] : ["aten::bitwise_not", "__invert__"];
    if (expr.op === "-" && expr.operand.kind === "Number") {
      const literal = numberLiteralValue(expr.operand.text, expr.operand.numberKind);
      if (literal?.kind === "int") return this.constant({ kind: "int", value: negate(literal.value) }, expr.range);
      if (literal?.kind === "float") return this.constant({ kind: "float", value: -literal.value }, expr.range);
      if (!literal && expr.operand.numberKind === "int" && BigInt(expr.operand.text.replace(/_/g, "")) === 2n ** 63n) {
        return this.constant({ kind: "int", value: -(2n ** 63n) }, expr.range);
      }
    }
    const args = this.getNamedValues([expr.operand], false);
    const value = this.callOperator(expr.range, symbol, magic, args);
    if (value.node.kind === symbol && value.node.inputs.every((v) => v.node.kind === "prim::Constant")) {
      const folded = foldUnary(symbol, value.node.inputs[0]);
      if (folded !== void 0) {
        value.node.destroy();
        return this.constant(folded, expr.range);
      }
    }
    return value;
  }
  emitTernaryIf(expr, typeHint) {
    const cond = this.emitCondExpr(expr.test);
    if (cond.staticIf !== void 0) return this.emitExpr(cond.staticIf ? expr.body : expr.orelse, typeHint);
    return this.emitIfExpr(
      expr.range,
      cond,
      () => this.emitExpr(expr.body, typeHint),
      () => this.emitExpr(expr.orelse, typeHint)
    );
  }
  /** f-strings are `"{}..{}".format(...)` (aten::format), each field formatted with its conversion and spec. */
  emitFString(expr) {
    let format = "";
    const args = [];
    for (const part of expr.parts) {
      if (part.kind === "text") {
        format += part.value.replace(/\{/g, "{{").replace(/\}/g, "}}");
        continue;
      }
      if (part.formatSpec) this.error(expr.range, "format specifications in f-strings are not supported in TorchScript");
      if (part.conversion && part.conversion !== "s") {
        this.error(expr.range, `the !${part.conversion} conversion in f-strings is not supported in TorchScript`);
      }
      format += "{}";
      const inner = this.parseFStringExpr(part.source, part.offset, expr.range);
      args.push({ value: this.emitExpr(inner), range: inner.range });
    }
    const formatValue = this.constant(format, expr.range);
    return this.builtin("aten::format", [{ value: formatValue, range: expr.range }, ...args], [], expr.range);
  }
  parseFStringExpr(text, offset, range) {
    try {
      return shiftExpr(Parser.parseExpression(text, this.source.file), offset, this.source.source);
    } catch (e) {
      if (e instanceof FrontendError) this.error(range, e.reason);
      throw e;
    }
  }
  emitListLiteral(expr, typeHint) {
    const values = this.getNamedValues(expr.elts, true).map((v) => v.value);
    if (values.length === 0 && !typeHint) {
      return this.insertNode("prim::EmptyListLiteral", [], [ListType8.of(TensorType7.get())]).output();
    }
    let elementType = TensorType7.get();
    let refined = typeHint;
    const unionHint = refined?.kind === "UnionType" ? refined : void 0;
    let candidates = [];
    if (refined) {
      const r = this.refineContainerHint(refined, typeHint, (t) => t.kind === "ListType", "List", expr.range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === "ListType") elementType = refined.elementType;
      if (candidates.length > 0 && values.length === 0) {
        this.error(
          expr.range,
          `Cannot assign an empty list to a variable annotated to be type ${refined.pythonStr()} because there are multiple possible List type candidates in the Union annotation`
        );
      }
    }
    if (values.length > 0) {
      const hint = refined?.kind === "ListType" ? refined.elementType : void 0;
      let unified = values[0].type;
      for (let i = 1; i < values.length; i++) unified = unifyTypes2(unified, values[i].type, true, hint);
      if (candidates.length === 0 && refined && !unified.isSubtypeOf(elementType)) {
        this.error(
          expr.range,
          `List type annotation \`${refined.pythonStr()}\` did not match the types of the given list elements, which were unified to ${unified.pythonStr()}`
        );
      }
      if (candidates.length > 0) {
        let greatest;
        for (const candidate of candidates) {
          const candidateElement = candidate.elementType;
          if (unified.isSubtypeOf(candidateElement)) {
            greatest = greatest ? unifyTypes2(greatest, candidateElement) : candidateElement;
          }
        }
        if (!greatest) {
          this.error(
            expr.range,
            `Union type annotation \`${typeHint.pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those types match the types of the given list elements, which were unified to ${unified.pythonStr()}`
          );
        }
        elementType = greatest;
      } else if (!refined) {
        elementType = unified;
      }
    }
    let result = this.insertNode("prim::ListConstruct", values, [ListType8.of(elementType)]).output();
    if (unionHint) result = this.insertNode("prim::unchecked_cast", [result], [unionHint]).output();
    return result;
  }
  /** PyTorch's refineAndSetUnionTypeHintOrPopulateCandidatesVector for list and dict literals and comprehensions. */
  refineContainerHint(refinedHint, typeHint, match, what, range, isDictConstructor = false) {
    let refined = refinedHint;
    let candidates = [];
    if (refined.kind === "UnionType") {
      const matching = refined.types.filter(match);
      if (!isDictConstructor && matching.length === 0) {
        this.error(range, `Expected an Union type annotation with an inner ${what} type, but got ${refined.pythonStr()}`);
      } else if (matching.length === 1) {
        refined = matching[0];
      } else {
        candidates = matching;
      }
    } else if (refined.kind === "OptionalType") {
      refined = refined.elementType;
    }
    if (!isDictConstructor && candidates.length === 0 && !match(refined) && refined.kind !== "AnyType") {
      this.error(range, `Expected an annotation of type ${what} but got ${typeHint.pythonStr()}`);
    }
    return { refined, candidates };
  }
  emitDictLiteral(expr, typeHint) {
    const keys = [];
    const values = [];
    let valueType;
    for (let i = 0; i < expr.keys.length; i++) {
      keys.push(this.emitExpr(expr.keys[i]));
      values.push(this.emitExpr(expr.values[i]));
      if (i === 0) {
        valueType = values[0].type;
      } else {
        if (keys[i - 1].type.kind !== keys[i].type.kind) {
          this.error(
            expr.keys[i].range,
            `Dict keys must contain only a single type. Expected: ${keys[i - 1].type.pythonStr()} but found ${keys[i].type.pythonStr()} instead`
          );
        }
        valueType = unifyTypes2(valueType, values[i].type, true);
      }
    }
    let refined = typeHint;
    const unionHint = typeHint?.kind === "UnionType" ? typeHint : void 0;
    let candidates = [];
    const defaultType = () => {
      if (keys.length === 0) return DictType3.of(StringType8.get(), TensorType7.get());
      if (!DictType3.isValidKeyType(keys[0].type)) this.dictKeyError(expr.range, keys[0].type);
      return DictType3.of(keys[0].type, valueType);
    };
    if (typeHint) {
      const r = this.refineContainerHint(typeHint, typeHint, (t) => t.kind === "DictType", "Dict", expr.range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === "AnyType") refined = defaultType();
      if (candidates.length > 0 && values.length === 0) {
        this.error(
          expr.range,
          `Cannot assign an empty dict to a variable annotated to be type ${typeHint.pythonStr()} because there are multiple possible Dict type candidates in the Union annotation`
        );
      }
    } else {
      refined = defaultType();
    }
    if (values.length > 0) {
      if (candidates.length > 0) {
        let chosen;
        for (const candidate of candidates) {
          if (keys[0].type.isSubtypeOf(candidate.keyType) && valueType.isSubtypeOf(candidate.valueType)) {
            if (!chosen || chosen.keyType.isSubtypeOf(candidate.keyType) && chosen.valueType.isSubtypeOf(candidate.valueType)) {
              chosen = candidate;
            }
          }
        }
        if (!chosen) {
          this.error(
            expr.range,
            `Union type annotation \`${typeHint.pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those dict types can hold the types of the given keys and values, which were unified to Dict[${keys[0].type.pythonStr()}, ${valueType.pythonStr()}`
          );
        }
        refined = chosen;
      }
      const dictType = refined;
      if (!dictType.keyType.equals(keys[0].type)) {
        this.error(
          expr.range,
          `Type annotation was inferred to be ${dictType.pythonStr()}but the type of keys given by the dict literal is ${keys[0].type.pythonStr()}`
        );
      }
      if (!valueType.isSubtypeOf(dictType.valueType)) {
        this.error(
          expr.range,
          `Type annotation was inferred to be \`${dictType.pythonStr()}\`, but the type of values given by the dict literal is ${valueType.pythonStr()}`
        );
      }
    }
    const inputs = [];
    for (let i = 0; i < keys.length; i++) inputs.push(keys[i], values[i]);
    let result = this.insertNode("prim::DictConstruct", inputs, [refined]).output();
    if (unionHint) result = this.insertNode("prim::unchecked_cast", [result], [unionHint]).output();
    return result;
  }
  dictKeyError(range, key) {
    return this.error(
      range,
      `Cannot create dict for key type '${key.annotationStr()}', only int, float, complex, Tensor, device and string keys are supported`
    );
  }
  // ---- comprehensions ---------------------------------------------------------------------------
  /**
   * `[elt for t in it if c ...]`: an empty list, then a loop (in a scope of its own) that appends.
   * Several `for` clauses nest loops and `if` clauses guard the append; PyTorch accepts only one
   * `for` and no `if`, which this generalizes in the obvious way.
   */
  emitListComprehension(expr, typeHint) {
    if (expr.kind !== "ListComp") {
      this.error(expr.range, expr.kind === "SetComp" ? "sets are not supported in TorchScript" : "generator expressions are not supported in TorchScript; use a list comprehension");
    }
    const range = expr.range;
    const list = this.insertNode("prim::ListConstruct", [], [ListType8.of(TensorType7.get())]).output();
    let refined = typeHint;
    let candidates = [];
    if (refined) {
      const r = this.refineContainerHint(refined, refined, (t) => t.kind === "ListType", "List", range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0) list.setType(refined.kind === "AnyType" ? list.type : refined);
    }
    let seenFirst = false;
    const node = this.insertNode("prim::ComprehensionScope", [], [], range);
    const block = node.addBlock();
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.emitComprehensionLoops(expr.generators, range, () => {
        const out = this.emitExpr(expr.elt);
        if (!seenFirst) {
          list.setType(ListType8.of(out.type));
          seenFirst = true;
        }
        const hint = refined?.kind === "ListType" ? refined.elementType : void 0;
        const unified = unifyTypes2(list.type.elementType, out.type, true, hint);
        if (candidates.length === 0 && refined && refined.kind === "ListType" && !unified.isSubtypeOf(refined.elementType)) {
          this.error(
            range,
            `List type annotation \`${refined.pythonStr()}\` did not match the types of the given list elements, which were unified to ${unified.pythonStr()}`
          );
        }
        let listType;
        if (candidates.length > 0) {
          const fitting = candidates.filter((c) => unified.isSubtypeOf(c.elementType));
          if (fitting.length === 0) {
            this.error(
              range,
              `Union type annotation \`${typeHint.pythonStr()}\` can hold ${describeCandidates(candidates)}, but none of those types match the types of the given list elements, which were unified to ${unified.pythonStr()}`
            );
          }
          listType = fitting[0];
        } else if (refined && refined.kind === "ListType") {
          listType = refined;
        } else {
          listType = ListType8.of(unified);
        }
        list.setType(listType);
        out.setType(listType.elementType);
        this.builtin("aten::append", [{ value: out, range }], [], range, { value: list, range, name: "self" });
      });
    });
    this.popFrame();
    return list;
  }
  emitDictComprehension(expr, typeHint) {
    const range = expr.range;
    const dict = this.insertNode("prim::DictConstruct", [], [DictType3.of(StringType8.get(), TensorType7.get())]).output();
    let refined = typeHint;
    let candidates = [];
    if (refined) {
      const r = this.refineContainerHint(refined, refined, (t) => t.kind === "DictType", "Dict", range);
      refined = r.refined;
      candidates = r.candidates;
      if (candidates.length === 0 && refined.kind === "DictType") dict.setType(refined);
    }
    let firstKeyType;
    let firstValueType;
    const node = this.insertNode("prim::ComprehensionScope", [], [], range);
    const block = node.addBlock();
    this.pushFrame(block);
    this.graph.withInsertPoint(block, () => {
      this.emitComprehensionLoops(expr.generators, range, () => {
        const k = this.emitExpr(expr.key);
        const v = this.emitExpr(expr.value);
        if (k.type.kind === "UnionType") {
          this.error(range, `Dicts may only contain homogeneous keys, but the type of the first generated key was ${k.type.pythonStr()}`);
        } else if (firstKeyType && !firstKeyType.equals(k.type)) {
          this.error(
            range,
            `Dicts may only contain homogeneous keys. Expected dict comprehension to generate type ${firstKeyType.pythonStr()}, but got ${k.type.pythonStr()}`
          );
        } else {
          if (!DictType3.isValidKeyType(k.type)) this.dictKeyError(range, k.type);
          dict.setType(DictType3.of(k.type, v.type));
          firstKeyType = k.type;
          firstValueType = v.type;
        }
        if (refined && refined.kind === "DictType" && candidates.length === 0) {
          const hint = refined;
          let err = "";
          if (!k.type.isSubtypeOf(hint.keyType)) {
            err += `Dict type annotation \`${hint.pythonStr()}\` did not match the type of an actual key type \`${k.type.pythonStr()}\`
`;
          }
          if (!v.type.isSubtypeOf(hint.valueType)) {
            err += `Dict type annotation \`${hint.pythonStr()}\` did not match the type of an actual value type \`${v.type.pythonStr()}\`
`;
          }
          if (err) this.error(range, err.trimEnd());
        }
        const valueHint = refined?.kind === "DictType" ? refined.valueType : void 0;
        const unifiedValue = unifyTypes2(firstValueType, v.type, true, valueHint);
        if (typeHint?.kind === "DictType") {
          dict.setType(typeHint);
          k.setType(typeHint.keyType);
          v.setType(typeHint.valueType);
        } else if (typeHint && refined) {
          if (candidates.length > 0) {
            const chosen = candidates.find((c) => k.type.isSubtypeOf(c.keyType) && unifiedValue.isSubtypeOf(c.valueType));
            if (!chosen) this.error(range, `Union type annotation \`${typeHint.pythonStr()}\` cannot hold the dict comprehension's keys and values`);
            refined = chosen;
          }
          dict.setType(refined);
          k.setType(refined.keyType);
          v.setType(refined.valueType);
        } else {
          dict.setType(DictType3.of(k.type, unifiedValue));
        }
        this.builtin(
          "aten::_set_item",
          [
            { value: dict, range, name: "self" },
            { value: k, range },
            { value: v, range }
          ],
          [],
          range
        );
      });
    });
    this.popFrame();
    if (typeHint?.kind === "UnionType") return this.insertNode("prim::unchecked_cast", [dict], [typeHint]).output();
    return dict;
  }
  emitComprehensionLoops(generators, range, emitElement) {
    const [first, ...rest] = generators;
    const body = () => {
      const guarded = (ifs) => {
        if (ifs.length === 0) {
          if (rest.length > 0) this.emitComprehensionLoops(rest, range, emitElement);
          else emitElement();
          return;
        }
        const [test, ...others] = ifs;
        const cond = this.emitCondExpr(test);
        this.emitIfElseStatic(range, cond, () => guarded(others));
      };
      guarded(first.ifs);
    };
    this.emitFor(first.target, first.iter, range, body);
  }
  /** An `if` without else around emitted code (comprehension filters), with the static-if rule. */
  emitIfElseStatic(range, cond, emitThen) {
    if (cond.staticIf !== void 0) {
      if (cond.staticIf) {
        this.insertRefinements(range, cond.refinements);
        emitThen();
      }
      return;
    }
    const node = this.insertNode("prim::If", [cond.value], [], range);
    const thenBlock = node.addBlock();
    const elseBlock = node.addBlock();
    this.pushFrame(thenBlock);
    this.graph.withInsertPoint(thenBlock, () => {
      this.insertRefinements(range, cond.refinements);
      emitThen();
    });
    this.popFrame();
    this.pushFrame(elseBlock);
    this.popFrame();
  }
  // ---- subscripts -------------------------------------------------------------------------------
  emitSubscript(expr, typeHint) {
    const sv = this.emitSugaredExpr(expr.value, 1);
    const indices = subscriptExprs(expr.slice);
    const range = expr.range;
    const valueRange = expr.value.range;
    if (indices.length !== 1) {
      return new SimpleValue(this.emitMultidimSlicing(range, this.asValue(sv, valueRange), indices));
    }
    const index = indices[0];
    if (index.kind === "Slice") {
      if (sv.kind === "module" && sv.asTupleValue) {
        const tuple = this.asValue(
          sv.asTupleValue(this, valueRange),
          valueRange
        );
        return new SimpleValue(this.emitTupleSlice(valueRange, tuple, index.lower ?? null, index.upper, null));
      }
      return new SimpleValue(this.emitBasicSlice(range, this.asValue(sv, valueRange), index));
    }
    const sliceable = this.asValue(sv, valueRange);
    const idx = this.emitExpr(index);
    if (sliceable.type.kind === "TupleType") return new SimpleValue(this.emitTupleIndex(range, sliceable, idx));
    if (sliceable.type.isSubtypeOf(TensorType7.get())) {
      return new SimpleValue(this.emitMultidimSlicingWith(range, sliceable, indices, [idx]));
    }
    if (!sv.getItem) return this.error(range, `'${sliceable.type.pythonStr()}' object is not subscriptable`);
    return sv.getItem(this, range, idx, typeHint);
  }
  emitTupleIndex(range, tuple, index) {
    const type = tuple.type;
    if (index.type.kind !== "IntType") this.error(range, "tuple index must be an integer");
    const constant = constantInt(index);
    let outputType;
    if (constant === void 0) {
      if (type.elements.length === 0 || !type.elements.every((t) => t.isSubtypeOf(type.elements[0]))) {
        this.error(
          range,
          `Cannot index into a ${type.pythonStr()} with a non-integer literal because we cannot resolve the output type`
        );
      }
      outputType = type.elements[0];
    } else {
      outputType = type.elements[this.adjustTupleIndex(range, type, Number(constant), false)];
    }
    return this.insertNode("prim::TupleIndex", [tuple, index], [outputType]).output();
  }
  adjustTupleIndex(range, type, index, allowOutOfBounds) {
    const length = type.elements.length;
    const adjusted = index < 0 ? length + index : index;
    if (!allowOutOfBounds && (adjusted >= length || adjusted < 0)) {
      this.error(range, `Tuple index out of range. Tuple is length ${length} and index is ${index}`);
    }
    return adjusted;
  }
  emitTupleSlice(range, tuple, lower, upper, step) {
    const type = tuple.type;
    const length = type.elements.length;
    const constantOf = (e) => {
      const v = this.emitExpr(e);
      const c = constantInt(v);
      if (c === void 0) this.error(range, "tuple slice indices must be integer constants");
      return Number(c);
    };
    const stepSize = step ? constantOf(step) : 1;
    if (stepSize === 0) this.error(range, "slice step cannot be zero");
    let begin = lower ? this.adjustTupleIndex(range, type, constantOf(lower), true) : void 0;
    let end = upper ? this.adjustTupleIndex(range, type, constantOf(upper), true) : void 0;
    if (stepSize > 0) {
      begin = clamp(begin ?? 0, 0, length);
      end = clamp(end ?? length, 0, length);
    } else {
      begin = clamp(begin ?? length - 1, -1, length - 1);
      end = clamp(end ?? -1, -1, length - 1);
    }
    const count = stepSize > 0 ? Math.max(0, Math.ceil((end - begin) / stepSize)) : Math.max(0, Math.ceil((begin - end) / -stepSize));
    const items = [];
    for (let j = 0, i = begin; j < count; j++, i += stepSize) {
      const idx = this.graph.insertConstant(i);
      items.push(this.insertNode("prim::TupleIndex", [tuple, idx], [type.elements[i]]).output());
    }
    return this.insertNode("prim::TupleConstruct", items, [TupleType8.of(items.map((v) => v.type))]).output();
  }
  emitBasicSlice(range, sliceable, slice) {
    const dim = sliceable.type.isSubtypeOf(TensorType7.get()) ? this.graph.insertConstant(0, { sourceRange: this.sourceRange(range) }) : void 0;
    return this.emitSlice(range, sliceable, dim, slice);
  }
  emitSlice(range, sliceable, dim, slice) {
    const start = slice.lower ? this.emitExpr(slice.lower) : void 0;
    const end = slice.upper ? this.emitExpr(slice.upper) : void 0;
    const step = slice.step ? this.emitExpr(slice.step) : void 0;
    if (sliceable.type.kind === "TupleType") return this.emitTupleSliceValues(range, sliceable, start, end, step);
    return this.emitSliceOp(range, sliceable, dim, start, end, step);
  }
  emitTupleSliceValues(range, tuple, start, end, step) {
    const type = tuple.type;
    const length = type.elements.length;
    const constantOf = (v) => {
      const c = constantInt(v);
      if (c === void 0) this.error(range, "tuple slice indices must be integer constants");
      return Number(c);
    };
    const stepSize = step ? constantOf(step) : 1;
    let begin = start ? this.adjustTupleIndex(range, type, constantOf(start), true) : void 0;
    let stop = end ? this.adjustTupleIndex(range, type, constantOf(end), true) : void 0;
    if (stepSize > 0) {
      begin = clamp(begin ?? 0, 0, length);
      stop = clamp(stop ?? length, 0, length);
    } else {
      begin = clamp(begin ?? length - 1, -1, length - 1);
      stop = clamp(stop ?? -1, -1, length - 1);
    }
    const count = stepSize > 0 ? Math.max(0, Math.ceil((stop - begin) / stepSize)) : Math.max(0, Math.ceil((begin - stop) / -stepSize));
    const items = [];
    for (let j = 0, i = begin; j < count; j++, i += stepSize) {
      const idx = this.graph.insertConstant(i);
      items.push(this.insertNode("prim::TupleIndex", [tuple, idx], [type.elements[i]]).output());
    }
    return this.insertNode("prim::TupleConstruct", items, [TupleType8.of(items.map((v) => v.type))]).output();
  }
  emitSliceOp(range, sliceable, dim, start, end, step) {
    const args = [{ value: sliceable, range, name: "self" }];
    if (dim) args.push({ value: dim, range });
    args.push({ value: start ?? this.constant(0, range), range, name: "start" });
    if (end) args.push({ value: end, range, name: "end" });
    const stepValue = step ?? this.constant(1, range);
    return this.builtin("aten::slice", args, [{ value: stepValue, range, name: "step" }], range);
  }
  emitMultidimSlicing(range, sliceable, indices) {
    return this.emitMultidimSlicingWith(range, sliceable, indices, []);
  }
  emitMultidimSlicingWith(range, sliceable, indices, emitted) {
    if (!sliceable.type.isSubtypeOf(TensorType7.get())) {
      this.error(range, "Unsupported operation: attempted to use multidimensional indexing on a non-tensor type");
    }
    const { sliced, tensorIndices } = this.emitIntAndSliceIndexing(range, sliceable, indices, emitted);
    if (tensorIndices.length === 0) return sliced;
    const list = this.insertNode("prim::ListConstruct", tensorIndices, [ListType8.of(OptionalType4.of(TensorType7.get()))]).output();
    return this.builtin(
      "aten::index",
      [
        { value: sliced, range },
        { value: list, range }
      ],
      [],
      range
    );
  }
  /**
   * Tensor indexing with ints, slices, None and `...` (PyTorch's emitIntAndSliceIndexing): the
   * dims are counted left to right up to the ellipsis and right to left after it; ints select,
   * slices slice, None unsqueezes, and tensors (or lists, made tensors) are collected per dim for
   * one `aten::index` afterwards.
   */
  emitIntAndSliceIndexing(range, input, indices, preEmitted = []) {
    const dims = new Array(indices.length).fill(0);
    const exprs = new Array(indices.length).fill(void 0);
    const handle = (index, i, dim2, reverse) => {
      dims[i] = dim2;
      if (index.kind === "Slice") return reverse ? dim2 - 1 : dim2 + 1;
      let value = preEmitted.length > 0 && indices.length === 1 ? preEmitted[0] : this.emitExpr(index, isNoneLiteral(index) ? NoneType7.get() : void 0);
      if (value.type.kind === "ListType") {
        const long = this.graph.insertConstant(4);
        value = this.builtin("aten::tensor", [{ value, range }], [{ value: long, range, name: "dtype" }], range);
      }
      exprs[i] = value;
      if (value.type.isSubtypeOf(NoneType7.get())) return reverse ? dim2 : dim2 + 1;
      if (value.type.kind === "IntType") return reverse ? dim2 - 1 : dim2;
      if (value.type.isSubtypeOf(OptionalType4.of(TensorType7.get()))) {
        if (reverse) this.error(range, "Ellipses followed by tensor indexing is currently not supported");
        return dim2 + 1;
      }
      return this.error(
        range,
        `Unsupported operation: indexing tensor with unsupported index type '${value.type.pythonStr()}'. Only ints, slices, lists and tensors are supported`
      );
    };
    let idx = 0;
    let dim = 0;
    for (; idx < indices.length; idx++) {
      if (isEllipsis(indices[idx])) break;
      dim = handle(indices[idx], idx, dim, false);
    }
    let rdim = -1;
    for (let rev = indices.length - 1; rev > idx; rev--) {
      if (isEllipsis(indices[rev])) this.error(range, "An index can only have a single ellipsis ('...')");
      rdim = handle(indices[rev], rev, rdim, true);
    }
    let sliced = input;
    const tensorIndices = [];
    for (let i = 0; i < exprs.length; i++) {
      const value = exprs[i];
      if (!value) {
        const index = indices[i];
        if (index.kind === "Slice") {
          sliced = this.emitSlice(range, sliced, this.graph.insertConstant(dims[i], { sourceRange: this.sourceRange(range) }), index);
        }
        continue;
      }
      const at = () => this.graph.insertConstant(dims[i], { sourceRange: this.sourceRange(range) });
      if (value.type.isSubtypeOf(NoneType7.get())) {
        sliced = this.builtin("aten::unsqueeze", [sliced, at()].map((v) => ({ value: v, range })), [], range);
      } else if (value.type.kind === "IntType") {
        sliced = this.builtin("aten::select", [sliced, at(), value].map((v) => ({ value: v, range })), [], range);
      } else {
        while (tensorIndices.length <= dims[i]) tensorIndices.push(void 0);
        tensorIndices[dims[i]] = value;
      }
    }
    const filled = tensorIndices.map((v) => v ?? this.graph.insertConstant(null));
    return { sliced, tensorIndices: filled };
  }
};
var BINARY_OPS = {
  "+": ["aten::add", "__add__"],
  "-": ["aten::sub", "__sub__"],
  "*": ["aten::mul", "__mul__"],
  "/": ["aten::div", "__truediv__"],
  "**": ["aten::pow", "__pow__"],
  "<<": ["aten::__lshift__", "__lshift__"],
  ">>": ["aten::__rshift__", "__rshift__"],
  "&": ["aten::__and__", "__and__"],
  "|": ["aten::__or__", "__or__"],
  "^": ["aten::__xor__", "__xor__"]
};
var COMPARE_OPS2 = {
  "<": ["aten::lt", "__lt__"],
  ">": ["aten::gt", "__gt__"],
  "<=": ["aten::le", "__le__"],
  ">=": ["aten::ge", "__ge__"],
  "==": ["aten::eq", "__eq__"],
  "!=": ["aten::ne", "__ne__"],
  in: ["aten::__contains__", "__contains__"],
  "not in": ["aten::__contains__", "__contains__"]
};
var AUG_OPS = {
  "+": ["aten::add_", "aten::add"],
  "-": ["aten::sub_", "aten::sub"],
  "/": ["aten::div_", "aten::div"],
  "*": ["aten::mul_", "aten::mul"],
  "%": ["aten::fmod_", "aten::fmod"],
  "|": ["aten::bitwise_or", "aten::__or__"],
  "&": ["aten::bitwise_and", "aten::__and__"],
  "^": ["aten::bitwise_xor", "aten::__xor__"],
  "<<": ["aten::__lshift__", "aten::__lshift__"],
  ">>": ["aten::__irshift__", "aten::__rshift__"],
  "**": ["aten::pow", "aten::pow"],
  "//": ["aten::floor_divide_", "aten::floordiv"]
};
var AUG_MAGIC = {
  "+": ["__iadd__", "__add__"],
  "-": ["__isub__", "__sub__"],
  "/": ["__itruediv__", "__truediv__"],
  "*": ["__imul__", "__mul__"],
  "%": ["__imod__", "__mod__"]
};
function compareBytes2(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function validName(name) {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}
function nameRange(arg) {
  return { start: arg.range.start, end: arg.range.start + arg.name.length, line: arg.range.line, col: arg.range.col };
}
function isNoneLiteral(expr) {
  return expr.kind === "Constant" && expr.value === null;
}
function isEllipsis(expr) {
  return expr.kind === "Constant" && expr.value === "Ellipsis";
}
function subscriptExprs(slice) {
  return slice.kind === "Tuple" ? slice.elts : [slice];
}
function canBeNone(value) {
  if (value.node.kind === "prim::Constant" && value.type.kind === "NoneType" && !value.node.hasAttribute("value")) return "always";
  if (value.type.kind === "NoneType") return "always";
  if (value.type.kind === "OptionalType") return "maybe";
  if (value.type.kind === "UnionType" && value.type.types.some((t) => t.kind === "NoneType")) return "maybe";
  return "never";
}
function unionOf(types) {
  return types.length === 1 ? types[0] : UnionType4.of(types);
}
function describeCandidates(candidates) {
  let text = "";
  candidates.forEach((c, i) => {
    if (i > 0 && candidates.length > 2) text += ", ";
    if (i !== 0 && i === candidates.length - 1) text += " or ";
    text += c.pythonStr();
  });
  return text;
}
function clamp(v, lo, hi) {
  return Math.max(lo, Math.min(hi, v));
}
function negate(value) {
  return typeof value === "bigint" ? -value : -value;
}
function foldUnary(symbol, input) {
  const node = input.node;
  if (!node.hasAttribute("value")) return void 0;
  if (symbol === "aten::neg") {
    if (input.type.kind === "IntType") {
      const v = node.i("value");
      return { kind: "int", value: typeof v === "bigint" ? -v : -v };
    }
    if (input.type.kind === "FloatType") return { kind: "float", value: -node.f("value") };
  }
  if (symbol === "aten::bitwise_not" && input.type.kind === "IntType") {
    const v = node.i("value");
    return { kind: "int", value: typeof v === "bigint" ? ~v : ~v };
  }
  return void 0;
}
function topLevelArrow(text) {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "-" && text[i + 1] === ">" && depth === 0) return i;
  }
  return -1;
}
function relocate(expr, range) {
  return mapRanges(expr, () => range);
}
function shiftExpr(expr, offset, source) {
  return mapRanges(expr, (r) => {
    const start = r.start + offset;
    const lineStart = source.lastIndexOf("\n", start - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (source.charCodeAt(i) === 10) line++;
    return { start, end: r.end + offset, line, col: start - lineStart + 1 };
  });
}
function mapRanges(expr, f) {
  const visit = (value) => {
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === "object") {
      const out = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === "range" ? f(v) : visit(v);
      return out;
    }
    return value;
  };
  return visit(expr);
}

// src/emitter/script-function.ts
var ScriptFunction = class {
  qualifiedName;
  name;
  def;
  selfType;
  source;
  options;
  state = "declared";
  emitted;
  cleaned = false;
  constructor(options) {
    this.options = options;
    this.qualifiedName = options.qualifiedName;
    this.name = options.def.name;
    this.def = options.def;
    this.selfType = options.selfType;
    this.source = options.source;
  }
  /** Whether the graph is being emitted right now (a call to it from itself is recursion). */
  get isBeingEmitted() {
    return this.state === "emitting";
  }
  get isEmitted() {
    return this.state === "emitted";
  }
  /** Emits the graph if that was not done yet; errors in the body surface here. */
  ensureDefined() {
    if (this.state === "emitted") return;
    if (this.state === "emitting") return;
    this.state = "emitting";
    try {
      const emitter = new FunctionEmitter({
        def: this.def,
        qualifiedName: this.qualifiedName,
        resolver: this.options.resolver,
        unit: this.options.unit,
        builtins: this.options.builtins,
        source: this.source,
        selfType: this.selfType
      });
      const schema = emitter.emit();
      this.emitted = { graph: emitter.graph, schema };
      this.state = "emitted";
      this.selfType?.addMethod(schema);
    } catch (e) {
      this.state = "declared";
      throw e;
    }
  }
  /** The schema: parameters with their types and defaults, and the (possibly inferred) return type. */
  schema() {
    this.ensureDefined();
    return this.emitted.schema;
  }
  /** The emitted graph (after the unit's cleanup passes, when it has any). */
  graph() {
    this.ensureDefined();
    const graph = this.emitted.graph;
    if (!this.cleaned) {
      this.cleaned = true;
      this.options.cleanup?.(graph);
    }
    return graph;
  }
  /**
   * The schema from the def alone (annotations and defaults; `self` first for methods), without
   * emitting the body; the return is absent when not annotated.
   */
  declaredSchema(caller, range) {
    void caller;
    void range;
    const emitter = new FunctionEmitter({
      def: this.def,
      qualifiedName: this.qualifiedName,
      resolver: this.options.resolver,
      unit: this.options.unit,
      builtins: this.options.builtins,
      source: this.source,
      selfType: this.selfType
    });
    const schema = emitter.declaredSchema();
    if (!this.selfType) return schema;
    const selfName = this.def.args.posonlyargs[0]?.name ?? this.def.args.args[0]?.name ?? "self";
    return new FunctionSchema3(
      schema.name,
      schema.overloadName,
      [new Argument3(selfName, { type: this.selfType }), ...schema.arguments],
      schema.returns
    );
  }
};

// src/emitter/values/function-value.ts
var FunctionValue = class {
  constructor(fn) {
    this.fn = fn;
  }
  fn;
  kind = "function";
  call(context, range, args, kwargs) {
    const ctx = context;
    return new SimpleValue(ctx.callFunction(this.fn, range, args, kwargs));
  }
};

// src/compilation-unit.ts
var CompilationUnit = class {
  registry;
  builtins;
  file;
  cleanup;
  functionTable = /* @__PURE__ */ new Map();
  classTable = /* @__PURE__ */ new Map();
  methodTable = /* @__PURE__ */ new Map();
  constructor(options = {}) {
    this.registry = options.registry ?? SchemaRegistry.fromOps();
    this.builtins = options.builtins ?? defaultBuiltins(this.registry);
    this.file = options.file ?? "<string>";
    this.cleanup = options.cleanup;
  }
  /**
   * Parses `source` and declares its top-level functions and classes under `prefix`; nothing is
   * emitted until used (see `compileAll`). Statements other than defs and classes are rejected.
   */
  define(source, options = {}) {
    const file = options.file ?? this.file;
    const prefix = options.prefix ?? "__torch__";
    const module = Parser.parseModule(source, file);
    return this.defineModule(module, { prefix, resolver: options.resolver });
  }
  /** Declares the functions and classes of a parsed file (see `define`). */
  defineModule(module, options = {}) {
    const prefix = options.prefix ?? "__torch__";
    const text = { source: module.source, file: module.file };
    const localFunctions = /* @__PURE__ */ new Map();
    const localClasses = /* @__PURE__ */ new Map();
    const resolver = new UnitResolver(this, prefix, localFunctions, localClasses, options.resolver);
    const functions = [];
    const classes = [];
    const classDefs = [];
    for (const stmt of module.body) {
      if (stmt.kind === "FunctionDef") {
        const fn = this.defineFunction(qualify(prefix, stmt.name), stmt, resolver, void 0, text);
        localFunctions.set(stmt.name, fn);
        functions.push(fn);
      } else if (stmt.kind === "ClassDef") {
        const type = ClassType.named(qualify(prefix, stmt.name));
        localClasses.set(stmt.name, type);
        classDefs.push(stmt);
        classes.push(type);
      } else if (stmt.kind === "Expr" && stmt.value.kind === "Str") {
      } else if (stmt.kind !== "Import" && stmt.kind !== "ImportFrom" && stmt.kind !== "Pass") {
        throw new FrontendError(
          module.source,
          module.file,
          stmt.range.start,
          "expected def or class: only function and class definitions may appear at the top level of TorchScript source"
        );
      }
    }
    classDefs.forEach((def, i) => {
      this.defineClass({ type: classes[i], def, resolver, source: text });
    });
    return { functions, classes };
  }
  /** Declares one function (or, with `selfType`, a method of that class) under its qualified name. */
  defineFunction(qualifiedName, def, resolver, selfType, source) {
    const text = source ?? { source: "", file: this.file };
    for (const decorator of def.decorators) {
      const name = decoratorName(decorator);
      if (!ALLOWED_DECORATORS.has(name)) {
        throw new FrontendError(text.source, text.file, decorator.range.start, `unsupported decorator @${name} in TorchScript`);
      }
    }
    const fn = new ScriptFunction({
      qualifiedName,
      def,
      resolver,
      unit: this,
      builtins: this.builtins,
      source: text,
      selfType,
      cleanup: this.cleanup
    });
    if (selfType) {
      let methods = this.methodTable.get(selfType.qualifiedName);
      if (!methods) {
        methods = /* @__PURE__ */ new Map();
        this.methodTable.set(selfType.qualifiedName, methods);
      }
      methods.set(def.name, fn);
    } else {
      this.functionTable.set(qualifiedName, fn);
    }
    return fn;
  }
  /**
   * Registers a class and its methods (every `def` of its body, with `self`); attributes are
   * declared when `__init__` is compiled (assignments to `self.x`), or beforehand by whoever
   * declared the class (modules from archives).
   */
  defineClass(declaration) {
    const type = declaration.type;
    this.classTable.set(type.qualifiedName, type);
    const source = declaration.source;
    if (!this.methodTable.has(type.qualifiedName)) this.methodTable.set(type.qualifiedName, /* @__PURE__ */ new Map());
    for (const stmt of declaration.def.body) {
      if (stmt.kind !== "FunctionDef") continue;
      this.defineFunction(`${type.qualifiedName}.${stmt.name}`, stmt, declaration.resolver, type, source);
    }
    return type;
  }
  /** Registers a type (NamedTuple, enum, interface or class) by qualified name without methods. */
  registerClass(type) {
    this.classTable.set(type.qualifiedName, type);
  }
  findFunction(qualifiedName) {
    return this.functionTable.get(qualifiedName);
  }
  findClass(qualifiedName) {
    return this.classTable.get(qualifiedName);
  }
  /**
   * The method `name` of a class. Reading any other member first compiles the class's
   * `__init__`, which declares the attributes of script classes (as PyTorch compiles `__init__`
   * first).
   */
  findMethod(classType, name) {
    const methods = this.methodTable.get(classType.qualifiedName);
    if (!methods) return void 0;
    if (name !== "__init__") {
      const init = methods.get("__init__");
      if (init && !init.isEmitted && !init.isBeingEmitted) init.ensureDefined();
    }
    return methods.get(name);
  }
  /** The methods of a class, in definition order. */
  methodsOf(classType) {
    return [...this.methodTable.get(classType.qualifiedName)?.values() ?? []];
  }
  get functions() {
    return [...this.functionTable.values()];
  }
  get classes() {
    return [...this.classTable.values()];
  }
  /** A function or class by qualified name, or by its last component when that is unique. */
  get(name) {
    const exact = this.functionTable.get(name) ?? this.classTable.get(name);
    if (exact) return exact;
    const matches = [];
    for (const fn of this.functionTable.values()) if (fn.name === name) matches.push(fn);
    for (const cls of this.classTable.values()) if (cls.name === name) matches.push(cls);
    return matches.length === 1 ? matches[0] : void 0;
  }
  /** Emits every function and method (each class's `__init__` first); the first error is thrown. */
  compileAll() {
    for (const [, methods] of this.methodTable) {
      methods.get("__init__")?.ensureDefined();
      for (const fn of methods.values()) fn.ensureDefined();
    }
    for (const fn of this.functionTable.values()) fn.ensureDefined();
  }
  functionSchema(fn, range, caller) {
    const script = fn;
    if (script.isBeingEmitted) {
      const what = script.selfType ? "method" : "function";
      return caller.error(range, ` ${what} '${script.name}' is called recursively. Recursive calls are not supported`);
    }
    return fn.schema();
  }
};
var ALLOWED_DECORATORS = /* @__PURE__ */ new Set([
  "torch.jit.script",
  "torch.jit.export",
  "torch.jit.unused",
  "torch.jit.ignore",
  "torch.jit.script_method",
  "jit.script",
  "staticmethod",
  "property"
]);
function decoratorName(expr) {
  const e = expr;
  if (e.kind === "Name") return e.id;
  if (e.kind === "Attribute") return `${decoratorName(e.value)}.${e.attr}`;
  if (e.kind === "Call") return decoratorName(e.func);
  return e.kind;
}
function qualify(prefix, name) {
  return prefix ? `${prefix}.${name}` : name;
}
var UnitResolver = class {
  constructor(unit, prefix, functions, classes, next) {
    this.unit = unit;
    this.prefix = prefix;
    this.functions = functions;
    this.classes = classes;
    this.next = next;
  }
  unit;
  prefix;
  functions;
  classes;
  next;
  resolveValue(name, ctx, range) {
    const fn = this.functions.get(name);
    if (fn) return new FunctionValue(fn);
    if (name === "__torch__" && this.prefix.startsWith("__torch__")) return new NamespaceValue(this.unit, "__torch__");
    return this.next?.resolveValue(name, ctx, range);
  }
  resolveType(name, range) {
    const local = this.classes.get(name);
    if (local) return local;
    if (name.includes(".")) {
      const found = this.unit.findClass(name);
      if (found) return found;
    }
    return this.next?.resolveType(name, range);
  }
};
var NamespaceValue = class _NamespaceValue {
  constructor(unit, qualifiedName) {
    this.unit = unit;
    this.qualifiedName = qualifiedName;
  }
  unit;
  qualifiedName;
  kind = "namespace";
  attr(_ctx, _range, name) {
    const qualified = `${this.qualifiedName}.${name}`;
    const fn = this.unit.findFunction(qualified);
    if (fn) return new FunctionValue(fn);
    const cls = this.unit.findClass(qualified);
    if (cls) return new ClassValue(cls);
    return new _NamespaceValue(this.unit, qualified);
  }
};

// test/support/emit-context.ts
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { Graph as Graph3, InternalError as InternalError2, parseSchema as parseSchema3 } from "@tsjit/ir";
var torchSchemas;
function torchSchemaList() {
  if (!torchSchemas) {
    const path = new URL("../fixtures/schemas-ordered-torch-1.13.txt.gz", import.meta.url);
    const text = gunzipSync(readFileSync(path)).toString("utf8");
    torchSchemas = text.split("\n").filter((line) => line.length > 0).map((line) => parseSchema3(line));
  }
  return torchSchemas;
}
var torchRegistry;
function torchRegistryForTests() {
  torchRegistry ??= new SchemaRegistry(torchSchemaList());
  return torchRegistry;
}

// ../../../../../tmp/scratch/s1.ts
var src = process.argv[2] ?? `
def f(x: int) -> int:
    if x > 0:
        return 1
    return 2

def g(n: int) -> int:
    s = 0
    for i in range(n):
        if i == 3:
            break
        if i == 5:
            continue
        s += i
    return s

def h(n: int) -> int:
    s = 0
    while s < n:
        s += 2
        if s == 7:
            return s
    return -1

def k(x: Optional[int]) -> int:
    if x is None:
        return 0
    return x + 1
`;
var cu = new CompilationUnit({ registry: torchRegistryForTests() });
var defs = cu.define(src, { prefix: "" });
for (const fn of defs.functions) {
  try {
    console.log(fn.schema().toString());
    console.log(fn.graph().toString());
  } catch (e) {
    console.log(String(e.stack ?? e));
  }
}

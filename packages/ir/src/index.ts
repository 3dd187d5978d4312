export { type ConstantFormatter, constantCode, constantValue, formatCodeFloat } from './code/code-constant.js';
export { type CodeFunction, CodePrinter, type CodePrinterOptions, type ModuleHooks } from './code/code-printer.js';
export { codeTypeString, namedTypeName, type TypePrinter } from './code/code-type-string.js';
export {
  type CodeResult,
  defaultSchemaFor,
  type PrintFunctionOptions,
  printClassCode,
  printFunctionCode,
} from './code/print-code.js';
export { PYTHON_KEYWORDS } from './code/python-identifier.js';
export { CodePrintError } from './errors/code-print-error.js';
export { InternalError, invariant } from './errors/internal-error.js';
export { IRParseError } from './errors/ir-parse-error.js';
export { JitError } from './errors/jit-error.js';
export { SchemaParseError } from './errors/schema-parse-error.js';
export type { AttributeKind, AttributeValue } from './graph/attribute-value.js';
export { Block } from './graph/block.js';
export { type ConstantInput, createConstant, typeOf } from './graph/create-constant.js';
export { Graph, type InsertPoint } from './graph/graph.js';
export { irTypeString } from './graph/ir-type-string.js';
export {
  type ComplexValue,
  complexValue,
  type DeviceValue,
  deviceValue,
  type EnumValue,
  enumValue,
  type IValue,
  ivalueKind,
  type TensorValue,
  type TupleValue,
  tensorValue,
  tupleValue,
} from './graph/ivalue.js';
export { lint } from './graph/lint.js';
export { type InlinedCall, Node, type SchemaLookup } from './graph/node.js';
export { parseIR } from './graph/parse-ir.js';
export {
  attributeValueString,
  formatIrFloat,
  ivalueString,
  type PrintOptions,
  printGraph,
  printNode,
} from './graph/print-graph.js';
export type { SourceRange } from './graph/source-range.js';
export { ParsedTensor, type TensorAttribute, tensorRepr } from './graph/tensor-attribute.js';
export { type Use, Value } from './graph/value.js';
export { AliasInfo } from './schema/alias-info.js';
export { Argument, type ArgumentOptions } from './schema/argument.js';
export {
  type DefaultValue,
  type FloatValue,
  floatValue,
  formatDefaultValue,
  formatFloat,
  type IntValue,
  intValue,
  quoteString,
} from './schema/default-value.js';
export { FunctionSchema, type FunctionSchemaOptions } from './schema/function-schema.js';
export { parseSchema } from './schema/parse-schema.js';
export { type ClassAttribute, type ClassAttributeKind, type ClassProperty, ClassType } from './types/class-type.js';
export { DictType } from './types/dict-type.js';
export { type EnumMember, type EnumOptions, EnumType } from './types/enum-type.js';
export { FunctionType } from './types/function-type.js';
export { FutureType } from './types/future-type.js';
export { type HasMethods, InterfaceType, isMethodSubtype } from './types/interface-type.js';
export { JitType, TYPE_KINDS, type TypeKind } from './types/jit-type.js';
export { ListType } from './types/list-type.js';
export { NamedTupleType } from './types/named-tuple-type.js';
export { OptionalType } from './types/optional-type.js';
export { RRefType } from './types/rref-type.js';
export {
  AnyClassType,
  AnyEnumType,
  AnyListType,
  AnyTupleType,
  AnyType,
  BoolType,
  CapsuleType,
  ComplexType,
  DeviceObjType,
  FloatType,
  GeneratorType,
  IntType,
  LayoutType,
  MemoryFormatType,
  NoneType,
  NumberType,
  QSchemeType,
  QuantizerType,
  ScalarTypeType,
  StorageType,
  StreamObjType,
  StringType,
  SymIntType,
} from './types/simple-types.js';
export {
  SCALAR_TYPE_NAMES,
  type ScalarTypeName,
  type TensorRefinement,
  TensorType,
} from './types/tensor-type.js';
export { type TupleOptions, TupleType } from './types/tuple-type.js';
export { VarType } from './types/type-variable.js';
export { UnionType } from './types/union-type.js';

import { BuiltinModuleValue } from '../emitter/builtins/builtin-modules.js';
import type { BuiltinHooks } from '../emitter/builtins/builtin-values.js';
import { ClassValue } from '../emitter/values/class-value.js';
import { EnumClassValue } from '../emitter/values/enum-class-value.js';
import { FunctionValue } from '../emitter/values/function-value.js';
import { NamedTupleConstructor } from '../emitter/values/named-tuple-constructor.js';
import { SimpleValue } from '../emitter/values/simple-value.js';
import { SpecialFormValue } from '../emitter/values/special-form-value.js';
import type { ImporterValues } from './source-importer.js';

const hooks: BuiltinHooks = { simple: (value) => new SimpleValue(value) };

/** The emitter's sugared values, for the names archive code uses. */
export const defaultImporterValues: ImporterValues = {
  builtinModule: (namespace) => new BuiltinModuleValue(namespace, hooks),
  specialForm: (symbol) => new SpecialFormValue(symbol),
  classValue: (type) => new ClassValue(type),
  namedTupleConstructor: (type) => new NamedTupleConstructor(type),
  enumClass: (type) => new EnumClassValue(type),
  functionValue: (fn) => new FunctionValue(fn),
  simpleValue: (value) => new SimpleValue(value),
};

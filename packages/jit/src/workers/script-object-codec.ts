import { ScriptObject } from '@tsjit/interpreter';
import type { ModuleUnit } from '../runtime/module-unit.js';
import type { ObjectCodec } from './value-codec.js';
import { ValueCodecError } from './value-codec-error.js';

/**
 * How the interpreter's objects cross threads: by the qualified name of their class and their
 * slots, rebuilt against the receiving thread's copy of the compilation unit (the same sources,
 * compiled there from the unit's recipe).
 */
export function scriptObjectCodec(unit: ModuleUnit): ObjectCodec<ScriptObject> {
  return {
    matches: (value): value is ScriptObject => value instanceof ScriptObject,
    qualifiedName: (object) => object.type.qualifiedName,
    attributes: (object) => object.type.attributes.map((a, i) => [a.name, object.slots[i] ?? null]),
    create: (className) => {
      const type = unit.classType(className);
      if (type === undefined) throw new ValueCodecError(`class ${className} is not defined on this thread`);
      return new ScriptObject(type);
    },
    setAttribute: (object, name, value) => object.setAttr(name, value),
  };
}

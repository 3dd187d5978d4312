import type { ClassType, FunctionSchema, Graph } from '@tsjit/ir';
import type { FunctionDef } from '../../src/ast.js';
import type { ClassDeclaration, Resolver, ScriptFunctionLike, SugaredValue } from '../../src/emitter/contracts.js';
import type { ImporterValues, ImportUnit } from '../../src/importer/source-importer.js';

/** A compilation unit that records what the importer defines, without compiling anything. */
export class RecordingUnit implements ImportUnit {
  readonly classes = new Map<string, ClassDeclaration>();
  readonly functions = new Map<string, { def: FunctionDef; resolver: Resolver; selfType?: ClassType }>();

  defineClass(declaration: ClassDeclaration): void {
    if (this.classes.has(declaration.type.qualifiedName))
      throw new Error(`class ${declaration.type.qualifiedName} defined twice`);
    this.classes.set(declaration.type.qualifiedName, declaration);
  }

  defineFunction(
    qualifiedName: string,
    def: FunctionDef,
    resolver: Resolver,
    selfType?: ClassType,
  ): ScriptFunctionLike {
    if (this.functions.has(qualifiedName)) throw new Error(`function ${qualifiedName} defined twice`);
    this.functions.set(qualifiedName, { def, resolver, selfType });
    return this.findFunction(qualifiedName) as ScriptFunctionLike;
  }

  findFunction(qualifiedName: string): ScriptFunctionLike | undefined {
    const f = this.functions.get(qualifiedName);
    if (!f) return undefined;
    return {
      qualifiedName,
      name: f.def.name,
      def: f.def,
      schema: (): FunctionSchema => {
        throw new Error('not compiled');
      },
      graph: (): Graph => {
        throw new Error('not compiled');
      },
    };
  }

  findClass(qualifiedName: string): ClassType | undefined {
    return this.classes.get(qualifiedName)?.type;
  }

  findMethod(): ScriptFunctionLike | undefined {
    return undefined;
  }
}

/** Sugared values that say what they stand for, for resolution tests. */
export const describingValues: ImporterValues = {
  builtinModule: (namespace) => ({ kind: `builtin module ${namespace}` }),
  specialForm: (symbol) => ({ kind: `special form ${symbol}` }),
  classValue: (type) => ({ kind: `class ${type.qualifiedName}` }) as SugaredValue,
  namedTupleConstructor: (type) => ({ kind: `NamedTuple ${type.qualifiedName}` }),
  enumClass: (type) => ({ kind: `enum ${type.qualifiedName}` }),
  functionValue: (fn) => ({ kind: `function ${fn.qualifiedName}` }),
  simpleValue: (value) => ({ kind: 'value', asValue: () => value }),
};

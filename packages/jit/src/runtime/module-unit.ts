import type { ClassType } from '@tsjit/ir';
import type { ObjectHost } from '../script-module.js';

/** How to build a unit again on another thread: from its source texts, or from an archive's bytes. */
export type UnitRecipe =
  | {
      readonly kind: 'source';
      readonly options: { readonly file?: string; readonly prefix?: string };
      readonly sources: readonly { readonly source: string; readonly file?: string; readonly prefix?: string }[];
    }
  | {
      readonly kind: 'archive';
      /** The archive (on a SharedArrayBuffer, so that every worker reads one copy). */
      readonly bytes: Uint8Array;
    };

/**
 * What a module's classes were compiled into: a CompilationUnit from source, or a loaded
 * archive's code. Worker threads rebuild it from its recipe and look classes up by name there.
 */
export interface ModuleUnit {
  readonly recipe: UnitRecipe;
  /** The class type called `qualifiedName` (compiling it on demand), or undefined. */
  classType(qualifiedName: string): ClassType | undefined;
  readonly host: ObjectHost;
}

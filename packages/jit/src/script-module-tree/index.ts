export { pytorchModulePath } from './pytorch-module-paths.js';
export { type ScriptModuleTreeOptions, scriptModuleTree } from './script-module-tree.js';
export { inferAttributeType, ModuleScript, torchscript } from './torchscript.js';

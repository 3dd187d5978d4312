export { archiveNameOf } from './archive-name.js';
export { getParameterFlag, setParameterFlag } from './parameter-flags.js';
export { isPlainDict, markPlainDict } from './plain-dicts.js';
export { type TorchLoadOptions, torchLoad } from './torch-load.js';
export { type TorchSaveOptions, torchSave } from './torch-save.js';

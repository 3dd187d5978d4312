import type { ClassType } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';

/**
 * An object of a TorchScript class or module (PyTorch's `ivalue::Object`): its class type and one
 * slot per attribute of the type, in the type's attribute order. Slots start as None.
 */
export class ScriptObject {
  readonly type: ClassType;
  readonly slots: unknown[];

  constructor(type: ClassType, slots?: readonly unknown[]) {
    this.type = type;
    const n = type.attributes.length;
    this.slots = slots ? [...slots] : new Array(n).fill(null);
  }

  /** The value of attribute `name`; an error names the class when it has no such attribute. */
  getAttr(name: string): unknown {
    return this.slots[this.#slot(name)];
  }

  setAttr(name: string, value: unknown): void {
    this.slots[this.#slot(name)] = value;
  }

  hasAttr(name: string): boolean {
    return this.type.findAttributeSlot(name) !== undefined;
  }

  #slot(name: string): number {
    const slot = this.type.findAttributeSlot(name);
    if (slot === undefined) {
      throw new OpError(`'${this.type.qualifiedName}' object has no attribute or method '${name}'`, 'RuntimeError');
    }
    // A type may gain attributes after objects were made (attributes set while building a module).
    while (this.slots.length <= slot) this.slots.push(null);
    return slot;
  }

  toString(): string {
    return `<${this.type.qualifiedName} object>`;
  }
}

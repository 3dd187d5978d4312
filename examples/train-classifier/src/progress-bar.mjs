/**
 * A one-line progress bar on stderr: `mlp  epoch 3/8 [########------------] 40% loss 0.4123 acc 91.2%`.
 * On a terminal the line is redrawn in place; elsewhere (a log, CI) one line is written per epoch.
 */
export class ProgressBar {
  /**
   * @param {string} label
   * @param {{ stream?: NodeJS.WriteStream, width?: number, silent?: boolean }} [options]
   */
  constructor(label, options = {}) {
    this.label = label;
    this.stream = options.stream ?? process.stderr;
    this.width = options.width ?? 24;
    this.silent = options.silent ?? false;
    this.interactive = Boolean(this.stream.isTTY);
  }

  /**
   * @param {{ epoch: number, epochs: number, done: number, total: number, loss: number, accuracy: number }} state
   */
  update({ epoch, epochs, done, total, loss, accuracy }) {
    if (this.silent) return;
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * this.width);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}`;
    const line =
      `${this.label} epoch ${epoch}/${epochs} [${bar}] ${String(Math.round(fraction * 100)).padStart(3)}%` +
      ` loss ${loss.toFixed(4)} acc ${(accuracy * 100).toFixed(1)}%`;
    if (this.interactive) this.stream.write(`\r${line}\x1b[K`);
    else if (done === total) this.stream.write(`${line}\n`);
  }

  /** Ends the line (on a terminal). */
  done() {
    if (!this.silent && this.interactive) this.stream.write('\n');
  }
}

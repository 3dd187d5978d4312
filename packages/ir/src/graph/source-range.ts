/** Where a node came from, printed as `# file:line:col` (1-based line, 0-based column, as PyTorch prints). */
export interface SourceRange {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

// Cedar reports UTF-8 byte offsets; editors and users want lines and columns. These convert between the two.

/** Converts a UTF-8 byte offset in `text` to a 1-based line and column (column counts UTF-16 code units). */
export function byteOffsetToLineColumn(text: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(text, 'utf8').subarray(0, Math.max(0, byteOffset)).toString('utf8');
  return charOffsetToLineColumn(before, before.length);
}

/** Converts a UTF-16 offset in `text` to a 1-based line and column. */
export function charOffsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  const line = before.split('\n').length;
  return { line, column: offset - lastBreak };
}

// Cedar reports UTF-8 byte offsets; editors and users want lines and columns. These convert between the two. A line
// ends at a line feed, a carriage return and line feed, or a lone carriage return, as in editors (and as a Cedar
// comment ends).

/** Converts a UTF-8 byte offset in `text` to a 1-based line and column (column counts UTF-16 code units). */
export function byteOffsetToLineColumn(text: string, byteOffset: number): { line: number; column: number } {
  const before = Buffer.from(text, 'utf8').subarray(0, Math.max(0, byteOffset)).toString('utf8');
  return charOffsetToLineColumn(before, before.length);
}

/** Converts a UTF-16 offset in `text` to a 1-based line and column. */
export function charOffsetToLineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

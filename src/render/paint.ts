// Colour for the terminal renderers: ANSI styles when the caller says to colour (NO_COLOR, a TTY), plain text
// otherwise, so every line reads the same without colour.

const STYLES = { bold: '1', red: '31', green: '32', yellow: '33', cyan: '36', boldRed: '1;31' } as const;

export type Style = keyof typeof STYLES;
export type Paint = (style: Style, text: string) => string;

export function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${STYLES[style]}m${text}\u001b[0m` : (_, text) => text;
}

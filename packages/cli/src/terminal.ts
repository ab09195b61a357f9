/**
 * Text from elsewhere (titles, comments, names, URLs, server messages) must not drive the terminal: C0 and C1
 * controls (ESC starts "clear screen", "set title", hyperlinks…), DEL, and the bidi controls that reorder what is
 * shown ("Trojan Source") are printed as visible escapes (`\x1b`, `\u202e`). JSON output does not go through here.
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

const visible = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** Safe to print on one line (a table cell, a title): every control is escaped, newlines and tabs too. */
export function oneLine(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Safe to print as lines of text: controls are escaped, newlines kept. */
export function safeText(text: string): string {
  return text.replace(UNSAFE, (char) => (char === "\n" ? char : visible(char)));
}

/** Writes human-readable output (never JSON) to stdout, one line, made safe. */
export function say(text: string): void {
  process.stdout.write(`${safeText(text)}\n`);
}

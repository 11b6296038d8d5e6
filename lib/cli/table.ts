/**
 * Plain-text tables for a terminal: columns padded to their widest cell, counting the wide
 * (CJK) characters of Chinese names and messages as two columns, as terminals draw them.
 */

/** Wide and fullwidth ranges of Unicode East Asian Width (W, F) that filings contain. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;

export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

export type Cell = string | number | boolean | null | undefined;

const cellText = (cell: Cell): string => (cell === null || cell === undefined || cell === '' ? '-' : String(cell));

/** A header row and one row per item, columns two spaces apart; `(none)` for no rows. */
export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  if (rows.length === 0) return '(none)\n';
  const texts = rows.map((row) => row.map(cellText));
  const widths = headers.map((header, index) => Math.max(displayWidth(header), ...texts.map((row) => displayWidth(row[index] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) => (index === cells.length - 1 ? cell : pad(cell, widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(headers), ...texts.map(line)].join('\n')}\n`;
}

/** `name  value` lines, names aligned, for one object. */
export function renderFields(fields: readonly (readonly [string, Cell])[]): string {
  const width = Math.max(0, ...fields.map(([name]) => displayWidth(name)));
  return `${fields.map(([name, value]) => `${pad(name, width)}  ${cellText(value)}`).join('\n')}\n`;
}

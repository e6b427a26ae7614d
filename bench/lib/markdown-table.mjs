/**
 * A GitHub Markdown table. `columns` are `{ title, align }` (`align` 'left' | 'right');
 * cells are stringified and pipes escaped so a value can never break the row.
 */
export function markdownTable(columns, rows) {
  const cell = (value) => String(value ?? '').replaceAll('|', '\\|');
  const header = `| ${columns.map((column) => cell(column.title)).join(' | ')} |`;
  const rule = `| ${columns.map((column) => (column.align === 'right' ? '---:' : '---')).join(' | ')} |`;
  const body = rows.map((row) => `| ${columns.map((_, index) => cell(row[index])).join(' | ')} |`);
  return [header, rule, ...body].join('\n');
}

/** Fixed-precision number for tables; '–' for a value that was not measured. */
export function formatNumber(value, digits = 2) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '–';
}

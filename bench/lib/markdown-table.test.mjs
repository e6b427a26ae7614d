import { describe, expect, it } from 'vitest';
import { formatNumber, markdownTable } from './markdown-table.mjs';

describe('markdownTable', () => {
  it('renders header, alignment rule and rows', () => {
    const table = markdownTable([{ title: 'a' }, { title: 'b', align: 'right' }], [['x', 1], ['y', 2]]);
    expect(table.split('\n')).toEqual(['| a | b |', '| --- | ---: |', '| x | 1 |', '| y | 2 |']);
  });

  it('escapes pipes so a cell cannot split a row', () => {
    const table = markdownTable([{ title: 'a' }], [['x|y']]);
    expect(table.split('\n')[2]).toBe('| x\\|y |');
  });

  it('fills missing cells with empty strings', () => {
    expect(markdownTable([{ title: 'a' }, { title: 'b' }], [['only']]).split('\n')[2]).toBe('| only |  |');
  });
});

describe('formatNumber', () => {
  it('fixes the precision and marks unmeasured values', () => {
    expect(formatNumber(1.23456, 3)).toBe('1.235');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
  });
});

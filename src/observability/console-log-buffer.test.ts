import { describe, expect, it } from 'vitest';
import { createConsoleLogBuffer } from './console-log-buffer.js';

const line = (time: number, level: number, msg: string) => JSON.stringify({ level, time, msg }) + '\n';

describe('console log buffer', () => {
  it('keeps the newest lines in order and filters by level, text, time and limit', () => {
    const buffer = createConsoleLogBuffer(3);
    buffer.push(line(1, 30, 'started'));
    buffer.push(line(2, 50, 'upstream failed'));
    buffer.push(line(3, 40, 'slow provider'));
    buffer.push(line(4, 30, 'request done'));
    expect(buffer.size()).toBe(3);
    expect(buffer.query().map((l) => l.msg)).toEqual(['upstream failed', 'slow provider', 'request done']);
    expect(buffer.query({ level: 40 }).map((l) => l.levelName)).toEqual(['error', 'warn']);
    expect(buffer.query({ q: 'PROVIDER' }).map((l) => l.time)).toEqual([3]);
    expect(buffer.query({ since: 3 }).map((l) => l.time)).toEqual([3, 4]);
    expect(buffer.query({ limit: 1 }).map((l) => l.msg)).toEqual(['request done']);
  });

  it('accepts writes through its stream and keeps non-JSON text', async () => {
    const buffer = createConsoleLogBuffer(10);
    await new Promise<void>((resolve) => buffer.stream.write('plain text\n', () => resolve()));
    expect(buffer.query()[0]).toMatchObject({ msg: 'plain text', level: 30 });
  });
});

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleLogBuffer } from './console-log-buffer.js';
import { createGatewayLogger, LOG_FILE_NAME } from './create-logger.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    }),
    text: () => chunks.join(''),
  };
}

describe('gateway logger', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes the same redacted JSON line to stdout, the log file and the console buffer', async () => {
    dir = await mkdtemp(join(tmpdir(), 'omniroute-logs-'));
    const stdout = sink();
    const buffer = createConsoleLogBuffer(100);
    const { logger, close } = createGatewayLogger({ level: 'info', stdout: stdout.stream, buffer, file: { directory: dir, maxSize: '10M', daily: false, maxFiles: 3 } });
    logger.info({ apiKey: 'sk-secret' }, 'hello file');
    logger.debug('not at this level');
    await close();
    const fileText = await readFile(join(dir, LOG_FILE_NAME), 'utf8');
    expect(JSON.parse(fileText.trim())).toMatchObject({ msg: 'hello file', apiKey: '[redacted]', level: 30 });
    expect(stdout.text()).toBe(fileText);
    expect(buffer.query().map((l) => l.msg)).toEqual(['hello file']);
  });

  it('rotates by size and keeps at most maxFiles rotated files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'omniroute-logs-'));
    const { logger, close } = createGatewayLogger({ level: 'info', stdout: sink().stream, file: { directory: dir, maxSize: '1K', daily: false, maxFiles: 2 } });
    for (let i = 0; i < 200; i += 1) {
      logger.info({ i, padding: 'x'.repeat(100) }, 'line');
      // Let the stream rotate between bursts, as it would under real traffic.
      if (i % 20 === 19) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await close();
    const files = await readdir(dir);
    const rotated = files.filter((f) => f !== LOG_FILE_NAME && f.endsWith(LOG_FILE_NAME));
    expect(files).toContain(LOG_FILE_NAME);
    expect(rotated.length).toBeGreaterThan(0);
    expect(rotated.length).toBeLessThanOrEqual(2);
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('central log redaction', () => {
  it('never writes cookies, session ids, CSRF tokens or passwords', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: { headers: { cookie: 'omniroute_session=SESSION-SECRET', authorization: 'Bearer KEY-SECRET', 'x-csrf-token': 'CSRF-SECRET' } },
        res: { headers: { 'set-cookie': 'omniroute_session=SET-SECRET' } },
        body: { password: 'PW-SECRET', currentPassword: 'CUR-SECRET', newPassword: 'NEW-SECRET' },
        session: { sessionId: 'SID-SECRET', csrfToken: 'TOKEN-SECRET' },
        password: 'TOP-SECRET',
      },
      'login',
    );
    const out = lines.join('');
    expect(out).toContain('[redacted]');
    expect(out).not.toMatch(/SECRET/);
  });
});

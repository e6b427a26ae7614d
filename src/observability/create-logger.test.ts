import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './create-logger.js';

function capture(): { stream: Writable; text(): string } {
  let out = '';
  return {
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    }),
    text: () => out,
  };
}

describe('log redaction', () => {
  it('never writes API keys, in any of the places a request carries them', () => {
    const sink = capture();
    const logger = createLogger('info', sink.stream);
    const secrets = ['omr_SECRET_BEARER', 'omr_SECRET_XAPI', 'omr_SECRET_GOOG', 'omr_SECRET_QUERY', 'omr_SECRET_URL', 'omr_SECRET_COOKIE', 'sk-SECRET-PROVIDER', 'omr_SECRET_KEYFIELD'];
    logger.info({ req: { url: '/v1beta/models/x:generateContent?alt=sse&key=omr_SECRET_URL', headers: { authorization: 'Bearer omr_SECRET_BEARER', 'x-api-key': 'omr_SECRET_XAPI', 'x-goog-api-key': 'omr_SECRET_GOOG', cookie: 'sid=omr_SECRET_COOKIE' }, query: { key: 'omr_SECRET_QUERY' } } }, 'request');
    logger.info({ upstream: { headers: { authorization: 'Bearer sk-SECRET-PROVIDER' } }, created: { key: 'omr_SECRET_KEYFIELD' } }, 'nested');
    const text = sink.text();
    expect(text).toContain('[redacted]');
    expect(text).toContain('alt=sse');
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it('never writes cookies, session ids, CSRF tokens or passwords', () => {
    const sink = capture();
    const logger = createLogger('info', sink.stream);
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
    const text = sink.text();
    expect(text).toContain('[redacted]');
    expect(text).not.toMatch(/SECRET/);
  });
});

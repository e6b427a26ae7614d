import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLog } from '../usage/test-support/make-log.js';
import { loadRequestTracer } from './request-tracer.js';

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };
}
interface OtlpSpan {
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes: OtlpAttribute[];
  status?: { code?: number };
}

/** A minimal OTLP/HTTP JSON receiver on loopback. */
async function startReceiver(): Promise<{ url: string; spans: OtlpSpan[]; server: Server }> {
  const spans: OtlpSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: OtlpSpan[] }> }> };
      for (const rs of body.resourceSpans) for (const ss of rs.scopeSpans) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`, spans, server };
}

function attr(span: OtlpSpan, key: string): unknown {
  const value = span.attributes.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  return value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : undefined) ?? value.boolValue ?? value.doubleValue;
}

describe('request tracer (OTLP/HTTP)', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
  });

  it('exports one span per request with the GenAI attributes and the recorded times', async () => {
    const receiver = await startReceiver();
    server = receiver.server;
    const loaded = await loadRequestTracer({ url: receiver.url, version: '9.9.9' });
    if ('error' in loaded) throw new Error(loaded.error);
    const row = makeLog(1, { createdAt: 1_760_000_000_000, latencyMs: 1234, modelRequested: 'fast', modelUsed: 'gpt-5', inputTokens: 11, outputTokens: 7 });
    loaded.tracer.record(row);
    loaded.tracer.record(makeLog(2, { status: 502, errorClass: 'upstream_error' }));
    await loaded.tracer.close();

    expect(receiver.spans).toHaveLength(2);
    const span = receiver.spans.find((s) => attr(s, 'omniroute.request.id') === row.id)!;
    expect(span.name).toBe('chat gpt-5');
    expect(span.kind).toBe(3); // OTLP enum: SPAN_KIND_CLIENT
    expect(attr(span, 'gen_ai.system')).toBe('openai');
    expect(attr(span, 'gen_ai.operation.name')).toBe('chat');
    expect(attr(span, 'gen_ai.request.model')).toBe('fast');
    expect(attr(span, 'gen_ai.response.model')).toBe('gpt-5');
    expect(attr(span, 'gen_ai.usage.input_tokens')).toBe(11);
    expect(attr(span, 'gen_ai.usage.output_tokens')).toBe(7);
    expect(BigInt(span.endTimeUnixNano) - BigInt(span.startTimeUnixNano)).toBe(1_234_000_000n);
    expect(BigInt(span.startTimeUnixNano)).toBe(1_760_000_000_000n * 1_000_000n);
    const failed = receiver.spans.find((s) => s !== span)!;
    expect(failed.status?.code).toBe(2);
    expect(attr(failed, 'error.type')).toBe('upstream_error');
  });
});

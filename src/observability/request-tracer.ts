import type { RequestLogRow } from '../store/repositories/request-log-repository.js';

export interface RequestTracer {
  /** One span per request, from its recorded row (start and end are known by then). */
  record(row: RequestLogRow): void;
  /** Export what is buffered, then stop. */
  close(): Promise<void>;
}

// OTel enum values, inlined so this module needs no OTel import until tracing is switched on.
const SPAN_KIND_CLIENT = 2;
const STATUS_ERROR = 2;

/** GenAI semantic conventions: what kind of call the client made. */
function operationOf(endpoint: string): string {
  if (endpoint.includes('embed')) return 'embeddings';
  if (endpoint.endsWith('/completions') && !endpoint.includes('chat')) return 'text_completion';
  return 'chat';
}

export function spanAttributes(row: RequestLogRow): Record<string, string | number | boolean> {
  const attributes: Record<string, string | number | boolean> = {
    'gen_ai.operation.name': operationOf(row.endpoint),
    'gen_ai.request.model': row.modelRequested,
    'http.response.status_code': row.status,
    'omniroute.request.id': row.id,
    ...(row.clientRequestId === null ? {} : { 'omniroute.client_request.id': row.clientRequestId }),
    'omniroute.client_format': row.clientFormat,
    'omniroute.stream': row.stream,
    'omniroute.attempts': row.attempts,
  };
  if (row.provider) {
    attributes['gen_ai.system'] = row.provider;
    attributes['gen_ai.provider.name'] = row.provider;
  }
  if (row.modelUsed) attributes['gen_ai.response.model'] = row.modelUsed;
  if (row.inputTokens !== null) attributes['gen_ai.usage.input_tokens'] = row.inputTokens;
  if (row.outputTokens !== null) attributes['gen_ai.usage.output_tokens'] = row.outputTokens;
  if (row.cachedTokens !== null) attributes['gen_ai.usage.cache_read.input_tokens'] = row.cachedTokens;
  if (row.cacheWriteTokens !== null) attributes['gen_ai.usage.cache_creation.input_tokens'] = row.cacheWriteTokens;
  if (row.ttfbMs !== null) attributes['omniroute.ttfb_ms'] = row.ttfbMs;
  if (row.costUsd !== null) attributes['omniroute.cost_usd'] = row.costUsd;
  if (row.combo) attributes['omniroute.combo'] = row.combo;
  if (row.errorClass ?? row.errorCode) attributes['error.type'] = (row.errorClass ?? row.errorCode)!;
  return attributes;
}

/**
 * Loads the OpenTelemetry SDK only when an OTLP endpoint is configured (called once at boot): the
 * packages are optional dependencies and cost memory a gateway without tracing should not pay.
 * Returns undefined, with the reason, when they are not installed.
 */
export async function loadRequestTracer(options: { url: string; version: string }): Promise<{ tracer: RequestTracer } | { error: string }> {
  let modules;
  try {
    modules = await Promise.all([import('@opentelemetry/sdk-trace-base'), import('@opentelemetry/exporter-trace-otlp-http'), import('@opentelemetry/resources')]);
  } catch (error) {
    return { error: `OpenTelemetry packages are not installed (${(error as Error).message}); run npm install @opentelemetry/sdk-trace-base @opentelemetry/exporter-trace-otlp-http @opentelemetry/resources` };
  }
  const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }] = modules;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'omniroute', 'service.version': options.version }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: options.url }))],
  });
  const tracer = provider.getTracer('omniroute', options.version);
  return {
    tracer: {
      record(row) {
        const name = `${operationOf(row.endpoint)} ${row.modelUsed ?? row.modelRequested}`;
        const span = tracer.startSpan(name, { kind: SPAN_KIND_CLIENT, startTime: row.createdAt, attributes: spanAttributes(row) });
        if (row.status >= 400) span.setStatus({ code: STATUS_ERROR, message: row.errorMessage ?? row.errorCode ?? String(row.status) });
        span.end(row.createdAt + row.latencyMs);
      },
      async close() {
        await provider.forceFlush();
        await provider.shutdown();
      },
    },
  };
}

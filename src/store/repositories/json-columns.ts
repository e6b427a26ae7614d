import { z } from 'zod';
import { connectionQuotaSchema, type ConnectionQuota } from '../../config/config-file-schema.js';
import { StoreError } from '../store-error.js';

const headersSchema = z.record(z.string(), z.string());
const modelsSchema = z.array(z.string());
const attemptsSchema = z.array(
  z.object({
    provider: z.string(),
    model: z.string(),
    connectionId: z.string().nullable(),
    status: z.number(),
    errorCode: z.string().nullable(),
    latencyMs: z.number(),
  }),
);

/** JSON read back from the database is a boundary too: a hand-edited row must fail loudly. */
export function parseJsonColumn<T>(text: string, schema: z.ZodType<T>, where: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StoreError('invalid_value', `${where} is not valid JSON`, { cause: error });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new StoreError('invalid_value', `${where} has the wrong shape: ${result.error.message}`);
  }
  return result.data;
}

export function parseHeadersJson(text: string, where: string): Record<string, string> {
  return parseJsonColumn(text, headersSchema, where);
}

export function parseModelsJson(text: string, where: string): string[] {
  return parseJsonColumn(text, modelsSchema, where);
}

export function parseAttemptsJson(text: string, where: string): z.infer<typeof attemptsSchema> {
  return parseJsonColumn(text, attemptsSchema, where);
}

export function parseQuotaJson(text: string, where: string): ConnectionQuota {
  return parseJsonColumn(text, connectionQuotaSchema, where);
}

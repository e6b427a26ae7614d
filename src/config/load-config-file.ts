import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configFileSchema, type ConfigFile } from './config-file-schema.js';
import { formatZodIssues } from './format-zod-issues.js';

export class ConfigFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid config file ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigFileError';
  }
}

const ENV_REF = /\$\{([A-Z_][A-Z0-9_]*)\}/gi;

/**
 * `${NAME}` in any string value is replaced by the environment variable, so secrets can stay out
 * of the file. A missing variable is an error naming the field, not an empty key sent upstream.
 */
function interpolateEnv(value: unknown, env: NodeJS.ProcessEnv, path: string, problems: string[]): unknown {
  if (typeof value === 'string') {
    return value.replace(ENV_REF, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) {
        problems.push(`${path}: environment variable ${name} is not set`);
        return '';
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => interpolateEnv(item, env, `${path}[${i}]`, problems));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = interpolateEnv(item, env, path ? `${path}.${key}` : key, problems);
    return out;
  }
  return value;
}

export function parseConfigText(text: string, file: string, env: NodeJS.ProcessEnv = process.env): ConfigFile {
  let raw: unknown;
  try {
    raw = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigFileError(file, [`cannot parse: ${(error as Error).message}`]);
  }
  if (raw === null || raw === undefined) return {};
  const problems: string[] = [];
  const interpolated = interpolateEnv(raw, env, '', problems);
  if (problems.length > 0) throw new ConfigFileError(file, problems);
  const result = configFileSchema.safeParse(interpolated);
  if (!result.success) throw new ConfigFileError(file, formatZodIssues(result.error));
  return checkCrossReferences(result.data, file);
}

function checkCrossReferences(config: ConfigFile, file: string): ConfigFile {
  const problems: string[] = [];
  const seenProviders = new Set<string>();
  config.providers?.forEach((provider, i) => {
    if (seenProviders.has(provider.id)) problems.push(`providers[${i}].id: duplicate provider id "${provider.id}"`);
    seenProviders.add(provider.id);
  });
  const seenConnections = new Set<string>();
  config.connections?.forEach((connection, i) => {
    const key = `${connection.provider}\u0000${connection.name}`;
    if (seenConnections.has(key)) problems.push(`connections[${i}].name: duplicate connection "${connection.name}" for provider "${connection.provider}"`);
    seenConnections.add(key);
  });
  if (problems.length > 0) throw new ConfigFileError(file, problems);
  return config;
}

export async function loadConfigFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigFileError(file, [`cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`]);
  }
  return parseConfigText(text, file, env);
}

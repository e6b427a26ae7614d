import type { CanonicalTool, CanonicalToolChoice } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { expectObject, expectString, isObject, optionalBoolean, optionalString } from '../../json-guards.js';

export interface DecodedTools {
  tools: CanonicalTool[];
  /** Built-in tools (web_search, file_search, mcp, custom…): Responses-only, kept as given. */
  builtin: unknown[];
}

export function decodeTools(value: unknown, path: string): DecodedTools {
  const result: DecodedTools = { tools: [], builtin: [] };
  if (value === undefined || value === null) return result;
  if (!Array.isArray(value)) throw new TranslationError(`${path} must be an array`, path);
  value.forEach((raw, i) => {
    const toolPath = `${path}[${i}]`;
    const tool = expectObject(raw, toolPath);
    if (tool.type !== 'function') {
      result.builtin.push(tool);
      return;
    }
    // Responses puts name/parameters at the top level; tolerate clients that nest chat-style.
    const fn = isObject(tool.function) ? tool.function : tool;
    const fnPath = fn === tool ? toolPath : `${toolPath}.function`;
    const parameters = fn.parameters ?? { type: 'object', properties: {} };
    const canonical: CanonicalTool = {
      name: expectString(fn.name, `${fnPath}.name`),
      parameters: expectObject(parameters, `${fnPath}.parameters`),
    };
    const description = optionalString(fn.description, `${fnPath}.description`);
    if (description !== undefined) canonical.description = description;
    const strict = optionalBoolean(fn.strict, `${fnPath}.strict`);
    if (strict !== undefined) canonical.strict = strict;
    result.tools.push(canonical);
  });
  return result;
}

/** Returns `undefined` for choices with no canonical form (allowed_tools, built-in, mcp, custom). */
export function decodeToolChoice(value: unknown, path: string): CanonicalToolChoice | undefined {
  if (value === 'auto' || value === 'none' || value === 'required') return value;
  if (isObject(value) && value.type === 'function') {
    return { name: expectString(value.name, `${path}.name`) };
  }
  if (typeof value === 'string') throw new TranslationError(`${path} must be auto, none, required or an object`, path);
  return undefined;
}

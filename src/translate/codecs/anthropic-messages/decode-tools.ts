import type { CanonicalTool, CanonicalToolChoice } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import {
  expectArray,
  expectObject,
  expectString,
  optionalBoolean,
  optionalString,
  type JsonObject,
} from '../../json-guards.js';

export interface DecodedTools {
  tools: CanonicalTool[];
  /** Server tools (`web_search_20250305`, `bash_…`, …): kept for a same-format encode only. */
  serverTools: JsonObject[];
}

/** A tool is a client ("custom") tool when it has no `type`, or `type: "custom"`. */
export function isCustomTool(tool: JsonObject): boolean {
  return tool.type === undefined || tool.type === null || tool.type === 'custom';
}

export function decodeTools(value: unknown, path: string): DecodedTools {
  const items = expectArray(value, path);
  const tools: CanonicalTool[] = [];
  const serverTools: JsonObject[] = [];
  items.forEach((item, i) => {
    const toolPath = `${path}[${i}]`;
    const tool = expectObject(item, toolPath);
    if (!isCustomTool(tool)) {
      serverTools.push(tool);
      return;
    }
    const decoded: CanonicalTool = {
      name: expectString(tool.name, `${toolPath}.name`),
      parameters: expectObject(tool.input_schema, `${toolPath}.input_schema`),
    };
    const description = optionalString(tool.description, `${toolPath}.description`);
    if (description !== undefined) decoded.description = description;
    const strict = optionalBoolean(tool.strict, `${toolPath}.strict`);
    if (strict !== undefined) decoded.strict = strict;
    tools.push(decoded);
  });
  return { tools, serverTools };
}

export interface DecodedToolChoice {
  toolChoice: CanonicalToolChoice;
  parallelToolCalls?: boolean;
}

export function decodeToolChoice(value: unknown, path: string): DecodedToolChoice | undefined {
  if (value === undefined || value === null) return undefined;
  const choice = expectObject(value, path);
  const type = expectString(choice.type, `${path}.type`);
  let toolChoice: CanonicalToolChoice;
  if (type === 'auto') toolChoice = 'auto';
  else if (type === 'any') toolChoice = 'required';
  else if (type === 'none') toolChoice = 'none';
  else if (type === 'tool') toolChoice = { name: expectString(choice.name, `${path}.name`) };
  else throw new TranslationError(`${path}.type '${type}' is not a tool choice`, `${path}.type`);
  const decoded: DecodedToolChoice = { toolChoice };
  const disableParallel = optionalBoolean(choice.disable_parallel_tool_use, `${path}.disable_parallel_tool_use`);
  if (disableParallel !== undefined) decoded.parallelToolCalls = !disableParallel;
  return decoded;
}

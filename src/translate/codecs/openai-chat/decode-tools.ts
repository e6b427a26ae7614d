import type { CanonicalTool, CanonicalToolChoice } from '../../canonical/index.js';
import { TranslationError } from '../../translation-error.js';
import { expectArray, expectObject, expectString, isObject, joinPath, optionalBoolean, optionalString } from '../../json-guards.js';

/** `tools` (and the legacy `functions`) → canonical tools. */
export function decodeTools(tools: unknown, functions: unknown): CanonicalTool[] | undefined {
  const decoded: CanonicalTool[] = [];
  if (tools !== undefined && tools !== null) {
    expectArray(tools, 'tools').forEach((item, index) => {
      const path = joinPath('tools', index);
      const tool = expectObject(item, path);
      if (tool.type !== 'function') {
        throw new TranslationError(`${path}.type ${JSON.stringify(tool.type)} is not supported`, joinPath(path, 'type'));
      }
      decoded.push(decodeFunction(tool.function, joinPath(path, 'function')));
    });
  }
  if (functions !== undefined && functions !== null) {
    expectArray(functions, 'functions').forEach((item, index) => {
      decoded.push(decodeFunction(item, joinPath('functions', index)));
    });
  }
  // An empty list means "no tools"; OpenAI rejects `tools: []` upstream, so it is not kept.
  return decoded.length > 0 ? decoded : undefined;
}

function decodeFunction(raw: unknown, path: string): CanonicalTool {
  const fn = expectObject(raw, path);
  const tool: CanonicalTool = {
    name: expectString(fn.name, joinPath(path, 'name')),
    // OpenAI allows omitting `parameters` for a function without arguments.
    parameters:
      fn.parameters === undefined || fn.parameters === null
        ? { type: 'object', properties: {} }
        : expectObject(fn.parameters, joinPath(path, 'parameters')),
  };
  const description = optionalString(fn.description, joinPath(path, 'description'));
  if (description !== undefined) tool.description = description;
  const strict = optionalBoolean(fn.strict, joinPath(path, 'strict'));
  if (strict !== undefined) tool.strict = strict;
  return tool;
}

/** `tool_choice` (and the legacy `function_call`) → canonical choice. */
export function decodeToolChoice(toolChoice: unknown, functionCall: unknown): CanonicalToolChoice | undefined {
  if (toolChoice !== undefined && toolChoice !== null) return decodeChoice(toolChoice, 'tool_choice');
  if (functionCall !== undefined && functionCall !== null) return decodeChoice(functionCall, 'function_call');
  return undefined;
}

function decodeChoice(raw: unknown, path: string): CanonicalToolChoice {
  if (raw === 'auto' || raw === 'none' || raw === 'required') return raw;
  if (isObject(raw)) {
    // {type:"function",function:{name}} for tool_choice, {name} for the legacy function_call.
    const target = isObject(raw.function) ? raw.function : raw;
    const namePath = target === raw ? joinPath(path, 'name') : joinPath(path, 'function.name');
    if (raw.type === undefined || raw.type === 'function') return { name: expectString(target.name, namePath) };
  }
  throw new TranslationError(`${path} ${JSON.stringify(raw)} is not supported`, path);
}

import type {
  FilePart,
  ImagePart,
  ImageSource,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '../../canonical/index.js';
import { ANTHROPIC_FORMAT } from './format.js';
import { isObject, type JsonObject } from '../../json-guards.js';

/** Citation types Anthropic defines; other formats' annotations are not forwarded. */
const ANTHROPIC_CITATION_TYPES = new Set([
  'char_location',
  'page_location',
  'content_block_location',
  'search_result_location',
  'web_search_result_location',
]);

/** Only citations in Anthropic's own shape; another format's annotations would be rejected. */
export function anthropicCitations(citations: unknown[] | undefined): JsonObject[] {
  if (citations === undefined) return [];
  return citations.filter(
    (citation): citation is JsonObject =>
      isObject(citation) && typeof citation.type === 'string' && ANTHROPIC_CITATION_TYPES.has(citation.type),
  );
}

export function encodeTextBlock(part: TextPart): JsonObject {
  const block: JsonObject = { type: 'text', text: part.text };
  if (isObject(part.cacheControl)) block.cache_control = part.cacheControl;
  const citations = anthropicCitations(part.citations);
  if (citations.length > 0) block.citations = citations;
  return block;
}

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function encodeSource(source: ImageSource): JsonObject {
  if (source.kind === 'base64') return { type: 'base64', media_type: source.mediaType, data: source.data };
  // Some formats carry inline images as data: URLs; Anthropic's url source only fetches http(s).
  const match = DATA_URL.exec(source.url);
  if (match?.[1] !== undefined && match[2] !== undefined) {
    return { type: 'base64', media_type: match[1], data: match[2] };
  }
  return { type: 'url', url: source.url };
}

export function encodeImageBlock(part: ImagePart): JsonObject {
  return { type: 'image', source: encodeSource(part.source) };
}

/** Files become `document` blocks; text/plain goes as a text source, which is what Anthropic reads. */
export function encodeFileBlock(part: FilePart): JsonObject {
  const source = encodeSource(part.source);
  const block: JsonObject = { type: 'document', source };
  if (source.type === 'base64' && source.media_type === 'text/plain' && typeof source.data === 'string') {
    block.source = { type: 'text', media_type: 'text/plain', data: Buffer.from(source.data, 'base64').toString('utf8') };
  }
  if (part.filename !== undefined && part.filename !== '') block.title = part.filename;
  return block;
}

/**
 * Tool-call arguments are JSON text; Anthropic wants an object. Arguments that are not a JSON
 * object (truncated or invalid output from another model) become `{}` so the conversation can
 * continue: the tool_result that follows still tells the model what happened.
 */
export function parseToolInput(text: string): JsonObject {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function encodeToolUseBlock(part: ToolCallPart): JsonObject {
  return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) };
}

export function encodeToolResultBlock(part: ToolResultPart): JsonObject {
  const block: JsonObject = { type: 'tool_result', tool_use_id: part.toolCallId };
  const [only] = part.content;
  if (part.content.length === 1 && only?.type === 'text' && only.cacheControl === undefined && only.citations === undefined) {
    block.content = only.text;
  } else if (part.content.length > 0) {
    block.content = part.content.map((item) => (item.type === 'text' ? encodeTextBlock(item) : encodeImageBlock(item)));
  }
  if (part.isError !== undefined) block.is_error = part.isError;
  return block;
}

/**
 * Reasoning goes back to Anthropic only with Anthropic-made opaque state: a thinking block needs
 * its signature, a redacted block its data. Anything else (another provider's reasoning, or text
 * without a signature) would be rejected, so it is dropped (returns undefined).
 */
export function encodeReasoningBlock(part: ReasoningPart): JsonObject | undefined {
  const opaque = part.opaque;
  if (opaque?.origin !== ANTHROPIC_FORMAT) return undefined;
  if (opaque.redactedData !== undefined) return { type: 'redacted_thinking', data: opaque.redactedData };
  if (opaque.signature !== undefined) return { type: 'thinking', thinking: part.text, signature: opaque.signature };
  return undefined;
}

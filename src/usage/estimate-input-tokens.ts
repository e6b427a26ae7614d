import type { CanonicalRequest, ContentPart } from '../translate/canonical/index.js';
import type { TokenCounter } from './token-counter.js';

/** Role and separator framing around each message, as chat templates add it (OpenAI's rule of thumb). */
const TOKENS_PER_MESSAGE = 3;
/**
 * What one image costs at most on Anthropic (images are scaled to ~1.15 megapixels, ~750 pixels
 * per token). The pixels are not decoded here, so every image is counted at that ceiling.
 */
const TOKENS_PER_IMAGE = 1600;

function base64Bytes(data: string): number {
  return Math.floor((data.length * 3) / 4);
}

function countPart(part: ContentPart, count: TokenCounter): number {
  switch (part.type) {
    case 'text':
      return count(part.text);
    case 'reasoning':
      return count(part.text);
    case 'tool_call':
      return count(part.name) + count(part.arguments);
    case 'tool_result':
      return part.content.reduce((sum, inner) => sum + countPart(inner, count), 0);
    case 'image':
      return TOKENS_PER_IMAGE;
    case 'file': {
      const { source } = part;
      if (source.kind === 'base64' && source.mediaType.startsWith('text/')) return count(Buffer.from(source.data, 'base64').toString('utf8'));
      // PDFs and other binaries: roughly one token per four bytes of content, unknown for URLs.
      return source.kind === 'base64' ? Math.ceil(base64Bytes(source.data) / 4) : 0;
    }
  }
}

/**
 * A tokenizer estimate of a request's input: system prompt, every message (text, reasoning,
 * tool-call names and arguments, tool results) and the tool definitions (name, description,
 * JSON schema). Not the provider's own count, and callers must say so to the client.
 */
export function estimateInputTokens(request: CanonicalRequest, count: TokenCounter): number {
  let total = request.system.reduce((sum, part) => sum + count(part.text), 0);
  for (const message of request.messages) {
    total += TOKENS_PER_MESSAGE;
    for (const part of message.content) total += countPart(part, count);
  }
  for (const tool of request.tools ?? []) {
    total += count(tool.name) + count(tool.description ?? '') + count(JSON.stringify(tool.parameters));
  }
  return total;
}

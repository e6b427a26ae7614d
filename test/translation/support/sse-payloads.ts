/** The `event:` name and parsed `data:` JSON of each SSE event, skipping comments and `[DONE]`. */
export interface SsePayload {
  event?: string;
  data: any;
}

export function readSsePayloads(raw: string): SsePayload[] {
  const payloads: SsePayload[] = [];
  for (const block of raw.split(/\r\n\r\n|\n\n|\r\r/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r\n|\n|\r/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    const text = data.join('\n');
    if (text === '' || text.trim() === '[DONE]') continue;
    payloads.push({ ...(event ? { event } : {}), data: JSON.parse(text) });
  }
  return payloads;
}

/** Payload-only recordings: one JSON object per line. */
export function readJsonLines(raw: string): SsePayload[] {
  return raw
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const data = JSON.parse(line);
      return { event: typeof data.type === 'string' ? data.type : undefined, data };
    });
}

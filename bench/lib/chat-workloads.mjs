// The recorded requests behind the `text` and `text-stream-usage` fixtures, so every target
// gets the same realistic payload and the mock replays the recorded answer.
export const CHAT_WORKLOADS = [
  {
    id: 'chat',
    label: 'chat, non-streaming',
    model: 'text',
    body: (model) => ({ model, messages: [{ role: 'user', content: "What's 2 + 2?" }], stream: false }),
  },
  {
    id: 'chat-stream',
    label: 'chat, streaming',
    model: 'text-stream-usage',
    body: (model) => ({
      model,
      messages: [{ role: 'user', content: 'Count from 1 to 3' }],
      stream: true,
      stream_options: { include_usage: true },
    }),
  },
];

/** Direct requests name the fixture; through a proxy or the gateway it carries the `mock/` prefix. */
export function chatModelFor(direct, workload) {
  return direct ? workload.model : `mock/${workload.model}`;
}

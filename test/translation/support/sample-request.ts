/**
 * What every matrix call asks, in each client's own terms: a system instruction, a user turn and
 * one tool whose schema uses keywords Gemini does not accept (so translation must convert them).
 * The mock answers by model name, so the request only matters for what the gateway sends upstream.
 */
export const SYSTEM = 'Answer briefly.';
export const USER = 'Hello';
export const TOOL = {
  name: 'weather',
  description: 'Current weather at a place',
  parameters: {
    type: 'object',
    properties: { latitude: { type: 'string' }, longitude: { type: 'string' } },
    required: ['latitude', 'longitude'],
    additionalProperties: false,
  },
};

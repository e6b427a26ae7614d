import { readPrompt, refuseUnsupportedFields } from '../../translate/codecs/openai-completions/index.js';
import type { ClientProtocol } from './client-protocol.js';
import { readBodyObject, readIncludeUsage, readModelField, readStreamField } from './read-body-object.js';

/**
 * Legacy Completions has no pass-through: no upstream speaks it, so every call is translated.
 * What the codec would refuse is refused here already, before routing picks a target.
 */
export const openAiCompletionsClient: ClientProtocol = {
  format: 'openai-completions',
  readRequest(raw) {
    const body = readBodyObject(raw);
    const model = readModelField(body);
    refuseUnsupportedFields(body);
    readPrompt(body.prompt);
    return { body, model, stream: readStreamField(body), includeUsage: readIncludeUsage(body) };
  },
};

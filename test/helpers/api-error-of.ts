import OpenAI from 'openai';

/** The OpenAI SDK error the call raised; anything else, or no error at all, fails the test. */
export async function apiErrorOf(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OpenAI.APIError) return error;
    throw error;
  }
  throw new Error('expected an API error');
}

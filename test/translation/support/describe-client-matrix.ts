import { beforeAll, describe, expect, it } from 'vitest';
import type { WireFormat } from '../../../src/translate/wire-format.js';
import { useMockedGateway } from '../../helpers/mocked-gateway.js';
import type { MockUpstream } from '../../support/mock-upstream.js';
import { matrixCases, prepareUpstream, type MatrixCase } from './matrix-cases.js';
import { matrixConfig, modelFor } from './matrix-gateway.js';
import type { ClientReading } from './semantic-summary.js';
import { expectSameSemantics } from './client-expectations.js';
import { recordedError, summariseFixture } from './summarise-fixture.js';
import { upstreamRequestErrors } from './upstream-request-errors.js';

/** A stream as the SDK hands it out, and how to read what it yielded. */
export interface OpenedStream<Event> {
  events: AsyncIterable<Event>;
  /** May also check what the SDK assembled itself against the events. */
  read(events: Event[]): Promise<ClientReading> | ClientReading;
}

/**
 * What sets one client format apart in the matrix: its official SDK, how it sends the sample
 * request (sample-request.ts), which spec its answers must follow and how its errors look.
 */
export interface ClientDriver<Client, Response, Event, SdkError> {
  format: WireFormat;
  /** Names the SDK in the suite title. */
  sdk: string;
  connect(gatewayUrl: string): Client;
  complete(client: Client, model: string): Promise<Response>;
  stream(client: Client, model: string): Promise<OpenedStream<Event>>;
  /** Spec violations of a non-streaming answer / of one stream event (empty when valid). */
  responseErrors(response: Response): unknown[];
  eventErrors(event: Event): unknown[];
  read(response: Response): ClientReading;
  /** The SDK's error class that every failure must raise. */
  errorClass: abstract new (...args: never[]) => SdkError;
  errorStatus(error: SdkError): number | undefined;
  /** Spec violations of the error body the SDK kept. */
  errorBodyErrors(error: SdkError): unknown[];
  /** The upstream's message as a user of the SDK reads it. */
  errorMessage(error: SdkError): string | undefined;
}

/** What a file's own tests beside the matrix can use. */
export interface MatrixHarness<Client> {
  readonly client: Client;
  readonly mock: MockUpstream;
}

/**
 * Every recording of every upstream format, sent through the gateway with the client's official
 * SDK: successes must read the same as the recording, failures raise the SDK's error with the
 * upstream's status and message. `extraTests` run first, in the same suite.
 */
export function describeClientMatrix<Client, Response, Event, SdkError>(
  driver: ClientDriver<Client, Response, Event, SdkError>,
  extraTests?: (harness: MatrixHarness<Client>) => void,
): void {
  const env = useMockedGateway(matrixConfig);
  let client: Client;
  beforeAll(() => {
    client = driver.connect(env.gateway.url);
  });
  const harness: MatrixHarness<Client> = {
    get client() {
      return client;
    },
    get mock() {
      return env.mock;
    },
  };

  /** Bodies the gateway wrote itself must follow the spec; pass-through bodies are the provider's own. */
  const translated = (matrixCase: MatrixCase): boolean => matrixCase.upstream !== driver.format;

  async function run(matrixCase: MatrixCase): Promise<ClientReading> {
    prepareUpstream(env.mock, matrixCase);
    const model = modelFor(matrixCase.upstream, matrixCase.fixture.name);
    if (!matrixCase.stream) {
      const response = await driver.complete(client, model);
      if (translated(matrixCase)) expect(driver.responseErrors(response)).toEqual([]);
      return driver.read(response);
    }
    const opened = await driver.stream(client, model);
    const events: Event[] = [];
    for await (const event of opened.events) {
      if (translated(matrixCase)) expect(driver.eventErrors(event), eventType(event)).toEqual([]);
      events.push(event);
    }
    return opened.read(events);
  }

  describe(`${driver.format} client (${driver.sdk}) × every upstream format and recording`, () => {
    extraTests?.(harness);

    for (const matrixCase of matrixCases()) {
      if (matrixCase.kind === 'success') {
        it(`${matrixCase.title} reads the same as the recording`, async () => {
          const reading = await run(matrixCase);
          if (translated(matrixCase)) expect(upstreamRequestErrors(matrixCase.upstream, env.mock.requests[0]!)).toEqual([]);
          expectSameSemantics(reading, summariseFixture(matrixCase.fixture), driver.format, matrixCase.upstream);
        });
      } else {
        it(`${matrixCase.title} raises the SDK's error with the upstream's status and message`, async () => {
          const expected = recordedError(matrixCase.fixture);
          const error = await run(matrixCase).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(error).toBeInstanceOf(driver.errorClass);
          const sdkError = error as SdkError;
          if (matrixCase.kind === 'error') {
            expect(driver.errorStatus(sdkError)).toBe(expected.status);
            // Error bodies are always the gateway's own, pass-through or not.
            expect(driver.errorBodyErrors(sdkError)).toEqual([]);
          }
          expect(driver.errorMessage(sdkError)).toContain(expected.message);
        });
      }
    }
  });
}

/** Names a failing stream event by its `type` where the format has one. */
function eventType(event: unknown): string | undefined {
  const type = (event as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? type : undefined;
}

import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { ConfigFile } from '../../src/config/config-file-schema.js';
import { startMockUpstream, type MockUpstream, type MockUpstreamOptions } from '../support/mock-upstream.js';
import { startTestGateway, type TestGateway, type TestGatewayOptions } from './start-test-gateway.js';

/** A mock upstream and a test gateway configured against it. */
export interface MockedGateway {
  mock: MockUpstream;
  gateway: TestGateway;
  close(): Promise<void>;
}

/** The config is built from the mock's URL, which is only known once the mock listens. */
export type ConfigForMock = (mockUrl: string) => ConfigFile;

/** The test gateway's options, plus the mock's own (a long fuzz run turns request recording off). */
export type MockedGatewayOptions = Omit<TestGatewayOptions, 'config'> & { mock?: MockUpstreamOptions };

export async function startMockedGateway(configFor: ConfigForMock, options: MockedGatewayOptions = {}): Promise<MockedGateway> {
  const { mock: mockOptions, ...gatewayOptions } = options;
  const mock = await startMockUpstream(mockOptions);
  try {
    const gateway = await startTestGateway({ ...gatewayOptions, config: configFor(mock.url) });
    return {
      mock,
      gateway,
      async close() {
        await gateway.close();
        await mock.close();
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

/**
 * One mocked gateway for the whole test file: started before the first test, closed after the
 * last, the mock's script and request log cleared before each test. The fields are filled in by
 * the `beforeAll` hook, so read them inside hooks and tests, not at module level.
 */
export function useMockedGateway(configFor: ConfigForMock, options: MockedGatewayOptions = {}): MockedGateway {
  let started: MockedGateway | undefined;
  const running = (): MockedGateway => {
    if (!started) throw new Error('the mocked gateway is only running inside hooks and tests');
    return started;
  };
  beforeAll(async () => {
    started = await startMockedGateway(configFor, options);
  });
  afterAll(async () => {
    await started?.close();
  });
  beforeEach(() => running().mock.reset());
  return {
    get mock() {
      return running().mock;
    },
    get gateway() {
      return running().gateway;
    },
    close: () => running().close(),
  };
}

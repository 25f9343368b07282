import { jest } from '@jest/globals';

// Jest reads `testTimeout` only from the global config; tests against real servers need longer than a unit test's
// five seconds, so the integration and end-to-end projects set it here.
jest.setTimeout(Number(process.env['SKEIN_SERVER_TEST_TIMEOUT_MS'] ?? 120_000));

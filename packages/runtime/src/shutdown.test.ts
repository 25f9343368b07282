import { describe, expect, it } from '@jest/globals';
import { createLogger } from './logger.js';
import { GracefulShutdown } from './shutdown.js';

describe('GracefulShutdown', () => {
  it('runs steps in reverse order once, and keeps going past a failing step', async () => {
    const order: string[] = [];
    const shutdown = new GracefulShutdown(createLogger({ component: 't', level: 'silent' }));
    shutdown.add('storage', async () => void order.push('storage'));
    shutdown.add('queue', async () => {
      order.push('queue');
      throw new Error('flush failed');
    });
    shutdown.add('receivers', async () => void order.push('receivers'));
    const previousExitCode = process.exitCode;
    await Promise.all([shutdown.shutdown('test'), shutdown.shutdown('again')]);
    expect(order).toEqual(['receivers', 'queue', 'storage']);
    expect(process.exitCode).toBe(1);
    process.exitCode = previousExitCode;
  });
});

import { describe, expect, it } from '@jest/globals';
import { credentials } from '@grpc/grpc-js';
import { createLogger } from '@skein/runtime';
import { CollectorPool } from './collector-pool.js';

const logger = createLogger({ component: 'test', level: 'silent' });

describe('CollectorPool', () => {
  it('uses every address each name resolves to, in turn, and follows DNS changes on refresh', async () => {
    const answers: Record<string, string[] | Error> = { 'collector.svc': ['10.0.0.1', '10.0.0.2'], 'backup.svc': ['fd00::7'] };
    const pool = new CollectorPool({
      targets: [{ host: 'collector.svc', port: 14250 }, { host: 'backup.svc', port: 14250 }],
      credentials: credentials.createInsecure(),
      refreshIntervalMs: 3_600_000,
      logger,
      resolve: async (host) => {
        const answer = answers[host];
        if (answer instanceof Error || answer === undefined) throw answer ?? new Error(`NXDOMAIN ${host}`);
        return answer;
      },
    });
    await pool.start();
    try {
      expect(pool.addresses()).toEqual(['10.0.0.1:14250', '10.0.0.2:14250', '[fd00::7]:14250']);
      const turns = Array.from({ length: 6 }, () => pool.next()!.address);
      expect(new Set(turns.slice(0, 3))).toEqual(new Set(pool.addresses()));
      expect(turns.slice(3)).toEqual(turns.slice(0, 3));

      answers['collector.svc'] = ['10.0.0.2', '10.0.0.3'];
      answers['backup.svc'] = new Error('SERVFAIL');
      await pool.refresh();
      // A name that fails to resolve keeps its last addresses; one that changed follows the change.
      expect(pool.addresses().sort()).toEqual(['10.0.0.2:14250', '10.0.0.3:14250', '[fd00::7]:14250']);
    } finally {
      pool.close();
    }
    expect(pool.next()).toBeUndefined();
  });

  it('has no endpoint until a name resolves', async () => {
    const pool = new CollectorPool({ targets: [{ host: 'nowhere.invalid', port: 14250 }], credentials: credentials.createInsecure(), refreshIntervalMs: 3_600_000, logger, resolve: async () => [] });
    await pool.start();
    expect(pool.size).toBe(0);
    expect(pool.next()).toBeUndefined();
    pool.close();
  });
});

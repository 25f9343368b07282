import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createLogger, RateLimitedLog } from './logger.js';

describe('RateLimitedLog', () => {
  it('logs at most N lines per interval, then says how many it suppressed', () => {
    const lines: Array<{ msg: string; suppressed?: number }> = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    let now = 0;
    const log = new RateLimitedLog(createLogger({ component: 't', level: 'info', destination: sink }), 3, 1000, () => now);
    for (let i = 0; i < 10; i++) log.warn({ i }, 'bad payload');
    expect(lines.map((l) => l.msg)).toEqual(['bad payload', 'bad payload', 'bad payload']);
    now = 1000;
    log.warn({}, 'bad payload');
    expect(lines[3]).toMatchObject({ msg: 'suppressed 7 similar log lines', suppressed: 7 });
    expect(lines[4]?.msg).toBe('bad payload');
  });
});

import { describe, expect, test } from 'vitest';
import { apiKey, staleAfter } from '../../renderer/src/api/query';

describe('server pushes invalidate the right cached answers', () => {
  test('a critical answer refreshes alerts, the worklist and the dashboard, not the roster', () => {
    const stale = staleAfter({ type: 'alert.raised', alertId: 1, campaignId: 2, at: '2026-12-03T08:00:00Z' });
    expect(stale).toContain('alerts.list');
    expect(stale).toContain('cases.worklist');
    expect(stale).toContain('dashboard.get');
    expect(stale).not.toContain('people.list');
  });

  test('a finished import refreshes the registers; a running one only its progress', () => {
    const running = {
      type: 'job.progress',
      jobId: 'j',
      kind: 'import',
      done: 1,
      total: 9,
      state: 'running',
    } as const;
    expect(staleAfter(running)).toEqual(['exports.progress']);
    expect(staleAfter({ ...running, state: 'done' })).toContain('people.list');
    expect(staleAfter({ ...running, kind: 'restore', state: 'done' })).toBe('all');
  });

  test('keys start with the method, so one invalidation reaches every input', () => {
    expect(apiKey('people.list', { kind: 'student' } as never)).toEqual(['people.list', { kind: 'student' }]);
    expect(apiKey('users.list')).toEqual(['users.list']);
  });
});

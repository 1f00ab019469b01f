import { describe, expect, test } from 'vitest';
import type { ServerEvent } from '../../shared/api/events';
import { subscribe } from '../../electron/services/events';
import { ok, setUpApp } from '../helpers/app';
import { useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

describe('push events of a critical answer', () => {
  test('a critical answer publishes alert.raised and the new open count after it is saved', async () => {
    const { ctx } = await setUpApp(tempDir());
    const student = await ok(ctx, 'students.add', {
      studentNo: '1',
      name: '张三',
      sex: 'M',
      birthDate: '2011-03-05',
      grade: '七年级',
      className: '1班',
    });
    const campaign = await ok(ctx, 'campaigns.create', {
      name: 't',
      programme: 'school',
      startsOn: '2026-11-23',
      endsOn: '2026-11-30',
      targets: [{ battery: ['PHQ-9'] }],
    });
    const s = await ok(ctx, 'screening.start', {
      campaignId: campaign.id,
      personId: student.id,
      mode: 'station',
    });
    const events: ServerEvent[] = [];
    const stop = subscribe((e) => events.push(e));
    try {
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId: 'PHQ-9',
        itemId: 'q1',
        value: 3,
      });
      // board.changed is coalesced per campaign (events.test.ts pins that); alerts are never held back.
      const alertEvents = () => events.filter((e) => e.type !== 'board.changed');
      expect(alertEvents()).toEqual([]);
      events.length = 0;
      await ok(ctx, 'screening.saveAnswer', {
        screeningId: s.screeningId,
        instrumentId: 'PHQ-9',
        itemId: 'q9',
        value: 1,
      });
      const [alert] = await ok(ctx, 'alerts.list', { openOnly: true });
      expect(alertEvents()).toEqual([
        {
          type: 'alert.raised',
          alertId: alert!.id,
          campaignId: campaign.id,
          at: expect.any(String) as string,
        },
        { type: 'alerts.changed', open: 1 },
      ]);
    } finally {
      stop();
    }
  });
});

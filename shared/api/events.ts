import { z } from 'zod';

/**
 * Server → UI push events. They carry ids, counts and progress only — never names, answers or
 * other personal data — so a listener of any role may receive them; what a role may see is
 * fetched through the role-checked contract methods (e.g. `alerts.list`) on each event.
 */
export const serverEventSchema = z.discriminatedUnion('type', [
  /** A critical answer was recorded (durably, with its case and task) or raised again. */
  z.object({
    type: z.literal('alert.raised'),
    alertId: z.number().int(),
    campaignId: z.number().int().nullable(),
    at: z.string(),
  }),
  /** The set of open alerts changed (raised, arrived, resolved); `open` is the new count. */
  z.object({ type: z.literal('alerts.changed'), open: z.number().int() }),
  /** A campaign's board (progress, seats) changed: an answer, a sign-in, a submit. */
  z.object({ type: z.literal('board.changed'), campaignId: z.number().int() }),
  /** Progress of a long job (import preview/commit, export) running off the request path. */
  z.object({
    type: z.literal('job.progress'),
    jobId: z.string(),
    kind: z.enum(['import', 'export', 'responses', 'backup', 'restore']),
    done: z.number(),
    total: z.number(),
    state: z.enum(['running', 'done', 'failed', 'cancelled']),
  }),
]);
export type ServerEvent = z.infer<typeof serverEventSchema>;
export type ServerEventType = ServerEvent['type'];

/** The loopback transport's Server-Sent Events path (the token travels as `?token=`). */
export const EVENTS_PATH = '/api/events';
/** The Electron IPC channel on which the main process forwards events to the window. */
export const EVENT_CHANNEL = 'anxin:event';

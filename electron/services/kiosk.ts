import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError, refusal } from '../../shared/api/errors';
import type { ApiMethod } from '../../shared/api/contract';
import { audit } from './audit';
import type { AppContext } from './context';
import { unlockWithPassword, type Unlocked } from './keyring';
import { retryDelayMs } from './login-attempts';
import { entryFits } from './session-keys';
import { findActiveUser } from './users';

/**
 * Kiosk mode (本机施测): while it is on, the screen belongs to respondents, so the app
 * answers only what a respondent's sheet needs, and only the screener's PIN ends it.
 * The Electron shell listens to lock the window (full screen, no menu, no navigation).
 */
export const KIOSK_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'app.status',
  'kiosk.exit',
  'kiosk.unlockWithAdmin',
  'kiosk.status',
  'instruments.get',
  'screening.identify',
  'screening.start',
  'screening.consent',
  'screening.saveAnswer',
  'screening.submit',
  'screening.decline',
]);

interface KioskState {
  campaignId: number;
  salt: Buffer;
  pinHash: Buffer;
  failures: number;
  /** Wrong administrator passwords typed on this kiosk, and when the last one was. */
  adminFailures: number;
  adminFailedAt: number;
  /** An administrator password is being checked: a second one waits its turn (refused). */
  adminBusy: boolean;
}

/** Wrong PINs after which only an administrator's password ends kiosk mode. */
export const MAX_PIN_FAILURES = 5;

const states = new WeakMap<AppContext, KioskState>();
const listeners = new WeakMap<AppContext, (active: boolean) => void>();

const hashPin = (pin: string, salt: Buffer) => scryptSync(pin, salt, 32, { N: 2 ** 14, r: 8, p: 1 });

export function onKioskChange(ctx: AppContext, listener: (active: boolean) => void): void {
  listeners.set(ctx, listener);
}

export function kioskStatus(ctx: AppContext): {
  active: boolean;
  campaignId: number | null;
  pinLocked: boolean;
} {
  const state = states.get(ctx);
  return {
    active: Boolean(state),
    campaignId: state?.campaignId ?? null,
    pinLocked: (state?.failures ?? 0) >= MAX_PIN_FAILURES,
  };
}

export function enterKiosk(ctx: AppContext, campaignId: number, pin: string): void {
  const salt = randomBytes(16);
  states.set(ctx, {
    campaignId,
    salt,
    pinHash: hashPin(pin, salt),
    failures: 0,
    adminFailures: 0,
    adminFailedAt: 0,
    adminBusy: false,
  });
  listeners.get(ctx)?.(true);
}

export function exitKiosk(ctx: AppContext, pin: string): void {
  const state = states.get(ctx);
  if (!state) return;
  if (state.failures >= MAX_PIN_FAILURES) {
    throw pinLocked();
  }
  if (!timingSafeEqual(hashPin(pin, state.salt), state.pinHash)) {
    state.failures++;
    if (state.failures >= MAX_PIN_FAILURES) throw pinLocked();
    throw refusal('wrong_password', 'kiosk.wrong_pin', 'Wrong PIN.');
  }
  endKiosk(ctx);
}

// The reason tells the kiosk screen to offer the administrator's form, in its own words.
const pinLocked = () =>
  refusal(
    'too_many_attempts',
    'kiosk.pin_locked',
    'Too many wrong PINs: an administrator must unlock this screen.',
  );

function endKiosk(ctx: AppContext): void {
  states.delete(ctx);
  listeners.get(ctx)?.(false);
}

/**
 * The way out of a PIN lock (or a forgotten PIN): an administrator types their own user name and
 * password on the kiosk screen. The password is checked by unwrapping the administrator's keyring
 * entry (the key it opens is wiped at once; the session stays the screener's), so a wrong one
 * counts against that account exactly as a wrong log-in does and waits as long. Names that are not
 * an active administrator's are slowed here too, by this kiosk's own count, and attempts are taken
 * one at a time, so guesses cannot be run in parallel either.
 */
export async function unlockKioskWithAdmin(
  ctx: AppContext,
  username: string,
  password: string,
  now: () => number = Date.now,
): Promise<void> {
  const state = states.get(ctx);
  if (!state || !ctx.db) return;
  const wait = state.adminFailedAt + retryDelayMs(state.adminFailures) - now();
  if (state.adminBusy || wait > 0)
    throw refusal(
      'too_many_attempts',
      'kiosk.busy',
      'Too many unlock attempts; wait and try again.',
      undefined,
      {
        retryAfterMs: Math.max(wait, 1_000),
      },
    );
  state.adminBusy = true;
  const db = ctx.db;
  try {
    const admin = findActiveUser(db, username);
    let unlocked: Unlocked | null = null;
    try {
      unlocked = await unlockWithPassword(ctx.dataDir, username, password);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      // Only the kind of failure and the account's id, as for log-ins (no names in the trail).
      audit(db, admin?.id ?? null, 'kiosk.unlock.failed', undefined, { reason: error.code });
      state.adminFailures++;
      state.adminFailedAt = now();
      throw error;
    } finally {
      for (const k of [...(unlocked?.dataKeys ?? []), ...(unlocked?.clinicalKeys ?? [])]) k.fill(0);
    }
    // An entry copied under the administrator's name opens keys, not the administrator's account.
    if (admin?.role !== 'admin' || !entryFits(db, admin, unlocked!)) {
      audit(db, admin?.id ?? null, 'kiosk.unlock.failed', undefined, { reason: 'not_admin' });
      state.adminFailures++;
      state.adminFailedAt = now();
      throw refusal('forbidden', 'kiosk.admin_only', 'Only an administrator account can unlock kiosk mode.');
    }
    audit(db, admin.id, 'kiosk.unlock', String(state.campaignId), { pinFailures: state.failures });
    endKiosk(ctx);
  } finally {
    state.adminBusy = false;
  }
}

export function assertKioskAllows(ctx: AppContext, method: ApiMethod): void {
  if (states.has(ctx) && !KIOSK_METHODS.has(method)) {
    throw refusal(
      'forbidden',
      'kiosk.locked_mode',
      `${method} is not allowed in kiosk mode; leave it with the PIN first.`,
    );
  }
}

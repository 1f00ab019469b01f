import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../shared/api/errors';
import type { ApiMethod } from '../../shared/api/contract';
import type { AppContext } from './context';

/**
 * Kiosk mode (本机施测): while it is on, the screen belongs to respondents, so the app
 * answers only what a respondent's sheet needs, and only the screener's PIN ends it.
 * The Electron shell listens to lock the window (full screen, no menu, no navigation).
 */
export const KIOSK_METHODS: ReadonlySet<ApiMethod> = new Set<ApiMethod>([
  'app.status',
  'kiosk.exit',
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
}

const states = new WeakMap<AppContext, KioskState>();
const listeners = new WeakMap<AppContext, (active: boolean) => void>();

const hashPin = (pin: string, salt: Buffer) => scryptSync(pin, salt, 32, { N: 2 ** 14, r: 8, p: 1 });

export function onKioskChange(ctx: AppContext, listener: (active: boolean) => void): void {
  listeners.set(ctx, listener);
}

export function kioskStatus(ctx: AppContext): { active: boolean; campaignId: number | null } {
  const state = states.get(ctx);
  return { active: Boolean(state), campaignId: state?.campaignId ?? null };
}

export function enterKiosk(ctx: AppContext, campaignId: number, pin: string): void {
  const salt = randomBytes(16);
  states.set(ctx, { campaignId, salt, pinHash: hashPin(pin, salt), failures: 0 });
  listeners.get(ctx)?.(true);
}

export function exitKiosk(ctx: AppContext, pin: string): void {
  const state = states.get(ctx);
  if (!state) return;
  if (state.failures >= 5) {
    throw new AppError('too_many_attempts', 'PIN 错误次数过多，请由管理员重新登录后退出。');
  }
  if (!timingSafeEqual(hashPin(pin, state.salt), state.pinHash)) {
    state.failures++;
    throw new AppError('wrong_password', 'PIN 不正确。');
  }
  states.delete(ctx);
  listeners.get(ctx)?.(false);
}

export function assertKioskAllows(ctx: AppContext, method: ApiMethod): void {
  if (states.has(ctx) && !KIOSK_METHODS.has(method)) {
    throw new AppError('forbidden', '考试模式中不能进行此操作，请由施测老师输入 PIN 退出。');
  }
}

import { REFERRAL_CHECK_DAYS, type TaskKind } from '../api/cases';
import { addDays, type IsoDate } from '../people/date';

/**
 * The one table of what each recorded step does to a case's tasks (待办事项): which open tasks it
 * ends as done and which it creates, with their due dates. Services record a step and apply its
 * rule (electron/services/cases/task-effects.ts); nothing else opens or closes a task.
 *
 * The principles the table follows:
 * - Any contact with the person (a safety check, asking in person, an interview, a follow-up) is a
 *   first contact: an open 首次联系 ends with it, so it cannot stay open and count as missed.
 * - A contact that ends the 首次联系 plans the first follow-up at the level's interval (unless one
 *   is planned already): an open case keeps a next action.
 * - A decision to refer (a safety check ending in 转介就医, a follow-up ending in 转介/转诊) creates
 *   the referral when its details are given, with its 核实到位 task; without them it creates a
 *   same-day 办理转介 task that recording the referral closes.
 * - A referral's own 核实到位 task ends when it is attended or its result is recorded; another
 *   referral's task is left as it is.
 * - Lifting (解除预警) and closing (结案) end every open task as cancelled; reopening a lifted
 *   warning plans a follow-up.
 */
export const caseActions = [
  /** A screening (or a critical answer) opened a new case. */
  'case_opened',
  /** A critical item was answered at or above its threshold. */
  'critical_item',
  /** A submitted sheet left a critical item blank. */
  'critical_blank',
  'safety_check',
  'confirmed_denied',
  'confirmed_reported',
  'interview',
  'follow_up',
  'guardian_contact',
  /** 转介就医 decided without the referral's details: someone must make it today. */
  'referral_decided',
  'referral_made',
  'referral_attended',
  'referral_diagnosed',
  'referral_closed',
  'colour',
  'lifted',
  /** A lifted warning reopened (重新开放): the work resumes with a follow-up. */
  'reopened',
  'closed',
] as const;
export type CaseAction = (typeof caseActions)[number];

/** When a created task falls due. */
export type DueRule =
  /** The day it is recorded: a safety check, asking in person, making a referral. */
  | 'today'
  /** The level's first-contact interval after today. */
  | 'first_contact'
  /** The date the user chose for the next follow-up, else the level's interval after the contact. */
  | 'next_follow_up'
  /** REFERRAL_CHECK_DAYS after the referral date. */
  | 'referral_check';

export interface TaskRule {
  /** Open tasks of these kinds end as done (a referral_check only when it is the referral's own). */
  done: readonly TaskKind[];
  /** Every open task ends as cancelled: a recorded decision ends the case. */
  cancelAll?: true;
  /**
   * `once`: not when a task of that kind is still open (after `done` has been applied).
   * `ending`: only when the step ended an open task of that kind.
   */
  create: readonly { kind: TaskKind; due: DueRule; once?: true; ending?: TaskKind }[];
}

const CONTACT = ['first_contact'] as const satisfies readonly TaskKind[];
/** The first contact made, the follow-ups begin (unless one is planned already). */
const NEXT_FOLLOW_UP = {
  kind: 'follow_up',
  due: 'next_follow_up',
  once: true,
  ending: 'first_contact',
} as const;

export const TASK_RULES: Readonly<Record<CaseAction, TaskRule>> = {
  case_opened: { done: [], create: [{ kind: 'first_contact', due: 'first_contact' }] },
  critical_item: { done: [], create: [{ kind: 'safety_check', due: 'today', once: true }] },
  critical_blank: { done: [], create: [{ kind: 'confirm_in_person', due: 'today', once: true }] },
  // Talked with and risk assessed in person or by phone: that is also the in-person question a
  // blank critical item asked for, and a first contact.
  safety_check: {
    done: ['safety_check', 'confirm_in_person', ...CONTACT],
    create: [NEXT_FOLLOW_UP],
  },
  confirmed_denied: { done: ['confirm_in_person', ...CONTACT], create: [NEXT_FOLLOW_UP] },
  confirmed_reported: {
    done: ['confirm_in_person', ...CONTACT],
    create: [{ kind: 'safety_check', due: 'today', once: true }, NEXT_FOLLOW_UP],
  },
  // An interview or a follow-up replaces the follow-up that was due with the next one.
  interview: { done: [...CONTACT, 'follow_up'], create: [{ kind: 'follow_up', due: 'next_follow_up' }] },
  follow_up: { done: [...CONTACT, 'follow_up'], create: [{ kind: 'follow_up', due: 'next_follow_up' }] },
  // A guardian is not the person: it neither makes nor replaces a contact.
  guardian_contact: { done: [], create: [] },
  referral_decided: { done: [], create: [{ kind: 'make_referral', due: 'today', once: true }] },
  referral_made: { done: ['make_referral'], create: [{ kind: 'referral_check', due: 'referral_check' }] },
  referral_attended: { done: ['referral_check'], create: [] },
  referral_diagnosed: { done: [], create: [] },
  referral_closed: { done: ['referral_check'], create: [] },
  colour: { done: [], create: [] },
  lifted: { done: [], cancelAll: true, create: [] },
  reopened: { done: [], create: [{ kind: 'follow_up', due: 'next_follow_up' }] },
  closed: { done: [], cancelAll: true, create: [] },
};

/** What a created task's due date is computed from. */
export interface DueContext {
  today: IsoDate;
  /** The level's intervals (days to the first contact, between follow-ups). */
  interval: { first: number; then: number };
  /** When the contact took place (a follow-up held earlier); today when absent. */
  heldOn?: IsoDate | undefined;
  /** The next follow-up date the user chose. */
  nextOn?: IsoDate | undefined;
  /** The referral's date, for its 核实到位 task. */
  referredOn?: IsoDate | undefined;
}

export function dueDate(rule: DueRule, ctx: DueContext): IsoDate {
  switch (rule) {
    case 'today':
      return ctx.today;
    case 'first_contact':
      return addDays(ctx.today, ctx.interval.first);
    case 'next_follow_up':
      return ctx.nextOn ?? addDays(ctx.heldOn ?? ctx.today, ctx.interval.then);
    case 'referral_check':
      return addDays(ctx.referredOn ?? ctx.today, REFERRAL_CHECK_DAYS);
  }
}

export interface TaskChange {
  /** Kinds whose open tasks end as done. */
  done: TaskKind[];
  cancelAll: boolean;
  create: { kind: TaskKind; dueOn: IsoDate }[];
}

/**
 * The tasks one step ends and creates, given the kinds open before it. Pure: the services apply
 * the answer, the tests read it with concrete dates.
 */
export function taskChange(action: CaseAction, open: readonly TaskKind[], ctx: DueContext): TaskChange {
  const rule = TASK_RULES[action];
  const remaining = rule.cancelAll ? [] : open.filter((kind) => !rule.done.includes(kind));
  const create: TaskChange['create'] = [];
  for (const task of rule.create) {
    if (task.once && (remaining.includes(task.kind) || create.some((c) => c.kind === task.kind))) continue;
    if (task.ending && !(rule.done.includes(task.ending) && open.includes(task.ending))) continue;
    create.push({ kind: task.kind, dueOn: dueDate(task.due, ctx) });
  }
  return {
    done: rule.done.filter((kind) => open.includes(kind)),
    cancelAll: rule.cancelAll === true,
    create,
  };
}

/** A safety check's plan (处置) as the steps it records: 转介就医 is a referral, made now or to make. */
export function safetyCheckActions(
  plan: 'referral' | 'emergency' | 'monitor',
  referral: boolean,
): CaseAction[] {
  if (plan !== 'referral') return ['safety_check'];
  return ['safety_check', referral ? 'referral_made' : 'referral_decided'];
}

/** A follow-up, and the referral it ended in (转介/转诊), if any. */
export const followUpActions = (referral: boolean): CaseAction[] =>
  referral ? ['follow_up', 'referral_made'] : ['follow_up'];

// @vitest-environment happy-dom
// The case dialogs' own words: a record's date is not a birth date, and 责任人 must be chosen.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Case } from '../../shared/api/cases';
import { addDays, todayIso } from '../../shared/people/date';
import { initI18n } from '../../renderer/src/i18n';
import { apiKey } from '../../renderer/src/api/query';
import { AssignDialog } from '../../renderer/src/features/cases/actions/AssignDialog';
import { eventDateError } from '../../renderer/src/features/cases/actions/EventDateField';
import {
  FollowUpDialog,
  InterviewDialog,
  SafetyCheckDialog,
} from '../../renderer/src/features/cases/actions/recordDialogs';
import { ReopenDialog } from '../../renderer/src/features/cases/actions/ReopenDialog';

beforeAll(() => {
  initI18n('zh-CN');
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(async () => {
  cleanup();
  await i18next.changeLanguage('zh-CN');
});

const today = todayIso();
/** Opened three days ago (local noon, so the day is the same in every time zone offset used here). */
const openedOn = addDays(today, -3);
const opened = new Date(`${openedOn}T12:00:00`).toISOString();
const aCase = {
  id: 7,
  personId: 1,
  programme: 'school',
  status: 'open',
  level: 'orange',
  screenLevel: 'orange',
  confirmedLevel: null,
  openedAt: opened,
  events: [],
  openTasks: [],
  referrals: [],
  colour: null,
  purple: false,
  managedSince: null,
  suggestedColour: null,
  reasons: [],
  responsible: null,
  responsibleId: null,
  rescreenOn: null,
  plan: null,
} satisfies Case;
const levels = new Map([
  ['red', { id: 'red', name: { zh: '红色', en: 'Red' }, colour: '#D32F2F' }],
  ['orange', { id: 'orange', name: { zh: '橙色', en: 'Orange' }, colour: '#F57C00' }],
]);

function wrap(children: ReactNode, seed?: (client: QueryClient) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity, retry: false } } });
  seed?.(client);
  return render(<QueryClientProvider client={client}>{children}</QueryClientProvider>);
}
const noop = () => undefined;
const dateInput = () => screen.getByTestId('event-date') as HTMLInputElement;
const setDate = (value: string) => act(() => void fireEvent.change(dateInput(), { target: { value } }));

describe('dated case records', () => {
  test('the interview dialog asks the day, today by default, and words a future day as a record date', async () => {
    wrap(<InterviewDialog c={aCase} levels={levels} onClose={noop} onSaved={noop} />);
    expect(dateInput().value).toBe(today);
    expect(dateInput().min).toBe(openedOn);
    expect(dateInput().max).toBe(today);
    setDate(addDays(today, 1));
    const dialog = screen.getByTestId('interview-dialog');
    expect(dialog.textContent).toContain('记录日期不能晚于今天');
    expect(dialog.textContent).not.toContain('出生日期');
    setDate(addDays(openedOn, -1));
    expect(dialog.textContent).toContain(`记录日期不能早于个案开始日期（${openedOn}）`);
    setDate(addDays(today, -1));
    expect(dialog.textContent).not.toContain('记录日期');
  });

  test('the safety-check dialog does the same, in English too', async () => {
    await act(() => i18next.changeLanguage('en'));
    wrap(<SafetyCheckDialog c={aCase} onClose={noop} onSaved={noop} />);
    setDate(addDays(today, 2));
    const dialog = screen.getByTestId('safety-dialog');
    expect(dialog.textContent).toContain('The date cannot be in the future');
    expect(dialog.textContent).not.toMatch(/birth/i);
    setDate(addDays(openedOn, -5));
    expect(dialog.textContent).toContain(`The date cannot be before the case was opened (${openedOn})`);
  });

  test('the follow-up dialog (its own date field) no longer speaks of a birth date', () => {
    wrap(<FollowUpDialog c={aCase} intervals={undefined} onClose={noop} onSaved={noop} />);
    const input = screen.getByLabelText(/^随访日期/) as HTMLInputElement;
    act(() => void fireEvent.change(input, { target: { value: addDays(today, 1) } }));
    const dialog = screen.getByTestId('follow-up-dialog');
    expect(dialog.textContent).toContain('记录日期不能晚于今天');
    expect(dialog.textContent).not.toContain('出生日期');
  });

  test('one rule, both languages: a missing, future or too-early day each has its words', async () => {
    const t = i18next.t.bind(i18next);
    expect(eventDateError('', opened, t)).toBe('请输入有效的日期');
    expect(eventDateError(addDays(today, 1), opened, t)).toBe('记录日期不能晚于今天');
    expect(eventDateError(openedOn, opened, t)).toBeUndefined();
    await i18next.changeLanguage('en');
    expect(eventDateError(addDays(openedOn, -1), opened, t)).toBe(
      `The date cannot be before the case was opened (${openedOn})`,
    );
  });
});

describe('reopen and assign dialogs', () => {
  test('reopen needs a reason, proposes the follow-up by the level, and refuses a past due date', () => {
    wrap(
      <ReopenDialog
        c={{ ...aCase, status: 'lifted' }}
        intervals={{ orange: { first: 3, then: 14 } }}
        onClose={noop}
        onSaved={noop}
      />,
    );
    const dialog = screen.getByTestId('reopen-dialog');
    const due = screen.getByLabelText(/随访截止日期/) as HTMLInputElement;
    expect(due.value).toBe(addDays(today, 3));
    expect(dialog.textContent).toContain('按当前等级的默认间隔：3 天后。');
    act(() => void fireEvent.submit(dialog.querySelector('form')!));
    expect(dialog.textContent).toContain('请填写重新开放的理由');
    act(() => void fireEvent.change(due, { target: { value: addDays(today, -1) } }));
    expect(dialog.textContent).toContain('随访截止日期不能早于今天');
  });

  test('assign lists the eligible staff and asks for one before saving', () => {
    wrap(<AssignDialog caseIds={[7, 8]} onClose={noop} onAssigned={noop} />, (client) =>
      client.setQueryData(apiKey('cases.responsibleCandidates', {}), [
        { id: 2, username: 'liu', displayName: '刘老师', role: 'psychologist' },
        { id: 1, username: 'admin', displayName: '王老师', role: 'admin' },
      ]),
    );
    const dialog = screen.getByTestId('assign-dialog');
    expect(dialog.textContent).toContain('为所选的 2 人指定同一位责任人；已有责任人的将转交。');
    const options = [...dialog.querySelectorAll('option')].map((o) => o.textContent);
    expect(options).toEqual(['请选择', '刘老师 (liu)', '王老师 (admin)']);
    act(() => void fireEvent.submit(dialog.querySelector('form')!));
    expect(dialog.textContent).toContain('请选择责任人');
  });
});

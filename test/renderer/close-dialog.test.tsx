// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Case } from '../../shared/api/cases';
import { addDays, todayIso } from '../../shared/people/date';
import { initI18n } from '../../renderer/src/i18n';
import { CloseDialog, type CasePerson } from '../../renderer/src/features/cases/actions/decisionDialogs';

beforeAll(() => {
  initI18n('zh-CN');
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(() => {
  cleanup();
  delete (window as { anxin?: unknown }).anxin;
});

const today = todayIso();
const kase = (over: Partial<Case> = {}): Case => ({
  id: 7,
  personId: 3,
  programme: 'perinatal',
  status: 'open',
  level: 'positive',
  screenLevel: 'positive',
  confirmedLevel: null,
  openedAt: `${today}T08:00:00Z`,
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
  ...over,
});
const pregnant30: CasePerson = { kind: 'woman', lmp: addDays(today, -30 * 7), edd: null, deliveryDate: null };
const unattended = {
  id: 1,
  caseId: 7,
  institution: '县人民医院',
  department: null,
  referredOn: today,
  consent: true,
  status: 'referred' as const,
  attendedOn: null,
  conclusion: null,
  icd10: null,
  diagnosis: null,
  diagnosedOn: null,
  outcome: null,
};

function show(c: Case, person: CasePerson) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <CloseDialog c={c} person={person} onClose={() => {}} onSaved={() => {}} />
    </QueryClientProvider>,
  );
  const select = screen.getByTestId('close-reason') as HTMLSelectElement;
  return [...select.options].filter((o) => o.value).map((o) => o.value);
}

describe('the close dialog offers only the reasons valid now', () => {
  test('30 weeks pregnant with an unattended referral: 转出 only, and why the others are not', () => {
    expect(show(kase({ referrals: [unattended] }), pregnant30)).toEqual(['transferred']);
    const why = screen.getByTestId('close-unavailable');
    expect(why.querySelector('[data-reason="postpartum42"]')!.textContent).toContain('尚未到位');
  });

  test('30 weeks pregnant, contacted, referral resolved: 产后42天 is not offered, and says her weeks', () => {
    const c = kase({
      referrals: [{ ...unattended, status: 'closed', outcome: '未就诊' }],
      events: [
        { id: 1, at: today, kind: 'follow_up', by: null, levelBefore: null, levelAfter: null, detail: {} },
      ],
    });
    expect(show(c, pregnant30)).toEqual(['recovered', 'transferred', 'other']);
    expect(screen.getByTestId('close-unavailable').querySelector('[data-reason="postpartum42"]')!.textContent).toContain('孕30+0周'); // prettier-ignore
  });

  test('50 days after delivery: 产后42天到期 is offered; a refusal raced on the server is shown in place', async () => {
    const delivered: CasePerson = { kind: 'woman', lmp: addDays(today, -330), edd: null, deliveryDate: addDays(today, -50) }; // prettier-ignore
    expect(show(kase(), delivered)).toEqual(['transferred', 'postpartum42', 'other']);
    const invoke = vi.fn(async () => ({
      ok: false,
      error: {
        code: 'conflict',
        message: 'raced',
        detail: { reason: 'cases.close_referral_unattended', params: { referredOn: today } },
      },
    }));
    (window as { anxin?: unknown }).anxin = { invoke };
    fireEvent.change(screen.getByTestId('close-reason'), { target: { value: 'postpartum42' } });
    fireEvent.submit(screen.getByTestId('close-reason').closest('form')!);
    await waitFor(() =>
      expect(screen.getByTestId('action-error').textContent).toContain(`${today} 的转介尚未到位`),
    );
    expect(invoke).toHaveBeenCalledWith('cases.close', { caseId: 7, reason: 'postpartum42' });
  });
});

// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { initI18n } from '../../renderer/src/i18n';
import { ApiCallError } from '../../renderer/src/api/client';
import { Alert } from '../../renderer/src/ui/Alert';
import { Card } from '../../renderer/src/ui/Card';
import { ConfirmDialog } from '../../renderer/src/ui/ConfirmDialog';
import { EmptyState } from '../../renderer/src/ui/EmptyState';
import { FieldError } from '../../renderer/src/ui/Field';
import { allLoaded } from '../../renderer/src/ui/LoadState';
import { NewPasswordFields } from '../../renderer/src/ui/NewPasswordFields';
import { ScreenTitle } from '../../renderer/src/ui/ScreenTitle';
import { Table, type Column } from '../../renderer/src/ui/Table';
import { usePeriodChoice } from '../../renderer/src/features/dashboard/PeriodPicker';
import { ruleProblem } from '../../renderer/src/features/rules/RuleEditor';
import { classesMissing } from '../../renderer/src/features/users/RoleFields';

beforeAll(() => {
  initI18n('zh-CN');
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);

describe('allLoaded', () => {
  const query = <T,>(data: T | undefined, error: unknown = null, isPending = data === undefined) => ({
    data,
    error,
    isPending,
    refetch: vi.fn(),
  });

  test('has data only once every query has answered, keyed as given', () => {
    const report = query({ group: '七年级 1班' });
    const labels = query<string[]>(undefined);
    expect(allLoaded({ report, labels }).data).toBeUndefined();
    expect(allLoaded({ report, labels }).isPending).toBe(true);
    const both = allLoaded({ report, labels: query(['red', 'green']) });
    expect(both.data).toEqual({ report: { group: '七年级 1班' }, labels: ['red', 'green'] });
    expect(both.isPending).toBe(false);
  });

  test('reports the first failure and retries every query', () => {
    const error = new ApiCallError('tiers.get', { code: 'forbidden', message: 'forbidden' });
    const a = query<number>(undefined, null, false);
    const b = query<number>(undefined, error, false);
    const combined = allLoaded({ a, b });
    expect(combined.error).toBe(error);
    combined.refetch();
    expect(a.refetch).toHaveBeenCalledTimes(1);
    expect(b.refetch).toHaveBeenCalledTimes(1);
  });
});

describe('ConfirmDialog', () => {
  test('words the last failure, confirms from its button, and as a form from Enter', () => {
    const onConfirm = vi.fn();
    const onClose = vi.fn();
    const error = new ApiCallError('users.deactivate', { code: 'forbidden', message: 'forbidden' });
    const { rerender } = render(
      <ConfirmDialog
        title="停用账号"
        onClose={onClose}
        onConfirm={onConfirm}
        confirmLabel="停用"
        danger
        error={error}
      >
        <p>停用后无法登录</p>
      </ConfirmDialog>,
    );
    expect(screen.getByRole('alert', { hidden: true })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '停用', hidden: true }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: '取消', hidden: true }));
    expect(onClose).toHaveBeenCalledTimes(1);

    rerender(
      <ConfirmDialog
        title="重设密码"
        onClose={onClose}
        onConfirm={onConfirm}
        confirmLabel="重设"
        asForm
        disabled
      >
        <input aria-label="新密码" />
      </ConfirmDialog>,
    );
    expect(screen.queryByRole('alert', { hidden: true })).toBeNull();
    const confirm = screen.getByRole('button', { name: '重设', hidden: true });
    expect(confirm.getAttribute('type')).toBe('submit');
    expect(confirm.hasAttribute('disabled')).toBe(true);
    fireEvent.submit(confirm.closest('form')!);
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });
});

describe('small kit parts', () => {
  test('ScreenTitle is the page heading with its line; Card titles its section', () => {
    render(
      <>
        <ScreenTitle
          icon="shield"
          title="找回管理员账号"
          subtitle="输入恢复码"
          testId="t"
          subtitleTestId="s"
        />
        <Card title="预警分级" titleId="levels" footNote="共 4 级">
          <p>表格</p>
        </Card>
      </>,
    );
    expect(screen.getByRole('heading', { level: 1, name: '找回管理员账号' }).dataset.testid).toBe('t');
    expect(screen.getByTestId('s').textContent).toBe('输入恢复码');
    const section = screen.getByRole('region', { name: '预警分级' });
    expect(section.textContent).toContain('共 4 级');
  });

  test('Alert and EmptyState keep stable hooks for tests and print rules', () => {
    render(
      <>
        <Alert kind="warning">没有找到：姓名</Alert>
        <EmptyState title="暂无量表" compact />
        <FieldError>请选择角色</FieldError>
      </>,
    );
    expect(screen.getByRole('note').getAttribute('data-alert')).toBe('warning');
    expect(document.querySelector('[data-empty-state]')?.textContent).toContain('暂无量表');
    expect(screen.getByText('请选择角色').className).toBe('field-error');
  });

  test('NewPasswordFields labels both boxes and ticks the rules as they are met', () => {
    const onPassword = vi.fn();
    const { rerender } = render(
      <NewPasswordFields
        password=""
        confirm=""
        onPassword={onPassword}
        onConfirm={() => {}}
        errors={{}}
        labels={{ password: '新密码', confirm: '确认新密码' }}
      />,
    );
    fireEvent.change(screen.getByLabelText('新密码'), { target: { value: 'abc' } });
    expect(onPassword).toHaveBeenCalledWith('abc');
    const ticked = () => screen.getByTestId('password-rules').querySelectorAll('li[class]').length;
    expect(ticked()).toBe(0);
    rerender(
      <NewPasswordFields
        password="long-enough-1"
        confirm="long-enough-1"
        onPassword={onPassword}
        onConfirm={() => {}}
        errors={{ confirm: '两次输入不一致' }}
        labels={{ password: '新密码', confirm: '确认新密码' }}
        sideBySide
      />,
    );
    expect(ticked()).toBe(2);
    expect(screen.getByText('两次输入不一致')).toBeTruthy();
  });

  test('Table marks rows by rowClassName', () => {
    const columns: Column<{ name: string; active: boolean }>[] = [
      { key: 'name', header: '姓名', cell: (r) => r.name },
    ];
    render(
      <Table
        columns={columns}
        rows={[
          { name: '王老师', active: true },
          { name: '李老师', active: false },
        ]}
        rowKey={(r) => r.name}
        label="账号"
        rowClassName={(r) => (r.active ? undefined : 'inactive')}
        rowTestId="row"
        dense
      />,
    );
    expect(screen.getAllByTestId('row').map((r) => r.className)).toEqual(['', 'inactive']);
  });
});

describe('admin page rules', () => {
  test('the period stays the last complete one while custom dates are half typed', () => {
    const { result } = renderHook(() => usePeriodChoice('perinatal'));
    const year = result.current.period;
    expect(year.from.endsWith('-01-01')).toBe(true);
    act(() => result.current.choose('custom'));
    expect(result.current.custom).toEqual(year);
    act(() => result.current.type({ from: '2026-03-01', to: '' }));
    expect(result.current.invalid).toBe(true);
    expect(result.current.period).toEqual(year);
    act(() => result.current.type({ from: '2026-03-01', to: '2026-03-31' }));
    expect(result.current.period).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  test('a total range whose top is below its bottom is the one rule mistake', () => {
    expect(ruleProblem({ kind: 'total', instrument: 'PHQ-9', min: 10, max: 5 })).toBe('rules.maxBelowMin');
    expect(ruleProblem({ kind: 'total', instrument: 'PHQ-9', min: 10, max: 14 })).toBeNull();
    expect(ruleProblem({ kind: 'total', instrument: 'PHQ-9', min: 20 })).toBeNull();
  });

  test('only a class teacher needs classes', () => {
    expect(classesMissing('class_teacher', [])).toBe(true);
    expect(classesMissing('class_teacher', [{ grade: '七年级', className: '1班' }])).toBe(false);
    expect(classesMissing('psychologist', [])).toBe(false);
  });
});

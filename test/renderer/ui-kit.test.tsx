// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { initI18n } from '../../renderer/src/i18n';
import { Button } from '../../renderer/src/ui/Button';
import { Dialog, DialogActions } from '../../renderer/src/ui/Dialog';
import { EmptyState } from '../../renderer/src/ui/EmptyState';
import { LoadState } from '../../renderer/src/ui/LoadState';
import { PageHeader } from '../../renderer/src/ui/PageHeader';
import { Select } from '../../renderer/src/ui/Select';
import { Table, type Column } from '../../renderer/src/ui/Table';
import { Tabs } from '../../renderer/src/ui/Tabs';
import { Tag } from '../../renderer/src/ui/Tag';
import { SearchInput, Toolbar } from '../../renderer/src/ui/Toolbar';
import { ApiCallError } from '../../renderer/src/api/client';

beforeAll(() => {
  initI18n('zh-CN');
  // happy-dom's <dialog> has no showModal; the real browser's does (covered by the e2e tests).
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterEach(cleanup);

describe('Button', () => {
  test('is type=button unless it submits, and a busy button cannot be pressed twice', () => {
    const onClick = vi.fn();
    const { rerender } = render(<Button onClick={onClick}>保存</Button>);
    const button = screen.getByRole('button', { name: '保存' });
    expect(button.getAttribute('type')).toBe('button');
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    rerender(
      <Button onClick={onClick} busy>
        保存
      </Button>,
    );
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe('Dialog', () => {
  test('a form dialog submits from its confirm button; Esc closes unless busy', () => {
    const onSubmit = vi.fn();
    const onClose = vi.fn();
    const { rerender } = render(
      <Dialog
        title="新建学生"
        onClose={onClose}
        onSubmit={onSubmit}
        footer={<DialogActions onCancel={onClose} confirmLabel="添加" />}
      >
        <input aria-label="姓名" />
      </Dialog>,
    );
    expect(screen.getByRole('dialog', { hidden: true }).getAttribute('aria-labelledby')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '添加', hidden: true }));
    expect(onSubmit).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: '取消', hidden: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    const dialog = screen.getByRole('dialog', { hidden: true });
    fireEvent(dialog, new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
    rerender(
      <Dialog title="新建学生" onClose={onClose} busy>
        <p>…</p>
      </Dialog>,
    );
    fireEvent(screen.getByRole('dialog', { hidden: true }), new Event('cancel', { cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});

describe('Tabs', () => {
  const items = [
    { value: 'all', label: '全部', count: 12 },
    { value: 'mine', label: '我的', count: 3 },
  ] as const;

  test('toggle mode marks the pressed choice and reports the new one', () => {
    const onChange = vi.fn();
    render(<Tabs items={items} value="all" onChange={onChange} label="范围" />);
    expect(screen.getByRole('button', { name: '全部 12' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '我的 3' }));
    expect(onChange).toHaveBeenCalledWith('mine');
  });

  test('tabs mode is a tablist that arrow keys move through, wrapping around', () => {
    const onChange = vi.fn();
    render(<Tabs items={items} value="all" onChange={onChange} label="范围" mode="tabs" />);
    expect(screen.getByRole('tablist', { name: '范围' })).toBeTruthy();
    const first = screen.getByRole('tab', { name: '全部 12' });
    expect(first.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    expect(onChange).toHaveBeenCalledWith('mine');
  });
});

describe('Table', () => {
  interface Row {
    id: number;
    name: string;
    score: number;
  }
  const columns: Column<Row, 'name' | 'score'>[] = [
    { key: 'name', header: '姓名', cell: (r) => r.name, kind: 'strong', sortable: true },
    { key: 'score', header: '总分', cell: (r) => r.score, kind: 'num' },
  ];

  test('renders one row per item and sorts from its header', () => {
    const onSort = vi.fn();
    render(
      <Table
        label="名单"
        columns={columns}
        rows={[
          { id: 1, name: '甲', score: 12 },
          { id: 2, name: '乙', score: 3 },
        ]}
        rowKey={(r) => r.id}
        sort={{ key: 'name', descending: false }}
        onSort={onSort}
      />,
    );
    const table = screen.getByRole('table', { name: '名单' });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(table.querySelector('tbody tr td:last-child')?.textContent).toBe('12');
    expect(screen.getByRole('columnheader', { name: /姓名/ }).getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /姓名/ }));
    expect(onSort).toHaveBeenCalledWith('name', true);
  });

  test("marks rows with the caller's class", () => {
    render(
      <Table
        label="名单"
        columns={columns}
        rows={[
          { id: 1, name: '甲', score: 12 },
          { id: 2, name: '乙', score: 3 },
        ]}
        rowKey={(r) => r.id}
        rowClassName={(r) => (r.score > 10 ? 'overdue' : undefined)}
      />,
    );
    const rows = screen.getByRole('table', { name: '名单' }).querySelectorAll('tbody tr');
    expect(rows[0]?.className).toBe('overdue');
    expect(rows[1]?.hasAttribute('class')).toBe(false);
  });

  test('SearchInput passes its length limit on', () => {
    render(
      <SearchInput value="" onValue={() => {}} placeholder="搜索" label="搜索" maxLength={64} size="lg" />,
    );
    expect(screen.getByRole('searchbox', { name: '搜索' }).getAttribute('maxlength')).toBe('64');
  });

  test('shows the empty state instead of an empty table', () => {
    render(
      <Table
        label="名单"
        columns={columns}
        rows={[]}
        rowKey={(r) => r.id}
        empty={<EmptyState title="暂无学生" />}
      />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('暂无学生')).toBeTruthy();
  });

  test('rowData becomes data attributes on each row, beside the row test id', () => {
    render(
      <Table
        label="名单"
        columns={columns}
        rows={[
          { id: 7, name: '甲', score: 12 },
          { id: 8, name: '乙', score: 3 },
        ]}
        rowKey={(r) => r.id}
        rowTestId="score-row"
        rowData={(r) => ({ row: r.id, level: r.score > 9 ? 'high' : 'low' })}
      />,
    );
    const rows = screen.getAllByTestId('score-row');
    expect(rows.map((r) => `${r.getAttribute('data-row')}:${r.getAttribute('data-level')}`)).toEqual([
      '7:high',
      '8:low',
    ]);
  });
});

describe('page furniture', () => {
  test('PageHeader, Toolbar, SearchInput, Select and Tag render what they are given', () => {
    const onValue = vi.fn();
    const onSearch = vi.fn();
    render(
      <>
        <PageHeader title="学生名册" subtitle="全校学生" actions={<Button>导入</Button>} />
        <Toolbar search count="共 2 人" label="筛选">
          <SearchInput value="" onValue={onSearch} placeholder="搜索姓名" label="搜索" />
          <Select
            aria-label="年级"
            value=""
            onValue={onValue}
            placeholder="全部年级"
            options={[{ value: '七年级', label: '七年级' }]}
          />
        </Toolbar>
        <Tag tone="danger" dot>
          红
        </Tag>
      </>,
    );
    expect(screen.getByRole('heading', { level: 1, name: '学生名册' })).toBeTruthy();
    expect(screen.getByRole('search', { name: '筛选' }).textContent).toContain('共 2 人');
    fireEvent.change(screen.getByRole('combobox', { name: '年级' }), { target: { value: '七年级' } });
    expect(onValue).toHaveBeenCalledWith('七年级');
    fireEvent.change(screen.getByRole('searchbox', { name: '搜索' }), { target: { value: '张' } });
    expect(onSearch).toHaveBeenCalledWith('张');
    expect(screen.getByText('红').tagName).toBe('SPAN');
  });
});

describe('LoadState', () => {
  test('loading, then a failure with retry, then the data', async () => {
    const refetch = vi.fn();
    const view = (query: Parameters<typeof LoadState<string>>[0]['query']) => (
      <LoadState query={query} failed="名册加载失败">
        {(data) => <p>{data}</p>}
      </LoadState>
    );
    const { rerender } = render(view({ data: undefined, error: null, isPending: true, refetch }));
    expect(screen.getByText('正在加载…')).toBeTruthy();
    const error = new ApiCallError('people.list', { code: 'forbidden', message: 'forbidden' });
    rerender(view({ data: undefined, error, isPending: false, refetch }));
    expect(screen.getByRole('alert').textContent).toContain('名册加载失败');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '重试' })));
    expect(refetch).toHaveBeenCalledTimes(1);
    rerender(view({ data: '张三', error: null, isPending: false, refetch }));
    expect(screen.getByText('张三')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

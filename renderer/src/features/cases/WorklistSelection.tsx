import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistItem } from '../../../../shared/api/cases';
import { Button } from '../../ui/Button';
import type { Column } from '../../ui/Table';
import { Toolbar } from '../../ui/Toolbar';
import { toast } from '../../store/toast';
import { AssignDialog, assignedMessage } from './actions/AssignDialog';

/** The worklist's selected cases (by case id), kept to the rows on screen. */
export function useSelection(shown: readonly WorklistItem[]) {
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  // A filter that hides a row drops it from the selection: a bulk action acts on what is seen.
  const visible = new Set(shown.map((i) => i.caseId));
  const selected = new Set([...chosen].filter((id) => visible.has(id)));
  return {
    selected,
    toggle: (caseId: number, on: boolean) =>
      setChosen((s) => {
        const next = new Set(s);
        if (on) next.add(caseId);
        else next.delete(caseId);
        return next;
      }),
    selectAll: () => setChosen(new Set(visible)),
    clear: () => setChosen(new Set()),
  };
}

/** The checkbox column that selects rows for a bulk action. */
export function selectColumn(
  selected: ReadonlySet<number>,
  toggle: (caseId: number, on: boolean) => void,
  header: string,
  rowLabel: (item: WorklistItem) => string,
): Column<WorklistItem, 'select'> {
  return {
    key: 'select',
    header,
    cell: (i) => (
      <input
        type="checkbox"
        checked={selected.has(i.caseId)}
        onChange={(e) => toggle(i.caseId, e.target.checked)}
        aria-label={rowLabel(i)}
        data-testid="worklist-select"
      />
    ),
  };
}

/** 已选 N 人 · 全选本页 · 取消选择 · 指派责任人 (the dialog assigns every selected case, all or none). */
export function BulkAssignBar({ selection }: { selection: ReturnType<typeof useSelection> }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = selection.selected.size;
  return (
    <Toolbar testId="worklist-bulk">
      <span data-testid="worklist-selected">{t('cases.assign.selected', { count })}</span>
      <Button variant="link" onClick={selection.selectAll} data-testid="worklist-select-all">
        {t('cases.assign.selectAll')}
      </Button>
      {count ? (
        <Button variant="link" onClick={selection.clear}>
          {t('cases.assign.clearSelection')}
        </Button>
      ) : null}
      <Button
        variant="primary"
        disabled={count === 0}
        onClick={() => setOpen(true)}
        data-testid="worklist-assign"
      >
        {t('cases.assign.bulk')}
      </Button>
      {open ? (
        <AssignDialog
          caseIds={[...selection.selected]}
          onClose={() => setOpen(false)}
          onAssigned={(result) => {
            toast.success(assignedMessage(result, t));
            selection.clear();
          }}
        />
      ) : null}
    </Toolbar>
  );
}

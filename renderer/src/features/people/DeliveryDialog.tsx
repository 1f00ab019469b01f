import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/api/people';
import type { PersonFile } from '../../../../shared/api/person-file';
import { pregnancyStart } from '../../../../shared/people/perinatal';
import { todayIso } from '../../../../shared/people/date';
import { useApiMutation } from '../../api/query';
import { describeError } from '../../api/errors';
import { Alert } from '../../ui/Alert';
import { TextField } from '../../ui/Field';
import { Dialog, DialogActions } from '../../ui/Dialog';

/**
 * 补录分娩日期: the one field a woman past her due date is missing. It is a correction like any
 * other (people.correct, with a fixed reason), so the old empty value stays in the file's history;
 * the postpartum time points are then scheduled from it.
 */
export function DeliveryDialog({
  person,
  onClose,
  onSaved,
}: {
  person: Person;
  onClose(): void;
  onSaved(file: PersonFile): void;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const correct = useApiMutation('people.correct');
  const today = todayIso();
  const start = pregnancyStart(person);
  const problem = !date
    ? t('women.delivery.required')
    : date > today
      ? t('women.delivery.future')
      : start && date < start
        ? t('women.delivery.beforeStart')
        : null;

  function submit() {
    setSubmitted(true);
    if (problem) return;
    correct.mutate(
      { id: person.id, changes: { deliveryDate: date }, reason: t('women.delivery.reason') },
      {
        onSuccess: (file) => {
          onSaved(file);
          onClose();
        },
      },
    );
  }

  return (
    <Dialog
      title={t('women.delivery.title', { name: person.name })}
      subtitle={t('women.delivery.intro')}
      onClose={onClose}
      busy={correct.isPending}
      testId="delivery-dialog"
      onSubmit={submit}
      footer={
        <DialogActions
          onCancel={onClose}
          busy={correct.isPending}
          confirmLabel={t('women.delivery.submit')}
        />
      }
    >
      <div className="form">
        <TextField
          label={t('women.delivery.date')}
          type="date"
          value={date}
          onValue={setDate}
          max={today}
          min={start ?? undefined}
          required
          error={submitted ? problem : undefined}
          data-testid="delivery-date"
        />
        {correct.error ? <Alert>{describeError(correct.error)}</Alert> : null}
      </div>
    </Dialog>
  );
}

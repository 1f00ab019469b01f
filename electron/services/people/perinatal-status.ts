import type { Person, PerinatalStatus } from '../../../shared/api/people';
import { perinatalStage, screeningSchedule, todayIso, type IsoDate } from '../../../shared/people';

/** A woman's stage today and her screening time points, computed from LMP/EDD and delivery date. */
export function perinatalStatus(person: Person, today: IsoDate = todayIso()): PerinatalStatus | null {
  if (person.kind !== 'woman') return null;
  const dates = { lmp: person.lmp, edd: person.edd, deliveryDate: person.deliveryDate };
  const stage = perinatalStage(dates, today);
  const schedule = screeningSchedule(dates, today);
  return {
    stage: stage ? (stage.kind === 'postpartum' ? 'postpartum' : stage.trimester) : null,
    stageLabel: stage
      ? stage.kind === 'postpartum'
        ? stage.label
        : `${stage.label} ${stage.age.weeks}+${stage.age.days}周`
      : null,
    gestation: stage?.kind === 'pregnant' ? { weeks: stage.age.weeks, days: stage.age.days } : null,
    postpartumDays: stage?.kind === 'postpartum' ? stage.days : null,
    timePoints: schedule?.points ?? [],
    nextDue: schedule?.nextDue ?? null,
  };
}

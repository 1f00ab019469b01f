import type { ReferralLetter } from '../../../shared/api/reports';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/database';
import { audit } from '../audit';
import { getCase } from '../cases/cases';
import { getPerson } from '../people/people';
import { personScreenings } from '../screening/sessions';
import { getSetting } from '../settings';

/**
 * The 转介单: the referral as recorded on its case, the person's identity and screening history,
 * and what the safety checks and interviews found. It carries a whole file, so it is audited.
 */
export function referralLetter(db: Db, userId: number, referralId: number): ReferralLetter {
  const row = db
    .prepare<[number], { caseId: number; referredBy: string | null }>(
      `SELECT r.case_id AS caseId, u.display_name AS referredBy
       FROM referrals r LEFT JOIN users u ON u.id = r.created_by WHERE r.id = ?`,
    )
    .get(referralId);
  if (!row) throw new AppError('not_found', `No referral ${referralId}.`);
  const c = getCase(db, row.caseId);
  const screenings = personScreenings(db, c.personId);
  audit(db, userId, 'report.referral', String(referralId));
  return {
    orgName: getSetting(db, 'org.name') ?? '',
    programme: c.programme,
    referral: c.referrals.find((r) => r.id === referralId)!,
    referredBy: row.referredBy,
    person: getPerson(db, c.personId),
    case: {
      id: c.id,
      level: c.level,
      screenLevel: c.screenLevel,
      confirmedLevel: c.confirmedLevel,
      reasons: c.reasons,
      openedAt: c.openedAt,
      responsible: c.responsible,
    },
    screenings,
    contacts: c.events.filter((e) => e.kind === 'safety_check' || e.kind === 'interview'),
  };
}

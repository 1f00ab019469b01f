import { createHash, randomUUID } from 'node:crypto';
import { newSigningKeys, sealBundle, type KeyPair } from '../../electron/security/bundle-crypto';
import { defaultAgreement, type SharingAgreement } from '../../shared/hub/agreement';
import {
  BUNDLE_FORMAT,
  type BundleAggregate,
  type BundleCase,
  type BundlePayload,
} from '../../shared/hub/bundle';
import type { HubInvite } from '../../shared/hub/invite';

/**
 * Synthetic report bundles for the hub's tests and bench, written without an installation: a
 * school (campaign × grade × class aggregates) or a clinic (month × time point × township), with
 * case records for a share of the screened people. Deterministic for a given `seed`.
 */
export interface SyntheticInstallation {
  invite: Pick<
    HubInvite,
    'hubId' | 'hubPublicKey' | 'installationId' | 'installationName' | 'township' | 'secret'
  > & {
    agreement: SharingAgreement;
  };
  signing: KeyPair;
  sequence: number;
}

export function syntheticInstallation(invite: SyntheticInstallation['invite']): SyntheticInstallation {
  return { invite, signing: newSigningKeys(), sequence: 0 };
}

export const pseudonym = (seed: string): string => {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = createHash('sha256').update(seed).digest();
  return Array.from(bytes.subarray(0, 16), (b) => alphabet[b % 32]).join('');
};

export interface SchoolShape {
  grades: number;
  classesPerGrade: number;
  studentsPerClass: number;
  campaigns: number;
  /** Share of screened students with an open case (default 0.08). */
  caseShare?: number;
  /** How many open cases have a safety check due before `today` (overdue). */
  overdueSafetyChecks?: number;
  today?: string;
  /** Add name/class to red and orange cases (only meaningful when the agreement allows names). */
  withNames?: boolean;
}

const levelsSchool = [
  { id: 'red', name: { zh: '红色预警（一级）', en: 'Red (level 1)' }, colour: '#D32F2F' },
  { id: 'orange', name: { zh: '橙色预警（二级）', en: 'Orange (level 2)' }, colour: '#F57C00' },
  { id: 'yellow', name: { zh: '黄色预警（三级）', en: 'Yellow (level 3)' }, colour: '#FBC02D' },
  { id: 'green', name: { zh: '绿色（无预警）', en: 'Green (no warning)' }, colour: '#388E3C' },
];

/** A school's full snapshot: every aggregate row and case record the default agreement shares. */
export function schoolPayload(
  inst: SyntheticInstallation,
  shape: SchoolShape,
  createdAt = new Date().toISOString(),
): BundlePayload {
  const today = shape.today ?? createdAt.slice(0, 10);
  const aggregates: BundleAggregate[] = [];
  const cases: BundleCase[] = [];
  const caseShare = shape.caseShare ?? 0.08;
  let overdue = shape.overdueSafetyChecks ?? 0;
  for (let c = 0; c < shape.campaigns; c++) {
    const month = `2026-${String(3 + c * 3).padStart(2, '0')}`;
    const campaign = {
      ref: `c${c + 1}`,
      name: `第${c + 1}次心理测评`,
      startsOn: `${month}-01`,
      endsOn: `${month}-20`,
    };
    for (let g = 1; g <= shape.grades; g++) {
      for (let k = 1; k <= shape.classesPerGrade; k++) {
        const n = shape.studentsPerClass;
        const screened = n - 1;
        const flagged = Math.round(screened * caseShare);
        const red = Math.max(0, Math.floor(flagged / 4));
        const orange = Math.floor(flagged / 4);
        const yellow = flagged - red - orange;
        aggregates.push({
          key: `${campaign.ref}|${g}|${k}`,
          campaign,
          grade: `${g}年级`,
          className: `${k}班`,
          timePoint: null,
          township: null,
          month,
          expected: n,
          screened,
          declined: 1,
          levels: { red, orange, yellow, green: screened - flagged },
          critical: red,
          referred: red,
          attended: Math.floor(red / 2),
        });
        if (c !== shape.campaigns - 1) continue;
        for (let i = 0; i < flagged; i++) {
          const level = i < red ? 'red' : i < red + orange ? 'orange' : 'yellow';
          const person = pseudonym(`${inst.invite.installationId}|p|${g}|${k}|${i}`);
          const safety = level === 'red' && overdue > 0 ? (overdue--, true) : false;
          cases.push({
            ref: pseudonym(`${inst.invite.installationId}|c|${g}|${k}|${i}`),
            person,
            status: 'open',
            level,
            purple: false,
            reasons: [],
            openedOn: campaign.startsOn,
            endedOn: null,
            tasks: safety
              ? [{ kind: 'safety_check', dueOn: campaign.startsOn }]
              : [{ kind: 'follow_up', dueOn: today }],
            referral: level === 'red' ? 'referred' : 'none',
            outcome: null,
            ...(shape.withNames && level !== 'yellow'
              ? { name: `学生${g}-${k}-${i}`, grade: `${g}年级`, className: `${k}班` }
              : {}),
          });
        }
      }
    }
  }
  return {
    format: BUNDLE_FORMAT,
    bundleId: randomUUID(),
    hubId: inst.invite.hubId,
    installationId: inst.invite.installationId,
    sequence: ++inst.sequence,
    createdAt,
    agreement: inst.invite.agreement,
    installation: { name: inst.invite.installationName, township: inst.invite.township },
    levels: levelsSchool,
    people: shape.grades * shape.classesPerGrade * shape.studentsPerClass,
    aggregates,
    cases,
  };
}

/** Seals a payload as the installation would (signed, encrypted to the hub, enrolment MAC inside). */
export function sealPayload(inst: SyntheticInstallation, payload: BundlePayload): Buffer {
  return sealBundle({
    payloadJson: JSON.stringify(payload),
    hubId: inst.invite.hubId,
    installationId: inst.invite.installationId,
    hubPublicKey: inst.invite.hubPublicKey,
    signing: inst.signing,
    enrolmentSecret: inst.invite.secret,
  });
}

export { defaultAgreement };

import { randomUUID } from 'node:crypto';
import {
  BUNDLE_FORMAT,
  bundlePayloadSchema,
  namesWithinAgreement,
  type BundlePayload,
} from '../../../shared/hub/bundle';
import type { Programme } from '../../../shared/instruments';
import { todayIso } from '../../../shared/people';
import type { Db } from '../../db/database';
import { activeRuleSet } from '../tier-rules';
import { perinatalAggregates, schoolAggregates } from './aggregates';
import { caseRecords } from './case-records';
import { organisationProgramme, requireLink, type HubLink } from './link';

/**
 * Everything a bundle written `now` would say, under the sequence number given (the next one when
 * written). It is checked against the bundle format and the agreement before it goes anywhere:
 * a payload that would hold more than the agreement shares is a bug, and nothing is sent.
 */
export function buildPayload(
  db: Db,
  now: Date,
  sequence?: number,
  link: HubLink = requireLink(db),
): BundlePayload {
  const programme: Programme = organisationProgramme(db);
  const today = todayIso(now);
  const payload: BundlePayload = {
    format: BUNDLE_FORMAT,
    bundleId: randomUUID(),
    hubId: link.hubId,
    installationId: link.installationId,
    sequence: sequence ?? link.sequence + 1,
    createdAt: now.toISOString(),
    agreement: link.agreement,
    installation: { name: link.installationName, township: link.township },
    levels: activeRuleSet(db, programme).levels.map((l) => ({ id: l.id, name: l.name, colour: l.colour })),
    people: db
      .prepare<[string], number>(
        "SELECT count(*) FROM people WHERE kind = ? AND status IN ('active', 'enrolled')",
      )
      .pluck()
      .get(programme === 'school' ? 'student' : 'woman')!,
    aggregates: programme === 'school' ? schoolAggregates(db) : perinatalAggregates(db, today),
    cases: caseRecords(db, programme, link.pseudonymKey, link.agreement),
  };
  const checked = bundlePayloadSchema.parse(payload);
  if (!namesWithinAgreement(checked)) throw new Error('bundle payload carries names outside its agreement');
  return checked;
}

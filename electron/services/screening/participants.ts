import { z } from 'zod';
import { campaignTargetSchema, type Campaign, type CampaignTarget } from '../../../shared/api/screening';
import type { Person } from '../../../shared/api/people';
import { todayIso } from '../../../shared/people/date';
import { batteryFor, type CriteriaSubject } from '../../../shared/screening/criteria';
import type { Db } from '../../db/database';
import { nowIso } from '../../db/database';
import { parseJsonColumn } from '../../db/json-column';
import { statement } from '../../db/statements';
import { perinatalFacts, perinatalStatus, type PerinatalFacts } from '../people/perinatal-status';
import { TRANSFERRED_OUT } from '../people/transferred';
import { SELECT_PERSON, toPerson, type PersonRow } from '../people/person-row';

/**
 * A campaign selects its people by criteria (its targets: grades and classes, or the perinatal
 * time points a woman is due for), evaluated whenever its list is read or someone signs in — not a
 * list frozen at creation, so a woman registered (or a student imported) afterwards who matches
 * can sign in, and one who moved class or transferred out and has not started is no longer due.
 *
 * `campaign_participants` keeps the per-person state (status, slip code, battery): a row is made
 * the first time a matching person is listed or signs in (idempotent), and a row still `due` is
 * dropped once its person no longer matches. A row whose person started (in progress, done,
 * declined, absent) is history and always stays. Campaigns created before criteria were evaluated
 * work the same way: their stored targets are their criteria, and their frozen rows are the state
 * so far (see test/integration/campaign-criteria.test.ts).
 *
 * Once a campaign is closed or past its last day its list is history too: nobody is added or
 * dropped, so the figures of its period do not move when next term's roster moves classes.
 */

interface SelectionRow {
  id: number;
  programme: Campaign['programme'];
  status: Campaign['status'];
  ends_on: string;
  targets: string;
}

const targetsColumn = z.array(campaignTargetSchema);

interface Selection {
  id: number;
  programme: Campaign['programme'];
  targets: CampaignTarget[];
  /** Still choosing people by its criteria (open, and not past its last day). */
  live: boolean;
}

function selection(row: SelectionRow, today: string): Selection {
  return {
    id: row.id,
    programme: row.programme,
    targets: parseJsonColumn(targetsColumn, row.targets, 'campaigns.targets'),
    live: row.status === 'open' && today <= row.ends_on,
  };
}

const SELECT_SELECTION = 'SELECT id, programme, status, ends_on, targets FROM campaigns';

/**
 * Who a campaign of this programme can name at all: people of its kind still on the register (a
 * woman whose case closed as 转出 has left it, as in the register's 在册).
 */
const ELIGIBLE = `kind = ? AND status IN ('active', 'enrolled') AND (kind <> 'woman' OR NOT ${TRANSFERRED_OUT})`;
const kindOf = (programme: Campaign['programme']) => (programme === 'school' ? 'student' : 'woman');

/** A woman is due at a time point while its window is open and no screening has completed it. */
function subjectOf(person: Person, today: string, facts: PerinatalFacts): CriteriaSubject {
  return {
    grade: person.grade,
    className: person.className,
    dueTimePoints:
      perinatalStatus(person, today, facts)
        ?.timePoints.filter((t) => t.state === 'due')
        .map((t) => t.point) ?? [],
  };
}

interface ParticipantRow {
  person_id: number;
  battery: string;
  status: string;
}

/**
 * Makes the stored lists of these campaigns (every live one when `ids` is omitted) match their
 * criteria today: adds who matches, drops who no longer does and has not started, moves a battery
 * when a person now falls under another target. `force` evaluates a campaign that is no longer
 * live (creating one whose dates are already past, to record a paper round).
 */
export function syncParticipants(db: Db, ids?: readonly number[], { force = false } = {}): void {
  const today = todayIso();
  const rows = (
    ids === undefined
      ? statement<[], SelectionRow>(db, `${SELECT_SELECTION} WHERE status = 'open'`).all()
      : ids.flatMap((id) => statement<[number], SelectionRow>(db, `${SELECT_SELECTION} WHERE id = ?`).all(id))
  ).filter((row) => force || selection(row, today).live);
  // The live board reads the list on every answer: unless the register, the day, a screening or
  // the campaign changed since this list was last made, it is still right.
  const seen = synced.get(db) ?? new Map<number, string>();
  synced.set(db, seen);
  const marks = new Map<Campaign['programme'], string>();
  const markOf = (row: SelectionRow) => {
    let mark = marks.get(row.programme);
    if (mark === undefined) {
      const r = statement<[string], { n: number; at: string | null; s: number | null; e: number | null }>(
        db,
        `SELECT count(*) AS n, max(updated_at) AS at, (SELECT max(id) FROM screenings) AS s, (SELECT max(id) FROM case_events) AS e FROM people WHERE kind = ?`,
      ).get(kindOf(row.programme))!;
      mark = `${today}|${r.n}|${r.at}|${r.s}|${r.e}`;
      marks.set(row.programme, mark);
    }
    return `${mark}|${row.status}|${row.ends_on}|${row.targets}`;
  };
  const stale = rows.filter((row) => force || seen.get(row.id) !== markOf(row));
  const campaigns = stale.map((row) => selection(row, today));
  if (!campaigns.length) return;
  // Each programme's people are read once for all its campaigns.
  const people = new Map<Campaign['programme'], { id: number; subject: CriteriaSubject }[]>();
  const peopleOf = (programme: Campaign['programme']) => {
    let list = people.get(programme);
    if (!list) {
      const rows = statement<[string], PersonRow>(db, `${SELECT_PERSON} WHERE ${ELIGIBLE}`).all(
        kindOf(programme),
      );
      const facts = perinatalFacts(db, programme === 'perinatal' ? undefined : []);
      list = rows.map((row) => {
        const person = toPerson(row);
        return { id: person.id, subject: subjectOf(person, today, facts(person.id)) };
      });
      people.set(programme, list);
    }
    return list;
  };
  const rowsOf = statement<[number], ParticipantRow>(
    db,
    'SELECT person_id, battery, status FROM campaign_participants WHERE campaign_id = ?',
  );
  const insert = statement(
    db,
    'INSERT OR IGNORE INTO campaign_participants (campaign_id, person_id, battery, updated_at) VALUES (?, ?, ?, ?)',
  );
  const rebattery = statement(
    db,
    "UPDATE campaign_participants SET battery = ?, updated_at = ? WHERE campaign_id = ? AND person_id = ? AND status = 'due'",
  );
  const drop = statement(
    db,
    "DELETE FROM campaign_participants WHERE campaign_id = ? AND person_id = ? AND status = 'due'",
  );
  db.transaction(() => {
    const now = nowIso();
    for (const campaign of campaigns) {
      const existing = new Map(rowsOf.all(campaign.id).map((r) => [r.person_id, r]));
      const matched = new Set<number>();
      for (const person of peopleOf(campaign.programme)) {
        const battery = batteryFor(campaign.targets, person.subject);
        if (!battery) continue;
        matched.add(person.id);
        const json = JSON.stringify(battery);
        const row = existing.get(person.id);
        if (!row) insert.run(campaign.id, person.id, json, now);
        else if (row.status === 'due' && row.battery !== json)
          rebattery.run(json, now, campaign.id, person.id);
      }
      for (const row of existing.values())
        if (row.status === 'due' && !matched.has(row.person_id)) drop.run(campaign.id, row.person_id);
    }
  })();
  for (const row of stale) seen.set(row.id, markOf(row));
}

/** Per connection: the state of the register each campaign's list was last made from. */
const synced = new WeakMap<Db, Map<number, string>>();

/**
 * The person's place in the campaign at sign-in (kiosk, station, staff starting a sheet), made on
 * first use when she matches the criteria today; null when she is not (or no longer) on the list.
 * A started sheet keeps its place whatever the criteria now say.
 */
export function admitParticipant(
  db: Db,
  campaignId: number,
  personId: number,
): { battery: string; status: string } | null {
  const row = statement<[number, number], ParticipantRow>(
    db,
    'SELECT person_id, battery, status FROM campaign_participants WHERE campaign_id = ? AND person_id = ?',
  ).get(campaignId, personId);
  if (row && row.status !== 'due') return row;
  const campaignRow = statement<[number], SelectionRow>(db, `${SELECT_SELECTION} WHERE id = ?`).get(
    campaignId,
  );
  if (!campaignRow) return null;
  const today = todayIso();
  const campaign = selection(campaignRow, today);
  if (!campaign.live) return row ?? null;
  const personRow = statement<[number, string], PersonRow>(
    db,
    `${SELECT_PERSON} WHERE id = ? AND ${ELIGIBLE}`,
  ).get(personId, kindOf(campaign.programme));
  const battery = personRow
    ? batteryFor(
        campaign.targets,
        subjectOf(toPerson(personRow), today, perinatalFacts(db, [personId])(personId)),
      )
    : null;
  if (!battery) {
    if (row)
      statement(
        db,
        "DELETE FROM campaign_participants WHERE campaign_id = ? AND person_id = ? AND status = 'due'",
      ).run(campaignId, personId);
    return null;
  }
  const json = JSON.stringify(battery);
  if (!row || row.battery !== json)
    statement(
      db,
      `INSERT INTO campaign_participants (campaign_id, person_id, battery, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (campaign_id, person_id) DO UPDATE SET battery = excluded.battery, updated_at = excluded.updated_at`,
    ).run(campaignId, personId, json, nowIso());
  return { battery: json, status: 'due' };
}

// SQL fragments about a woman's place on the register, in a module of their own: the register
// (people.ts) and the campaigns' criteria (screening/participants.ts) both read them, and keeping
// them out of people.ts avoids an import cycle that would leave them undefined at load time.

/**
 * A woman's latest perinatal case, an open one first: the one the register shows and the one
 * whose closure as 转出 (end_reason 'transferred') takes her off it. `outer` names her people row.
 */
export const latestPerinatalCase = (outer: string) =>
  `SELECT c.id FROM cases c WHERE c.person_id = ${outer}.id AND c.programme = 'perinatal'
   ORDER BY c.status = 'open' DESC, c.opened_at DESC, c.id DESC LIMIT 1`;

/**
 * Transferred out (已转出): marked so on the register, or her latest case closed as 转出. She then
 * leaves 在册 and the due lists, and is listed only under 已转出 / 全部.
 */
export const TRANSFERRED_OUT = `(people.status = 'transferred' OR EXISTS (
  SELECT 1 FROM cases t WHERE t.id = (${latestPerinatalCase('people')})
    AND t.status = 'closed' AND t.end_reason = 'transferred'))`;

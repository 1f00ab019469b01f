import type { Handlers } from '../api/handlers';
import { backupDue } from '../services/backup/schedule';
import type { AppContext } from '../services/context';

/** How often the serving process looks whether an automatic backup is due: cheap (one settings read). */
export const BACKUP_CHECK_MS = 60_000;

/**
 * Automatic backups in the serving process (the Electron utility process, `anxin serve`). The data
 * key exists only while someone is logged in, so the check runs every minute and acts within a
 * minute of a log-in, or when the day's backup falls due in a running session. The backup itself
 * is the table's `backup.create` (a job worker there), so the request thread and the station carry on.
 */
export function startBackupScheduler(
  ctx: AppContext,
  table: Pick<Handlers, 'backup.create'>,
  options: { intervalMs?: number; now?: () => Date } = {},
): () => void {
  let running = false;
  const tick = () => {
    const { db, user } = ctx;
    if (running || !db || !user || !db.open) return;
    let due = false;
    try {
      due = backupDue(db, options.now?.());
    } catch {
      return; // The session closed between the check and the read.
    }
    if (!due) return;
    running = true;
    // A failure is recorded by the service (上次备份 shows it); nothing personal to log here.
    void Promise.resolve(table['backup.create']({}, ctx, { db, user }))
      .catch(() => undefined)
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, options.intervalMs ?? BACKUP_CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}

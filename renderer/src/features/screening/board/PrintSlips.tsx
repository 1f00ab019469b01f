import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Slip } from '../../../../../shared/api/station';
import { invoke } from '../../../api/client';
import { describeError } from '../../../api/errors';
import { Alert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { PrintRoot } from '../PrintRoot';
import styles from './PrintSlips.module.css';

/**
 * 测评码纸条: one cut-out slip per participant (name, class, code), the school default way to
 * sign in at the station. A slip is what an onlooker lacks, so it is handed to its student only.
 */
export function PrintSlips({ campaignId, campaignName }: { campaignId: number; campaignName: string }) {
  const { t } = useTranslation();
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function print() {
    setError(null);
    try {
      setSlips(await invoke('campaigns.slips', { campaignId }));
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <Button variant="secondary" icon="printer" onClick={() => void print()} data-testid="print-slips">
        {t('screening.board.printSlips')}
      </Button>
      {error ? <Alert>{describeError(error)}</Alert> : null}
      {slips ? (
        <PrintRoot testId="print-slips-root" onPrinted={() => setSlips(null)}>
          <div className={styles.slips}>
            {slips.map((s) => (
              <div className={styles.slip} key={s.personId} data-testid="print-slip">
                <p className={styles.slipCampaign}>{campaignName}</p>
                <p className={styles.slipName}>
                  {s.name} · {s.group}
                </p>
                <p className={styles.slipLabel}>{t('screening.board.slipLabel')}</p>
                <p className={styles.slipCode}>{s.slipCode}</p>
                <p className={styles.slipNote}>{t('screening.board.slipNote')}</p>
              </div>
            ))}
          </div>
        </PrintRoot>
      ) : null}
    </>
  );
}

import { useTranslation } from 'react-i18next';
import { useToasts } from '../store/toast';
import { Icon } from './Icon';
import styles from './Toaster.module.css';

export function Toaster() {
  const { t } = useTranslation();
  const toasts = useToasts((s) => s.toasts);
  const dismiss = useToasts((s) => s.dismiss);
  return (
    <div className={styles.toaster} role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`${styles.toast} ${toast.kind === 'info' ? '' : styles[toast.kind]}`}
          data-testid="toast"
        >
          <Icon
            name={toast.kind === 'success' ? 'check' : toast.kind === 'error' ? 'alert' : 'info'}
            size={18}
          />
          <span className={styles.text}>{toast.text}</span>
          <button
            type="button"
            className={styles.close}
            onClick={() => dismiss(toast.id)}
            aria-label={t('common.close')}
          >
            <Icon name="x" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}

import { buttonClass } from './Button';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';
import styles from './FilePicker.module.css';

/** A drop zone with a real file input inside, so a click, the keyboard and drag-and-drop all work. */
export function FilePicker({
  accept,
  hint,
  file,
  onFile,
  disabled,
  testId,
}: {
  accept: string;
  hint: string;
  file: File | null;
  onFile(file: File): void;
  disabled?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  function drop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  }

  return (
    <div
      className={[styles.drop, over ? styles.over : '', file ? styles.picked : ''].filter(Boolean).join(' ')}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <Icon name={file ? 'file' : 'upload'} size={26} />
      {file ? (
        <p className={styles.name} data-testid="picked-file">
          {file.name}{' '}
          <span className="fact-note">
            {t('files.size', { kb: Math.max(1, Math.round(file.size / 1024)) })}
          </span>
        </p>
      ) : (
        <p className={styles.name}>{t('files.prompt')}</p>
      )}
      <p className="field-hint">{hint}</p>
      <label htmlFor={id} className={buttonClass({ variant: 'secondary', size: 'sm' })}>
        {file ? t('files.change') : t('files.choose')}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        className="sr-only"
        disabled={disabled}
        data-testid={testId}
        onChange={(e) => {
          const picked = e.target.files?.[0];
          if (picked) onFile(picked);
          // Picking the same file again after an edit must fire change again.
          e.target.value = '';
        }}
      />
    </div>
  );
}

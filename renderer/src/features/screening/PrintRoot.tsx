import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import styles from './PrintRoot.module.css';

/**
 * What a screening page prints (questionnaires, sign-in slips): mounted beside the app root so
 * the print rules can hide everything else, it opens the print dialog once it is on the page and
 * tells the page when printing is over, which then unmounts it.
 */
export function PrintRoot({
  onPrinted,
  testId,
  children,
}: {
  onPrinted(): void;
  testId: string;
  children: ReactNode;
}) {
  const done = useRef(onPrinted);
  useEffect(() => {
    done.current = onPrinted;
  }, [onPrinted]);
  useEffect(() => {
    const after = () => done.current();
    window.addEventListener('afterprint', after, { once: true });
    // Let React put the sheets into the page before the print dialog takes its snapshot.
    const frame = requestAnimationFrame(() => window.print());
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  return createPortal(
    <div className={styles.root} data-testid={testId}>
      {children}
    </div>,
    document.body,
  );
}

import type { ReactNode } from 'react';
import { Icon } from './Icon';

export function Alert({
  kind = 'error',
  title,
  children,
  testId,
}: {
  kind?: 'error' | 'warning' | 'info';
  title?: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'note'} data-testid={testId}>
      <Icon name={kind === 'info' ? 'info' : 'alert'} size={18} className="alert-icon" />
      <div className="alert-body">
        {title ? <p className="alert-title">{title}</p> : null}
        {children ? <div className="alert-text">{children}</div> : null}
      </div>
    </div>
  );
}

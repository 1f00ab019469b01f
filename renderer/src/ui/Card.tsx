import type { ReactNode } from 'react';

/**
 * A titled card: the head (title, and a count or action on the right), the body, and an optional
 * note at the foot. The classes stay global (`card`, `card-head`…) because pages not yet on the
 * kit draw the same card by hand.
 */
export function Card({
  title,
  titleId,
  extra,
  footNote,
  children,
  className,
  testId,
}: {
  title: ReactNode;
  /** Set to label the section by its title (`aria-labelledby`). */
  titleId?: string;
  /** Right of the title: a count, a button. */
  extra?: ReactNode;
  footNote?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      className={className ? `card ${className}` : 'card'}
      aria-labelledby={titleId}
      data-testid={testId}
    >
      <div className="card-head">
        <h2 className="card-title" id={titleId}>
          {title}
        </h2>
        {extra}
      </div>
      {children}
      {footNote ? <p className="card-foot-note">{footNote}</p> : null}
    </section>
  );
}

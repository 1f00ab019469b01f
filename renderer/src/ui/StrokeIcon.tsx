import type { ReactNode } from 'react';

/** A 24-unit stroke icon drawn in the text colour, hidden from screen readers (its label is beside it). */
export function StrokeIcon({
  children,
  size,
  strokeWidth,
  className,
}: {
  children: ReactNode;
  size: number;
  strokeWidth: number;
  className: string;
}) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={strokeWidth}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

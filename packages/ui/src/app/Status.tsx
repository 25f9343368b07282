import type { ReactNode } from 'react';

/** The loading, empty and error states every page uses. Errors are announced to screen readers. */
export function Status({ kind, children }: { kind: 'loading' | 'empty' | 'error'; children: ReactNode }) {
  return (
    <div className={`status ${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-status={kind}>
      {children}
    </div>
  );
}

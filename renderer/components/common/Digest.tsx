/** A SHA-256 (or key id) shown short, whole on hover and for screen readers, with a copy button. */
import { CopyButton } from './CopyButton';

export function Digest({ value, label = 'SHA-256', chars = 12 }: { value: string; label?: string; chars?: number }) {
  return (
    <span className="digest">
      <code className="mono digest-text" title={value} aria-label={`${label} ${value}`}>
        {value.slice(0, chars)}…{value.slice(-4)}
      </code>
      <CopyButton value={value} label={`Copy ${label}`} />
    </span>
  );
}

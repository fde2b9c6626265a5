/** A small icon button that copies a value (a digest, a public key) and says so. */
import { copyText } from '../../lib/clipboard';
import { useToasts } from '../../state/toasts';
import { Icon } from './Icon';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const push = useToasts((s) => s.push);
  return (
    <button
      type="button"
      className="icon-button small"
      aria-label={label}
      title={label}
      onClick={() => void copyText(value).then(() => push({ level: 'success', title: 'Copied', body: value.length > 80 ? `${value.slice(0, 77)}…` : value }, 2500))}
    >
      <Icon name="copy" size={13} />
    </button>
  );
}

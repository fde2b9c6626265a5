/** Which bundle to verify: an uploaded zip (picked or dropped), or a bundle directory or zip on this machine by path. */
import { useRef, useState, type DragEvent } from 'react';
import { Icon } from '../components/common/Icon';
import { formatBytes } from '../lib/format';

export type BundleSource = { kind: 'file'; file: File } | { kind: 'path'; path: string } | null;

export function BundleInput({ value, onChange }: { value: BundleSource; onChange: (v: BundleSource) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [path, setPath] = useState(value?.kind === 'path' ? value.path : '');

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onChange({ kind: 'file', file });
  };

  return (
    <div className="vf-source">
      <div
        className={`dropzone vf-drop${over ? ' is-over' : ''}${value?.kind === 'file' ? ' has-file' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Icon name={value?.kind === 'file' ? 'file' : 'upload'} size={18} />
        {value?.kind === 'file' ? (
          <div className="vf-file">
            <span className="mono">{value.file.name}</span>
            <span className="muted small">{formatBytes(value.file.size)}</span>
          </div>
        ) : (
          <span className="muted">Drop a bundle .zip here, or</span>
        )}
        <button type="button" className="btn btn-sm" onClick={() => input.current?.click()}>
          {value?.kind === 'file' ? 'Choose another…' : 'Choose a zip…'}
        </button>
        <input
          ref={input}
          type="file"
          accept=".zip,application/zip"
          className="sr-only"
          aria-label="Bundle zip to verify"
          data-testid="bundle-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onChange({ kind: 'file', file });
            e.target.value = '';
          }}
        />
      </div>
      <div className="field">
        <label className="field-label" htmlFor="vf-path">
          Or a bundle directory (or .zip) on this machine
        </label>
        <input
          id="vf-path"
          className="input mono"
          placeholder="/path/to/bundles/release-candidate-1"
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            onChange(e.target.value.trim() ? { kind: 'path', path: e.target.value.trim() } : null);
          }}
        />
      </div>
    </div>
  );
}

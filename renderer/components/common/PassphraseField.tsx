/** The passphrase that unlocks a key for one signature. It lives in this field only: never stored, cleared after use. */
import { Icon } from './Icon';

export function PassphraseField({
  id,
  value,
  onChange,
  owner,
  disabled,
}: {
  id: string;
  value: string;
  onChange: (v: string) => void;
  owner: string;
  disabled?: boolean;
}) {
  return (
    <div className="field passphrase">
      <label className="field-label" htmlFor={id}>
        Passphrase for {owner}’s key
      </label>
      <div className="input-icon">
        <Icon name="lock" size={13} />
        <input
          id={id}
          className="input"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          placeholder="Unlocks your key for this signature only"
        />
      </div>
    </div>
  );
}

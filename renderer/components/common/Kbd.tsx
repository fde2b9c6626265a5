/** Renders a shortcut such as "g b" as key caps; `decorative` hides a hint that aria-keyshortcuts already states. */
export function Kbd({ keys, decorative = false }: { keys: string; decorative?: boolean }) {
  return (
    <span className="kbd-group" aria-hidden={decorative || undefined}>
      {keys.split(' ').map((k, i) => (
        <kbd key={i} className="kbd">
          {k}
        </kbd>
      ))}
    </span>
  );
}

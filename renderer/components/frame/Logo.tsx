/** The Release Cockpit mark: a gauge needle over a check. */
export function Logo({ size = 22 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="logo">
      <defs>
        <linearGradient id="logo-g" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="var(--logo-a)" />
          <stop offset="1" stopColor="var(--logo-b)" />
        </linearGradient>
      </defs>
      <rect x="1" y="1" width="30" height="30" rx="8" fill="url(#logo-g)" />
      <path d="M8 20a8 8 0 1116 0" fill="none" stroke="#fff" strokeOpacity="0.55" strokeWidth="2.2" strokeLinecap="round" />
      <path d="M16 20l5-6.5" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
      <circle cx="16" cy="20" r="2.2" fill="#fff" />
    </svg>
  );
}

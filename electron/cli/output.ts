/** Where the CLI writes. Injected so tests can capture it without spawning. */
export interface CliIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Raw bytes of a gate's live output or a stored log. */
  raw: (bytes: Buffer) => void;
  isTTY: boolean;
  color: boolean;
}

export function processIO(): CliIO {
  const isTTY = Boolean(process.stdout.isTTY);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    raw: (b) => process.stdout.write(b),
    isTTY,
    color: isTTY && !process.env.NO_COLOR,
  };
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90, bold: 1 } as const;
export type Color = keyof typeof CODES;

export function paint(io: Pick<CliIO, 'color'>, color: Color, text: string): string {
  return io.color ? `\x1b[${CODES[color]}m${text}\x1b[0m` : text;
}

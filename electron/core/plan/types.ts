/**
 * The release plan as the rest of the cockpit sees it: parsed, validated and
 * normalised (durations in ms, defaults filled in). Positions point back into
 * the YAML so later checks can still report file:line:col.
 */

export interface SourcePos {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

/** One problem found in a plan; `message` says what was expected. */
export interface Diagnostic extends SourcePos {
  file: string;
  message: string;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

export type Aggregation =
  | { kind: 'count' }
  | { kind: 'rate' }
  | { kind: 'value' }
  | { kind: 'avg' }
  | { kind: 'min' }
  | { kind: 'max' }
  | { kind: 'med' }
  | { kind: 'p'; p: number }
  /** Least-squares trend; the threshold value is normalised to metric units per hour. */
  | { kind: 'slope' };

/** A parsed k6-style threshold expression, e.g. `p(95) < 200 over 5m`. */
export interface ThresholdExpr {
  /** The expression exactly as written. */
  source: string;
  agg: Aggregation;
  op: CompareOp;
  /** Normalised: for `slope` in metric units per hour (`5MB/h` -> 5_000_000). */
  value: number;
  /** When set (`over 5m`), every window of this length must pass, not only the whole run. */
  windowMs?: number;
}

export interface Threshold {
  /** Metric name without the tag filter, e.g. `http_req_duration`. */
  metric: string;
  /** Tag filter from `metric{tag:value,...}`; empty when none. */
  tags: Record<string, string>;
  /** The metric key as written in the plan, e.g. `http_req_duration{status:200}`. */
  key: string;
  expr: ThresholdExpr;
  abortOnFail: boolean;
  delayAbortEvalMs: number;
  /** Fails only after this many breaching windows in a row (default 1). */
  consecutive: number;
  pos: SourcePos;
}

export interface Signer {
  name: string;
  /** As written: `ed25519:<base64 raw 32-byte public key>`. */
  key: string;
  publicKey: Uint8Array;
  /** Hex SHA-256 of the raw public key. */
  keyId: string;
  roles: string[];
  pos: SourcePos;
}

export interface HostDef {
  name: string;
  /** `user@host` or a Host alias from the ssh config. */
  ssh: string;
  port?: number;
  identityFile?: string;
  jumpHost?: string;
  cwd?: string;
  /** Absolute path (resolved against the plan's directory). */
  sshConfig?: string;
  /** Absolute path (resolved against the plan's directory). */
  knownHosts?: string;
  pos: SourcePos;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

/** A status matcher: an exact code (`429`) or a class (`5xx`). */
export type StatusMatcher = { code: number } | { class: 1 | 2 | 3 | 4 | 5 };

export interface ProbeRequest {
  method: HttpMethod;
  url: string;
  contentType?: string;
  body?: string;
  headers: Record<string, string>;
}

export type Probe =
  | { kind: 'single'; request: ProbeRequest; expect: StatusMatcher; pos: SourcePos }
  | {
      kind: 'burst';
      request: ProbeRequest;
      count: number;
      concurrency: number;
      /** Every matcher in `some` must be seen at least once; none in `none` may be seen. */
      expect: { some: StatusMatcher[]; none: StatusMatcher[] };
      pos: SourcePos;
    };

export interface SignoffRule {
  roles: string[];
  quorum: number;
}

export interface Gate {
  id: string;
  title: string;
  needs: string[];
  /** Host name from `hosts`; undefined means local. */
  on?: string;
  durable: boolean;
  /** Shell command line, run with `sh -c` (or the host's shell). */
  run?: string;
  /** Working directory, absolute (resolved against the plan's directory). */
  cwd: string;
  /** Values may contain `${secret:NAME}`, resolved from the environment at run time. */
  env: Record<string, string>;
  repeat: number;
  timeoutMs?: number;
  /** Grace between TERM and KILL on timeout or cancel. */
  graceMs: number;
  /** Globs relative to `cwd`. */
  evidence: string[];
  metrics?: { scrape?: { url: string; everyMs: number } };
  thresholds: Threshold[];
  signoff?: SignoffRule;
  /** Glob of JUnit XML reports, relative to `cwd`. */
  junit?: string;
  determinism: boolean;
  probe?: Probe[];
  pos: SourcePos;
  /** Hex SHA-256 over the gate's own normalised definition: a run counts only for the definition it ran. */
  digest: string;
}

export interface Plan {
  /** Absolute path of the plan file. */
  file: string;
  /** Absolute directory of the plan file; relative paths resolve against it. */
  dir: string;
  /** Hex SHA-256 of the plan file's bytes. */
  digest: string;
  /** The plan file's text, as read. */
  source: string;
  version: 1;
  release: string;
  candidate: string;
  /** Absolute path of the git repo the ceremony tags. */
  repo: string;
  signers: Signer[];
  waivers: { roles: string[] };
  ceremony: { roles: string[] };
  hosts: Record<string, HostDef>;
  /** In file order. */
  gates: Gate[];
  checklist?: { doc: string; items: Record<string, string> };
}

/** `missing`: the file does not exist (not found, rather than invalid). */
export type PlanResult = { ok: true; plan: Plan } | { ok: false; diagnostics: Diagnostic[]; missing?: boolean };

/**
 * Gate digests: a run counts only for the definition it ran. The digest
 * covers what changes a gate's behaviour, not where it sits in the file or
 * how it is titled or signed off, so moving or retitling a gate keeps its runs.
 */
import { createHash } from 'node:crypto';
import type { Gate, HostDef } from './types';

/** JSON with object keys sorted at every depth; `undefined` members are dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** Drops every `pos` member, at any depth: positions are not part of a definition. */
function withoutPos(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPos);
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'pos') out[k] = withoutPos(v);
  return out;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function gateDigest(gate: Omit<Gate, 'digest'> & { digest?: string }, host: HostDef | undefined): string {
  const { pos: _pos, title: _title, signoff: _signoff, digest: _digest, ...rest } = gate;
  const material: Record<string, unknown> = { ...rest };
  if (gate.on !== undefined && host) material.host = host;
  return sha256Hex(canonicalJson(withoutPos(material)));
}

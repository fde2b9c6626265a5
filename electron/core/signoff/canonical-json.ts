/**
 * Canonical JSON: object keys sorted (UTF-16 code unit order, as in RFC 8785),
 * no whitespace, numbers and strings as JSON.stringify writes them. Two
 * machines hashing the same value get the same bytes, whatever order the
 * fields were built in.
 */

/**
 * Serialises `value` canonically. Properties whose value is `undefined` are
 * left out (so optional fields may be absent or undefined); anything JSON
 * cannot represent faithfully (NaN, Infinity, bigint, functions, Dates,
 * Buffers, Maps, undefined inside arrays, cycles) throws.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set(), '$');
}

function write(value: unknown, seen: Set<object>, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonical JSON: ${path} is not a finite number`);
      // JSON.stringify(-0) is "0", matching RFC 8785.
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new Error(`canonical JSON: ${path} has unsupported type ${typeof value}`);
  }
  const obj = value as object;
  if (seen.has(obj)) throw new Error(`canonical JSON: ${path} is circular`);
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      const items = obj.map((item, i) => {
        if (item === undefined) throw new Error(`canonical JSON: ${path}[${i}] is undefined`);
        return write(item, seen, `${path}[${i}]`);
      });
      return `[${items.join(',')}]`;
    }
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      throw new Error(`canonical JSON: ${path} is not a plain object`);
    }
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    const members = keys.map((k) => `${JSON.stringify(k)}:${write(record[k], seen, `${path}.${k}`)}`);
    return `{${members.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

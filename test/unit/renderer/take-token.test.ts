import { describe, expect, it } from 'vitest';
import { takeToken, wsUrlFor } from '../../../renderer/lib/token';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe('takeToken', () => {
  it('moves the token from the URL into the tab storage and out of the address bar', () => {
    const storage = memoryStorage();
    const replaced: string[] = [];
    const token = takeToken({ search: '?token=T0K&x=1', pathname: '/', hash: '#/board' }, storage, (u) => replaced.push(u));
    expect(token).toBe('T0K');
    expect(replaced).toEqual(['/?x=1#/board']);
    expect(storage.getItem('cockpit.token')).toBe('T0K');
  });

  it('finds it in the tab storage after a reload, and has none in a fresh tab', () => {
    const storage = memoryStorage();
    storage.setItem('cockpit.token', 'T0K');
    const replaced: string[] = [];
    expect(takeToken({ search: '', pathname: '/', hash: '#/x' }, storage, (u) => replaced.push(u))).toBe('T0K');
    expect(replaced).toEqual([]);
    expect(takeToken({ search: '', pathname: '/', hash: '' }, memoryStorage(), () => undefined)).toBeNull();
  });

  it('puts the token in the WebSocket upgrade', () => {
    expect(wsUrlFor({ protocol: 'http:', host: '127.0.0.1:4870' }, 'a/b')).toBe('ws://127.0.0.1:4870/api?token=a%2Fb');
  });
});

/** The page's API token in browser mode: where it comes from and where it goes (no DOM types, so Node can test it). */

const TOKEN_KEY = 'cockpit.token';

/**
 * The API token of a page served by `release-cockpit serve`. At load it
 * moves from the URL into the tab's session storage (bound to this origin,
 * port included, and to this tab) and is removed from the address bar and
 * history, so a copied URL, a bookmark or the history carry no credential.
 * A reload of the tab finds it there again. It is never a cookie: cookies
 * ignore ports, and every local server would receive it.
 */
export function takeToken(
  loc: { search: string; pathname: string; hash: string },
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void } | null,
  replace: (url: string) => void,
): string | null {
  const params = new URLSearchParams(loc.search);
  const fromUrl = params.get('token');
  if (fromUrl === null) return storage?.getItem(TOKEN_KEY) ?? null;
  storage?.setItem(TOKEN_KEY, fromUrl);
  params.delete('token');
  const query = params.toString();
  replace(`${loc.pathname}${query ? `?${query}` : ''}${loc.hash}`);
  return fromUrl;
}

/** The WebSocket endpoint: the upgrade carries the token, since a browser WebSocket cannot send a header. */
export function wsUrlFor(loc: { protocol: string; host: string }, token: string | null): string {
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

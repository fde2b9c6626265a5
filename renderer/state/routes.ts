/** Routes live in the URL hash so a reload keeps the page a person was on. */

export type Route =
  | { name: 'board' }
  | { name: 'history' }
  | { name: 'settings' }
  | { name: 'gate'; gateId: string; runId: number | null }
  | { name: 'soak'; gateId?: string | null; runId?: number | null }
  | { name: 'signoffs'; gateId?: string | null }
  | { name: 'ceremony' }
  | { name: 'verify' };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  switch (parts[0]) {
    case 'history':
      return { name: 'history' };
    case 'settings':
      return { name: 'settings' };
    case 'gate': {
      if (!parts[1]) return { name: 'board' };
      const runId = parts[2] === 'run' && /^\d+$/.test(parts[3] ?? '') ? Number(parts[3]) : null;
      return { name: 'gate', gateId: parts[1], runId };
    }
    case 'signoffs':
      return { name: 'signoffs', gateId: parts[1] ?? null };
    case 'ceremony':
      return { name: 'ceremony' };
    case 'verify':
      return { name: 'verify' };
    case 'soak': {
      const runId = parts[2] === 'run' && /^\d+$/.test(parts[3] ?? '') ? Number(parts[3]) : null;
      return { name: 'soak', gateId: parts[1] ?? null, runId };
    }
    default:
      return { name: 'board' };
  }
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'gate':
      return `#/gate/${encodeURIComponent(route.gateId)}${route.runId != null ? `/run/${route.runId}` : ''}`;
    case 'soak':
      return `#/soak${route.gateId ? `/${encodeURIComponent(route.gateId)}${route.runId != null ? `/run/${route.runId}` : ''}` : ''}`;
    case 'signoffs':
      return `#/signoffs${route.gateId ? `/${encodeURIComponent(route.gateId)}` : ''}`;
    default:
      return `#/${route.name}`;
  }
}

export function sameRoute(a: Route, b: Route): boolean {
  return routeHash(a) === routeHash(b);
}

export type Section = 'board' | 'history' | 'settings' | 'soak' | 'signoffs' | 'ceremony' | 'verify';

/** Which sidebar entry a route belongs to. */
export function sectionOf(route: Route): Section {
  return route.name === 'gate' ? 'board' : route.name;
}

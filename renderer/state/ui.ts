/** Navigation, the selected gate, and overlays. */
import { create } from 'zustand';
import { parseHash, routeHash, sameRoute, type Route } from './routes';

interface UiStore {
  route: Route;
  /** Where Esc goes back to from a run view. */
  backStack: Route[];
  selectedGateId: string | null;
  helpOpen: boolean;
  navigate(route: Route, opts?: { replace?: boolean }): void;
  back(): void;
  selectGate(gateId: string | null): void;
  setHelp(open: boolean): void;
  /** Called on `hashchange` (back/forward buttons, typed URLs). */
  syncFromHash(): void;
}

export const useUi = create<UiStore>((set, get) => ({
  route: parseHash(window.location.hash),
  backStack: [],
  selectedGateId: null,
  helpOpen: false,
  navigate: (route, opts) => {
    const { route: from, backStack } = get();
    if (sameRoute(from, route)) return;
    const replace = opts?.replace || from.name === route.name;
    set({
      route,
      backStack: replace ? backStack : [...backStack.slice(-20), from],
      selectedGateId: route.name === 'gate' ? route.gateId : get().selectedGateId,
    });
    const hash = routeHash(route);
    if (window.location.hash !== hash) history[replace ? 'replaceState' : 'pushState'](null, '', hash);
  },
  back: () => {
    const { backStack, route } = get();
    const prev = backStack[backStack.length - 1] ?? (route.name === 'gate' ? { name: 'board' as const } : null);
    if (!prev) return;
    set({ route: prev, backStack: backStack.slice(0, -1) });
    history.replaceState(null, '', routeHash(prev));
  },
  selectGate: (selectedGateId) => set({ selectedGateId }),
  setHelp: (helpOpen) => set({ helpOpen }),
  syncFromHash: () => {
    const route = parseHash(window.location.hash);
    if (!sameRoute(route, get().route)) set({ route });
  },
}));

export function go(route: Route): void {
  useUi.getState().navigate(route);
}

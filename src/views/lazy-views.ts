import type { Component } from 'svelte';

/** A view's chunk, fetched (once) when first asked for. */
export type ViewLoader = () => Promise<{ default: Component }>;

// Session views carry the markdown renderer: load them on first use so the overview starts light.
/** The session view (transcript, composer, markdown). */
export const sessionView: ViewLoader = () => import('./SessionView.svelte');
/** The wallboard. */
export const wallView: ViewLoader = () => import('./WallView.svelte');
// A returning operator never sees the form: it loads when first needed (new user, refusal).
/** The connect form. */
export const connectView: ViewLoader = () => import('./ConnectView.svelte');

/**
 * Every page but the overview, by route name, fetched when first opened, so the first view stays
 * small however many pages the console grows.
 */
export const LAZY_VIEWS: Record<string, ViewLoader> = {
  sessions: () => import('./SessionsView.svelte'),
  session: sessionView,
  fleet: () => import('./FleetView.svelte'),
  approvals: () => import('./ApprovalsView.svelte'),
  logs: () => import('./LogsView.svelte'),
  cron: () => import('./CronView.svelte'),
  usage: () => import('./UsageView.svelte'),
  nodes: () => import('./NodesView.svelte'),
  search: () => import('./SearchView.svelte'),
  activity: () => import('./ActivityView.svelte'),
};

/** The chunk a route's view needs beyond the first view, if any (the overview is in it). */
export function viewChunkFor(route: string | undefined): ViewLoader | undefined {
  if (route === 'wall') return wallView;
  return route === undefined ? undefined : LAZY_VIEWS[route];
}

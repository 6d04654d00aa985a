import { computed } from 'nanostores';
import { activeRuns } from './run-map';
import { phaseLabel } from './runs';
import { clock } from './clock';
import { platform } from './platform';
import { router } from './router';
import { sessionRows, sessionTitle } from './sessions';
import { whileVisible } from './visibility';

/** Sections a wallboard can show, in display order. */
export const WALL_SECTIONS = ['health', 'presence', 'runs', 'failures', 'approvals'] as const;
/** One wallboard section. */
export type WallSection = (typeof WALL_SECTIONS)[number];

/** Profile names a fleet wall lists at most (an address is typed or shared, not trusted). */
const MAX_FLEET_NAMES = 50;

/**
 * The fleet a wall shows (`?fleet=all`, `?fleet=1`, or `?fleet=alpha,beta` by profile name), or
 * undefined for a wall of the current gateway alone (no `fleet`, or `fleet=0`).
 */
export function fleetOption(value: string | undefined): 'all' | string[] | undefined {
  if (value === undefined || value === '0') return undefined;
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (names.length === 0 || (names.length === 1 && (names[0] === 'all' || names[0] === '1')))
    return 'all';
  return [...new Set(names)].slice(0, MAX_FLEET_NAMES);
}

/** Wallboard options read from the URL (never a secret): `?sections=runs,health&render=always`. */
export const wallOptions = computed(router, (page) => {
  const search = page?.search ?? {};
  const asked = (search.sections ?? '')
    .split(',')
    .filter((s): s is WallSection => (WALL_SECTIONS as readonly string[]).includes(s));
  return {
    sections: asked.length ? asked : [...WALL_SECTIONS],
    /** Keep drawing while hidden (a wall display that is never "visible" to the OS). */
    renderAlways: search.render === 'always',
    /** A band of failed, blocked and timed-out work from the activity ledger (`?ticker=1`). */
    ticker: search.ticker !== undefined && search.ticker !== '0',
    /** One row per saved gateway instead of this gateway's board (`?fleet=all` or names). */
    fleet: fleetOption(search.fleet),
  };
});

/** One row of the run board. */
export interface RunBoardRow {
  runId: string;
  session: string;
  agent: string;
  phase: ReturnType<typeof phaseLabel>;
  elapsedMs: number;
  tokens?: number;
}

const visibleRuns = whileVisible(activeRuns);

/** Every run in flight across all sessions, longest-running first. */
export const runBoard = computed(
  [visibleRuns, sessionRows, clock],
  (runs, rows, now): RunBoardRow[] => {
    // One lookup per run, not a scan of the session list per run.
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return runs
      .map((run) => {
        const row = byKey.get(run.sessionKey);
        return {
          runId: run.runId,
          session: row ? sessionTitle(row) : run.sessionKey,
          agent: row?.agentId ?? run.sessionKey.split(':')[1] ?? '—',
          phase: phaseLabel(run),
          elapsedMs: Math.max(0, now - run.startedAt),
          tokens: run.usage?.total ?? run.usage?.output,
        };
      })
      .sort((a, b) => b.elapsedMs - a.elapsedMs);
  },
);

/** Keeps the screen awake while mounted (Screen Wake Lock), re-acquiring it whenever the page is shown again. */
export function keepScreenAwake(): () => void {
  const env = platform();
  let release: (() => void) | undefined;
  let stopped = false;
  const acquire = () => {
    if (stopped || release || !env.isVisible()) return;
    void env.wakeLock().then((granted) => {
      if (stopped) granted?.();
      else release = granted;
    });
  };
  // The browser drops the lock whenever the page is hidden; take it again when it comes back.
  const off = env.listen('document', 'visibilitychange', () => {
    if (!env.isVisible()) release = undefined;
    acquire();
  });
  acquire();
  return () => {
    stopped = true;
    off();
    release?.();
  };
}

/** A slow orbit of a few pixels, one step a minute, so nothing stays lit in one place for days. */
export const burnInOffset = computed(clock, (now) => {
  const step = Math.floor(now / 60_000) % 8;
  const angle = (step / 8) * 2 * Math.PI;
  return { x: Math.round(Math.cos(angle) * 6), y: Math.round(Math.sin(angle) * 6) };
});

import { map, onMount, readonlyType } from 'nanostores';
import { OPERATOR_SCOPES } from '../gateway/client-info';
import { GatewayConnection } from '../gateway/connection';
import { loadCredentials } from '../gateway/credentials';
import { deviceTokenStore } from '../gateway/device-tokens';
import { loadDeviceIdentity } from '../gateway/identity';
import type { Problem } from '../gateway/problems';
import { randomId } from '../gateway/uuid';
import { forgetFleetDecisions, registerFleetGateway } from './fleet-gateways';
import { fleetWatcher, type RecentCosts } from './fleet-watch';
import { emptyFleetState, type FleetState } from './fleet-signals';
import { locale } from './i18n';
import { healthVerdict, type HealthVerdict } from './health';
import { platform } from './platform';
import { profileIdentity, profiles, type GatewayProfile } from './profiles';

/** One gateway's card in the fleet view. */
export interface FleetCard {
  profile: GatewayProfile;
  phase: 'connecting' | 'handshaking' | 'connected' | 'reconnecting' | 'stopped';
  problem?: Problem;
  serverVersion?: string;
  protocol?: number;
  health?: HealthVerdict;
  runs: number;
  updatedAt: number;
  /** What needs the operator there (approvals, channels, jobs, nodes, spend, update). */
  triage: FleetState;
  /** What runs there cost in the last hour, as their final events said. */
  recent: RecentCosts;
}

/** Runs remembered per card; a run whose end we missed must not keep a card busy forever. */
const MAX_TRACKED_RUNS = 500;

const $cards = map<Record<string, FleetCard>>({});
/** Every saved gateway, each with its own live connection while the fleet view is open. */
export const fleetCards = readonlyType($cards);

function watch(profile: GatewayProfile): () => void {
  const env = platform();
  const runs = new Set<string>();
  const set = (change: Partial<FleetCard>) => {
    const current = $cards.get()[profile.id] ?? {
      profile,
      phase: 'connecting',
      runs: 0,
      updatedAt: Date.now(),
      triage: emptyFleetState(),
      recent: [],
    };
    $cards.setKey(profile.id, { ...current, ...change, runs: runs.size, updatedAt: Date.now() });
  };
  const watcher = fleetWatcher(
    (method, params) => connection.request(method, params),
    (triage, recent) => set({ triage, recent }),
  );
  let deviceId: string | undefined;
  // Decisions from the fleet go over this connection; the gateway's resolved event (which this
  // connection hears too) takes the item off the strip, so nothing is recorded here.
  let release = () => {};
  const gateway = {
    request: (method: string, params?: unknown) => connection.request(method, params),
    can: watcher.can,
    why: watcher.why,
    deviceId: () => deviceId,
    settle: () => {},
    confirm: async () => {},
  };
  const connection = new GatewayConnection({
    url: profile.url,
    credentials: () => loadCredentials(profile.url, env.storages),
    scopes: OPERATOR_SCOPES,
    identity: () => loadDeviceIdentity(profileIdentity(profile), env.vault),
    tokens: deviceTokenStore(profile.url, env.vault),
    instanceId: `fleet-${randomId()}`,
    locale: locale.get(),
    userAgent: env.userAgent,
    origin: env.origin,
    WebSocketImpl: env.WebSocket,
    startSocketWorker: env.startSocketWorker,
    listener: {
      phase: (phase) => set({ phase }),
      hello: (hello, info) => {
        set({
          phase: 'connected',
          problem: undefined,
          serverVersion: hello.server.version,
          protocol: info.protocol,
          health: healthVerdict(hello.snapshot.health),
        });
        watcher.hello(hello, info.protocol);
        deviceId = info.deviceId;
        release = registerFleetGateway(profile.id, gateway);
      },
      event: (frame) => {
        watcher.event(frame);
        if (frame.event === 'health') {
          set({ health: healthVerdict(frame.payload) });
        } else if (frame.event === 'chat') {
          const p = frame.payload as { runId?: unknown; state?: unknown } | undefined;
          if (typeof p?.runId !== 'string') return;
          if (p.state === 'final' || p.state === 'aborted' || p.state === 'error')
            runs.delete(p.runId);
          else if (runs.size < MAX_TRACKED_RUNS) runs.add(p.runId);
          set({});
        }
      },
      gap: () => watcher.gap(),
      activity: () => {},
      malformed: () => {},
      closed: ({ problem, retryAt }) => {
        release();
        runs.clear();
        watcher.stop();
        set({ phase: retryAt === undefined ? 'stopped' : 'reconnecting', problem });
      },
    },
  });
  set({ phase: 'connecting' });
  connection.start();
  return () => {
    release();
    watcher.stop();
    connection.stop();
  };
}

onMount($cards, () => {
  const stops = new Map<string, () => void>();
  const sync = (list: readonly GatewayProfile[]) => {
    for (const profile of list) if (!stops.has(profile.id)) stops.set(profile.id, watch(profile));
    for (const [id, stop] of stops) {
      if (!list.some((profile) => profile.id === id)) {
        stop();
        stops.delete(id);
        $cards.setKey(id, undefined as unknown as FleetCard);
      }
    }
  };
  const off = profiles.subscribe(sync);
  return () => {
    off();
    for (const stop of stops.values()) stop();
    stops.clear();
    $cards.set({});
    forgetFleetDecisions();
  };
});

/** A scripted fake gateway for faults the real one cannot produce on demand. */
export interface FakeGateway {
  url: string;
  requests: Array<{ method: string; params: unknown; at: number }>;
  readonly connections: number;
  event(event: string, payload: unknown, extra?: Record<string, unknown>): void;
  broadcast(frame: unknown): void;
  silence(): void;
  close(): Promise<void>;
}

/** Starts a fake gateway on 127.0.0.1, optionally with a large presence list or session list. */
export function startFakeGateway(options?: {
  port?: number;
  tickIntervalMs?: number;
  presence?: Array<Record<string, unknown>>;
  sessions?: Array<Record<string, unknown>>;
  /** Methods answered with a MISSING_SCOPE refusal. */
  refuse?: string[];
}): Promise<FakeGateway>;

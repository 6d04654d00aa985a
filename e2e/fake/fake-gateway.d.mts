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
  /** Payloads to answer methods with (malformed data the real gateway would not send). */
  answers?: Record<string, unknown>;
  /** Changes the hello-ok payload before it is sent (e.g. drops `policy`). */
  editHello?: (hello: Record<string, unknown>) => void;
}): Promise<FakeGateway>;

/** A connected reference client (Node `ws`), for driving a real gateway from tests. */
export interface GatewayClient {
  hello: Record<string, unknown>;
  device: unknown;
  request<T = unknown>(method: string, params?: unknown, timeoutMs?: number): Promise<T>;
  onEvent(handler: (frame: { event: string; payload: unknown }) => void): () => void;
  close(): void;
}

/** Options for {@link connectGateway}; `device: null` connects without a device identity. */
export interface ConnectOptions {
  token?: string;
  protocol?: number;
  clientId?: string;
  mode?: string;
  platform?: string;
  role?: string;
  scopes?: string[];
  /** Client capabilities; default `['tool-events']`. Add `'approvals'` to review approvals. */
  caps?: string[];
  device?: unknown;
  origin?: string;
  timeoutMs?: number;
}

/** Connects to a gateway (with a fresh device identity unless one is given); paired on loopback. */
export function connectGateway(url: string, options?: ConnectOptions): Promise<GatewayClient>;

/** Sends one chat message and resolves when its run ends. */
export function chatRun(
  client: GatewayClient,
  message: string,
  options?: { sessionKey?: string; timeoutMs?: number },
): Promise<{ runId: string; events: unknown[]; last: unknown }>;

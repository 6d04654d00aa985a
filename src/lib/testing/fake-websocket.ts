/** A scriptable stand-in for the browser WebSocket, for unit tests of the gateway layer. */
export class FakeWebSocket {
  /** Every socket created, newest last. */
  static instances: FakeWebSocket[] = [];
  readonly OPEN = 1;
  readyState = 0;
  /** Frames the client sent, parsed. */
  readonly sent: Array<Record<string, unknown>> = [];
  closedWith: { code?: number; reason?: string } | undefined;
  private readonly handlers = new Map<string, Array<(event: unknown) => void>>();

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  /** The most recent socket. */
  static last(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no socket was created');
    return socket;
  }

  addEventListener(type: string, handler: (event: unknown) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }

  close(code?: number, reason?: string): void {
    if (this.readyState === 3) return;
    this.closedWith = { code, reason };
    this.readyState = 3;
    this.emit('close', { code: code ?? 1005, reason: reason ?? '' });
  }

  /** Server side: the socket opens. */
  open(): void {
    this.readyState = 1;
    this.emit('open', {});
  }

  /** Server side: one frame arrives (objects are JSON-encoded, strings sent raw). */
  receive(frame: unknown): void {
    this.emit('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }

  /** Server side: the connection drops or the server closes it. */
  drop(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.emit('close', { code, reason });
  }

  /** Server side: connection refused before opening. */
  refuse(): void {
    this.emit('error', {});
    this.drop(1006, '');
  }

  /** The last request frame the client sent with this method. */
  lastRequest(
    method: string,
  ): Record<string, unknown> & { id: string; params: Record<string, unknown> } {
    const frame = [...this.sent].reverse().find((f) => f.method === method);
    if (!frame) throw new Error(`no ${method} request was sent`);
    return frame as Record<string, unknown> & { id: string; params: Record<string, unknown> };
  }

  private emit(type: string, event: unknown): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
}

/** A Map-backed key vault, in place of IndexedDB. */
export function memoryVault() {
  const map = new Map<string, unknown>();
  return {
    map,
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key: string, value: unknown) => void map.set(key, value),
    delete: async (key: string) => void map.delete(key),
    keys: async (prefix: string) => [...map.keys()].filter((key) => key.startsWith(prefix)),
  };
}

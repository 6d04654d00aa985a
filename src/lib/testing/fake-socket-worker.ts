import { createSocketRelay, type RelayCommand, type RelayEvent } from '../gateway/socket-relay';
import { FakeWebSocket } from './fake-websocket';

/**
 * A stand-in for the socket worker: the real relay over a FakeWebSocket, with the hop to the page
 * under the test's control (`deliver()`).
 */
export class FakeSocketWorker {
  /** Every worker started, newest last. */
  static instances: FakeSocketWorker[] = [];
  /** What the page sent the worker, in order. */
  readonly commands: RelayCommand[] = [];
  /** What the worker posted that the page has not been handed yet. */
  readonly outbox: RelayEvent[] = [];
  terminated = false;
  private readonly listeners = new Map<string, Array<(event: unknown) => void>>();
  private readonly relay = createSocketRelay(
    (event) => this.outbox.push(event),
    FakeWebSocket as unknown as typeof WebSocket,
    () => 1_000 + this.commands.length,
  );

  constructor() {
    FakeSocketWorker.instances.push(this);
  }

  /** The most recent worker. */
  static last(): FakeSocketWorker {
    const worker = FakeSocketWorker.instances.at(-1);
    if (!worker) throw new Error('no socket worker was started');
    return worker;
  }

  /** As a Worker, for the code under test. */
  asWorker(): Worker {
    return this as unknown as Worker;
  }

  postMessage(command: RelayCommand): void {
    if (this.terminated) return;
    this.commands.push(command);
    this.relay.command(command);
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Hands the page what was posted before this call, one message event each, in order. */
  deliver(): void {
    for (const data of this.outbox.splice(0)) {
      for (const listener of this.listeners.get('message') ?? []) listener({ data });
    }
  }

  /** The worker's script fails (blocked, or no module workers). */
  fail(): { defaultPrevented: boolean } {
    const event = {
      defaultPrevented: false,
      preventDefault: () => (event.defaultPrevented = true),
    };
    for (const listener of this.listeners.get('error') ?? []) listener(event);
    return event;
  }
}

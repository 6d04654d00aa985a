/** Named errors the gateway layer raises, so stores and views can tell them apart. */

/** A request got no answer within its deadline; the socket may still be fine. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly method: string,
    readonly timeoutMs: number,
  ) {
    super(`${method} got no answer within ${timeoutMs} ms`);
  }
}

/** The socket dropped while a request was waiting; it may or may not have run. */
export class ConnectionLostError extends Error {
  override readonly name = 'ConnectionLostError';
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`the connection to the gateway closed (${code}${reason ? `: ${reason}` : ''})`);
  }
}

/** A request was made while no connection was open. */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';
  constructor(readonly method: string) {
    super(`not connected to a gateway (${method})`);
  }
}

/** The gateway answered a request with `ok:false`. */
export class GatewayRequestError extends Error {
  override readonly name = 'GatewayRequestError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

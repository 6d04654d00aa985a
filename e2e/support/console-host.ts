import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** A server on a free loopback port; `close` stops it. */
export interface Host {
  origin: string;
  close(): Promise<void>;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

async function listen(handler: Middleware): Promise<Host> {
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.statusCode = 404;
      res.end();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    // Dropping open connections too: a page still open (a framed console, say) keeps one alive,
    // and close() alone waits for it until the test's timeout.
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Serves the built console (dist/) the way another host might: with the given headers (none by
 * default) and an optional middleware in front, e.g. npm start's own endpoints.
 */
export function serveConsole(
  options: { headers?: Record<string, string>; middleware?: Middleware } = {},
): Promise<Host> {
  const root = join(process.cwd(), 'dist');
  return listen((req, res, next) => {
    const files = async () => {
      const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!));
      let file = join(root, path);
      if (!file.startsWith(root) || !extname(file)) file = join(root, 'index.html');
      const body = await readFile(file).catch(() => readFile(join(root, 'index.html')));
      for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value);
      res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
      res.end(body);
    };
    if (options.middleware) options.middleware(req, res, () => void files());
    else void files();
    void next;
  });
}

/** A page on its own origin that frames `url`, as a clickjacking page would. */
export function serveFramer(url: string): Promise<Host> {
  return listen((_req, res) => {
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(
      `<!doctype html><title>framer</title><p>Win a prize!</p>` +
        `<iframe id="target" src="${url}" width="1000" height="700"></iframe>`,
    );
  });
}

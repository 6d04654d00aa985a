// A local stand-in for the Telegram Bot API, so the gateway's real Telegram channel can run
// offline: the harness points channels.telegram.apiRoot here. It answers what the plugin calls
// at startup and while long-polling, queues updates for getUpdates, records what the bot sent,
// and logs any method it does not know (answered ok with `true`) so gaps show up in tests.
import http from 'node:http';

const BOT = {
  id: 700000001,
  is_bot: true,
  first_name: 'Console Test Bot',
  username: 'console_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

/** The longest a getUpdates long poll is held, in seconds. */
export const LONG_POLL_CAP_S = 3;

/** Starts the stub on an ephemeral loopback port; resolves to its handle. */
export async function startBotApi({ log = () => {} } = {}) {
  const queue = [];
  const waiters = new Set();
  const calls = [];
  const sent = [];
  let nextUpdateId = 1;
  let nextMessageId = 1000;
  const unknown = new Set();

  const flush = () => {
    for (const waiter of [...waiters]) waiter();
  };

  async function getUpdates(params, res) {
    const offset = Number(params.offset ?? 0);
    // Confirming an offset drops everything before it, as Telegram does.
    while (queue.length && queue[0].update_id < offset) queue.shift();
    // Held at most LONG_POLL_CAP_S, not the asked 30 s: the plugin reports an account connected
    // only once a getUpdates returns, so a full-length hold kept a restarted account "starting"
    // for 30 s. Telegram itself may also answer a long poll early with no updates.
    const timeoutS = Math.min(Number(params.timeout ?? 0), LONG_POLL_CAP_S);
    if (queue.length || timeoutS <= 0)
      return reply(res, queue.slice(0, Number(params.limit ?? 100)));
    await new Promise((resolve) => {
      const done = () => {
        waiters.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, timeoutS * 1000);
      waiters.add(done);
      res.on('close', done);
    });
    while (queue.length && queue[0].update_id < offset) queue.shift();
    if (!res.writableEnded && !res.destroyed)
      reply(res, queue.slice(0, Number(params.limit ?? 100)));
  }

  const reply = (res, result) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, result }));
  };

  const METHODS = {
    getMe: () => BOT,
    deleteWebhook: () => true,
    setWebhook: () => true,
    getWebhookInfo: () => ({ url: '', has_custom_certificate: false, pending_update_count: 0 }),
    setMyCommands: () => true,
    deleteMyCommands: () => true,
    getMyCommands: () => [],
    setMyDescription: () => true,
    setMyShortDescription: () => true,
    setChatMenuButton: () => true,
    sendChatAction: () => true,
    setMessageReaction: () => true,
    getChat: (p) => ({ id: Number(p.chat_id), type: 'private', first_name: 'Tester' }),
    sendMessage: (p) => {
      const message = {
        message_id: nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(p.chat_id), type: 'private' },
        from: BOT,
        text: String(p.text ?? ''),
      };
      sent.push({ method: 'sendMessage', params: p });
      return message;
    },
    editMessageText: (p) => ({
      message_id: Number(p.message_id),
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(p.chat_id), type: 'private' },
      text: String(p.text ?? ''),
    }),
    deleteMessage: () => true,
  };

  const server = http.createServer(async (req, res) => {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
    }
    const method = match[2];
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    let params = {};
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url, 'http://stub');
    for (const [k, v] of url.searchParams) params[k] = v;
    if (body && /json/.test(req.headers['content-type'] ?? '')) {
      try {
        params = { ...params, ...JSON.parse(body) };
      } catch {
        /* keep the query params */
      }
    } else if (body && /x-www-form-urlencoded/.test(req.headers['content-type'] ?? '')) {
      for (const [k, v] of new URLSearchParams(body)) params[k] = v;
    }
    calls.push({ method, at: Date.now() });
    log(`bot-api ${method} ${body.slice(0, 200)}`);
    if (method === 'getUpdates') return getUpdates(params, res);
    const handler = METHODS[method];
    if (!handler) {
      unknown.add(method);
      log(`bot-api UNKNOWN method ${method}`);
      return reply(res, true);
    }
    reply(res, handler(params));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    bot: BOT,
    calls,
    sent,
    unknown,
    /** Queues a private text message from a user, delivered by the next getUpdates. */
    deliverText({ text, fromId = 42, firstName = 'Tester', username = 'tester' }) {
      const update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: fromId, type: 'private', first_name: firstName, username },
          from: { id: fromId, is_bot: false, first_name: firstName, username },
          text,
        },
      };
      queue.push(update);
      flush();
      return update;
    },
    /** Times a method was called. */
    count(method) {
      return calls.filter((c) => c.method === method).length;
    },
    async close() {
      flush();
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// A fake OpenAI-compatible model for the real gateway to talk to, so tests run
// offline and deterministically. What it answers is scripted by keywords in
// the text the user typed (see `keywords`).
import { createServer } from 'node:http';

/** Keywords (case-insensitive, whole word, anywhere in the user's text) that change the reply. */
export const keywords = [
  'reply:',
  'exec:',
  'fail400',
  'slow',
  'hostile',
  'markdown',
  'long',
  'bomb',
];

/** The model ids the server lists; any id other than the first is echoed as a `[id] ` prefix. */
export const modelIds = ['fake-model', 'other-model'];

/** The exact text the `markdown` keyword streams. */
export const markdownReply = [
  '# Release notes',
  '',
  'Some **bold** and *italic* text with `inline code`.',
  '',
  '- first item',
  '- second item',
  '',
  '```js',
  'const greeting = "hello";',
  'console.log(greeting);',
  '```',
  '',
  'See [the docs](https://example.com/docs).',
  '',
  '| name | value |',
  '| ---- | ----- |',
  '| a    | 1     |',
  '| b    | 2     |',
].join('\n');

/** The exact text the `hostile` keyword streams; a safe renderer shows it without running any of it. */
export const hostileReply = [
  'Hostile content follows.',
  '',
  '<script>window.__pwned=1</script>',
  '',
  '<img src=x onerror="window.__pwned=1">',
  '',
  '[click](javascript:window.__pwned=1)',
  '',
  '<iframe src="https://example.com"></iframe>',
  '',
  '<svg onload="window.__pwned=1"><circle r="5"></circle></svg>',
  '',
  'End of hostile content.',
].join('\n');

/** Starts the fake model on 127.0.0.1; `requests` keeps the last 50 request bodies, `activeStreams` counts open streams. */
export async function startModelServer({ port = 0 } = {}) {
  const requests = [];
  const streams = new Set();
  const server = createServer((req, res) => {
    handle(req, res, requests, streams).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(error), type: 'server_error' } }));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;
  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}/v1`,
    requests,
    // Lets an abort test check that the gateway hung up on the model.
    get activeStreams() {
      return streams.size;
    },
    close: () =>
      new Promise((resolve) => {
        // Slow streams hold their connections open; cut them so close() returns.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Recovers what the user typed: the last user message that is more than gateway-added context. */
export function userTextOf(body) {
  const messages = Array.isArray(body?.messages) ? body.messages : [];
  for (const message of messages.toReversed()) {
    if (message.role !== 'user') continue;
    const text = stripWrapper(contentText(message.content));
    if (text) return text;
  }
  return '';
}

function contentText(content) {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join('\n');
}

/**
 * Undoes the gateway's wrapping of a user message. 2026.9.6 sends
 * `[Tue 2026-11-24 20:59 UTC] Conversation info: ⟦openclaw:ctx⟧\n```json…```\n\nhello\n\nRuntime: agent=main | …`
 * and then a separate user message holding only an internal-context block.
 */
export function stripWrapper(text) {
  return text
    .replace(
      /<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>[\s\S]*?<<<END_OPENCLAW_INTERNAL_CONTEXT>>>/g,
      '',
    )
    .replace(/^\s*\[[^\]\n]*\d{1,2}:\d{2}[^\]\n]*\]\s*/, '')
    .replace(/^[^\n]*⟦openclaw:ctx⟧\n```[^\n]*\n[\s\S]*?\n```\s*/gm, '')
    .replace(/\n\nRuntime: [^\n]*\s*$/, '')
    .trim();
}

async function handle(req, res, requests, streams) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method === 'GET' && url.pathname === '/v1/models') {
    const data = modelIds.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' }));
    return sendJson(res, 200, { object: 'list', data });
  }
  if (req.method !== 'POST' || url.pathname !== '/v1/chat/completions') {
    return sendJson(res, 404, { error: { message: 'not found', type: 'invalid_request_error' } });
  }
  const body = JSON.parse((await readBody(req)) || '{}');
  requests.push(body);
  if (requests.length > 50) requests.shift();

  const userText = userTextOf(body);
  const model = typeof body.model === 'string' ? body.model : modelIds[0];
  const plan = planReply(userText);
  // "exec: <command>": ask the gateway to run the command (its exec tool), then say what it gave.
  const execAt = userText.search(/exec:/i);
  if (execAt >= 0 && body.stream) {
    // The gateway adds its own messages after the tool's result: look past the user's ask.
    const messages = Array.isArray(body.messages) ? body.messages : [];
    const asked = messages.findLastIndex(
      (m) => m.role === 'user' && /exec:/i.test(contentText(m.content)),
    );
    const result = messages.slice(asked + 1).findLast((m) => m.role === 'tool');
    if (result)
      return streamChunks(
        res,
        streams,
        model,
        [`Ran it: ${contentText(result.content)}`],
        0,
        userText,
      );
    const command = userText.slice(execAt + 'exec:'.length).trim();
    return streamToolCall(res, model, 'exec', { command }, userText);
  }
  if (plan.status) {
    return sendJson(res, plan.status, {
      error: { message: 'scripted bad request', type: 'invalid_request_error' },
    });
  }
  // A model switch must be visible in the reply text itself.
  const prefix = model === modelIds[0] ? '' : `[${model}] `;
  const chunks = [prefix + plan.chunks[0], ...plan.chunks.slice(1)];
  if (body.stream) return streamChunks(res, streams, model, chunks, plan.delayMs, userText);
  const text = chunks.join('');
  return sendJson(
    res,
    200,
    {
      id: `chatcmpl-${Date.now()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage: usage(userText, text),
    },
    model,
  );
}

function planReply(userText) {
  const has = (word) => new RegExp(`(^|\\W)${word}(\\W|$)`, 'i').test(userText);
  const replyAt = userText.search(/reply:/i);
  if (replyAt >= 0)
    return { chunks: [userText.slice(replyAt + 'reply:'.length).trim()], delayMs: 0 };
  if (has('fail400')) return { status: 400 };
  if (has('slow')) {
    // 200 words × 300 ms = 60 s, long enough for any abort test.
    return { chunks: Array.from({ length: 200 }, (_, i) => `word${i + 1} `), delayMs: 300 };
  }
  if (has('hostile')) return { chunks: split(hostileReply, 4), delayMs: 100 };
  if (has('markdown')) return { chunks: split(markdownReply, 5), delayMs: 150 };
  if (has('long')) return { chunks: longChunks(), delayMs: 5 };
  if (has('bomb')) return { chunks: split(bombReply(), 10), delayMs: 150 };
  // ~5 chunks 250 ms apart: the gateway coalesces deltas (~150 ms), so tests see several.
  return { chunks: split(`Echo: ${userText}`, 5), delayMs: 250 };
}

function split(text, parts) {
  const n = Math.max(1, Math.min(parts, text.length));
  return Array.from({ length: n }, (_, i) =>
    text.slice(Math.round((i * text.length) / n), Math.round(((i + 1) * text.length) / n)),
  );
}

/**
 * A render bomb of about 1 MB, as seen in the field: 30,000 emphasis pairs (30,000 <em>), a
 * 3,000-column table, then more emphasis to 1 MB. Streamed in ten growing deltas.
 */
function bombReply() {
  const columns = 3000;
  const table = [
    `|${Array.from({ length: columns }, (_, i) => `c${i}`).join('|')}|`,
    `|${'-|'.repeat(columns)}`,
    ...Array.from({ length: 15 }, () => `|${'x|'.repeat(columns)}`),
  ].join('\n');
  const head = `${'_a_ '.repeat(30_000)}\n\n${table}\n\n`;
  return head + '_b_ '.repeat(Math.max(0, (1_000_000 - head.length) / 4));
}

function longChunks() {
  // 100 paragraphs × 40 words ≈ 4,000 words; each paragraph is one chunk.
  return Array.from({ length: 100 }, (_, p) => {
    const words = Array.from({ length: 39 }, (_, w) => `lorem${(p * 39 + w) % 97}`);
    return `Paragraph${p + 1} ${words.join(' ')}.\n\n`;
  });
}

function streamChunks(res, streams, model, chunks, delayMs, userText) {
  const id = `chatcmpl-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const frame = (choice, extra = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, ...choice }], ...extra })}\n\n`;
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-model': model,
  });
  let closed = false;
  streams.add(res);
  res.on('close', () => {
    closed = true;
    streams.delete(res);
  });
  return (async () => {
    res.write(frame({ delta: { role: 'assistant', content: '' }, finish_reason: null }));
    for (let i = 0; i < chunks.length; i++) {
      if (i > 0 && delayMs) await sleep(delayMs);
      // Stop when the gateway hangs up (abort), instead of writing into a dead socket.
      if (closed) return;
      res.write(frame({ delta: { content: chunks[i] }, finish_reason: null }));
    }
    if (closed) return;
    res.write(
      frame({ delta: {}, finish_reason: 'stop' }, { usage: usage(userText, chunks.join('')) }),
    );
    res.end('data: [DONE]\n\n');
  })();
}

/** Streams one tool call (OpenAI chat-completions shape) and stops for its result. */
function streamToolCall(res, model, name, args, userText) {
  const id = `chatcmpl-${Date.now()}`;
  const created = Math.floor(Date.now() / 1000);
  const frame = (choice, extra = {}) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, ...choice }], ...extra })}\n\n`;
  res.writeHead(200, { 'content-type': 'text/event-stream', 'x-model': model });
  const call = { index: 0, id: `call_${Date.now()}`, type: 'function' };
  res.write(
    frame({
      delta: {
        role: 'assistant',
        content: null,
        tool_calls: [{ ...call, function: { name, arguments: '' } }],
      },
      finish_reason: null,
    }),
  );
  res.write(
    frame({
      delta: { tool_calls: [{ index: 0, function: { arguments: JSON.stringify(args) } }] },
      finish_reason: null,
    }),
  );
  res.write(
    frame(
      { delta: {}, finish_reason: 'tool_calls' },
      { usage: usage(userText, JSON.stringify(args)) },
    ),
  );
  res.end('data: [DONE]\n\n');
}

function usage(prompt, completion) {
  const count = (s) => Math.max(1, Math.ceil(s.length / 4));
  const prompt_tokens = count(prompt);
  const completion_tokens = count(completion);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function sendJson(res, status, value, model) {
  const headers = { 'content-type': 'application/json' };
  if (model) headers['x-model'] = model;
  res.writeHead(status, headers);
  res.end(JSON.stringify(value));
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

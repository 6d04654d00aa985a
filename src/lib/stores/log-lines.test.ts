import { describe, expect, it } from 'vitest';
import { MAX_LINE_CHARS, parseLogLine, readTailReply } from './log-lines';

describe('parseLogLine', () => {
  it('reads the logger’s JSON: time, level, subsystem, message without colour codes', () => {
    const raw = JSON.stringify({
      0: '{"subsystem":"gateway/ws"}',
      1: '\u001b[93m⇄\u001b[39m res ✓ chat.send',
      _meta: { logLevelName: 'WARN', name: '{"subsystem":"gateway/ws"}' },
      time: '2026-11-24T20:35:27.796+00:00',
      message: '\u001b[93m⇄\u001b[39m res ✓ chat.send',
    });
    expect(parseLogLine(raw, 1)).toEqual({
      id: 1,
      raw,
      time: Date.parse('2026-11-24T20:35:27.796Z'),
      level: 'warn',
      subsystem: 'gateway/ws',
      message: '⇄ res ✓ chat.send',
    });
  });

  it('keeps any other line as plain text, and cuts a runaway one', () => {
    expect(parseLogLine('plain \u202e text', 2)).toEqual({
      id: 2,
      raw: 'plain \u202e text',
      message: 'plain \u202e text',
    });
    expect(parseLogLine('[1,2]', 3).level).toBeUndefined();
    const odd = parseLogLine('{"message":5,"1":"from args","_meta":{"logLevelName":"LOUD"}}', 4);
    expect(odd).toMatchObject({ message: 'from args', level: undefined });
    const long = parseLogLine(`{"message":"${'x'.repeat(MAX_LINE_CHARS * 2)}"}`, 5);
    expect(long).toMatchObject({ cut: true });
    expect(long.raw).toHaveLength(MAX_LINE_CHARS);
  });
});

describe('readTailReply', () => {
  it('needs a cursor and keeps only string lines', () => {
    expect(readTailReply({ lines: [] })).toBeUndefined();
    expect(readTailReply({ cursor: -1 })).toBeUndefined();
    expect(readTailReply({ cursor: 3, lines: ['a', 4, null, 'b'], skippedBytes: 'x' })).toEqual({
      cursor: 3,
      file: undefined,
      lines: ['a', 'b'],
      truncated: false,
      reset: false,
    });
  });
});

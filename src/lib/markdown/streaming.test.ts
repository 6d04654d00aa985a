// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from './render';
import { isPlainProse, plainParagraph, splitBlocks, streamingRenderer } from './streaming';

describe('splitBlocks', () => {
  it('splits at blank lines, keeps the unfinished tail, and never splits inside a fence', () => {
    expect(splitBlocks('one\n\ntwo\n\nthr')).toEqual({ blocks: ['one', 'two'], tail: 'thr' });
    expect(splitBlocks('a\n\n```\nx\n\ny\n```\n\nb')).toEqual({
      blocks: ['a', '```\nx\n\ny\n```'],
      tail: 'b',
    });
    expect(splitBlocks('~~~\nopen fence\n\nstill code')).toEqual({
      blocks: [],
      tail: '~~~\nopen fence\n\nstill code',
    });
    expect(splitBlocks('')).toEqual({ blocks: [], tail: '' });
  });
});

describe('streamingRenderer', () => {
  it('renders each finished block once and only the tail again per delta', () => {
    const render = vi.fn(renderMarkdown);
    const stream = streamingRenderer(render);
    const text = 'First **paragraph**.\n\n- a list\n- of two\n\nThe `tail` is gro';
    stream(text);
    expect(render).toHaveBeenCalledTimes(3);
    render.mockClear();
    const html = stream(`${text}wing`);
    expect(render.mock.calls.map(([source]) => source)).toEqual(['The `tail` is growing']);
    expect(html).toBe(renderMarkdown(`${text}wing`));
  });

  it('hands a reply over the element budget to the whole-text path, shown as text', () => {
    const render = vi.fn(renderMarkdown);
    const stream = streamingRenderer(render);
    // In paragraphs, so that only the budget check (not the splitting) keeps it one call.
    const bomb = `${'_a_ '.repeat(300)}\n\n`.repeat(20);
    expect(stream(bomb)).toBe(renderMarkdown(bomb));
    expect(render).toHaveBeenCalledTimes(1);
  });

  it('renders a growing paragraph of plain prose without marked', () => {
    const render = vi.fn(renderMarkdown);
    const stream = streamingRenderer(render);
    const text = 'Done **once**.\n\nThe tail is plain prose, (so far) and grows';
    expect(stream(text)).toBe(renderMarkdown(text));
    expect(render.mock.calls.map(([source]) => source)).toEqual(['Done **once**.']);
    render.mockClear();
    // One markdown character in the tail and it goes through marked again.
    expect(stream(`${text} *fast*`)).toBe(renderMarkdown(`${text} *fast*`));
    expect(render).toHaveBeenCalledTimes(1);
    render.mockClear();
    // A tail of nothing but whitespace (a paragraph just ended) renders as nothing, unasked.
    expect(stream('Done **once**.\n\n  ')).toBe(renderMarkdown('Done **once**.'));
    expect(render).not.toHaveBeenCalled();
  });
});

describe('isPlainProse', () => {
  it('makes exactly what marked and the sanitiser make, for any text it accepts', () => {
    // A seeded generator (a failure replays): letters of four scripts, digits, spaces, and every
    // punctuation mark the fast path allows, including the trailing spaces marked drops.
    const letters = 'abcxyzABCXYZéßשלוםمرحبا中文字';
    const rest = `${letters}0123456789 ,.;:!?'"()%-–—…‘’“”，。、；：！？（）`;
    let seed = 7;
    const pick = (from: string) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return [...from][seed % [...from].length]!;
    };
    for (const text of ['a -- b ---', 'Well-known “quotes” — and… 50% "straight" ones']) {
      expect(isPlainProse(text), text).toBe(true);
      expect(plainParagraph(text), text).toBe(renderMarkdown(text));
    }
    for (let sample = 0; sample < 300; sample += 1) {
      let text = pick(letters);
      const length = 1 + (sample % 60);
      for (let i = 0; i < length; i += 1) text += pick(rest);
      expect(isPlainProse(text), text).toBe(true);
      expect(plainParagraph(text), text).toBe(renderMarkdown(text));
    }
  });

  it('refuses text in which markdown could mean something', () => {
    for (const text of [
      '1. a numbered list',
      '- a bullet',
      '    indented code',
      'a line\nand another',
      'see www.example.org now',
      'see WWW.example.org now',
      'mail a@b.example',
      'a *b* c',
      'a `b` c',
      'a [b](c)',
      'x < y & z',
      'Heading\n===',
      'a | b',
      'a \u202Ereversed',
      'tab\there',
      '',
    ]) {
      expect(isPlainProse(text), text).toBe(false);
    }
  });
});

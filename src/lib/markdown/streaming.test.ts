// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from './render';
import { splitBlocks, streamingRenderer } from './streaming';

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
    const text = 'First **paragraph**.\n\n- a list\n- of two\n\nThe tail is gro';
    stream(text);
    expect(render).toHaveBeenCalledTimes(3);
    render.mockClear();
    const html = stream(`${text}wing`);
    expect(render.mock.calls.map(([source]) => source)).toEqual(['The tail is growing']);
    expect(html).toBe(renderMarkdown(`${text}wing`));
  });

  it('hands a reply over the element budget to the whole-text path, shown as text', () => {
    const render = vi.fn(renderMarkdown);
    const stream = streamingRenderer(render);
    const bomb = '_a_ '.repeat(5_000);
    expect(stream(bomb)).toBe(renderMarkdown(bomb));
    expect(render).toHaveBeenCalledTimes(1);
  });
});

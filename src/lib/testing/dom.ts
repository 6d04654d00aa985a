import { flushSync, mount, unmount, type Component } from 'svelte';
import { vi } from 'vitest';

/**
 * What jsdom lacks for the transcript: a ResizeObserver (never reporting; heights come
 * from the stubbed layout below) and layout itself. Every `.transcript-item` is given a
 * fixed height and the scroll container real-looking scroll metrics, so the virtual
 * window computes the same ranges it would in a browser.
 */
export function stubLayout(itemHeight = 100, viewport = 600): void {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  const height = (el: Element) =>
    el.classList.contains('transcript-item')
      ? itemHeight
      : el.classList.contains('transcript')
        ? viewport
        : 0;
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
    this: HTMLElement,
  ) {
    return {
      height: height(this),
      width: 800,
      top: 0,
      left: 0,
      bottom: 0,
      right: 0,
      x: 0,
      y: 0,
    } as DOMRect;
  });
  const tops = new WeakMap<Element, number>();
  const scrollHeight = (el: Element) => {
    const list = el.querySelector<HTMLElement>('.transcript-list');
    if (!list) return 0;
    const pad = (v: string) => Number.parseFloat(v) || 0;
    return (
      pad(list.style.paddingTop) +
      pad(list.style.paddingBottom) +
      list.querySelectorAll('.transcript-item').length * itemHeight
    );
  };
  Object.defineProperties(HTMLElement.prototype, {
    clientHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return height(this);
      },
    },
    scrollHeight: {
      configurable: true,
      get(this: HTMLElement) {
        return scrollHeight(this);
      },
    },
    scrollTop: {
      configurable: true,
      get(this: HTMLElement) {
        return tops.get(this) ?? 0;
      },
      set(this: HTMLElement, value: number) {
        const max = Math.max(0, scrollHeight(this) - height(this));
        tops.set(this, Math.min(max, Math.max(0, value)));
      },
    },
  });
}

/** Mounts a component into the document; returns its root and the unmounter. */
export function render<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props,
): { target: HTMLElement; destroy: () => void } {
  const target = document.createElement('div');
  document.body.append(target);
  const instance = mount(component, { target, props });
  flushSync();
  return {
    target,
    destroy: () => {
      void unmount(instance);
      target.remove();
    },
  };
}

/**
 * A Svelte action that calls back once the element comes within a screen or so of the
 * viewport. Long transcripts render cheap plain text first and only format what
 * the reader can reach, so a 1,000-message session opens without a long task.
 */
export function nearViewport(node: HTMLElement, onNear: () => void): { destroy(): void } {
  if (typeof IntersectionObserver === 'undefined') {
    onNear();
    return { destroy() {} };
  }
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        onNear();
      }
    },
    { rootMargin: '1000px 0px' },
  );
  observer.observe(node);
  return { destroy: () => observer.disconnect() };
}

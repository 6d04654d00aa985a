/** Svelte action adding "copy" buttons to the code blocks of rendered markdown. */
import type { ActionReturn } from 'svelte/action';

/** Labels for copyButtons; translated by the caller. */
export interface CopyButtonLabels {
  copyLabel: string;
  copiedLabel: string;
  /** Warns that a block holds hidden or bidi control characters, shown as ⟨U+XXXX⟩ markers. */
  hiddenLabel?: string;
}

const BUTTON_CLASS = 'md-copy';
const NOTE_CLASS = 'md-hidden-note';
const CONFIRM_MS = 1500;

async function writeClipboard(text: string): Promise<boolean> {
  try {
    // Absent outside secure contexts; rejected when the page lacks focus or permission.
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** Adds a copy button to every `<pre><code>` in `node`, again whenever its content is replaced. */
export function copyButtons(
  node: HTMLElement,
  labels: CopyButtonLabels,
): ActionReturn<CopyButtonLabels> {
  let current = labels;
  const timers = new Map<HTMLButtonElement, ReturnType<typeof setTimeout>>();

  const decorate = (): void => {
    // Only blocks without a button: during streaming most blocks were decorated already.
    for (const pre of node.querySelectorAll<HTMLPreElement>('pre:not([data-copy])')) {
      pre.dataset.copy = '';
      if (!pre.querySelector(':scope > code')) continue;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = BUTTON_CLASS;
      button.textContent = current.copyLabel;
      pre.prepend(button);
      // The markers are part of the code's text, so the copy is exactly what is shown; say why.
      if (pre.querySelector(':scope > code .md-hidden')) {
        const note = document.createElement('span');
        note.className = NOTE_CLASS;
        note.setAttribute('role', 'note');
        note.textContent = current.hiddenLabel ?? '';
        button.after(note);
      }
    }
  };

  const onClick = (event: MouseEvent): void => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    const button = target.closest<HTMLButtonElement>(`button.${BUTTON_CLASS}`);
    const code = button?.parentElement?.querySelector(':scope > code');
    if (!button || !code || !node.contains(button)) return;
    // textContent, not innerText: the code exactly as written, highlight spans ignored.
    void writeClipboard(code.textContent ?? '').then((copied) => {
      if (!copied || !button.isConnected) return;
      button.textContent = current.copiedLabel;
      clearTimeout(timers.get(button));
      timers.set(
        button,
        setTimeout(() => {
          timers.delete(button);
          button.textContent = current.copyLabel;
        }, CONFIRM_MS),
      );
    });
  };

  // {@html} replaces the container's children on every source change; observing that (instead
  // of hooking the update) cannot race Svelte's DOM update and costs one query per render.
  const observer = new MutationObserver(decorate);
  observer.observe(node, { childList: true });
  node.addEventListener('click', onClick);
  decorate();

  return {
    update(next) {
      current = next;
      for (const button of node.querySelectorAll<HTMLButtonElement>(`button.${BUTTON_CLASS}`)) {
        button.textContent = timers.has(button) ? next.copiedLabel : next.copyLabel;
      }
      for (const note of node.querySelectorAll<HTMLElement>(`.${NOTE_CLASS}`)) {
        note.textContent = next.hiddenLabel ?? '';
      }
    },
    destroy() {
      observer.disconnect();
      node.removeEventListener('click', onClick);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}

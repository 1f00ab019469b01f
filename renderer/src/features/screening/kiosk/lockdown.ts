/**
 * Browser-level lockdown for kiosk mode: fullscreen, no context menu, no reload/back/print
 * shortcuts, a prompt before the page unloads. A browser cannot stop everything (Alt+Tab,
 * Ctrl+Alt+Del, a long Esc); in Electron the main process will add real lockdown later
 * (kiosk window, blocked accelerators, no devtools) — this is the best a web page can do.
 */

interface KeyboardLock {
  lock?(keys?: string[]): Promise<void>;
  unlock?(): void;
}

function keyboard(): KeyboardLock | undefined {
  return (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
}

export async function enterFullscreen(): Promise<boolean> {
  try {
    if (!document.fullscreenElement)
      await document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    // Chromium in fullscreen honours a keyboard lock: Esc must then be held to leave.
    await keyboard()
      ?.lock?.(['Escape', 'F11', 'MetaLeft', 'MetaRight', 'AltLeft', 'Tab'])
      .catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

export async function leaveFullscreen(): Promise<void> {
  keyboard()?.unlock?.();
  if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
}

function editing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(target.tagName);
}

// Plain editing inside a text box stays possible; every other modified key is swallowed.
const EDIT_KEYS = new Set(['a', 'c', 'v', 'x', 'z']);

function onKeyDown(event: KeyboardEvent): void {
  const key = event.key;
  const modified = event.ctrlKey || event.metaKey || event.altKey;
  if (/^F\d{1,2}$/.test(key)) return block(event);
  if (
    modified &&
    !(editing(event.target) && (event.ctrlKey || event.metaKey) && EDIT_KEYS.has(key.toLowerCase()))
  )
    return block(event);
  if (key === 'Backspace' && !editing(event.target)) return block(event);
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserRefresh' || key === 'ContextMenu')
    return block(event);
}

function block(event: Event): void {
  event.preventDefault();
  event.stopPropagation();
}

function onBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older Chromium needs returnValue set to show the "leave site?" prompt.
  event.returnValue = '';
}

/** Installs the guards; returns the function that removes them. */
export function lockDown(): () => void {
  const opts = { capture: true } as const;
  window.addEventListener('keydown', onKeyDown, opts);
  window.addEventListener('contextmenu', block, opts);
  window.addEventListener('dragover', block, opts);
  window.addEventListener('drop', block, opts);
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => {
    window.removeEventListener('keydown', onKeyDown, opts);
    window.removeEventListener('contextmenu', block, opts);
    window.removeEventListener('dragover', block, opts);
    window.removeEventListener('drop', block, opts);
    window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

/**
 * Makes everything on the page outside `element` inert while the kiosk runs: the app shell behind
 * the kiosk screen (sidebar, header, the page under it) is covered but would still take focus, so
 * Tab would walk into the hidden menu. Returns the undo.
 */
export function isolate(element: HTMLElement): () => void {
  const made: HTMLElement[] = [];
  for (let node: HTMLElement | null = element; node && node !== document.body; node = node.parentElement) {
    for (const sibling of Array.from(node.parentElement?.children ?? [])) {
      if (sibling === node || !(sibling instanceof HTMLElement) || sibling.inert) continue;
      sibling.inert = true;
      made.push(sibling);
    }
  }
  return () => made.forEach((el) => (el.inert = false));
}

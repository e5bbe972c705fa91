import { h, render } from 'preact';
import { Widget, type Mode, type Position, type Theme } from '../ui/Widget';
import { createWidget, type CallHealthOptions } from './create-widget';
import { apiOf, subscribePolls, type CallHealthApi, type PollListener } from './session';

/** `assessment()`, `summary()`, `exportSession()` (still readable after destroy, the record closed), `onPoll`, and destroy. */
export interface CallHealthHandle extends CallHealthApi {
  /**
   * Calls `listener` after every poll, answered or failed, once the widget has taken it in (verdict, session
   * record and the view's state updated; the screen follows on the next frame), with that poll's snapshot.
   * Not called for context changes (join, leave, connection events). Returns the function that stops it.
   */
  onPoll(listener: PollListener): () => void;
  /** Stops monitoring, unmounts, and removes every node, timer and listener the widget added. */
  destroy(): void;
}

/**
 * Mounts the widget into `target` for any page or framework. It renders into a child element of its own,
 * so whatever the target already holds (a call frame) is left alone.
 */
export function mountCallHealth(target: HTMLElement, options: CallHealthOptions): CallHealthHandle {
  const { store, monitor, session, start } = createWidget(options);
  const host = target.ownerDocument.createElement('div');
  host.className = 'call-health-host';
  // No box of its own: a docked widget positions against the target, not against this wrapper.
  host.style.display = 'contents';
  target.appendChild(host);
  // Started before the first render, so a source being polled never flashes "No data" (not polled) first.
  const stop = start();
  let view: Required<ViewOptions> = { mode: options.mode ?? 'badge', position: options.position ?? 'inline', theme: options.theme ?? 'auto' };
  const draw = () => render(h(Widget, { store, ...view, session }), host);
  draw();
  let destroyed = false;
  const handle: CallHealthHandle = {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stop();
      render(null, host);
      host.remove();
    },
    onPoll: (listener) => subscribePolls(monitor, listener),
    ...apiOf(monitor, session),
  };
  viewUpdaters.set(handle, (next) => {
    if (destroyed) return;
    const mode = next.mode ?? 'badge';
    if (mode !== view.mode) {
      // As the component does: a new mode opens (panel) or closes (badge) the card, monitoring untouched.
      store.open.value = mode === 'panel';
      store.expanded.value = mode === 'panel';
    }
    view = { mode, position: next.position ?? 'inline', theme: next.theme ?? 'auto' };
    draw();
  });
  return handle;
}

/** What can change on a mounted widget without restarting its monitor. */
export interface ViewOptions {
  mode?: Mode;
  position?: Position;
  theme?: Theme;
}

const viewUpdaters = new WeakMap<CallHealthHandle, (view: ViewOptions) => void>();

/**
 * Applies a new mode, position or theme to a widget mounted by mountCallHealth, in place: the monitor and
 * the session record go on. Internal (the custom element uses it); not part of the public handle.
 */
export function updateView(handle: CallHealthHandle, view: ViewOptions): void {
  viewUpdaters.get(handle)?.(view);
}

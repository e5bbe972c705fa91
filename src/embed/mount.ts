import { h, render } from 'preact';
import { CallHealthView } from '../ui/CallHealthView';
import { createWidget, type CallHealthOptions } from './options';
import { apiOf, type CallHealthApi } from './session';

/** `assessment()`, `summary()`, `exportSession()` (still readable after destroy, the record closed), and destroy. */
export interface CallHealthHandle extends CallHealthApi {
  /** Stops monitoring, unmounts, and removes every node, timer and listener the widget added. */
  destroy(): void;
}

/**
 * Mounts the widget into `target` for any page or framework. It renders into a child element of its own,
 * so whatever the target already holds (a call frame) is left alone.
 */
export function mountCallHealth(target: HTMLElement, options: CallHealthOptions): CallHealthHandle {
  const { store, session, start } = createWidget(options);
  const host = target.ownerDocument.createElement('div');
  host.className = 'call-health-host';
  // No box of its own: a docked widget positions against the target, not against this wrapper.
  host.style.display = 'contents';
  target.appendChild(host);
  // Started before the first render, so a source being polled never flashes "No data" (not polled) first.
  const stop = start();
  render(
    h(CallHealthView, {
      store,
      mode: options.mode ?? 'badge',
      position: options.position ?? 'inline',
      theme: options.theme ?? 'auto',
      session,
    }),
    host,
  );
  let destroyed = false;
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stop();
      render(null, host);
      host.remove();
    },
    ...apiOf(store.monitor, session),
  };
}

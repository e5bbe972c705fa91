import { h, render } from 'preact';
import type { Assessment } from '../core/window';
import { CallHealthView } from '../ui/CallHealthView';
import { createWidget, type CallHealthOptions } from './options';

export interface CallHealthHandle {
  /** Stops monitoring, unmounts, and removes every node, timer and listener the widget added. */
  destroy(): void;
  /** The verdict right now. */
  assessment(): Assessment;
}

/**
 * Mounts the widget into `target` for any page or framework. It renders into a child element of its own,
 * so whatever the target already holds (a call frame) is left alone.
 */
export function mountCallHealth(target: HTMLElement, options: CallHealthOptions): CallHealthHandle {
  const { store, start } = createWidget(options);
  const host = target.ownerDocument.createElement('div');
  host.className = 'call-health-host';
  // No box of its own: a docked widget positions against the target, not against this wrapper.
  host.style.display = 'contents';
  target.appendChild(host);
  render(
    h(CallHealthView, {
      store,
      mode: options.mode ?? 'badge',
      position: options.position ?? 'inline',
      theme: options.theme ?? 'auto',
    }),
    host,
  );
  const stop = start();
  let destroyed = false;
  return {
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stop();
      render(null, host);
      host.remove();
    },
    assessment: () => store.monitor.snapshot().assessment,
  };
}

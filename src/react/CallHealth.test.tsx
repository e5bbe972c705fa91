/** @jsxImportSource react */
// React, not Preact: this file is compiled with React's JSX runtime, as a React app would compile it.
import { describe, expect, it } from 'vitest';
import { useRef } from 'react';
import { renderToString } from 'react-dom/server';
import { CallHealth, useCallHealth, defineCallHealthElement, type CallHealthElement, type Assessment } from './index';

describe('call-health/react on a server', () => {
  it('imports, registers (as a no-op) and renders the bare element without throwing', () => {
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    expect(() => defineCallHealthElement()).not.toThrow();
    function App() {
      const health = useCallHealth();
      const mine = useRef<CallHealthElement>(null);
      return (
        <div>
          <CallHealth
            ref={health.ref}
            call={null}
            mode="panel"
            position="bottom-right"
            theme="dark"
            labels={{ good: 'Bon', reasons: { roundTripTime: 'Latence' } }}
            thresholds={{ roundTripTime: { warning: 250, bad: 500 } }}
            onStateChange={(a: Assessment) => a.networkState}
            className="health"
            style={{ zIndex: 3 }}
          />
          <CallHealth ref={mine} source={null} />
          <call-health mode="badge" interval-ms={1000} options={{ labels: { good: 'Bon' } }} onstatechange={(e) => e.detail.networkState} />
          <p>{health.assessment?.networkState ?? 'measuring'}</p>
        </div>
      );
    }
    const html = renderToString(<App />);
    expect(html).toContain('<call-health class="health" style="z-index:3"></call-health>');
    expect(html).toContain('<call-health mode="badge" interval-ms="1000"></call-health>');
    expect(html).toContain('<p>measuring</p>');
  });

  it('types its props: a wrong mode or an unknown option does not compile', () => {
    // @ts-expect-error not a mode
    void (<CallHealth mode="sidebar" />);
    // @ts-expect-error not an option
    void (<CallHealth label={{}} />);
    // @ts-expect-error not a theme
    void (<call-health theme="blue" />);
  });
});

import { describe, expect, it } from 'vitest';
import { ConnectionStates } from './connection-state';

describe('ConnectionStates', () => {
  it('connected → disconnected reads interrupted; checking again after that too; failed reads failed', () => {
    const s = new ConnectionStates<string>();
    expect(s.update('pc', { connectionState: 'connecting', iceConnectionState: 'checking' })).toBeNull(); // not yet a call
    expect(s.update('pc', { connectionState: 'connected', iceConnectionState: 'connected' })).toBe('connected');
    expect(s.update('pc', { iceConnectionState: 'disconnected' })).toBe('interrupted');
    expect(s.update('pc', { connectionState: 'connecting', iceConnectionState: 'checking' })).toBe('interrupted'); // ICE restart
    expect(s.update('pc', { connectionState: 'failed' })).toBe('failed');
  });

  it('a mesh is lost only when every open connection failed; a closed one leaves the call', () => {
    const s = new ConnectionStates<string>();
    s.update('a', { connectionState: 'connected' });
    s.update('b', { connectionState: 'connected' });
    expect(s.update('b', { connectionState: 'failed' })).toBe('interrupted');
    expect(s.close('b')).toBe('connected');
    expect(s.update('a', { connectionState: 'failed' })).toBe('failed');
  });
});

describe('ConnectionStates: peers that never connected', () => {
  it('a mesh peer that failed to set up is no outage while another connection carries the call', () => {
    const s = new ConnectionStates<string>();
    s.update('a', { connectionState: 'connected' });
    s.update('b', { connectionState: 'connecting' });
    expect(s.update('b', { connectionState: 'failed' })).toBe('connected');
  });

  it('when no connection ever connected, its failure is the call\'s', () => {
    const s = new ConnectionStates<string>();
    s.update('a', { connectionState: 'connecting' });
    expect(s.update('a', { connectionState: 'failed' })).toBe('failed');
  });
});

import { describe, expect, it } from 'vitest';
import { CSV_HEADER, exportIncident, exportSession, safeRoomUrl, toCsv } from './export';
import { IncidentLog } from './incidents';
import { SessionRecord } from './session-record';
import { summarize } from './summary';
import type { NetworkState } from '../live/window';

const T = 1_743_011_906_000;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJyIjoicm9vbSJ9.c2lnbmF0dXJl';

/** A call of n samples: good, then bad from sample 10 with receive loss, read from Daily-shaped results. */
function session(n = 30) {
  const record = new SessionRecord({ startedAt: T - 1500 });
  const incidents = new IncidentLog();
  for (let i = 0; i < n; i++) {
    const bad = i >= 10;
    const state: NetworkState = bad ? 'bad' : 'good';
    record.push(
      {
        stats: {
          latest: {
            timestamp: T + i * 2000,
            recvBitsPerSecond: 1_700_344.1895481267 - i * 1000,
            sendBitsPerSecond: 1_724_499.7493844875,
            totalRecvPacketLoss: bad ? 0.11670020120724346 : 0.01,
            networkRoundTripTime: 0.01992261904761905,
            audioRecvJitter: 0.026,
            audioSendJitter: null,
          },
        },
      },
      { networkState: state, networkStateReasons: bad ? ['recvPacketLoss'] : [], reportedNetworkState: i >= 12 ? 'bad' : 'good' },
    );
    incidents.observe(record);
  }
  return { record, incidents };
}

describe('toCsv', () => {
  it('has one column per catalogue field with its unit in the header', () => {
    const header = toCsv([]).split('\r\n')[0];
    // Written out: six columns per sample, then Daily's stats.latest fields in catalogue order, each with its unit.
    expect(header).toBe(
      'timestamp (ms),time (UTC),networkState,reportedNetworkState,networkStateReasons,outage,' +
        'sendBitsPerSecond (bit/s),recvBitsPerSecond (bit/s),videoSendBitsPerSecond (bit/s),videoRecvBitsPerSecond (bit/s),' +
        'audioSendBitsPerSecond (bit/s),audioRecvBitsPerSecond (bit/s),' +
        'totalSendPacketLoss (0-1),totalRecvPacketLoss (0-1),videoSendPacketLoss (0-1),videoRecvPacketLoss (0-1),' +
        'audioSendPacketLoss (0-1),audioRecvPacketLoss (0-1),' +
        'networkRoundTripTime (s),videoSendJitter (s),videoRecvJitter (s),audioSendJitter (s),audioRecvJitter (s),' +
        'availableOutgoingBitrate (bit/s)',
    );
    // The exported constant is the header toCsv writes, for a host that reads columns by name.
    expect(CSV_HEADER.join(',')).toBe(header);
  });

  it('writes one row per sample; nulls are empty cells', () => {
    const { record } = session(12);
    const lines = toCsv(record.samples()).split('\r\n');
    expect(lines).toHaveLength(1 + 12 + 1); // header, rows, the empty string after the final CRLF
    expect(lines[13]).toBe('');
    const cells = (lines[11] ?? '').split(',');
    expect(cells).toHaveLength(24); // 6 sample columns + Daily's 18 stats.latest fields
    const col = (f: string) => cells[CSV_HEADER.findIndex((h) => h.startsWith(`${f} `))];
    expect(cells.slice(0, 6)).toEqual([String(T + 20_000), new Date(T + 20_000).toISOString(), 'bad', 'good', 'recvPacketLoss', '']);
    expect(col('totalRecvPacketLoss')).toBe('0.1167002');
    expect(col('networkRoundTripTime')).toBe('0.01992262');
    expect(col('audioSendJitter')).toBe('');
    expect(col('availableOutgoingBitrate')).toBe('');
  });
});

describe('exportSession', () => {
  it('returns { version, startedAt, endedAt, samples, summary, incidents } that survives a JSON round trip', () => {
    const { record, incidents } = session();
    record.close(T + 60_000);
    incidents.close();
    const payload = exportSession(record, { incidents, browser: 'Mozilla/5.0 Chrome/141', roomUrl: `https://acme.daily.co/support?t=${TOKEN}` });
    expect(payload).toMatchObject({ version: 1, startedAt: T - 1500, endedAt: T + 60_000, roomUrl: 'https://acme.daily.co/support' });
    expect(payload.samples).toHaveLength(30);
    expect(payload.incidents).toHaveLength(1);
    expect(payload.summary.browser.userAgent).toBe('Mozilla/5.0 Chrome/141');
    expect(JSON.parse(JSON.stringify(payload))).toEqual(payload);
  });

  it('exported samples fed back as getNetworkStats results give the same summary', () => {
    const { record } = session();
    record.close(T + 60_000);
    const payload = JSON.parse(JSON.stringify(exportSession(record))) as ReturnType<typeof exportSession>;
    const again = new SessionRecord({ startedAt: payload.startedAt ?? undefined });
    for (const s of payload.samples) {
      again.push({ stats: { latest: s } }, s);
    }
    again.close(payload.endedAt ?? undefined);
    expect(summarize(again)).toEqual(payload.summary);
  });

  it('never writes the room URL query string or a meeting token', () => {
    const { record, incidents } = session();
    const json = JSON.stringify(exportSession(record, { incidents, roomUrl: `https://acme.daily.co/support?t=${TOKEN}#x` }));
    expect(json).not.toContain(TOKEN);
    expect(json).not.toContain('?t=');
    expect(json).toContain('"roomUrl":"https://acme.daily.co/support"');
  });

  it('endedAt is null while the call goes on', () => {
    expect(exportSession(session(3).record).endedAt).toBeNull();
  });
});

describe('exportIncident', () => {
  it('exports one incident alone with its samples, time and reasons', () => {
    const { incidents } = session();
    const [incident] = incidents.list();
    if (!incident) throw new Error('expected an incident');
    const out = exportIncident(incident, { roomUrl: `https://acme.daily.co/support?t=${TOKEN}` });
    expect(out).toMatchObject({ version: 1, kind: 'incident', id: 1, at: T + 20_000, reasons: ['recvPacketLoss'], complete: true });
    expect(out.from).toBe(T);
    expect(out.to).toBe(T + 50_000);
    expect(out.samples).toHaveLength(26);
    expect(out.roomUrl).toBe('https://acme.daily.co/support');
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });
});

describe('safeRoomUrl', () => {
  it('strips the query (meeting token), the hash and any credentials', () => {
    expect(safeRoomUrl(`https://acme.daily.co/support?t=${TOKEN}`)).toBe('https://acme.daily.co/support');
    expect(safeRoomUrl('https://acme.daily.co/support#t=secret')).toBe('https://acme.daily.co/support');
    expect(safeRoomUrl('https://user:pass@acme.daily.co/room?x=1')).toBe('https://acme.daily.co/room');
    expect(safeRoomUrl(' http://localhost:5173/room ')).toBe('http://localhost:5173/room');
  });

  it('gives null for anything that is not an http(s) URL', () => {
    expect(safeRoomUrl('javascript:alert(1)')).toBeNull();
    expect(safeRoomUrl('acme.daily.co/room?t=x')).toBeNull();
    expect(safeRoomUrl('')).toBeNull();
    expect(safeRoomUrl(42)).toBeNull();
    expect(safeRoomUrl(undefined)).toBeNull();
  });
});

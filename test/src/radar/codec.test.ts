import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  FeedMessageError,
  checkMessage,
  decodeRadarScan,
  encodeRadarScan,
  radarScanBytes,
  type RadarScan,
  type RadarScanMessage,
} from '../../../src/index.js';
import { T0, scan } from './shared.js';

const ISO = '2026-11-25T10:30:00+08:00';

function sample(): RadarScan {
  const s = scan({ rays: 36, gates: 50, blobs: [{ rays: [3, 4], g0: 5, g1: 9, value: 250.5 }] });
  s.values[0] = NaN;
  s.values[7] = -3.25;
  s.quantity = 'extinction';
  s.unit = '1/km';
  return s;
}

/** A fetch that serves `bytes` at `url` and 404 elsewhere. */
function serving(url: string, bytes: Uint8Array): typeof fetch {
  return (async (input: string | URL | Request) =>
    String(input) === url
      ? new Response(bytes.slice())
      : new Response('missing', { status: 404 })) as typeof fetch;
}

const rejectsWith = async (p: Promise<unknown>, type: typeof TypeError, pattern: RegExp) =>
  assert.rejects(p, (e: Error) => {
    assert.ok(e instanceof type, `${e.name}: ${e.message}`);
    assert.match(e.message, pattern);
    return true;
  });

describe('radar.scan messages', () => {
  it('round-trips float32 exactly, NaN and noData included', async () => {
    const s = { ...sample(), noData: -9999 };
    s.values[8] = -9999;
    const message = encodeRadarScan(s, { encoding: 'float32' });
    assert.equal(message.azimuthStart, 0);
    assert.equal(message.azimuthStep, 10);
    assert.equal(message.rays, 36);
    assert.equal(message.azimuths, undefined);
    assert.equal(message.time, new Date(T0).toISOString());
    const back = await decodeRadarScan(message, 'ignored');
    assert.equal(back.time, message.time, 'the scan time wins over the envelope time');
    assert.deepEqual(Array.from(back.azimuths), Array.from(s.azimuths));
    assert.deepEqual(back.values, s.values);
    assert.equal(back.noData, -9999);
    assert.equal(back.quantity, 'extinction');
    assert.equal(back.unit, '1/km');
    assert.equal(back.gates, 50);
    assert.equal(back.gateM, 30);
  });

  it('round-trips uint16 within half a step, no value as NaN', async () => {
    const s = sample();
    const message = encodeRadarScan(s, { encoding: 'uint16' });
    assert.equal(message.offset, -3.25, 'offset: the smallest value');
    assert.equal(message.noData, 65535);
    const back = await decodeRadarScan(message, ISO);
    assert.equal(back.noData, undefined);
    const step = message.scale!;
    assert.ok(Math.abs(step - (250.5 + 3.25) / 65534) < 1e-12);
    for (let i = 0; i < s.values.length; i++) {
      if (Number.isNaN(s.values[i])) assert.ok(Number.isNaN(back.values[i]));
      else assert.ok(Math.abs(back.values[i] - s.values[i]) <= step / 2 + 1e-4 * step, `${i}`);
    }
    const fixed = encodeRadarScan(s, { encoding: 'uint16', scale: 0.01, offset: -10 });
    const again = await decodeRadarScan(fixed, ISO);
    assert.ok(Math.abs(again.values[7] - -3.25) < 0.005);
    assert.throws(
      () => encodeRadarScan(s, { encoding: 'uint16', scale: 0.001, offset: 0 }),
      (e: Error) =>
        e instanceof RangeError && /values\[7\] = -3\.25 does not fit uint16/.test(e.message),
    );
  });

  it('fetches url scans, with the same encodings', async () => {
    const s = sample();
    for (const encoding of ['float32', 'uint16'] as const) {
      const url = `https://radar.example/scan-${encoding}.bin`;
      const message = encodeRadarScan(s, { encoding, url });
      assert.equal(message.data, undefined);
      const fetch = serving(url, radarScanBytes(s, { encoding }));
      const back = await decodeRadarScan(message, ISO, { fetch });
      const tolerance = encoding === 'float32' ? 0 : message.scale!;
      for (let i = 0; i < s.values.length; i++) {
        if (!Number.isNaN(s.values[i]))
          assert.ok(Math.abs(back.values[i] - s.values[i]) <= tolerance);
      }
      await assert.rejects(
        decodeRadarScan({ ...message, url: 'https://radar.example/gone' }, ISO, { fetch }),
        /data\.url: HTTP 404/,
      );
      const short = serving(url, new Uint8Array(10));
      await rejectsWith(
        decodeRadarScan(message, ISO, { fetch: short }),
        RangeError,
        /data\.url: 10 bytes, expected 36 x 50/,
      );
    }
  });

  it('reads little-endian float32 from base64, standard or URL-safe, padded or not', async () => {
    // 1.0 = 00 00 80 3f; -2.5 = 00 00 20 c0  ->  AACAPwAAIMA=
    const base: RadarScanMessage = {
      radarId: 'R1',
      lon: 115.48,
      lat: 35.23,
      azimuths: [0, 180],
      rangeStartM: 0,
      gateM: 30,
      gates: 1,
      encoding: 'float32',
      data: 'AACAPwAAIMA=',
    };
    for (const data of ['AACAPwAAIMA=', 'AACAPwAAIMA']) {
      const s = await decodeRadarScan({ ...base, data }, ISO);
      assert.deepEqual(Array.from(s.values), [1, -2.5]);
      assert.equal(s.time, ISO, 'the envelope time when the data has none');
    }
    // uint16 500 = f4 01, 65535 = ff ff: raw x 0.5 + 10 and no value
    const u = await decodeRadarScan(
      { ...base, encoding: 'uint16', scale: 0.5, offset: 10, noData: 65535, data: '9AH__w' },
      T0,
    );
    assert.equal(u.values[0], 260);
    assert.ok(Number.isNaN(u.values[1]));
  });

  it('passes the feed schema and refuses the old shape naming the field', () => {
    const message = encodeRadarScan(sample(), { encoding: 'uint16' });
    const envelope = { type: 'radar.scan', id: 'm1', time: ISO, data: message };
    assert.deepEqual(checkMessage(envelope).envelope.data, message);
    const old = {
      radarId: 'R1',
      center: [115.48, 35.23],
      rangeM: 6000,
      start: ISO,
      end: ISO,
    };
    assert.throws(
      () => checkMessage({ ...envelope, data: old }),
      (e: Error) =>
        e instanceof FeedMessageError && /data\.lon: expected a finite number/.test(e.message),
    );
  });

  it('names what is wrong in a message', async () => {
    const good = encodeRadarScan(sample(), { encoding: 'float32' });
    const cases: Array<[Record<string, unknown>, typeof TypeError, RegExp]> = [
      [{ data: undefined }, TypeError, /data\.data: expected exactly one of data and url/],
      [
        { url: 'https://x.example/a' },
        TypeError,
        /data\.data: expected exactly one of data and url/,
      ],
      [
        { data: 'AAAA' },
        TypeError,
        /data\.data: expected 9600 base64 characters \(36 x 50 float32 values\), got 4/,
      ],
      [
        { data: `${good.data!.slice(0, 100)}*${good.data!.slice(101)}` },
        TypeError,
        /data\.data: not base64 at character 100/,
      ],
      [{ gates: 0 }, TypeError, /data\.gates: expected an integer/],
      [{ gateM: 0 }, TypeError, /data\.gateM: expected a length above 0/],
      [{ lon: 200 }, TypeError, /data\.lon/],
      [{ rays: undefined }, TypeError, /data\.rays/],
      [{ azimuths: [0, 1] }, TypeError, /data\.azimuthStart: expected no azimuthStart/],
      [{ encoding: 'int8' }, TypeError, /data\.encoding: expected one of float32, uint16/],
      [{ scale: 2 }, TypeError, /data\.scale: expected nothing with encoding float32/],
      [
        { encoding: 'uint16', noData: 70000, data: good.data!.slice(0, 1200) },
        TypeError,
        /data\.noData: expected a raw uint16/,
      ],
      [{ time: 'yesterday' }, TypeError, /data\.time: expected an ISO 8601 time/],
    ];
    for (const [change, type, pattern] of cases) {
      await rejectsWith(
        decodeRadarScan({ ...good, ...change } as RadarScanMessage, ISO),
        type,
        pattern,
      );
    }
    await rejectsWith(
      decodeRadarScan({ ...good, time: undefined }, 'soon'),
      TypeError,
      /radar\.scan time/,
    );
    await rejectsWith(decodeRadarScan(null as never, ISO), TypeError, /data: expected an object/);
  });

  it('names what is wrong in a scan to encode', () => {
    assert.throws(
      () => encodeRadarScan({ ...sample(), gates: 7 }, { encoding: 'float32' }),
      /scan \(radar R1\): values has 1800 values/,
    );
    assert.throws(
      () => encodeRadarScan(sample(), { encoding: 'int8' as never }),
      /encoding: expected float32 or uint16/,
    );
    assert.throws(() => encodeRadarScan(sample(), { encoding: 'uint16', scale: 0 }), /scale/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  Hj212Error,
  encodeHj212,
  hj212Crc,
  hj212Reply,
  hj212TimeToIso,
  parseHj212,
  type Hj212Packet,
} from '../../../src/index.js';

/** The example of HJ 212-2017 appendix A: its length and CRC as printed in the standard. */
const APPENDIX_A =
  '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n';

/** A real-time upload in the shape of the standard's appendix C example (CN 2011). */
const REALTIME: Hj212Packet = {
  qn: '20160801085857223',
  st: '32',
  cn: '2011',
  pw: '123456',
  mn: '010000A8900016F000169DC0',
  flag: 5,
  cp: {
    dataTime: '20160801085857',
    pollutants: {
      w01001: { rtd: 7.1, flag: 'N' },
      w01018: { sampleTime: '20160801070000', rtd: 2.2, flag: 'N', eFlag: 'A01' },
    },
    equipment: { SB1: { rs: 1, rt: 12.5 } },
    fields: {},
  },
};

describe('HJ 212-2017', () => {
  it('computes the CRC of the standard’s example and parses it', () => {
    const segment = APPENDIX_A.slice(6, -6);
    assert.equal(segment.length, 101);
    assert.equal(hj212Crc(segment), 0x1c80);
    const packet = parseHj212(APPENDIX_A);
    assert.equal(packet.cn, '1062');
    assert.equal(packet.flag, 5);
    assert.deepEqual(packet.cp.fields, { RtdInterval: '30' });
    assert.equal(encodeHj212(packet), APPENDIX_A);
  });

  it('round-trips a real-time upload with pollutant values, flags and equipment status', () => {
    const frame = encodeHj212(REALTIME);
    assert.match(
      frame,
      /^##\d{4}QN=20160801085857223;ST=32;CN=2011;.*CP=&&DataTime=20160801085857;w01001-Rtd=7\.1,w01001-Flag=N;.*SB1-RS=1,SB1-RT=12\.5&&[0-9A-F]{4}\r\n$/,
    );
    assert.deepEqual(parseHj212(frame), REALTIME);
  });

  it('answers with a CN 9014 data reply only when Flag asks for one', () => {
    const reply = hj212Reply(REALTIME)!;
    const parsed = parseHj212(reply);
    assert.equal(parsed.cn, '9014');
    assert.equal(parsed.st, '91');
    assert.equal(parsed.qn, REALTIME.qn);
    assert.equal(parsed.flag, 4);
    assert.equal(hj212Reply({ ...REALTIME, flag: 4 }), undefined);
  });

  it('refuses to write empty entries', () => {
    assert.throws(
      () => encodeHj212({ ...REALTIME, cp: { ...REALTIME.cp, equipment: { SB2: {} } } }),
      /SB2 has no values/,
    );
    assert.throws(
      () => encodeHj212({ ...REALTIME, cp: { ...REALTIME.cp, pollutants: { a34004: {} } } }),
      /a34004 has no values/,
    );
  });

  it('names each fault', () => {
    const good = encodeHj212(REALTIME);
    const cases: Array<[string, RegExp]> = [
      [good.slice(1), /start with ##/],
      [good.slice(0, -2), /CR LF/],
      [good.replace(/^##\d{4}/, '##01x1'), /not 4 digits/],
      [good.replace(/^##\d{4}/, '##0010'), /length field says 10/],
      [good.replace(/[0-9A-F]{4}\r\n$/, '0000\r\n'), /CRC mismatch/],
      [APPENDIX_A.replace('1C80', '1c80'), /uppercase hex/],
      [
        encodeRaw('ST=32;CN=2011;PW=1;MN=A;Flag=4;CP=&&w01001-Rtd=abc&&'),
        /w01001-Rtd: "abc" is not a number/,
      ],
      [encodeRaw('ST=32;CN=2011;PW=1;MN=A;Flag=4;CP=&&SB1-RS=7&&'), /run status must be 0-5/],
      [encodeRaw('ST=32;CN=2011;PW=1;MN=A;Flag=6;CP=&&&&'), /PNUM is missing/],
      [encodeRaw('CN=2011;ST=32;PW=1;MN=A;Flag=4;CP=&&&&'), /out of order/],
      [
        encodeRaw('QN=20161301085857223;ST=32;CN=2011;PW=1;MN=A;Flag=4;CP=&&&&'),
        /QN "20161301085857223" is not a valid time/,
      ],
      [encodeRaw('ST=32;CN=2011;PW=1;MN=A;Flag=4;CP=&&DataTime=2016;x=1&&'), /DataTime/],
      [encodeRaw('ST=32;CN=2011;PW=1;MN=A;Flag=4'), /CP=&&/],
    ];
    for (const [frame, message] of cases) {
      assert.throws(
        () => parseHj212(frame),
        (e: unknown) => e instanceof Hj212Error && message.test(e.message),
        frame,
      );
    }
  });

  it('converts HJ 212 times to ISO 8601 in China Standard Time', () => {
    assert.equal(hj212TimeToIso('20160801085857'), '2016-08-01T08:58:57+08:00');
    assert.equal(hj212TimeToIso('20160801085857223'), '2016-08-01T08:58:57.223+08:00');
    assert.throws(() => hj212TimeToIso('2016'), Hj212Error);
  });

  it('rejects every single-character change of a valid frame', () => {
    let mutations = 0;
    for (const packet of [REALTIME, parseHj212(APPENDIX_A)]) {
      const frame = encodeHj212(packet);
      const alphabet = [
        '0',
        '1',
        '9',
        'A',
        'F',
        'a',
        'z',
        '#',
        '&',
        ';',
        '=',
        ',',
        '.',
        '-',
        ' ',
        '\r',
        '\n',
        '\u00e9',
      ];
      for (let i = 0; i < frame.length; i++) {
        const variants = [frame.slice(0, i) + frame.slice(i + 1)];
        for (const c of alphabet) {
          if (c !== frame[i]) variants.push(frame.slice(0, i) + c + frame.slice(i + 1));
          variants.push(frame.slice(0, i) + c + frame.slice(i));
        }
        for (const v of variants) {
          mutations++;
          assert.throws(() => parseHj212(v), Hj212Error, JSON.stringify(v));
        }
      }
    }
    assert.ok(mutations > 10_000, `${mutations} mutations`);
  });

  it('never throws anything but Hj212Error on arbitrary input (100,000 runs)', () => {
    const frames = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc
        .string({ maxLength: 200 })
        .map(
          (s) =>
            `##${String(s.length).padStart(4, '0')}${s}${hj212Crc(s).toString(16).toUpperCase().padStart(4, '0')}\r\n`,
        ),
      fc.string({ maxLength: 120 }).map((s) => {
        const seg = `ST=22;CN=2011;PW=123456;MN=88888880000001;Flag=4;CP=&&${s}&&`;
        return `##${String(seg.length).padStart(4, '0')}${seg}${hj212Crc(seg).toString(16).toUpperCase().padStart(4, '0')}\r\n`;
      }),
    );
    let rejected = 0;
    fc.assert(
      fc.property(frames, (frame) => {
        try {
          parseHj212(frame);
        } catch (e) {
          if (!(e instanceof Hj212Error)) return false;
          rejected++;
        }
        return true;
      }),
      { numRuns: 100_000 },
    );
    assert.ok(rejected > 50_000, `${rejected} rejected`);
  });

  it('parse(encode(p)) equals p for arbitrary packets (100,000 runs)', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    const time = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14));
    const num = fc
      .integer({ min: -1e9, max: 1e9 })
      .chain((n) => fc.constantFrom(n, n / 10, n / 100, n / 1000));
    const values = fc.record(
      {
        rtd: num,
        avg: num,
        max: num,
        min: num,
        cou: num,
        zsRtd: num,
        flag: fc.constantFrom('N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'),
        sampleTime: time,
      },
      { requiredKeys: ['rtd'] },
    );
    const code = fc.stringMatching(/^[aw]\d{5}$/);
    const packet = fc.record({
      qn: time.chain((t) => digits(3).map((ms) => t + ms)),
      st: fc.constantFrom('21', '22', '31', '32', '39'),
      cn: fc.constantFrom('2011', '2051', '2061', '2031', '2041'),
      pw: fc.stringMatching(/^[0-9A-Za-z]{1,6}$/),
      mn: fc.stringMatching(/^[0-9A-F]{1,24}$/),
      flag: fc.constantFrom(4, 5),
      cp: fc.record({
        dataTime: time,
        pollutants: fc.dictionary(code, values, { maxKeys: 4 }),
        equipment: fc.dictionary(
          fc.stringMatching(/^SB\d{1,2}$/),
          fc.record(
            {
              rs: fc.integer({ min: 0, max: 5 }),
              rt: fc.integer({ min: 0, max: 2400 }).map((n) => n / 100),
            },
            { requiredKeys: ['rs'] },
          ),
          { maxKeys: 2 },
        ),
        fields: fc.constant({}),
      }),
    });
    fc.assert(
      fc.property(packet, (p) => {
        // undefined entries are not written: compare with what JSON keeps
        let frame: string;
        try {
          frame = encodeHj212(p);
        } catch (e) {
          // Only the 1024-character limit may refuse a generated packet.
          return e instanceof Hj212Error && e.code === 'length';
        }
        assert.deepEqual(parseHj212(frame), JSON.parse(JSON.stringify(p)));
        return true;
      }),
      { numRuns: 100_000 },
    );
  });
});

function encodeRaw(segment: string): string {
  return `##${String(segment.length).padStart(4, '0')}${segment}${hj212Crc(segment).toString(16).toUpperCase().padStart(4, '0')}\r\n`;
}

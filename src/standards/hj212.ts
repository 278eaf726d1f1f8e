/**
 * HJ 212-2017 frames (data transmission of pollutant online monitoring):
 * `##` + 4-digit length of the data segment + data segment + CRC-16 (4 uppercase hex) + CR LF.
 * The data segment is `QN=...;ST=..;CN=....;PW=...;MN=...;Flag=..;[PNUM=..;PNO=..;]CP=&&...&&`.
 */

import { Hj212Error, MAX_CP, encodeCp, isDateTime, parseCp, type Hj212Cp } from './hj212-cp.js';

export { Hj212Error, type Hj212Cp, type Hj212Equipment, type Hj212Values } from './hj212-cp.js';

export interface Hj212Packet {
  /** YYYYMMDDhhmmsszzz */
  qn?: string;
  /** System code: 21 surface water, 22 air, 31 air source, 32 water source, 91 system, ... */
  st: string;
  /** Command code: 2011 real-time, 2051 minute, 2061 hour, 2031 day, 9014 data reply, ... */
  cn: string;
  pw: string;
  mn: string;
  /** Bits: V5-V0 version (1 = HJ 212-2017), D (2) packet numbers present, A (1) reply wanted. */
  flag: number;
  pnum?: number;
  pno?: number;
  cp: Hj212Cp;
}

export const HJ212_FLAG_REPLY = 1;
export const HJ212_FLAG_SPLIT = 2;
export const HJ212_VERSION_2017 = 4;

const MAX_SEGMENT = 1024;

/** CRC-16 of HJ 212 appendix A over the bytes of `text` (ASCII). */
export function hj212Crc(text: string): number {
  let reg = 0xffff;
  for (let i = 0; i < text.length; i++) {
    reg = (reg >> 8) ^ text.charCodeAt(i);
    for (let j = 0; j < 8; j++) {
      const lsb = reg & 1;
      reg >>= 1;
      if (lsb) reg ^= 0xa001;
    }
  }
  return reg;
}

const HEADER_ORDER = ['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO'] as const;

/**
 * Parses one frame, checking the header, the length, the CRC and every field.
 * @throws Hj212Error naming the fault
 */
export function parseHj212(frame: string): Hj212Packet {
  if (typeof frame !== 'string') throw new Hj212Error('frame', 'frame must be a string');
  if (!frame.startsWith('##')) throw new Hj212Error('frame', 'frame must start with ##');
  if (!frame.endsWith('\r\n')) throw new Hj212Error('frame', 'frame must end with CR LF');
  const lengthText = frame.slice(2, 6);
  if (!/^\d{4}$/.test(lengthText))
    throw new Hj212Error('length', `length "${lengthText}" is not 4 digits`);
  const length = Number(lengthText);
  if (length > MAX_SEGMENT)
    throw new Hj212Error('length', `data segment length ${length} exceeds ${MAX_SEGMENT}`);
  if (frame.length !== 2 + 4 + length + 4 + 2) {
    throw new Hj212Error(
      'length',
      `length field says ${length} but the data segment has ${frame.length - 12} characters`,
    );
  }
  const segment = frame.slice(6, 6 + length);
  if (/[^\x20-\x7e]/.test(segment))
    throw new Hj212Error('frame', 'data segment has a character outside printable ASCII');
  const crcText = frame.slice(6 + length, 10 + length);
  if (!/^[0-9A-F]{4}$/.test(crcText))
    throw new Hj212Error('crc', `CRC "${crcText}" is not 4 uppercase hex digits`);
  const crc = hj212Crc(segment);
  if (crc !== parseInt(crcText, 16)) {
    throw new Hj212Error(
      'crc',
      `CRC mismatch: frame says ${crcText}, data segment gives ${crc.toString(16).toUpperCase().padStart(4, '0')}`,
    );
  }
  return parseSegment(segment);
}

function parseSegment(segment: string): Hj212Packet {
  const cpAt = segment.indexOf('CP=&&');
  if (cpAt === -1 || !segment.endsWith('&&') || segment.length < cpAt + 7) {
    throw new Hj212Error('header', 'data segment must end with CP=&&...&&');
  }
  const cp = segment.slice(cpAt + 5, -2);
  if (cp.length > MAX_CP) throw new Hj212Error('cp', `CP is longer than ${MAX_CP} characters`);
  if (cp.includes('&&')) throw new Hj212Error('cp', 'CP contains && inside its data area');
  const headerText = segment.slice(0, cpAt);
  if (headerText !== '' && !headerText.endsWith(';'))
    throw new Hj212Error('header', 'header fields must end with ;');
  const header = new Map<string, string>();
  let order = 0;
  for (const part of headerText.split(';').slice(0, -1)) {
    const eq = part.indexOf('=');
    const name = eq > 0 ? part.slice(0, eq) : part;
    const index = HEADER_ORDER.indexOf(name as (typeof HEADER_ORDER)[number]);
    if (index === -1) throw new Hj212Error('header', `unknown header field "${name.slice(0, 20)}"`);
    if (index < order || header.has(name))
      throw new Hj212Error('header', `header field ${name} is out of order or repeated`);
    order = index;
    header.set(name, part.slice(eq + 1));
  }
  const get = (
    name: string,
    pattern: RegExp,
    what: string,
    required = true,
  ): string | undefined => {
    const value = header.get(name);
    if (value === undefined) {
      if (required) throw new Hj212Error('header', `${name} is missing`);
      return undefined;
    }
    if (!pattern.test(value))
      throw new Hj212Error('field', `${name} "${value.slice(0, 30)}" must be ${what}`);
    return value;
  };
  const qn = get('QN', /^\d{17}$/, 'YYYYMMDDhhmmsszzz', false);
  if (qn !== undefined && !isDateTime(qn, true))
    throw new Hj212Error('field', `QN "${qn}" is not a valid time`);
  const flagText = get('Flag', /^(0|[1-9]\d{0,2})$/, 'an integer 0-255')!;
  const flag = Number(flagText);
  if (flag > 255) throw new Hj212Error('field', `Flag ${flag} is above 255`);
  const split = (flag & HJ212_FLAG_SPLIT) !== 0;
  const pnum = get('PNUM', /^[1-9]\d{0,3}$/, 'a packet count 1-9999', split);
  const pno = get('PNO', /^[1-9]\d{0,3}$/, 'a packet number 1-9999', split);
  if (!split && (pnum !== undefined || pno !== undefined)) {
    throw new Hj212Error('header', 'PNUM/PNO present but Flag does not announce packet numbers');
  }
  if (pnum !== undefined && Number(pno) > Number(pnum))
    throw new Hj212Error('field', `PNO ${pno} exceeds PNUM ${pnum}`);
  const packet: Hj212Packet = {
    st: get('ST', /^\d{2}$/, 'two digits')!,
    cn: get('CN', /^\d{4}$/, 'four digits')!,
    pw: get('PW', /^[0-9A-Za-z]{1,6}$/, '1-6 letters or digits')!,
    mn: get('MN', /^[0-9A-Za-z]{1,24}$/, '1-24 letters or digits')!,
    flag,
    cp: parseCp(cp),
  };
  if (qn !== undefined) packet.qn = qn;
  if (pnum !== undefined) packet.pnum = Number(pnum);
  if (pno !== undefined) packet.pno = Number(pno);
  return packet;
}

/**
 * Writes a packet as a frame with length and CRC.
 * @throws Hj212Error when a field cannot be written
 */
export function encodeHj212(packet: Hj212Packet): string {
  const parts: string[] = [];
  if (packet.qn !== undefined) parts.push(`QN=${packet.qn}`);
  parts.push(
    `ST=${packet.st}`,
    `CN=${packet.cn}`,
    `PW=${packet.pw}`,
    `MN=${packet.mn}`,
    `Flag=${packet.flag}`,
  );
  if (packet.pnum !== undefined) parts.push(`PNUM=${packet.pnum}`);
  if (packet.pno !== undefined) parts.push(`PNO=${packet.pno}`);
  const segment = `${parts.join(';')};CP=&&${encodeCp(packet.cp)}&&`;
  if (segment.length > MAX_SEGMENT)
    throw new Hj212Error(
      'length',
      `data segment of ${segment.length} characters exceeds ${MAX_SEGMENT}`,
    );
  // Check the header fields the same way the parser does.
  parseSegment(segment);
  const crc = hj212Crc(segment).toString(16).toUpperCase().padStart(4, '0');
  return `##${String(segment.length).padStart(4, '0')}${segment}${crc}\r\n`;
}

/**
 * The data reply (CN 9014) a receiver owes for a packet whose Flag asks for one, or undefined.
 */
export function hj212Reply(packet: Hj212Packet): string | undefined {
  if ((packet.flag & HJ212_FLAG_REPLY) === 0) return undefined;
  return encodeHj212({
    ...(packet.qn !== undefined ? { qn: packet.qn } : {}),
    st: '91',
    cn: '9014',
    pw: packet.pw,
    mn: packet.mn,
    flag: HJ212_VERSION_2017,
    cp: { pollutants: {}, equipment: {}, fields: {} },
  });
}

/** An HJ 212 time (YYYYMMDDhhmmss[zzz]) in China Standard Time as ISO 8601. */
export function hj212TimeToIso(time: string): string {
  if (!isDateTime(time.slice(0, 14), false))
    throw new Hj212Error('field', `"${time}" is not an HJ 212 time`);
  const ms = time.length >= 17 ? `.${time.slice(14, 17)}` : '';
  return `${time.slice(0, 4)}-${time.slice(4, 6)}-${time.slice(6, 8)}T${time.slice(8, 10)}:${time.slice(10, 12)}:${time.slice(12, 14)}${ms}+08:00`;
}

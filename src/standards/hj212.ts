/**
 * HJ 212-2017 frames (data transmission of pollutant online monitoring):
 * `##` + 4-digit length of the data segment + data segment + CRC-16 (4 uppercase hex) + CR LF.
 * The data segment is `QN=...;ST=..;CN=....;PW=...;MN=...;Flag=..;[PNUM=..;PNO=..;]CP=&&...&&`.
 */

/** A fault in a frame or packet; `code` says which part. */
export class Hj212Error extends Error {
  override name = 'Hj212Error';
  constructor(
    readonly code: 'frame' | 'length' | 'crc' | 'header' | 'field' | 'cp',
    message: string,
  ) {
    super(message);
  }
}

/** Values reported for one pollutant (`w01018-Rtd=...,w01018-Flag=N`). */
export interface Hj212Values {
  rtd?: number;
  min?: number;
  avg?: number;
  max?: number;
  zsRtd?: number;
  zsMin?: number;
  zsAvg?: number;
  zsMax?: number;
  cou?: number;
  /** Data flag: N normal, F stopped, M maintenance, S manual, D fault, C calibration, T over range, B communication. */
  flag?: string;
  eFlag?: string;
  /** YYYYMMDDhhmmss */
  sampleTime?: string;
}

/** Treatment equipment: `SBxxx-RS` run status and `SBxxx-RT` daily running hours. */
export interface Hj212Equipment {
  /** 0 off, 1 running, 2 calibration, 3 maintenance, 4 alarm, 5 back-flush. */
  rs?: number;
  rt?: number;
}

export interface Hj212Cp {
  /** YYYYMMDDhhmmss */
  dataTime?: string;
  pollutants: Record<string, Hj212Values>;
  equipment: Record<string, Hj212Equipment>;
  /** Other fields (QnRtn, ExeRtn, RtdInterval, SystemTime, PolId, ...), as text. */
  fields: Record<string, string>;
}

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
const MAX_CP = 950;
const NUMBER = /^-?\d{1,14}(\.\d{1,9})?$/;
const VALUE_KEYS: Record<string, keyof Hj212Values> = {
  Rtd: 'rtd',
  Min: 'min',
  Avg: 'avg',
  Max: 'max',
  ZsRtd: 'zsRtd',
  ZsMin: 'zsMin',
  ZsAvg: 'zsAvg',
  ZsMax: 'zsMax',
  Cou: 'cou',
  Flag: 'flag',
  EFlag: 'eFlag',
  SampleTime: 'sampleTime',
};
const SUFFIX_OF = Object.fromEntries(Object.entries(VALUE_KEYS).map(([k, v]) => [v, k])) as Record<
  keyof Hj212Values,
  string
>;
const NUMERIC_KEYS = new Set<keyof Hj212Values>([
  'rtd',
  'min',
  'avg',
  'max',
  'zsRtd',
  'zsMin',
  'zsAvg',
  'zsMax',
  'cou',
]);
const CODE = /^[A-Za-z][A-Za-z0-9]{0,15}$/;
const EQUIPMENT = /^SB[A-Za-z0-9]{1,13}$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
const SAFE_TEXT = /^[\x21-\x25\x27-\x2B\x2D-\x3A\x3C\x3E-\x7E]{0,64}$/; // printable ASCII but & , ; = and space

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

function isDateTime(s: string, withMs: boolean): boolean {
  if (!(withMs ? /^\d{17}$/ : /^\d{14}$/).test(s)) return false;
  const [y, mo, d, h, mi, se] = [
    s.slice(0, 4),
    s.slice(4, 6),
    s.slice(6, 8),
    s.slice(8, 10),
    s.slice(10, 12),
    s.slice(12, 14),
  ].map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    h < 24 &&
    mi < 60 &&
    se < 60
  );
}

function parseNumber(name: string, value: string): number {
  if (!NUMBER.test(value)) throw new Hj212Error('cp', `${name}: "${value}" is not a number`);
  return Number(value);
}

function parseCp(cp: string): Hj212Cp {
  const result: Hj212Cp = { pollutants: {}, equipment: {}, fields: {} };
  if (cp === '') return result;
  const seen = new Set<string>();
  for (const group of cp.split(';')) {
    for (const item of group.split(',')) {
      const eq = item.indexOf('=');
      if (eq <= 0) throw new Hj212Error('cp', `CP item "${item.slice(0, 40)}" is not name=value`);
      const name = item.slice(0, eq);
      const value = item.slice(eq + 1);
      if (seen.has(name)) throw new Hj212Error('cp', `CP field ${name} appears twice`);
      seen.add(name);
      if (name === 'DataTime') {
        if (!isDateTime(value, false))
          throw new Hj212Error('cp', `DataTime "${value}" is not YYYYMMDDhhmmss`);
        result.dataTime = value;
        continue;
      }
      const dash = name.lastIndexOf('-');
      if (dash > 0) {
        const code = name.slice(0, dash);
        const suffix = name.slice(dash + 1);
        if (EQUIPMENT.test(code) && (suffix === 'RS' || suffix === 'RT')) {
          const eqp = (result.equipment[code] ??= {});
          if (suffix === 'RS') {
            if (!/^[0-5]$/.test(value))
              throw new Hj212Error('cp', `${name}: run status must be 0-5, got "${value}"`);
            eqp.rs = Number(value);
          } else {
            eqp.rt = parseNumber(name, value);
          }
          continue;
        }
        const key = VALUE_KEYS[suffix];
        if (key && CODE.test(code)) {
          const values = (result.pollutants[code] ??= {});
          if (NUMERIC_KEYS.has(key)) (values[key] as number) = parseNumber(name, value);
          else if (key === 'flag') {
            if (!/^[A-Z0-9]$/.test(value))
              throw new Hj212Error('cp', `${name}: flag must be one character A-Z or 0-9`);
            values.flag = value;
          } else if (key === 'eFlag') {
            if (!/^[A-Z0-9]{1,4}$/.test(value))
              throw new Hj212Error('cp', `${name}: EFlag must be 1-4 characters A-Z or 0-9`);
            values.eFlag = value;
          } else {
            if (!isDateTime(value, false))
              throw new Hj212Error('cp', `${name}: "${value}" is not YYYYMMDDhhmmss`);
            values.sampleTime = value;
          }
          continue;
        }
      }
      if (!FIELD_NAME.test(name))
        throw new Hj212Error('cp', `CP field name "${name.slice(0, 40)}" is not valid`);
      if (!SAFE_TEXT.test(value))
        throw new Hj212Error('cp', `CP field ${name} has an invalid value`);
      result.fields[name] = value;
    }
  }
  return result;
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

function formatNumber(name: string, value: number): string {
  const text = String(value);
  if (!NUMBER.test(text))
    throw new Hj212Error('cp', `${name}: ${value} cannot be written as an HJ 212 number`);
  return text;
}

function encodeCp(cp: Hj212Cp): string {
  const groups: string[] = [];
  if (cp.dataTime !== undefined) {
    if (!isDateTime(cp.dataTime, false))
      throw new Hj212Error('cp', `DataTime "${cp.dataTime}" is not YYYYMMDDhhmmss`);
    groups.push(`DataTime=${cp.dataTime}`);
  }
  for (const [code, values] of Object.entries(cp.pollutants)) {
    if (!CODE.test(code)) throw new Hj212Error('cp', `pollutant code "${code}" is not valid`);
    const items: string[] = [];
    for (const [key, value] of Object.entries(values) as Array<[keyof Hj212Values, unknown]>) {
      if (value === undefined) continue;
      const suffix = SUFFIX_OF[key];
      if (!suffix) throw new Hj212Error('cp', `unknown value kind ${key} for ${code}`);
      const name = `${code}-${suffix}`;
      items.push(
        `${name}=${NUMERIC_KEYS.has(key) ? formatNumber(name, value as number) : String(value)}`,
      );
    }
    if (items.length === 0) throw new Hj212Error('cp', `pollutant ${code} has no values`);
    groups.push(items.join(','));
  }
  for (const [code, eqp] of Object.entries(cp.equipment)) {
    if (!EQUIPMENT.test(code))
      throw new Hj212Error(
        'cp',
        `equipment code "${code}" must be SB followed by letters or digits`,
      );
    const items: string[] = [];
    if (eqp.rs !== undefined) items.push(`${code}-RS=${eqp.rs}`);
    if (eqp.rt !== undefined) items.push(`${code}-RT=${formatNumber(`${code}-RT`, eqp.rt)}`);
    if (items.length === 0) throw new Hj212Error('cp', `equipment ${code} has no values`);
    groups.push(items.join(','));
  }
  for (const [name, value] of Object.entries(cp.fields)) groups.push(`${name}=${value}`);
  const text = groups.join(';');
  // Validate what was written with the parser, so encode never emits what parse refuses.
  parseCp(text);
  return text;
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

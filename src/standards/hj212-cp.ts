/**
 * The CP data area of HJ 212-2017 packets (`DataTime=...;w01018-Rtd=2.2,w01018-Flag=N;SB1-RS=1`):
 * its types, reading and writing, and the error type of the whole codec.
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

/** Longest CP data area, in characters. */
export const MAX_CP = 950;
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

/** Whether `s` is YYYYMMDDhhmmss (or with zzz milliseconds) and a real time. */
export function isDateTime(s: string, withMs: boolean): boolean {
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

/** Reads a CP data area (without the `&&` around it). */
export function parseCp(cp: string): Hj212Cp {
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

function formatNumber(name: string, value: number): string {
  const text = String(value);
  if (!NUMBER.test(text))
    throw new Hj212Error('cp', `${name}: ${value} cannot be written as an HJ 212 number`);
  return text;
}

/** Writes a CP data area; the frame encoder checks the result with the parser. */
export function encodeCp(cp: Hj212Cp): string {
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
  return groups.join(';');
}

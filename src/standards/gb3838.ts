// GB 3838-2002 surface water quality: the class (I-V, worse than V) of each basic item of
// Table 1 and of a section by the single-factor method, and how far an item is over the class a
// section must meet.

/** A water quality class; '劣V' is worse than V. */
export type WaterClass = 'I' | 'II' | 'III' | 'IV' | 'V' | '劣V';
/** The items of Table 1 the kit classes (lakes and reservoirs also TN). */
export type WaterItem = 'ph' | 'do' | 'codmn' | 'cod' | 'bod5' | 'nh3n' | 'tp' | 'tn';
/** Rivers use the river TP limits and do not class TN; lakes and reservoirs use their own. */
export type WaterBody = 'river' | 'lake';

export const WATER_CLASSES: readonly WaterClass[] = ['I', 'II', 'III', 'IV', 'V', '劣V'];

/** Upper limits of classes I-V in mg/L (DO: lower limits). */
const LIMITS: Record<Exclude<WaterItem, 'ph'>, readonly number[]> = {
  do: [7.5, 6, 5, 3, 2],
  codmn: [2, 4, 6, 10, 15],
  cod: [15, 15, 20, 30, 40],
  bod5: [3, 3, 4, 6, 10],
  nh3n: [0.15, 0.5, 1.0, 1.5, 2.0],
  tp: [0.02, 0.1, 0.2, 0.3, 0.4],
  tn: [0.2, 0.5, 1.0, 1.5, 2.0],
};
const LAKE_TP = [0.01, 0.025, 0.05, 0.1, 0.2] as const;

/**
 * Colours of the classes on maps and legends. The colour names follow the surface water
 * assessment rules of 2011 (地表水环境质量评价办法, 试行): I and II blue, III green, IV yellow,
 * V orange, worse than V red; the exact shades are the kit's.
 */
export const WATER_CLASS_COLORS: Readonly<Record<WaterClass, string>> = Object.freeze({
  I: '#1e88e5',
  II: '#1e88e5',
  III: '#00b050',
  IV: '#ffd600',
  V: '#ff8c00',
  劣V: '#e53935',
});

/** Item names as feeds and HJ 212 bridges write them, to the kit's keys. */
const ALIASES: Record<string, WaterItem> = {
  ph: 'ph',
  do: 'do',
  dissolvedoxygen: 'do',
  codmn: 'codmn',
  permanganate: 'codmn',
  cod: 'cod',
  codcr: 'cod',
  bod5: 'bod5',
  bod: 'bod5',
  nh3n: 'nh3n',
  nh3: 'nh3n',
  ammonia: 'nh3n',
  tp: 'tp',
  tn: 'tn',
};

/** The kit's key of an item name (`NH3-N`, `CODMn`, `pH`, ...), or undefined for other items. */
export function waterItemKey(name: string): WaterItem | undefined {
  return ALIASES[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}

/** The class of one item's value, or undefined when the item is not classed for that body. */
export function waterItemClass(
  item: WaterItem,
  value: number,
  body: WaterBody = 'river',
): WaterClass | undefined {
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`GB 3838: ${item} must be a finite number ≥ 0, got ${String(value)}`);
  if (item === 'ph') return value >= 6 && value <= 9 ? 'I' : '劣V';
  if (item === 'tn' && body === 'river') return undefined;
  const limits = item === 'tp' && body === 'lake' ? LAKE_TP : LIMITS[item];
  for (let k = 0; k < 5; k++)
    if (item === 'do' ? value >= limits[k]! : value <= limits[k]!) return WATER_CLASSES[k];
  return '劣V';
}

/** The limit of a class for an item (DO: the minimum; pH: undefined, it is 6-9 in every class). */
export function waterLimit(
  item: WaterItem,
  waterClass: Exclude<WaterClass, '劣V'>,
  body: WaterBody = 'river',
): number | undefined {
  if (item === 'ph') return undefined;
  const k = WATER_CLASSES.indexOf(waterClass);
  if (k < 0 || k > 4) throw new RangeError(`GB 3838: no class ${String(waterClass)}`);
  return (item === 'tp' && body === 'lake' ? LAKE_TP : LIMITS[item])[k];
}

export interface WaterItemResult {
  item: WaterItem;
  value: number;
  class: WaterClass;
  /** Whether the value is worse than the target class allows. */
  exceeds: boolean;
  /**
   * Times over the target class's limit, (value - limit) / limit, when it exceeds; not given for
   * DO and pH (the assessment rules compute no multiple for them).
   */
  multiple?: number;
}

export interface WaterAssessment {
  /** The worst item's class; undefined when no item could be classed. */
  class: WaterClass | undefined;
  items: WaterItemResult[];
  /** Items that decide the class (the worst ones). */
  worst: WaterItem[];
  /** Items worse than the target class, worst first. */
  exceeding: WaterItem[];
  /** Values left out, with the reason (unknown item, not a number, negative). */
  skipped: Array<{ name: string; reason: string }>;
}

const rank = (c: WaterClass) => WATER_CLASSES.indexOf(c);

/**
 * Classes a section's values by GB 3838-2002 Table 1 (single-factor: the section takes its
 * worst item's class) and compares each item with the section's target class (default III).
 * Items the standard's basic table does not cover here are skipped and reported, never thrown.
 */
export function assessWater(
  values: Readonly<Record<string, number | null | undefined>>,
  options: { body?: WaterBody; target?: Exclude<WaterClass, '劣V'> } = {},
): WaterAssessment {
  const body = options.body ?? 'river';
  if (body !== 'river' && body !== 'lake')
    throw new RangeError(`GB 3838: body must be "river" or "lake", got ${String(body)}`);
  const target = options.target ?? 'III';
  if (!WATER_CLASSES.slice(0, 5).includes(target))
    throw new RangeError(`GB 3838: target must be I-V, got ${String(target)}`);
  const items: WaterItemResult[] = [];
  const skipped: WaterAssessment['skipped'] = [];
  const seen = new Set<WaterItem>();
  for (const [name, value] of Object.entries(values ?? {})) {
    const item = waterItemKey(name);
    if (!item) {
      skipped.push({ name, reason: 'not a GB 3838 basic item the kit classes' });
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      skipped.push({ name, reason: `not a concentration: ${String(value)}` });
      continue;
    }
    if (seen.has(item)) {
      skipped.push({ name, reason: `${item} given twice; the first is used` });
      continue;
    }
    const cls = waterItemClass(item, value, body);
    if (!cls) {
      skipped.push({ name, reason: 'TN is classed for lakes and reservoirs only' });
      continue;
    }
    seen.add(item);
    const exceeds = rank(cls) > rank(target);
    const limit = waterLimit(item, target, body);
    const result: WaterItemResult = { item, value, class: cls, exceeds };
    if (exceeds && item !== 'do' && item !== 'ph' && limit)
      result.multiple = (value - limit) / limit;
    items.push(result);
  }
  let worst: WaterClass | undefined;
  for (const r of items) if (!worst || rank(r.class) > rank(worst)) worst = r.class;
  return {
    class: worst,
    items,
    worst: items.filter((r) => r.class === worst).map((r) => r.item),
    exceeding: items
      .filter((r) => r.exceeds)
      .sort((a, b) => rank(b.class) - rank(a.class) || (b.multiple ?? 0) - (a.multiple ?? 0))
      .map((r) => r.item),
    skipped,
  };
}

// The places of the simulated Ji'an (吉安) patrol fleet. All invented, except that the river
// follows the Gan River's rough course; none of it is surveyed or an approved map (no 审图号).

export type LonLat = [number, number];

/**
 * The 赣江 (Gan River) through Ji'an, upstream (south) to downstream (north). A SIMULATED
 * approximation: the middle between the two banks of the river in China's 1:4,000,000 rivers
 * (National Geomatics Center of China, 1999), read off by eye and rounded; expect it to be a few
 * hundred metres off the real channel.
 */
export const GAN_RIVER: LonLat[] = [
  [115.056, 27.01],
  [115.04, 27.029],
  [115.02, 27.035],
  [115.0, 27.045],
  [114.986, 27.062],
  [114.985, 27.073],
  [114.984, 27.086],
  [114.985, 27.098],
  [114.991, 27.107],
  [114.995, 27.115],
  [115.0, 27.121],
  [115.005, 27.128],
  [115.016, 27.138],
  [115.025, 27.146],
  [115.038, 27.153],
  [115.057, 27.16],
  [115.077, 27.171],
];

/** A patrol area swept by a lawnmower pattern: `legs` north-south passes across `sweep`. */
export interface SweptArea {
  /** Convex outer ring (open), lon/lat. */
  area: LonLat[];
  sweep: { west: number; south: number; east: number; north: number; legs: number };
}

/** Fields on the west bank, south of the city (invented). */
export const WEST_BANK_FIELDS: SweptArea = {
  area: [
    [114.955, 27.0395],
    [114.9775, 27.0385],
    [114.98, 27.05],
    [114.978, 27.0645],
    [114.957, 27.065],
    [114.9545, 27.052],
  ],
  sweep: { west: 114.958, south: 27.042, east: 114.975, north: 27.062, legs: 7 },
};

/** Fields on the left (north-west) bank, downstream of the city (invented). */
export const NORTH_BANK_FIELDS: SweptArea = {
  area: [
    [115.0235, 27.1595],
    [115.0505, 27.1595],
    [115.0515, 27.17],
    [115.05, 27.1805],
    [115.024, 27.1805],
    [115.0228, 27.17],
  ],
  sweep: { west: 115.026, south: 27.162, east: 115.048, north: 27.178, legs: 8 },
};

/**
 * Both banks of the city reach around 白鹭洲: a rectangle `halfWidthM` either side of the line
 * `from`-`to` and `beyondM` past its ends, swept in `legs` passes along the river that keep
 * `insetM` inside its edge.
 */
export const CITY_REACH = {
  from: [114.988, 27.1] as LonLat,
  to: [115.006, 27.128] as LonLat,
  halfWidthM: 750,
  beyondM: 300,
  insetM: 150,
  legs: 7,
};

/** The stretch of river a riverside road follows, and how far to its right (east) the road is. */
export const RIVERSIDE_ROAD = { fromVertex: 5, toVertex: 13, offsetM: 900 };

/** The clue chain: every alarm, hotspot, anomaly and complaint as one tracked case. */
export * from './board.js';
export * from './from.js';

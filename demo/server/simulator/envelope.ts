// The envelopes of the demo's simulators: labelled `source: "simulator"`, numbered per simulator.
import type { Envelope } from '../../../src/index.js';

export const SIMULATOR_SOURCE = 'simulator';

/**
 * Makes one simulator's envelopes, with ids `${prefix}-1`, `${prefix}-2`, ... Simulators that
 * publish into the same feed need different prefixes (clients drop repeated ids).
 */
export function envelopeMaker(
  prefix: string,
): (type: string, data: unknown, time: Date) => Envelope {
  let seq = 0;
  return (type, data, time) => ({
    type,
    id: `${prefix}-${++seq}`,
    time: time.toISOString(),
    source: SIMULATOR_SOURCE,
    data,
  });
}

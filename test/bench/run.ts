// `npm run bench`: every benchmark of the kit, one after the other. Not part of `npm test`.
import { sizeReport } from './size.js';
import { feedReport } from './feed.js';

console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
console.log('## Bundle sizes (gzip level 9)\n');
console.log(sizeReport());
console.log('\n## Feed: station.reading throughput (test/bench/feed.ts)\n');
console.log(feedReport());
console.log('\n## IDW: 2,000 stations onto 256 x 256 (test/bench/idw.ts)\n');
const { idwReport } = await import('./idw.js');
console.log(idwReport());
console.log('\n## Viewshed: 6000 x 6000 DEM, 40 m camera, 3 km (test/bench/viewshed.ts)\n');
const { viewshedReport } = await import('./viewshed.js');
console.log(await viewshedReport());
console.log('\n## Tracks: readTrack parse throughput (test/bench/track-parse.ts)\n');
const { trackParseReport } = await import('./track-parse.js');
console.log(await trackParseReport());
console.log(
  '\n## Tracks: 5,000 vehicles x 600 points, 5,000 messages/s in Chromium (test/bench/tracks.ts)\n',
);
const { tracksReport } = await import('./tracks.js');
console.log(await tracksReport());
console.log('\n## Radar: detectHotspots on 12 scans of 360 x 1,000 (test/bench/radar.ts)\n');
const { radarReport } = await import('./radar.js');
console.log(await radarReport());
console.log('\n## Radar: drawing 360 x 1,000 scans in Chromium (test/bench/radar-render.ts)\n');
const { radarRenderReport } = await import('./radar-render.js');
console.log(await radarRenderReport());
console.log('\n## Zones: 1,000,000 look-ups over 1,045 grid zones (test/bench/zones.ts)\n');
const { zonesReport } = await import('./zones.js');
console.log(await zonesReport());
console.log('\n## Rivers: upstream traces on 1,000,000 reaches (test/bench/rivers.ts)\n');
const { riversReport } = await import('./rivers.js');
console.log(riversReport());
console.log('\n## Power: detectPowerAnomalies on a day of 60,414 meters (test/bench/power.ts)\n');
const { powerReport } = await import('./power.js');
console.log(powerReport());
console.log(
  '\n## Clues: 60,115 cases with their histories, Node and Chromium (test/bench/clues.ts)\n',
);
const { cluesReport } = await import('./clues.js');
console.log(await cluesReport());
console.log(
  '\n## First frame: command-centre page vs bare OpenLayers, Chromium (test/bench/first-frame.ts)\n',
);
const { firstFrameReport } = await import('./first-frame.js');
console.log(await firstFrameReport());
console.log(
  '\n## ESM tree-shaking: two elements against every element, rollup (test/bench/tree-shaking.ts)\n',
);
const { treeShakingReport } = await import('./tree-shaking.js');
console.log(await treeShakingReport());

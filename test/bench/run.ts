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

// `npm run bench`: every benchmark of the kit, one after the other. Not part of `npm test`.
import { sizeReport } from './size.js';

console.log('## Bundle sizes (gzip level 9)\n');
console.log(sizeReport());

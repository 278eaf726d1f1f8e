// Track files: readTrack side by side with each format's reference parser on the largest real
// file of the shared data folder (../shared/data/tracks from the project root), in one run:
// MAVIC3.srt against dji_srt_parser (smoothing 0), the largest IGC against igc-parser,
// blue_hills.gpx against @tmcw/togeojson with @xmldom/xmldom's DOMParser (the XML parse counted).
// Reads the TypeScript source (src/tracks is not in the built core yet). Median of several runs
// after two warm-up runs each; the text is decoded once, outside the timings.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import IGCParser from 'igc-parser';
import { gpx } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { readTrack } from '../../src/tracks/index.js';

const TRACKS = resolve(process.cwd(), '../shared/data/tracks');

type DjiSrtParser = (
  text: string,
  name: string,
) => { setSmoothing(n: number): unknown; metadata(): { packets: unknown[] } } | null;
const djiSrtParser = createRequire(import.meta.url)('dji_srt_parser') as DjiSrtParser;

interface Row {
  file: string;
  bytes: number;
  points: number;
  referencePoints: number;
  ours: number;
  reference: string;
  theirs: number;
}

function median(run: () => unknown, runs: number): number {
  run();
  run();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

function bench(
  sub: string,
  name: string,
  reference: string,
  theirs: (text: string) => number,
  runs: number,
): Row {
  const path = resolve(TRACKS, sub, name);
  const text = readFileSync(path, 'utf8');
  const count = (): number => readTrack(text).tracks.reduce((n, t) => n + t.points.length, 0);
  return {
    file: `${sub}/${name}`,
    bytes: statSync(path).size,
    points: count(),
    referencePoints: theirs(text),
    ours: median(count, runs),
    reference,
    theirs: median(() => theirs(text), runs),
  };
}

function largest(sub: string, extension: string): string {
  const dir = resolve(TRACKS, sub);
  return readdirSync(dir)
    .filter((n) => n.toLowerCase().endsWith(extension))
    .sort((a, b) => statSync(resolve(dir, b)).size - statSync(resolve(dir, a)).size)[0];
}

export async function trackParseReport(runs = 9): Promise<string> {
  const rows = [
    bench(
      'dji',
      'MAVIC3.srt',
      'dji_srt_parser: parse, setSmoothing(0), packets',
      (text) => {
        const parsed = djiSrtParser(text, 'MAVIC3.srt')!;
        parsed.setSmoothing(0);
        return parsed.metadata().packets.length;
      },
      Math.min(runs, 5),
    ),
    bench(
      'igc',
      largest('igc', '.igc'),
      'igc-parser: IGCParser.parse(text, { lenient: true })',
      (text) => IGCParser.parse(text, { lenient: true }).fixes.length,
      runs,
    ),
    bench(
      'gpx',
      'blue_hills.gpx',
      'xmldom DOMParser + togeojson gpx()',
      (text) => {
        const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
        return gpx(doc).features.reduce((n, f) => {
          const g = f.geometry;
          if (g?.type === 'LineString') return n + g.coordinates.length;
          if (g?.type === 'MultiLineString') return n + g.coordinates.flat().length;
          return n;
        }, 0);
      },
      runs,
    ),
  ];
  return [
    `Node ${process.version}; median of ${runs} runs (dji_srt_parser: ${Math.min(runs, 5)}) after 2 warm-up runs.`,
    '',
    '| file | size | points (ours / theirs) | readTrack | reference | reference time | ours / theirs |',
    '| --- | ---: | ---: | ---: | --- | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.file} | ${(r.bytes / 1024).toFixed(0)} KiB | ${r.points} / ${r.referencePoints} | ${r.ours.toFixed(1)} ms | ${r.reference} | ${r.theirs.toFixed(1)} ms | ${(r.ours / r.theirs).toFixed(3)} |`,
    ),
    '',
    'Points differ where the readers differ on purpose: togeojson drops track segments of one point (we keep the point).',
  ].join('\n');
}

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gpx } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { readTrack } from '../../../src/tracks/index.js';
import { assertSane, iso, parseError, sharedFiles, sharedText } from './shared.js';

const FILES = ['blue_hills.gpx', 'fells_loop.gpx'];

/** togeojson's lines (tracks, then routes) as segments of [lon, lat, ele] with ISO times. */
function reference(text: string): { name: string; segments: number[][][]; times: string[][] }[] {
  const doc = new DOMParser().parseFromString(text, 'text/xml') as unknown as Document;
  return gpx(doc).features.flatMap((f) => {
    const g = f.geometry;
    if (!g || (g.type !== 'LineString' && g.type !== 'MultiLineString')) return [];
    const segments = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
    const raw = (
      f.properties?.coordinateProperties as { times?: string[] | string[][] } | undefined
    )?.times;
    const times =
      raw === undefined ? [] : g.type === 'LineString' ? [raw as string[]] : (raw as string[][]);
    return [{ name: String(f.properties?.name), segments, times }];
  });
}

/** Number of points of each `<trkseg>` of the n-th `<trk>`. */
function segmentSizes(text: string, n: number): number[] {
  const trk = text.split('<trk>')[n + 1].split('</trk>')[0];
  return trk
    .split('<trkseg>')
    .slice(1)
    .map((s) => s.split('<trkpt ').length - 1);
}

describe('readTrack: GPX against @tmcw/togeojson (+ @xmldom/xmldom)', () => {
  it('the shared folder has both files', () => {
    assert.deepEqual(sharedFiles('gpx', ['.gpx']), FILES);
  });

  it('blue_hills.gpx: three trk, segments concatenated; the same coordinates, elevations, times', () => {
    const text = sharedText('gpx', 'blue_hills.gpx');
    const ref = reference(text);
    const file = readTrack(text);
    assertSane(file);
    assert.deepEqual(file.warnings, []);
    assert.deepEqual(
      file.tracks.map((t) => t.name),
      ref.map((r) => r.name),
    );
    assert.deepEqual(
      file.tracks.map((t) => t.name),
      ['BIG LOOP', 'BUCK HILL', 'SHORT LOOP'],
    );
    ref.forEach((r, k) => {
      const points = file.tracks[k].points;
      // togeojson drops segments of one point (not a GeoJSON line); we keep their point.
      const sizes = segmentSizes(text, k);
      const refSizes = r.segments.map((s) => s.length);
      assert.deepEqual(
        refSizes,
        sizes.filter((n) => n > 1),
      );
      assert.equal(
        points.length,
        sizes.reduce((a, b) => a + b, 0),
      );
      let i = 0;
      for (const size of sizes) {
        if (size === 1) {
          i++;
          continue;
        }
        const segment = r.segments.shift()!;
        const times = r.times.shift()!;
        assert.equal(segment.length, size);
        segment.forEach((c, j) => {
          const p = points[i++];
          assert.deepEqual([p.lon, p.lat, p.alt], c, `${r.name} point ${i}`);
          assert.equal(p.time, Date.parse(times[j]), `${r.name} point ${i} time`);
        });
      }
      assert.equal(i, points.length);
    });
    assert.equal(iso(file.tracks[0].points[0].time), '2001-06-24T15:09:09.000Z');
  });

  it('fells_loop.gpx: one rte named BELLEVUE with the same coordinates and elevations', () => {
    const text = sharedText('gpx', 'fells_loop.gpx');
    const [ref] = reference(text);
    const file = readTrack(text);
    assertSane(file);
    assert.equal(file.tracks.length, 1);
    assert.equal(file.tracks[0].name, 'BELLEVUE');
    assert.equal(ref.name, 'BELLEVUE');
    assert.deepEqual(
      file.tracks[0].points.map((p) => [p.lon, p.lat, p.alt]),
      ref.segments[0],
    );
    // togeojson keeps no times for routes: the first and last <time> of the rtepts by hand
    const points = file.tracks[0].points;
    assert.equal(iso(points[0].time), '2001-06-02T00:18:15.000Z');
    assert.ok(points.every((p) => Number.isFinite(p.time)));
  });
});

const gpxDoc = (body: string, root = 'gpx'): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root} version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">\n${body}\n</${root}>\n`;

describe('readTrack: GPX by hand', () => {
  it('reads namespace prefixes, CDATA and entities in names, and skips extensions', () => {
    const text = `<?xml version="1.0"?>
<!DOCTYPE gpx [ <!ENTITY x "y"> ]>
<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1" version="1.1">
  <!-- a comment with <trkpt lat="1" lon="1"> inside -->
  <g:trk>
    <g:name>巡查 &amp; 采样 &#x4e00;&#20108;</g:name>
    <g:extensions><g:name>not this</g:name><g:trkpt lat="5" lon="5"/><ele>999</ele></g:extensions>
    <g:trkseg>
      <g:trkpt lat="30.5" lon="114.25"><g:ele>21.5</g:ele><g:time>2024-04-01T08:00:00+08:00</g:time>
        <g:extensions><gpxtpx:TrackPointExtension xmlns:gpxtpx="x"><gpxtpx:hr>120</gpxtpx:hr></gpxtpx:TrackPointExtension></g:extensions>
      </g:trkpt>
      <g:trkpt lat='30.6' lon='114.35'/>
    </g:trkseg>
  </g:trk>
  <g:trk><g:name><![CDATA[<Loop> & "B"]]></g:name><g:trkseg><g:trkpt lat="31" lon="115"></g:trkpt></g:trkseg></g:trk>
</g:gpx>`;
    const file = readTrack(text);
    assert.deepEqual(file.warnings, []);
    assert.deepEqual(
      file.tracks.map((t) => t.name),
      ['巡查 & 采样 一二', '<Loop> & "B"'],
    );
    assert.deepEqual(file.tracks[0].points, [
      { time: Date.parse('2024-04-01T00:00:00Z'), lon: 114.25, lat: 30.5, alt: 21.5 },
      { time: NaN, lon: 114.35, lat: 30.6 },
    ]);
  });

  it('GPX 1.0 and 1.1, trk and rte each one track in file order; times without a zone are UTC', () => {
    const text = gpxDoc(`
      <wpt lat="1" lon="1"><name>a waypoint</name></wpt>
      <rte><name>R1</name><rtept lat="22.1" lon="113.1"><time>2024-04-01T01:02:03</time></rtept><rtept lat="22.2" lon="113.2"/></rte>
      <trk><trkseg><trkpt lat="22.3" lon="113.3"><ele>5</ele></trkpt></trkseg><trkseg><trkpt lat="22.4" lon="113.4"/></trkseg></trk>`);
    const file = readTrack(text, { name: 'fallback' });
    assert.deepEqual(
      file.tracks.map((t) => [t.name, t.points.map((p) => [p.lon, p.lat])]),
      [
        [
          'R1',
          [
            [113.1, 22.1],
            [113.2, 22.2],
          ],
        ],
        [
          'fallback',
          [
            [113.3, 22.3],
            [113.4, 22.4],
          ],
        ],
      ],
    );
    assert.equal(iso(file.tracks[0].points[0].time), '2024-04-01T01:02:03.000Z');
    const v10 = text.replace('version="1.1"', 'version="1.0"').replace('GPX/1/1', 'GPX/1/0');
    assert.deepEqual(readTrack(v10, { name: 'fallback' }), file);
  });

  it('skips points without a usable position and reads bad <time>/<ele> as absent, with warnings', () => {
    const text = gpxDoc(`<trk><trkseg>
      <trkpt lat="95" lon="113"/>
      <trkpt lat="22" lon="abc"/>
      <trkpt lon="113"/>
      <trkpt lat="0" lon="0"/>
      <trkpt lat="22.5" lon="113.5"><ele>high</ele><time>yesterday</time></trkpt>
    </trkseg></trk>`);
    const file = readTrack(text);
    assert.deepEqual(file.tracks[0].points, [{ time: NaN, lon: 113.5, lat: 22.5 }]);
    assert.deepEqual(file.warnings, [
      'lines 4-7: 4 points without a usable lat/lon skipped',
      'line 8: point with an unreadable <time> (its time is NaN) (first: "yesterday")',
      'line 8: point with an unreadable <ele> (no altitude) (first: "high")',
    ]);
  });

  it('a truncated file gives the points read so far and says where it ends', () => {
    const full = gpxDoc(
      '<trk><name>T</name><trkseg><trkpt lat="22.1" lon="113.1"/><trkpt lat="22.2" lon="113.2"><ele>3</ele></trkpt></trkseg></trk>',
    );
    const cut = full.slice(0, full.indexOf('<ele>') + 6);
    const file = readTrack(cut);
    assert.deepEqual(
      file.tracks[0].points.map((p) => p.lat),
      [22.1, 22.2],
    );
    assert.match(file.warnings.join('\n'), /line 3: the file ends inside <ele> \(truncated\?\)/);
    const inTag = full.slice(0, full.indexOf('lon="113.2"') + 6);
    assert.match(readTrack(inTag).warnings.join('\n'), /ends inside an attribute value/);
  });

  it('no points: an error; nesting beyond 256 elements: an error naming the line', () => {
    assert.match(
      parseError(() => readTrack(gpxDoc('<wpt lat="1" lon="2"/>'))).message,
      /no trkpt or rtept/,
    );
    assert.match(
      parseError(() => readTrack('<kml></kml>', { format: 'gpx' })).message,
      /no <gpx> element/,
    );
    const deep = gpxDoc(`<trk>\n${'<a>'.repeat(300)}</trk>`);
    const error = parseError(() => readTrack(deep));
    assert.equal(error.line, 4);
    assert.match(error.message, /nested more than 256/);
  });
});

import { expect } from '@esm-bundle/chai';
import gcoord from 'gcoord';
import { get as getProjection, getTransform, transform } from 'ol/proj.js';
import { BD09, GCJ02, GCJ02_MERCATOR, registerChinaProjections } from '../../layers/index.js';
import { haversineMeters } from '../../src/index.js';

registerChinaProjections();

/** Points across China and a few outside it. */
const INSIDE: Array<[number, number]> = [
  [115.48, 35.23], // Heze
  [119.53, 35.42], // Rizhao
  [116.397, 39.909], // Beijing
  [121.47, 31.23], // Shanghai
  [87.62, 43.82], // Urumqi
  [91.13, 29.65], // Lhasa
  [113.26, 23.13], // Guangzhou
  [126.63, 45.75], // Harbin
];
const OUTSIDE: Array<[number, number]> = [
  [-0.1276, 51.5072], // London
  [139.69, 35.69], // Tokyo (east of the box)
  [-111.0, 37.25], // Utah
];

describe('Chinese coordinate systems registered with OpenLayers', () => {
  it('knows every CGCS2000 code from EPSG:4490 to EPSG:4554', () => {
    for (let code = 4490; code <= 4554; code++) {
      expect(getProjection(`EPSG:${code}`), `EPSG:${code}`).to.not.equal(null);
    }
  });

  it('puts WGS84 data on GCJ-02 web mercator within 1 m of gcoord', () => {
    for (const p of INSIDE) {
      const ours = transform(p, 'EPSG:4326', GCJ02_MERCATOR);
      const theirs = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
      const theirsMerc = transform(theirs, 'EPSG:4326', 'EPSG:3857');
      const d =
        Math.hypot(ours[0] - theirsMerc[0], ours[1] - theirsMerc[1]) *
        Math.cos((p[1] * Math.PI) / 180);
      expect(d, `at ${p}`).to.be.below(1);
      // and the offset is real: hundreds of metres, not zero
      const plain = transform(p, 'EPSG:4326', 'EPSG:3857');
      expect(Math.hypot(ours[0] - plain[0], ours[1] - plain[1])).to.be.above(50);
    }
  });

  it('transforms from EPSG:3857 and BD-09 through the registered chain', () => {
    for (const p of INSIDE) {
      const merc = transform(p, 'EPSG:4326', 'EPSG:3857');
      const gcj = transform(merc, 'EPSG:3857', GCJ02) as [number, number];
      const ref = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
      expect(haversineMeters(gcj, ref)).to.be.below(1);
      const bd = transform(p, 'EPSG:4326', BD09) as [number, number];
      const refBd = gcoord.transform(p, gcoord.WGS84, gcoord.BD09) as [number, number];
      expect(haversineMeters(bd, refBd), `BD-09 at ${p}`).to.be.below(1);
    }
  });

  it('round-trips GCJ-02 and BD-09 within 0.5 m', () => {
    for (const p of INSIDE) {
      for (const code of [GCJ02, BD09, GCJ02_MERCATOR]) {
        const back = transform(transform(p, 'EPSG:4326', code), code, 'EPSG:4326') as [
          number,
          number,
        ];
        expect(haversineMeters(p, back), `${code} at ${p}`).to.be.below(0.5);
      }
    }
  });

  it('does not offset positions outside China', () => {
    for (const p of OUTSIDE) {
      const gcj = transform(p, 'EPSG:4326', GCJ02);
      expect(gcj[0]).to.equal(p[0]);
      expect(gcj[1]).to.equal(p[1]);
    }
  });

  it('reaches Gauss-Krüger zones from GCJ-02 through EPSG:4326', () => {
    const wgs: [number, number] = [115.48, 35.23];
    const gcj = transform(wgs, 'EPSG:4326', GCJ02);
    const viaGcj = transform(gcj, GCJ02, 'EPSG:4547');
    const direct = transform(wgs, 'EPSG:4326', 'EPSG:4547');
    expect(Math.hypot(viaGcj[0] - direct[0], viaGcj[1] - direct[1])).to.be.below(0.5);
  });
});

describe('Gauss-Krüger zone to zone', () => {
  it('data in one zone lands where it belongs on a view in another (no converter missing)', () => {
    // Heze (115.48°E) in the 3° zone of 114°E (EPSG:4547) and of 117°E (EPSG:4548).
    const inZone38 = transform([115.48, 35.23], 'EPSG:4326', 'EPSG:4547');
    const inZone39 = transform(inZone38, 'EPSG:4547', 'EPSG:4548');
    const direct = transform([115.48, 35.23], 'EPSG:4326', 'EPSG:4548');
    expect(inZone39[0]).to.be.closeTo(direct[0], 1e-3);
    expect(inZone39[1]).to.be.closeTo(direct[1], 1e-3);
    const back = transform(inZone39, 'EPSG:4548', 'EPSG:4547');
    expect(back[0]).to.be.closeTo(inZone38[0], 1e-3);
  });

  it('transforms flat coordinate arrays with a stride, keeping the third value, as OpenLayers passes them', () => {
    for (const [from, to] of [
      ['EPSG:4326', GCJ02_MERCATOR],
      [GCJ02, BD09],
      ['EPSG:4547', 'EPSG:4548'],
    ]) {
      const points = INSIDE.slice(0, 3).map((p) => transform(p, 'EPSG:4326', from));
      const flat = points.flatMap(([x, y], i) => [x!, y!, 100 + i]);
      const out = getTransform(from, to)!(flat, undefined, 3, 3);
      const inPlace = [...flat];
      getTransform(from, to)!(inPlace, inPlace, 3, 3);
      points.forEach((p, i) => {
        const one = transform(p, from, to);
        expect(out[i * 3]!, `${from} to ${to}: x of ${i}`).to.be.closeTo(one[0]!, 1e-6);
        expect(out[i * 3 + 1]!, `${from} to ${to}: y of ${i}`).to.be.closeTo(one[1]!, 1e-6);
        expect(out[i * 3 + 2], `${from} to ${to}: z of ${i}`).to.equal(100 + i);
      });
      expect(inPlace).to.deep.equal(out);
      expect(flat[2], 'the input is left alone').to.equal(100);
    }
  });
});

describe('CRSs defined as they are read', () => {
  it('a user-defined CRS registered with proj4 (as readGeoTiff does) is known to OpenLayers at once', async () => {
    const { registerProj4Definition } = await import('../../src/index.js');
    // Lambert Conformal Conic on GRS 1980 with a false easting no EPSG code has.
    const name = registerProj4Definition(
      '+proj=lcc +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=123456 +y_0=0 +ellps=GRS80 +units=m +no_defs',
    );
    expect(getProjection(name), name).to.not.equal(null);
    const [x, y] = transform([105, 30], 'EPSG:4326', name);
    expect(x).to.be.closeTo(123456, 1e-6);
    expect(y).to.be.greaterThan(3e6);
    const back = transform([x, y], name, 'EPSG:3857');
    const merc = transform([105, 30], 'EPSG:4326', 'EPSG:3857');
    expect(back[0]).to.be.closeTo(merc[0], 1e-3);
    expect(back[1]).to.be.closeTo(merc[1], 1e-3);
  });
});

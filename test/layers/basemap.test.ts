import { expect } from '@esm-bundle/chai';
import { transform } from 'ol/proj.js';
import {
  AmapSource,
  GCJ02_MERCATOR,
  TiandituSource,
  createBaseLayer,
  parseBasemap,
} from '../../layers/index.js';
import { wgs84ToGcj02 } from '../../src/index.js';
import type XYZ from 'ol/source/XYZ.js';

const KEY = 'fe'.repeat(16);

function urlAt(source: XYZ, lonLat: [number, number], z: number): string {
  const projection = source.getProjection()!;
  const grid = source.getTileGrid()!;
  const coord = transform(lonLat, 'EPSG:4326', projection);
  const tile = grid.getTileCoordForCoordAndZ(coord, z);
  return source.getTileUrlFunction()(tile, 1, projection)!;
}

describe('base map sources', () => {
  it('Tianditu w: tile matrix, row and column of Heze at zoom 10', () => {
    const source = new TiandituSource({ layer: 'vec', matrixSet: 'w', key: KEY });
    const url = urlAt(source, [115.48, 35.23], 10);
    // slippy-map tile of 115.48E 35.23N at z10 is x 840, y 404
    expect(url).to.match(/^https:\/\/t[0-7]\.tianditu\.gov\.cn\/vec_w\/wmts\?/);
    expect(url).to.contain('TILEMATRIX=10&TILEROW=404&TILECOL=840');
    expect(url).to.contain(`tk=${KEY}`);
    expect(source.getProjection()!.getCode()).to.equal('EPSG:3857');
  });

  it('Tianditu c: CGCS2000 degrees, level 1 is two columns', () => {
    const source = new TiandituSource({ layer: 'img', matrixSet: 'c', key: KEY });
    expect(source.getProjection()!.getCode()).to.equal('EPSG:4490');
    expect(urlAt(source, [115.48, 35.23], 1)).to.contain('TILEMATRIX=1&TILEROW=0&TILECOL=1');
    expect(urlAt(source, [-60, 35.23], 1)).to.contain('TILEMATRIX=1&TILEROW=0&TILECOL=0');
    const url = urlAt(source, [115.48, 35.23], 10);
    expect(url).to.contain(
      `TILEROW=${Math.floor((90 - 35.23) / 0.3515625)}&TILECOL=${Math.floor((115.48 + 180) / 0.3515625)}`,
    );
  });

  it('AMap tiles are addressed in GCJ-02 web mercator', () => {
    const source = new AmapSource();
    expect(source.getProjection()!.getCode()).to.equal(GCJ02_MERCATOR);
    // The tile under a WGS84 point is the slippy tile of its GCJ-02 position.
    const [lon, lat] = wgs84ToGcj02([115.48, 35.23]);
    const z = 17;
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const r = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    const url = urlAt(source, [115.48, 35.23], z);
    expect(url).to.match(/^https:\/\/webrd0[1-4]\.is\.autonavi\.com\/appmaptile\?/);
    expect(url).to.contain(`x=${x}&y=${y}&z=${z}`);
  });

  it('custom templates become XYZ sources; bad ones are refused by name', () => {
    const layer = createBaseLayer(parseBasemap('https://tiles.example.gov.cn/{z}/{x}/{y}.png'));
    expect(layer.get('envBasemap')).to.equal('custom');
    expect(() => parseBasemap('bing')).to.throw(/expected one of offline/);
    expect(() => createBaseLayer(parseBasemap('tianditu-vec'))).to.throw(/tianditu-key/);
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  amapUrlTemplate,
  isTiandituKey,
  normalizeTileTemplate,
  tiandituGrid,
  tiandituUrlTemplate,
  tileAt,
  tileExtent,
  webMercatorGrid,
} from '../../../src/index.js';

const KEY = '0123456789abcdef0123456789abcdef';

/** Slippy-map tile numbers, the formula of the OSM wiki, as an independent reference. */
function slippy(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return [x, y];
}

function mercator(lon: number, lat: number): [number, number] {
  const R = 6378137;
  return [(R * lon * Math.PI) / 180, R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360))];
}

describe('tile schemes', () => {
  it('builds the Tianditu KVP template for both matrix sets', () => {
    assert.equal(
      tiandituUrlTemplate('vec', 'w', KEY),
      `https://t{0-7}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${KEY}`,
    );
    assert.match(
      tiandituUrlTemplate('cia', 'c', KEY),
      /\/cia_c\/wmts\?.*LAYER=cia.*TILEMATRIXSET=c/,
    );
  });

  it('refuses bad Tianditu layers, matrix sets and keys by name', () => {
    assert.throws(
      () => tiandituUrlTemplate('abc' as never, 'w', KEY),
      /Tianditu layer must be one of/,
    );
    assert.throws(
      () => tiandituUrlTemplate('vec', 'x' as never, KEY),
      /matrix set must be "w" or "c"/,
    );
    assert.throws(
      () => tiandituUrlTemplate('vec', 'w', 'abc&evil=1'),
      /key must be 32 hexadecimal/,
    );
    assert.equal(isTiandituKey(KEY), true);
    assert.equal(isTiandituKey(KEY + '0'), false);
  });

  it('Tianditu w tiles are XYZ tiles from zoom 1', () => {
    const grid = tiandituGrid('w');
    assert.equal(grid.minZoom, 1);
    for (const [lon, lat] of [
      [115.48, 35.23],
      [119.53, 35.42],
      [-70.1, -33.4],
    ]) {
      for (const z of [1, 5, 10, 18]) {
        const [x, y] = mercator(lon, lat);
        const [, tx, ty] = tileAt(grid, x, y, z);
        assert.deepEqual([tx, ty], slippy(lon, lat, z), `${lon},${lat} z${z}`);
      }
    }
  });

  it('Tianditu c level 1 is two tiles of 0.703125°/pixel from (-180, 90)', () => {
    const grid = tiandituGrid('c');
    assert.equal(grid.crs, 'EPSG:4490');
    assert.equal(grid.resolutions[1], 0.703125);
    assert.deepEqual(tileAt(grid, -10, 10, 1), [1, 0, 0]);
    assert.deepEqual(tileAt(grid, 115.48, 35.23, 1), [1, 1, 0]);
    // Heze at level 10: 360/(2^10) degrees per tile column... 0.3515625° per tile
    const [, x, y] = tileAt(grid, 115.48, 35.23, 10);
    assert.equal(x, Math.floor((115.48 + 180) / 0.3515625));
    assert.equal(y, Math.floor((90 - 35.23) / 0.3515625));
    const [minX, minY, maxX, maxY] = tileExtent(grid, 10, x, y);
    assert.ok(minX <= 115.48 && maxX > 115.48 && minY < 35.23 && maxY >= 35.23);
    assert.throws(() => tileAt(grid, 0, 0, 0), /zoom must be an integer from 1/);
  });

  it('web mercator zoom 0 is one tile', () => {
    const grid = webMercatorGrid();
    assert.deepEqual(tileAt(grid, 0, 0, 0), [0, 0, 0]);
    assert.ok(Math.abs(grid.resolutions[0] - 156543.03392804097) < 1e-6);
  });

  it('AMap templates name the style and sub-domains', () => {
    assert.match(
      amapUrlTemplate(),
      /^https:\/\/webrd0\{1-4\}\.is\.autonavi\.com\/appmaptile\?.*style=8&x=\{x\}&y=\{y\}&z=\{z\}$/,
    );
    assert.match(amapUrlTemplate('img'), /webst0\{1-4\}.*style=6/);
  });

  it('normalizes portal tile templates and refuses unsafe ones', () => {
    assert.equal(normalizeTileTemplate(' https://a/{z}/{x}/{y}.png '), 'https://a/{z}/{x}/{y}.png');
    assert.equal(
      normalizeTileTemplate('/tiles/{TileMatrix}/{TileRow}/{TileCol}.png'),
      '/tiles/{z}/{y}/{x}.png',
    );
    assert.equal(normalizeTileTemplate('https://a/{z}/{x}/{-y}.png'), 'https://a/{z}/{x}/{-y}.png');
    assert.throws(
      () => normalizeTileTemplate('javascript:alert(1)//{z}{x}{y}'),
      /must use http or https, not "javascript:"/,
    );
    assert.throws(() => normalizeTileTemplate('https://a/{z}/{x}.png'), /lacks the \{y\}/);
    assert.throws(() => normalizeTileTemplate(''), /empty/);
    assert.throws(() => normalizeTileTemplate('//cdn/{z}/{x}/{y}'), /scheme/);
  });
});

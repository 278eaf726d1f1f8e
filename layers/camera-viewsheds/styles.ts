// Styles of the camera layer: cameras, wedges, visible areas, alarm rays by state (new ones
// flash), fire fixes and their ellipses.

import Fill from 'ol/style/Fill.js';
import RegularShape from 'ol/style/RegularShape.js';
import Stroke from 'ol/style/Stroke.js';
import Style from 'ol/style/Style.js';
import Text from 'ol/style/Text.js';
import type { FeatureLike } from 'ol/Feature.js';
import type { AlarmState } from '../../src/index.js';

export const ALARM_COLORS: Record<Exclude<AlarmState, 'closed'>, string> = {
  new: '#ff3b30',
  acknowledged: '#ff9f0a',
  dispatched: '#0a84ff',
};
export const CAMERA_COLOR = '#5ac8fa';
export const VISIBLE_COLOR = 'rgba(52, 199, 89, 0.28)';
export const FIX_COLOR = '#ff2d55';

const camera = (name: string) =>
  new Style({
    image: new RegularShape({
      points: 4,
      radius: 8,
      angle: Math.PI / 4,
      fill: new Fill({ color: CAMERA_COLOR }),
      stroke: new Stroke({ color: '#0b1a2a', width: 1.5 }),
    }),
    text: new Text({
      text: name,
      offsetY: -16,
      font: '12px sans-serif',
      fill: new Fill({ color: '#e8f1ff' }),
      stroke: new Stroke({ color: '#0b1a2a', width: 3 }),
    }),
  });

const wedge = new Style({
  fill: new Fill({ color: 'rgba(90, 200, 250, 0.06)' }),
  stroke: new Stroke({ color: 'rgba(90, 200, 250, 0.7)', width: 1, lineDash: [4, 4] }),
});
const visible = new Style({ fill: new Fill({ color: VISIBLE_COLOR }) });
const ellipse = new Style({
  fill: new Fill({ color: 'rgba(255, 45, 85, 0.12)' }),
  stroke: new Stroke({ color: FIX_COLOR, width: 1.5, lineDash: [6, 4] }),
});
const fix = new Style({
  image: new RegularShape({
    points: 5,
    radius: 11,
    radius2: 5,
    fill: new Fill({ color: FIX_COLOR }),
    stroke: new Stroke({ color: '#fff', width: 1.5 }),
  }),
});

// Ray styles by state, flash half and clipping: a handful, made once (style functions run per
// feature per frame, and new alarms redraw twice a second).
const rays = new Map<string, Style>();

function ray(state: AlarmState, flashOn: boolean, clipped: boolean): Style {
  const dim = state === 'new' && !flashOn;
  const key = `${state}/${dim}/${clipped}`;
  let style = rays.get(key);
  if (!style) {
    const color = ALARM_COLORS[state as Exclude<AlarmState, 'closed'>] ?? '#888';
    style = new Style({
      stroke: new Stroke({
        color: dim ? 'rgba(255, 59, 48, 0.25)' : color,
        width: state === 'new' ? 4 : 3,
        lineDash: clipped ? undefined : [8, 6],
      }),
    });
    rays.set(key, style);
  }
  return style;
}

/** The style function of the layer; `flashOn()` says which half of the flash it is. */
export function cameraLayerStyle(flashOn: () => boolean) {
  const cameras = new Map<string, Style>();
  return (feature: FeatureLike): Style | Style[] | undefined => {
    const kind = feature.get('kind') as string;
    switch (kind) {
      case 'camera': {
        const name = String(feature.get('name') ?? '');
        if (!cameras.has(name)) cameras.set(name, camera(name));
        return cameras.get(name);
      }
      case 'wedge':
        return wedge;
      case 'viewshed':
        return visible;
      case 'ray':
        return ray(feature.get('state') as AlarmState, flashOn(), feature.get('clipped') === true);
      case 'ellipse':
        return ellipse;
      case 'fix':
        return fix;
      default:
        return undefined;
    }
  };
}

import type { ZoneAppearance } from '../../layers/index.js';
import type { ThemeName } from '../../styles/index.js';

/** Outline and label colours that read well over each theme's base map. */
export function zoneAppearance(theme: ThemeName): Partial<ZoneAppearance> {
  return theme === 'command-center'
    ? {
        outlineColor: '#7fb2ff',
        highlightColor: '#00e5ff',
        labelColor: '#ffffff',
        haloColor: 'rgba(0, 0, 0, 0.85)',
      }
    : {
        outlineColor: '#4a6fa5',
        highlightColor: '#0066cc',
        labelColor: '#1b2733',
        haloColor: '#ffffff',
      };
}

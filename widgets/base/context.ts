import { createContext } from '@lit/context';
import type OlMap from 'ol/Map.js';
import type { FeedClient, Locale } from '../../src/index.js';
import type { ThemeName } from '../../styles/index.js';

/** What `<env-map>` shares with the elements inside it and with widgets that name it by `for`. */
export interface MapHandle {
  /** The OpenLayers map. */
  readonly map: OlMap;
  /** The `<env-map>` element itself, for events and attributes. */
  readonly element: HTMLElement;
  /** Code of the view projection (`EPSG:3857` unless set). */
  readonly viewProjection: string;
  /** The current locale. */
  readonly locale: Locale;
  /** The theme in effect (the `theme` attribute when it is valid). */
  readonly activeTheme: ThemeName;
  /** The map's feed client, if it has one. */
  readonly feed: FeedClient | undefined;
  /** Calls `listener` whenever locale, theme, base map, projection or feed change; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** Whether a value is a map handle (duck-typed, so copies of the kit interoperate). */
export function isMapHandle(value: unknown): value is MapHandle {
  const v = value as Partial<MapHandle> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.subscribe === 'function' &&
    typeof v.map === 'object' &&
    v.map !== null
  );
}

export const mapContext = createContext<MapHandle | undefined>(Symbol.for('envmap.map'));
export const localeContext = createContext<Locale>(Symbol.for('envmap.locale'));
export const themeContext = createContext<ThemeName>(Symbol.for('envmap.theme'));

/** The feed client of the map (`feed-url` / `feed-transport`, or set by portal code). */
export const feedContext = createContext<FeedClient | undefined>(Symbol.for('envmap.feed'));

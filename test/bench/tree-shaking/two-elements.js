// A portal page that uses two of the kit's elements, importing them from the package's ESM entry.
import { EnvMap, EnvStationGrid } from 'envmap';

customElements.define('env-map', EnvMap);
customElements.define('env-station-grid', EnvStationGrid);

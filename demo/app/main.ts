// The demo pages' script: the kit's elements registered from its ESM sources, bundled by rollup
// as a portal's own build would do.
import { defineElements } from '../../widgets/index.js';

defineElements();

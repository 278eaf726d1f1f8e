// The demo pages' script: every element of the kit registered from its ESM sources, bundled by
// rollup as a portal's own build would do, and what the pages do beyond them (behaviours.ts).
// The command-centre page has a script of its own (command-center.ts) that registers only the
// elements it uses.
import { defineElements } from '../../widgets/index.js';
import {
  countRadarZones,
  postClueSteps,
  showTrackSelection,
  switchFeedTransport,
} from './behaviours.js';

defineElements();
switchFeedTransport();
showTrackSelection();
postClueSteps();
countRadarZones();

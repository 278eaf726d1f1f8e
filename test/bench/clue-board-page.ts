// The page module of the clue board's render benchmark: <env-clue-board> alone, registered.
import { EnvClueBoard } from '../../widgets/env-clue-board/EnvClueBoard.js';

if (!customElements.get('env-clue-board')) customElements.define('env-clue-board', EnvClueBoard);
(window as unknown as { boardReady: boolean }).boardReady = true;

/** LevelDB persistence for aedes (no bundled types). */
declare module 'aedes-persistence-level' {
  import type { Level } from 'level';
  const levelPersistence: (
    db: Level<string, unknown>,
  ) => import('aedes').AedesOptions['persistence'];
  export default levelPersistence;
}

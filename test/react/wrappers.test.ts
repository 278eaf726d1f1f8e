// The React wrappers (react/) against the elements' API: generated from the Custom Elements
// Manifest by scripts/build-react.mjs, they must be what the sources' JSDoc gives today.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const script = join(root, 'scripts/build-react.mjs');

interface Generator {
  generate(manifest: object): Promise<Record<string, string>>;
  eventProp(name: string): string;
}
const generator = (await import(new URL(`file://${script}`).href)) as Generator;

/** Runs the generator's command line; its exit status and what it printed. */
function run(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** A small manifest: two elements (declared out of order) and a class that is no element. */
const MANIFEST = {
  schemaVersion: '1.0.0',
  modules: [
    {
      kind: 'javascript-module',
      path: 'widgets/env-b/EnvB.ts',
      declarations: [
        {
          kind: 'class',
          name: 'EnvB',
          tagName: 'env-b',
          customElement: true,
          summary: 'The second element, whose summary says */ in it.',
          events: [
            { name: 'env-select', type: { text: 'CustomEvent<EnvSelectDetail>' } },
            { name: 'change', type: { text: 'Event' } },
            { name: 'env-render-complete' },
            { name: 'env-select', inheritedFrom: { name: 'Base' } },
          ],
        },
      ],
    },
    {
      kind: 'javascript-module',
      path: 'widgets/env-a/EnvA.ts',
      declarations: [
        { kind: 'class', name: 'Helper' },
        {
          kind: 'class',
          name: 'EnvA',
          tagName: 'env-a',
          customElement: true,
          description: 'The first element. It fires nothing.',
        },
      ],
    },
  ],
};

describe('React wrappers', () => {
  it('react/ is what the elements’ JSDoc gives now (npm run build:react after changing it)', () => {
    const { status, output } = run('--check', '--analyze');
    assert.equal(status, 0, output);
  });

  it('name each env-* event as an onEnv… prop', () => {
    assert.equal(generator.eventProp('env-select'), 'onEnvSelect');
    assert.equal(generator.eventProp('env-render-complete'), 'onEnvRenderComplete');
    assert.equal(generator.eventProp('env-zones-load'), 'onEnvZonesLoad');
  });

  it('wrap every element with its own env-* events, once each, sorted by tag', async () => {
    const { 'elements.ts': elements, 'index.ts': index } = await generator.generate(MANIFEST);
    assert.ok(elements.indexOf("tagName: 'env-a'") < elements.indexOf("tagName: 'env-b'"));
    assert.doesNotMatch(elements, /Helper/);
    assert.match(elements, /export type EnvAEvents = Record<never, EventName>;/);
    assert.match(
      elements,
      /events: \{ onEnvSelect: 'env-select', onEnvRenderComplete: 'env-render-complete' \} as EnvBEvents/,
    );
    assert.match(elements, /onEnvSelect: EventName<EnvEvent<'env-select'>>;/);
    assert.doesNotMatch(elements, /onChange|'change'/);
    assert.equal(elements.match(/onEnvSelect:/g)?.length, 2); // the type and the value
    // Summaries (or a description's first sentence) document each wrapper, comments kept whole.
    assert.match(index, /\/\*\* `<env-a>`: The first element\. \*\//);
    assert.match(index, /The second element, whose summary says \* \/ in it\./);
    assert.match(
      index,
      /export const EnvB: ReactWebComponent<EnvBElement, EnvBEvents> =\s+\/\* @__PURE__ \*\/ createComponent\(\{\s*react: React,\s*\.\.\.envB,?\s*\}\);/,
    );
  });

  it('--check names the files that differ and writes nothing; without it they are written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'envmap-react-'));
    try {
      const manifest = join(dir, 'custom-elements.json');
      writeFileSync(manifest, JSON.stringify(MANIFEST));
      const out = join(dir, 'react');
      const stale = run('--manifest', manifest, '--out', out, '--check');
      assert.equal(stale.status, 1);
      assert.match(stale.output, /elements\.ts.*index\.ts.*npm run build:react/);
      assert.throws(() => readdirSync(out));
      assert.equal(run('--manifest', manifest, '--out', out).status, 0);
      assert.deepEqual(readdirSync(out).sort(), ['elements.ts', 'index.ts']);
      assert.equal(run('--manifest', manifest, '--out', out, '--check').status, 0);
      writeFileSync(join(out, 'index.ts'), '// edited by hand\n');
      const edited = run('--manifest', manifest, '--out', out, '--check');
      assert.equal(edited.status, 1);
      assert.doesNotMatch(edited.output, /elements\.ts/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('carry every event an element documents with @fires in its own source', () => {
    const generated = readFileSync(join(root, 'react/elements.ts'), 'utf8');
    const widgets = join(root, 'widgets');
    let checked = 0;
    for (const folder of readdirSync(widgets)) {
      if (!folder.startsWith('env-')) continue;
      for (const file of readdirSync(join(widgets, folder))) {
        if (!/^Env.*\.ts$/.test(file) || file.endsWith('.test.ts')) continue;
        const source = readFileSync(join(widgets, folder, file), 'utf8');
        const tag = /@tag (env-[a-z-]+)/.exec(source)?.[1];
        if (!tag) continue;
        const block = new RegExp(`tagName: '${tag}',[\\s\\S]*?events: \\{([^}]*)\\}`).exec(
          generated,
        );
        assert.ok(block, `${tag} has no wrapper`);
        for (const [, event] of source.matchAll(/@fires \{[^}]*\} (env-[a-z-]+)/g)) {
          assert.ok(
            block[1]!.includes(`${generator.eventProp(event!)}: '${event}'`),
            `${tag}: ${event}`,
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 40, `${checked} events checked`);
  });
});

// The API reference page (api.html): every element's attributes, properties, events, slots, CSS
// parts and CSS custom properties, rendered from the Custom Elements Manifest that the build
// writes (custom-elements.json, copied beside this script). Text only, through the DOM: nothing
// from the manifest is ever parsed as HTML.

interface Named {
  name: string;
  description?: string;
}
interface Typed extends Named {
  type?: { text: string };
  default?: string;
}
interface Attribute extends Typed {
  fieldName?: string;
}
interface Member extends Typed {
  kind: string;
  privacy?: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
}
interface Declaration extends Named {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  summary?: string;
  attributes?: Attribute[];
  members?: Member[];
  events?: Typed[];
  slots?: Named[];
  cssParts?: Named[];
  cssProperties?: Typed[];
}
interface Manifest {
  modules: Array<{ path: string; declarations?: Declaration[] }>;
}

/** A column of a section's table: its heading and the cell text of a row. */
type Column<T> = [heading: string, cell: (row: T) => string | undefined];

const STYLES = `
body.api main { max-width: 76em; padding: 0 1em; }
.api env-map { height: 320px; margin: 0.5em 0 1em; }
.api nav ul { columns: 3 14em; padding-left: 1.2em; }
.api table { border-collapse: collapse; width: 100%; margin: 0.25em 0 1em; font-size: 0.9em; }
.api th, .api td { border: 1px solid #c3ccd6; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
.api th { background: #eef2f6; }
.api h2 { margin-top: 1.5em; border-bottom: 2px solid #0b5cad; }
.api h3 { font-size: 1em; margin: 0.75em 0 0.25em; }
.api .none { color: #4a5561; margin: 0 0 0.75em; }
`;

/** `text` with its `code spans` as <code> elements. */
function rich(text: string | undefined): DocumentFragment {
  const fragment = document.createDocumentFragment();
  (text ?? '').split(/`([^`]*)`/).forEach((part, i) => {
    if (i % 2 === 0) fragment.append(part);
    else fragment.append(el('code', part));
  });
  return fragment;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

/** A section: its heading and a table of `rows`, or a line saying there are none. */
function section<T>(title: string, rows: T[] | undefined, columns: Array<Column<T>>): Node[] {
  const heading = el('h3', title);
  if (!rows?.length) return [heading, Object.assign(el('p', '无 · none'), { className: 'none' })];
  const head = el(
    'tr',
    ...columns.map(([name]) => Object.assign(el('th', name), { scope: 'col' })),
  );
  const body = rows.map((row) =>
    el(
      'tr',
      ...columns.map(([name, cell], i) => {
        const text = cell(row) ?? '';
        // The first column names the row; descriptions may hold `code`.
        if (i === 0) return el('td', el('code', text));
        return el('td', /说明/.test(name) ? rich(text) : text);
      }),
    ),
  );
  return [heading, el('table', el('thead', head), el('tbody', ...body))];
}

const type = (t: Typed) => t.type?.text;
const description: Column<Named> = ['说明 Description', (r) => r.description];

/** The public instance fields: what a framework sets as properties. */
const properties = (d: Declaration) =>
  (d.members ?? []).filter(
    (m) =>
      m.kind === 'field' &&
      !m.static &&
      (m.privacy === undefined || m.privacy === 'public') &&
      !m.name.startsWith('_'),
  );

function element(d: Declaration): HTMLElement {
  const article = el('section');
  article.id = d.tagName!;
  article.setAttribute('aria-labelledby', `${d.tagName}-title`);
  const title = el('h2', el('code', `<${d.tagName}>`), ` ${d.name}`);
  title.id = `${d.tagName}-title`;
  article.append(
    title,
    el('p', rich(d.summary)),
    ...(d.description ? [el('p', rich(d.description))] : []),
    ...section<Attribute>('属性 Attributes', d.attributes, [
      ['名称 Name', (a) => a.name],
      ['特性 Property', (a) => a.fieldName],
      ['类型 Type', type],
      ['默认 Default', (a) => a.default],
      description,
    ]),
    ...section<Member>('特性 Properties', properties(d), [
      ['名称 Name', (m) => m.name],
      ['属性 Attribute', (m) => m.attribute],
      ['类型 Type', (m) => (m.readonly ? `${type(m) ?? ''} (只读 read-only)` : type(m))],
      ['默认 Default', (m) => m.default],
      description,
    ]),
    ...section<Typed>('事件 Events', d.events, [
      ['名称 Name', (e) => e.name],
      ['类型 Type', type],
      description,
    ]),
    ...section<Named>('插槽 Slots', d.slots, [
      ['名称 Name', (s) => s.name || '(默认 default)'],
      description,
    ]),
    ...section<Named>('CSS 部件 CSS parts', d.cssParts, [
      ['名称 Name', (p) => `::part(${p.name})`],
      description,
    ]),
    ...section<Typed>('CSS 自定义属性 CSS custom properties', d.cssProperties, [
      ['名称 Name', (p) => p.name],
      ['默认 Default', (p) => p.default],
      description,
    ]),
  );
  return article;
}

/** The elements of a manifest, by tag. */
export function elementsOf(manifest: Manifest): Declaration[] {
  return manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .sort((a, b) => a.tagName!.localeCompare(b.tagName!));
}

async function main(): Promise<void> {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const target = document.getElementById('api')!;
  const toc = document.getElementById('api-toc')!;
  const url = new URL('./custom-elements.json', import.meta.url);
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url.pathname}`);
    const elements = elementsOf((await response.json()) as Manifest);
    toc.replaceChildren(
      ...elements.map((d) => {
        const link = el('a', el('code', `<${d.tagName}>`));
        link.href = `#${d.tagName}`;
        return el('li', link);
      }),
    );
    target.replaceChildren(...elements.map(element));
  } catch (e) {
    target.replaceChildren(el('p', `无法读取 API：${(e as Error).message}`));
    console.warn(`api: ${(e as Error).message}`);
  }
  target.setAttribute('aria-busy', 'false');
}

void main();

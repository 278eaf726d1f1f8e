// `cem analyze` writes custom-elements.json, the API of every element, from the JSDoc.
export default {
  globs: ['widgets/**/*.ts'],
  exclude: ['widgets/entry/**', 'widgets/define.ts', 'widgets/index.ts'],
  outdir: '.',
  litelement: true,
};

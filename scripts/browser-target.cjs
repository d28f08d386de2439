/**
 * The oldest browser engines the task pane must run in, declared once. The
 * webpack build transpiles our code and node_modules to `swcTarget`, and
 * test/build/target.test.ts parses every shipped chunk at `ecmaVersion` with
 * acorn, so a dependency that ships newer syntax (tabster's `static {}` class
 * block, ES2022) fails the tests instead of the add-in on a user's Mac.
 *
 * Why these: Excel for Mac runs add-ins in the system's WebKit (macOS 12
 * Monterey ships Safari 15); Excel on Windows (2021, Microsoft 365) in
 * WebView2 (Chromium, evergreen; 100 is a conservative floor); Excel on the
 * web in the user's browser. ES2020 is what all three parse.
 *
 * Safari 15 also lacks regular-expression lookbehind (`(?<=`, `(?<!`, Safari
 * 16.4), which ES2018 allows: the target test rejects it in the chunks, and
 * the ESLint block for browser code forbids the newer built-ins Safari 15.0
 * lacks (Array.prototype.at, Object.hasOwn, structuredClone, …).
 */
module.exports = {
  browsers: ['Safari 15', 'Chrome 100', 'Edge 100'],
  /** The ECMAScript edition every shipped chunk must parse as. */
  ecmaVersion: 2020,
  /** The same edition as swc's `jsc.target`. */
  swcTarget: 'es2020',
};

/**
 * Budgetkoll build. Two pages, two entries:
 *  - taskpane: the add-in itself (React + Fluent UI). It also registers the
 *    ribbon handlers (shared runtime), so no separate commands page exists.
 *  - workbench: a local page with a simulated workbook beside the real task
 *    pane in an iframe. It pulls in ExcelJS and the formula engine, which must
 *    never reach the task-pane bundle, so the two entries share no chunks.
 *
 * office.js: production builds load it from Microsoft's CDN (the only
 * supported way inside Office); development builds, and builds made with
 * `--env localOffice` (the e2e tests, offline), serve the npm copy under
 * /office-js/.
 *
 * Usage:
 *   npm start                       webpack serve --mode development, http://localhost:3000 (workbench)
 *   npm run build                   production, dist/
 *   npx webpack --mode production --env localOffice   production with local office.js
 *   npx webpack serve --mode development --env https  HTTPS for sideloading into Excel; needs the
 *                                   office-addin-dev-certs package (not installed), see README.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';
const OFFICE_JS_LOCAL = 'office-js/office.js';
const OFFICE_JS_DIR = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const PORT = Number(process.env.PORT || 3000);
const TARGET = require('./scripts/browser-target.cjs');
/** Gzip bytes of JavaScript the task pane may load before its first paint (issue 8: Microsoft's template is 164 KB). */
const TASKPANE_BUDGET = 130 * 1024;

/**
 * Our TypeScript, to the declared target. Loaders run bottom to top: swc
 * strips the types, then Griffel's loader turns our makeStyles calls into
 * precompiled `__styles` (ahead-of-time CSS, as Fluent UI ships its own), so
 * the task pane carries no CSS-in-JS compiler (stylis, rtl-css-js) at all.
 */
function swcRule(dev) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: [
      { loader: '@griffel/webpack-loader' },
      {
        loader: 'swc-loader',
        options: {
          jsc: {
            parser: { syntax: 'typescript', tsx: true },
            transform: { react: { runtime: 'automatic', development: dev, refresh: false } },
            target: TARGET.swcTarget,
          },
        },
      },
    ],
  };
}

/**
 * Dependencies, to the same target: tabster (under Fluent UI) ships a class
 * `static {}` block (ES2022), which Safari before 16.4 cannot parse, and a
 * chunk that does not parse means the ribbon buttons never register.
 * `isModule: 'unknown'` lets swc take CommonJS files as scripts.
 */
function swcDependencyRule() {
  return {
    test: /\.m?js$/,
    include: /node_modules/,
    use: {
      loader: 'swc-loader',
      options: {
        isModule: 'unknown',
        jsc: { parser: { syntax: 'ecmascript' }, target: TARGET.swcTarget },
      },
    },
  };
}

/**
 * Minify with swc rather than terser: several times faster on ExcelJS in the
 * workbench. minimizer-webpack-plugin comes with webpack; without it, webpack's
 * default minimizer runs.
 */
function swcMinimizer() {
  try {
    const MinimizerPlugin = require('minimizer-webpack-plugin');
    return [
      new MinimizerPlugin({
        minify: { implementation: MinimizerPlugin.swcMinify, options: { compress: true, mangle: true } },
      }),
    ];
  } catch {
    return ['...'];
  }
}

/**
 * The task pane's Content-Security-Policy (a meta tag in taskpane.html):
 * scripts only from our own origin and, in production, Microsoft's office.js
 * CDN; connections and workers only to our own origin; no plugins, no frames,
 * no forms. Styles need 'unsafe-inline': Griffel (Fluent UI) and office.js
 * (office-js issue 1687) insert style elements at run time.
 */
function contentSecurityPolicy(scriptOrigins) {
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptOrigins].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * Fails a production build whose task pane loads more than TASKPANE_BUDGET
 * bytes of JavaScript (gzip) before its first paint: the scripts of the
 * `taskpane` entry, which taskpane.html loads, plus our preload script.
 * Chunks loaded later (the gateway, the core worker, the folded sections)
 * do not count. test/e2e/bundle.e2e.ts checks the same from the built HTML.
 */
class TaskpaneBudgetPlugin {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('TaskpaneBudgetPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'TaskpaneBudgetPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        () => this.check(compilation),
      );
    });
  }

  check(compilation) {
    const zlib = require('node:zlib');
    const entry = compilation.entrypoints.get('taskpane');
    if (!entry) return;
    const files = [...entry.getFiles(), 'preload.js'].filter((f) => f.endsWith('.js'));
    let total = 0;
    const parts = [];
    for (const file of files) {
      const asset = compilation.getAsset(file);
      if (!asset) continue;
      const size = zlib.gzipSync(asset.source.buffer(), { level: 9 }).length;
      total += size;
      parts.push(`${file} ${(size / 1024).toFixed(1)} KiB`);
    }
    const summary =
      `task pane before first paint: ${(total / 1024).toFixed(1)} KiB gzip (${parts.join(', ')}), ` +
      `budget ${TASKPANE_BUDGET / 1024} KiB`;
    if (total > TASKPANE_BUDGET) compilation.errors.push(new Error(summary));
    else compilation.getLogger('TaskpaneBudgetPlugin').info(summary);
  }
}

/** HTTPS options for `--env https` (sideloading into Excel needs a trusted certificate). */
async function httpsServer() {
  let devCerts;
  try {
    devCerts = require('office-addin-dev-certs');
  } catch {
    throw new Error(
      '--env https needs the package office-addin-dev-certs (npm install --save-dev office-addin-dev-certs), ' +
        'or serve dist/ over HTTPS some other way.',
    );
  }
  const options = await devCerts.getHttpsServerOptions();
  return { type: 'https', options: { ca: options.ca, key: options.key, cert: options.cert } };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || 'production';
  const dev = mode === 'development';
  const localOffice = dev || Boolean(env.localOffice) || process.env.BUDGETKOLL_LOCAL_OFFICE === '1';
  const officeJs = localOffice ? OFFICE_JS_LOCAL : OFFICE_JS_CDN;

  const copies = [
    { from: 'assets', to: 'assets', noErrorOnMissing: true },
    { from: 'manifest.xml', to: 'manifest.xml', noErrorOnMissing: true },
    { from: 'src/help/help.html', to: 'help.html' },
    // Runs before office.js; a file rather than an inline script, so the CSP needs no hash or 'unsafe-inline'.
    { from: 'src/taskpane/preload.js', to: 'preload.js' },
  ];
  if (localOffice) {
    // office.js fetches its string table for the UI language from beside itself.
    copies.push(
      { from: path.join(OFFICE_JS_DIR, 'office.js'), to: 'office-js/office.js' },
      { from: path.join(OFFICE_JS_DIR, 'office.debug.js'), to: 'office-js/office.debug.js' },
      // Outside Office, office.js loads this table (it also carries the MicrosoftAjax shim) before onReady.
      {
        from: path.join(OFFICE_JS_DIR, 'o15apptofilemappingtable.js'),
        to: 'office-js/o15apptofilemappingtable.js',
      },
      {
        from: path.join(OFFICE_JS_DIR, 'o15apptofilemappingtable.debug.js'),
        to: 'office-js/o15apptofilemappingtable.debug.js',
      },
      { from: path.join(OFFICE_JS_DIR, 'en-us'), to: 'office-js/en-us' },
      { from: path.join(OFFICE_JS_DIR, 'sv-se'), to: 'office-js/sv-se' },
    );
  }

  return {
    mode,
    target: 'web',
    // No source maps in production: they would publish the whole source next to the add-in.
    devtool: dev ? 'cheap-module-source-map' : false,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      workbench: './src/workbench/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: '',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      // ExcelJS's browser build carries its own polyfills; nothing else needs Node built-ins.
      fallback: { fs: false, path: false, stream: false, crypto: false },
    },
    module: { rules: [swcRule(dev), swcDependencyRule()] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        officeJs,
        csp: contentSecurityPolicy(localOffice ? [] : [OFFICE_JS_ORIGIN]),
      }),
      new HtmlWebpackPlugin({
        filename: 'workbench.html',
        template: './src/workbench/workbench.html',
        chunks: ['workbench'],
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        inject: false,
        templateContent:
          '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Budgetkoll</title>' +
          '<meta http-equiv="refresh" content="0; url=workbench.html"></head>' +
          '<body><p><a href="workbench.html">Öppna Budgetkolls arbetsbänk</a></p></body></html>',
      }),
      new CopyWebpackPlugin({ patterns: copies }),
      ...(dev ? [] : [new TaskpaneBudgetPlugin()]),
    ],
    optimization: {
      // Entries must not share chunks: the task pane must stay free of the workbench's ExcelJS.
      splitChunks: false,
      runtimeChunk: false,
      minimizer: swcMinimizer(),
    },
    // The task pane's budget is checked by TaskpaneBudgetPlugin (gzip, what Excel users download first);
    // the workbench carries ExcelJS (~1 MB) by design.
    performance: false,
    stats: { preset: 'normal', assetsSort: '!size', modules: false, children: false },
    devServer: {
      port: PORT,
      host: 'localhost',
      static: false,
      hot: false,
      liveReload: true,
      open: false,
      server: env.https ? await httpsServer() : 'http',
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

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
const OFFICE_JS_LOCAL = 'office-js/office.js';
const OFFICE_JS_DIR = path.dirname(require.resolve('@microsoft/office-js/dist/office.js'));
const PORT = Number(process.env.PORT || 3000);

function swcRule(dev) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: 'swc-loader',
      options: {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic', development: dev, refresh: false } },
          target: 'es2020',
        },
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
    devtool: dev ? 'cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      workbench: './src/workbench/index.tsx',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      clean: true,
      publicPath: '',
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
      // ExcelJS's browser build carries its own polyfills; nothing else needs Node built-ins.
      fallback: { fs: false, path: false, stream: false, crypto: false },
    },
    module: { rules: [swcRule(dev)] },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        officeJs,
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
    ],
    optimization: {
      // Entries must not share chunks: the task pane must stay free of the workbench's ExcelJS.
      splitChunks: false,
      runtimeChunk: false,
      minimizer: swcMinimizer(),
    },
    performance: {
      hints: dev ? false : 'warning',
      // The workbench carries ExcelJS (~1 MB) by design; the task pane is what Excel users download.
      assetFilter: (file) => file.startsWith('taskpane') && file.endsWith('.js'),
      maxEntrypointSize: 900 * 1024,
      maxAssetSize: 900 * 1024,
    },
    stats: { preset: 'normal', assetsSort: '!size', modules: false, children: false },
    devServer: {
      port: PORT,
      host: 'localhost',
      static: false,
      hot: false,
      liveReload: true,
      open: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: env.https ? await httpsServer() : 'http',
      client: { overlay: { warnings: false, errors: true } },
    },
  };
};

// Bundles the extension (dist/extension.js) and the CLI (dist/cli.js). dockerode and ssh2 are bundled as plain JS;
// ssh2's optional native parts (cpu-features, sshcrypto.node) stay external: they fail to load at run time and
// ssh2 takes its JS path, so the VSIX ships no node_modules and no platform-specific binaries.
const path = require('path');
const TerserPlugin = require('terser-webpack-plugin');

/** @type {(env: unknown, argv: { mode?: string }) => import('webpack').Configuration} */
module.exports = (_env, argv) => ({
  target: 'node',
  mode: argv.mode ?? 'none',
  entry: { extension: './src/extension/extension.ts', cli: './src/cli/main.ts' },
  output: {
    path: path.resolve(__dirname, 'dist'),
    filename: '[name].js',
    libraryTarget: 'commonjs2',
    devtoolModuleFilenameTemplate: '../[resource-path]',
  },
  devtool: argv.mode === 'production' ? 'hidden-source-map' : 'source-map',
  externals: [
    { vscode: 'commonjs vscode', 'cpu-features': 'commonjs cpu-features' },
    ({ request }, cb) => (request && /\.node$/.test(request) ? cb(undefined, `commonjs ${request}`) : cb()),
  ],
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, exclude: /node_modules/, use: [{ loader: 'ts-loader', options: { transpileOnly: true } }] }],
  },
  node: { __dirname: false, __filename: false },
  optimization: {
    minimizer: [new TerserPlugin({ terserOptions: { keep_classnames: true, keep_fnames: true } })],
  },
  ignoreWarnings: [/Can't resolve 'cpu-features'/, /sshcrypto\.node/, /Critical dependency/],
  performance: { hints: false },
});

#!/usr/bin/env node
// kouiki's executable: hands over to the bundled CLI (dist/cli.js, built by `npm install`).
import('../dist/cli.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('kouiki: the build is missing; run `npm install` (or `npm run build`) in the kouiki directory\n');
    process.exitCode = 2;
    return;
  }
  throw err;
});

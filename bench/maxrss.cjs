'use strict';
// Preloaded (node --require) into the CLI by the benchmark when GNU time is not installed:
// writes the process's peak resident set size in KB to BUDGETKOLL_BENCH_RSS_FILE at exit.
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.BUDGETKOLL_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});

#!/usr/bin/env node
// Entry point of the `fieldbook` CLI. The CLI is TypeScript run through tsx, so `npx fieldbook`
// works straight after `npm install`, without a build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });

const { runCli } = await import(new URL('../src-cli/main.ts', import.meta.url).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

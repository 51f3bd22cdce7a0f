#!/usr/bin/env node
// Entry point installed as `agentcore-policy`: runs the CLI bundled in dist/cli/ (scripts/build-cli.mjs), with the
// V8 settings of src/cli/v8-flags.ts (set before anything else runs).
import { setCliV8Flags } from '../dist/cli/v8-flags.js';

setCliV8Flags();
// The AWS SDK warns on Node < 22 about its own future releases; this package pins an SDK version that supports
// Node 20, so the warning would only be noise in every plan. Users can still opt in by setting the variable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));

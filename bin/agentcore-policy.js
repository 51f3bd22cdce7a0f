#!/usr/bin/env node
// Entry point installed as `agentcore-policy`: runs the compiled CLI.
import { setFlagsFromString } from 'node:v8';

// The AWS SDK warns on Node < 22 about its own future releases; this package pins an SDK version that supports
// Node 20, so the warning would only be noise in every plan. Users can still opt in by setting the variable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Node 20's V8 starts optimizing cedar-wasm's hottest functions within a command's first Cedar call, and a short
// command (validate, test, fmt of a repository of tens of policies) then waits for those compiles (cold `validate`
// of the example repository: ~0.85 s against ~0.55 s with this). Thirty times the budget (V8 counts roughly the
// bytes of wasm code run) keeps a short command on the baseline code and still optimizes long runs early (`test` of
// 5,000 policies took as long with it). Set first, before any wasm is compiled; the flag only moves a threshold.
setFlagsFromString('--wasm-tiering-budget=54000000');
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// Entry point installed as `agentcore-policy`: runs the compiled CLI.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));

// `agentcore-policy` as its own process, straight from the sources (run with `node --import tsx`), as
// bin/agentcore-policy.js runs the bundled CLI: tests spawn it to see exactly what a user's shell would.
import { main } from '../../src/cli/main.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.exitCode = await main(process.argv.slice(2));

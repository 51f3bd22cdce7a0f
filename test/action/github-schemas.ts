// Checks action.yml and workflow files with GitHub's own parser (@actions/workflow-parser, the schemas behind the
// Actions editor) and prints each file's errors as JSON. A workflow that parses is also converted as the editor
// converts it, which checks what the schema cannot: `needs` naming real jobs, a matrix, job ids. A separate process under tsx, because the parser imports
// its schema JSON without the import attribute Node's ESM loader (and so vitest) insists on.
// Usage: node --import tsx test/action/github-schemas.ts <action|workflow>:<path> ...
import { readFileSync } from 'node:fs';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/action-parser';

const errors: Record<string, string[]> = {};
for (const argument of process.argv.slice(2)) {
  const [kind, path] = argument.split(/:(.*)/s) as [string, string];
  const file = { name: path, content: readFileSync(path, 'utf8') };
  const parsed = kind === 'action' ? parseAction(file, new NoOperationTraceWriter()) : parseWorkflow(file, new NoOperationTraceWriter());
  if (kind === 'workflow' && parsed.value && parsed.context.errors.getErrors().length === 0) await convertWorkflowTemplate(parsed.context, parsed.value);
  errors[path] = parsed.context.errors.getErrors().map((e) => e.message);
}
process.stdout.write(JSON.stringify(errors));

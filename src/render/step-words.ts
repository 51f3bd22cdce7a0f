// A step in words, shared by progress lines and every report renderer so they all say the same thing.
import type { StepResult } from '../plan/apply-report.js';

export function stepWords(result: Pick<StepResult, 'type' | 'name' | 'target' | 'mode'>): string {
  const id = result.target ? ` (${result.target})` : '';
  switch (result.type) {
    case 'create-engine':
      return `create engine ${result.name}`;
    case 'update-engine':
      return `update engine ${result.name} description`;
    case 'set-gateway':
      return `set gateway ${result.name} to ${result.mode}`;
    case 'create-policy':
      return `create policy ${result.name}${id}`;
    case 'update-policy':
      return `update policy ${result.name}${id}`;
    case 'delete-policy':
      return `delete policy ${result.name}${id}`;
    case 'detach-gateway':
      return `detach gateway ${result.name} from the engine`;
  }
}

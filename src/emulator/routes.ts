// Routing by method and path template, as restJson1 binds operations: `{label}` segments become URI labels
// (percent-decoded). Paths match exactly as modelled, trailing slashes included.
import type { HttpMethod, Operation } from './operation.js';

interface CompiledRoute {
  operation: Operation;
  pattern: RegExp;
  labels: string[];
}

export interface RouteMatch {
  operation: Operation;
  labels: Record<string, string>;
}

export type Router = (method: string, pathname: string) => RouteMatch | undefined;

function compile(operation: Operation): CompiledRoute {
  const labels: string[] = [];
  const source = operation.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const label = /^\{(.+)\}$/.exec(part)?.[1];
      if (label === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      labels.push(label);
      return '([^/]+)';
    })
    .join('');
  return { operation, pattern: new RegExp(`^${source}$`), labels };
}

export function createRouter(operations: readonly Operation[]): Router {
  const byMethod = new Map<HttpMethod, CompiledRoute[]>();
  for (const operation of operations) {
    const list = byMethod.get(operation.method) ?? [];
    list.push(compile(operation));
    byMethod.set(operation.method, list);
  }
  return (method, pathname) => {
    for (const route of byMethod.get(method as HttpMethod) ?? []) {
      const match = route.pattern.exec(pathname);
      if (!match) continue;
      const labels: Record<string, string> = {};
      route.labels.forEach((label, i) => {
        labels[label] = safeDecode(match[i + 1]!);
      });
      return { operation: route.operation, labels };
    }
    return undefined;
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

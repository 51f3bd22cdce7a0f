// `npm run bench`: runs every bench/*.bench.ts in turn (or those named on the command line), each printing its own
// tables; the figures they return are printed after each and, at the end, all together as the README's "## Figures"
// table, in its order, with the ratios the README's table had before this run beside the new ones.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { figuresTable, inReadmeOrder, readPrevious, type Figure } from './figures.js';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
const { order, ratios: previous } = readPrevious(join(here, '..', 'README.md'));
const figures: Figure[] = [];

for (const file of files) {
  console.log(`\n## ${file.replace('.bench.ts', '')}`);
  const module = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<Figure[] | void> };
  const returned = (await module.run()) ?? [];
  if (returned.length > 0) console.log(`\n${figuresTable(returned, previous)}`);
  figures.push(...returned);
}
if (files.length > 1) console.log(`\n## Figures (README.md)\n\n${figuresTable(inReadmeOrder(figures, previous, order), previous)}`);

/**
 * The package's public API is a promise: `src/index.ts` exports constructs, their props, documented helpers and the
 * types those mention, and `docs/api-report.md` lists every name with its kind. A change to the exports without a
 * regenerated report (`npm run api-report`) fails here, so every change of the surface shows in review.
 */
import * as fs from 'fs';
import { z } from 'zod';
import * as lib from '../src';
import { API_REPORT_FILE, apiEntries, apiReport, unexportedReferences } from '../src/tools/api-report';
import { nonEmpty } from './helpers';

const entries = apiEntries();

describe('GIVEN the exports of src/index.ts', () => {
  test('WHEN the API report is generated THEN it equals the committed docs/api-report.md', () => {
    nonEmpty(entries, 'exported name');
    const committed = fs.readFileSync(API_REPORT_FILE, 'utf8');
    const listed = new Set(committed.split('\n').filter((l) => /^[a-z][a-z +]* \w+$/.test(l)).map((l) => l.split(' ').pop()));
    const added = entries.map((e) => e.name).filter((n) => !listed.has(n));
    const removed = [...listed].filter((n) => !entries.some((e) => e.name === n));
    // names first, so the failure says what changed; then the whole text (kinds, counts)
    expect({ added, removed, fix: 'run npm run api-report and commit docs/api-report.md' }).toEqual({ added: [], removed: [], fix: expect.any(String) });
    expect(apiReport(entries)).toBe(committed);
  }, 120000);

  test('WHEN the package is loaded THEN its runtime exports are exactly the values of the report, and none is a zod schema', () => {
    const values = entries.filter((e) => /class|function|const/.test(e.kind)).map((e) => e.name).sort();
    expect(Object.keys(lib).sort()).toEqual(nonEmpty(values, 'exported value'));
    const schemas = Object.entries(lib).filter(([, v]) => v instanceof z.ZodType).map(([k]) => k);
    expect(schemas).toEqual([]);
    expect(entries.filter((e) => /(Schema|Shape)$/.test(e.name))).toEqual([]);
  }, 120000);

  test('WHEN the public signatures are read THEN every type they name is exported too (a user can name it)', () => {
    expect(unexportedReferences()).toEqual([]);
  }, 120000);
});

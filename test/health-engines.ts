/**
 * The two health languages of the GitOps engines, run for real: Argo CD's Lua health scripts in a Lua VM
 * (fengari, Lua 5.3; Argo CD runs gopher-lua 5.1 — the scripts use only what both have), Flux's `healthCheckExprs`
 * with a CEL evaluator (@bufbuild/cel).
 */
import { isCelError, run } from '@bufbuild/cel';
// fengari ships no type declarations
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fengari = require('fengari');

/** The statuses Argo CD accepts from a health script. */
export const ARGO_HEALTH_STATUSES = ['Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing', 'Unknown'];

function luaLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `{${v.map(luaLiteral).join(', ')}}`;
  return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `[${JSON.stringify(k)}] = ${luaLiteral(x)}`).join(', ')}}`;
}

/**
 * Runs one Argo CD health script the way Argo CD does: `obj` is the live object as a global, the chunk returns
 * the health table. Throws on a Lua error or a result Argo CD would refuse.
 */
export function runArgoHealth(script: string, obj: unknown): { status: string; message: string } {
  const { lua, lauxlib, lualib, to_luastring } = fengari;
  const L = lauxlib.luaL_newstate();
  lualib.luaL_openlibs(L);
  const chunk = [
    `obj = ${luaLiteral(obj)}`,
    `local hs = (function()\n${script}\nend)()`,
    'if type(hs) ~= "table" then error("the script returned " .. type(hs) .. ", not a table") end',
    'return hs.status, hs.message',
  ].join('\n');
  if (lauxlib.luaL_dostring(L, to_luastring(chunk)) !== lua.LUA_OK) throw new Error(`Lua error: ${lua.lua_tojsstring(L, -1)}`);
  const status = lua.lua_type(L, -2) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -2) : undefined;
  const message = lua.lua_type(L, -1) === lua.LUA_TSTRING ? lua.lua_tojsstring(L, -1) : undefined;
  if (!status || !ARGO_HEALTH_STATUSES.includes(status)) throw new Error(`health script returned status ${String(status)}; Argo CD accepts ${ARGO_HEALTH_STATUSES.join(', ')}`);
  if (message === undefined) throw new Error('health script returned no message string');
  return { status, message };
}

function toCel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (v !== null && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  return v;
}

/** One `healthCheckExprs` entry of a Flux Kustomization. */
export interface FluxHealthExpr {
  readonly current: string;
  readonly failed?: string;
  readonly inProgress?: string;
}

/**
 * Flux's verdict on one object: the object's top-level fields are the CEL variables; `inProgress`, `failed`,
 * `current` are evaluated in that order and the first true one decides; none true means InProgress (Flux waits until
 * the Kustomization's timeout). An object without `status` is in progress. `errors` lists evaluation errors (Flux
 * also waits on those, logging them), so a test can require that there are none.
 */
export function runFluxHealth(expr: FluxHealthExpr, obj: Record<string, unknown>): { status: 'InProgress' | 'Failed' | 'Current'; errors: string[] } {
  const errors: string[] = [];
  if (obj.status === undefined) return { status: 'InProgress', errors };
  const vars = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, toCel(v)])) as Record<string, any>;
  const order: [string | undefined, 'InProgress' | 'Failed' | 'Current'][] = [[expr.inProgress, 'InProgress'], [expr.failed, 'Failed'], [expr.current, 'Current']];
  for (const [e, verdict] of order) {
    if (e === undefined) continue;
    const r = run(e, vars);
    if (isCelError(r)) { errors.push(`${e}: ${r.message}`); continue; }
    if (typeof r !== 'boolean') { errors.push(`${e}: returned ${typeof r}, not a bool`); continue; }
    if (r) return { status: verdict, errors };
  }
  return { status: 'InProgress', errors };
}

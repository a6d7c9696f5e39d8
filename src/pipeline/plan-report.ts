/** The plan as text (terminal) and as Markdown (a pull-request comment). */
import { CLASS_TITLES } from '../plan/classify';
import { AppPlan, PlannedChange, SitePlan } from './plan';

const show = (v: unknown): string => {
  if (v === undefined) return '(unset)';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};
const obj = (c: PlannedChange) => `${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`;
const STATUS = { 0: 'safe', 2: 'needs an explicit allow', 1: 'refused' } as const;
const MAX_SAFE = 12;

/** How to allow a change that needs it: the site acknowledgement (and, for immutable fields, the three strategies). */
export function howToAllow(c: PlannedChange, engine: string): string[] {
  const base = `site.allowChange({ kind: '${c.kind}', name: '${c.name}'${c.namespace ? `, namespace: '${c.namespace}'` : ''}, reason: '…'`;
  if (c.class === 'immutable') {
    const mark = (s: string, e: string) => (engine === e ? `${s} (this site's engine)` : s);
    return [
      'choose how it reaches the cluster (the API server refuses it on the existing object):',
      `  1. a new, versioned name: rename the object (e.g. ${c.name}-v2) and ${base}, strategy: 'new-name', newName: '${c.name}-v2' }) — synth writes a migration note`,
      `  2. ${mark(`Argo CD recreates it: ${base}, strategy: 'argocd-replace' })`, 'argocd')}`,
      `  3. ${mark(`Flux recreates it: ${base}, strategy: 'flux-force' })`, 'flux')}`,
    ];
  }
  if (c.class === 'destructive') return [`allow it: ${base} }) in the site, or --allow destructive`];
  return [`allow it: ${base} }) in the site once you have a plan for the data`];
}

function changeLine(c: PlannedChange): string {
  const where = c.op === 'changed' ? `${c.path}: ${show(c.before)} → ${show(c.after)}` : c.op;
  return `${obj(c)}  ${where}`;
}

function versionLine(p: SitePlan): string {
  const v = (x: SitePlan['before']) => [x.rook ? `Rook ${x.rook}` : '', ...Object.entries(x.cephImages).map(([k, i]) => `${k} ${i}`), x.topolvm ? `TopoLVM ${x.topolvm}` : ''].filter((s) => s).join(', ') || '-';
  const b = v(p.before);
  const a = v(p.after);
  return b === a ? a : `${b}  →  ${a}`;
}

export function renderText(plan: AppPlan): string {
  const L: string[] = [];
  for (const p of plan.sites) {
    L.push(`site ${p.site}: ${p.isNew ? 'new site (nothing committed yet)' : STATUS[p.exitCode]} (exit ${p.exitCode})`);
    L.push(`  versions: ${versionLine(p)}`);
    for (const f of p.findings) {
      L.push(`  ${f.kind === 'refused' ? 'REFUSED' : f.kind === 'undeclared' ? 'NEEDS ALLOW' : f.kind === 'note' ? 'NOTE' : 'UPGRADE'}  ${f.title}`);
      for (const d of f.detail) L.push(`      ${d}`);
    }
    const notSafe = p.changes.filter((c) => c.class !== 'safe');
    const told = new Set<string>();
    for (const c of notSafe) {
      L.push(`  ${CLASS_TITLES[c.class].toUpperCase()}  ${changeLine(c)}`);
      L.push(`      ${c.why}${c.restarts ? `; restarts: ${c.restarts}` : ''}`);
      const key = `${c.class} ${obj(c)}`;
      if (c.needsAllow && told.has(key)) L.push(`      ${c.allowedBy ? 'allowed' : 'allow'} as above`);
      else if (c.needsAllow) {
        told.add(key);
        if (c.allowedBy) L.push(`      allowed by ${c.allowedBy}${c.strategy ? ` (strategy ${c.strategy})` : c.class === 'immutable' ? ' (no strategy: delete the object by hand right before the sync)' : ''}`);
        else for (const h of howToAllow(c, p.engine)) L.push(`      ${h}`);
      }
    }
    const safe = p.changes.filter((c) => c.class === 'safe');
    if (safe.length > 0) {
      L.push(`  safe: ${safe.length} change${safe.length > 1 ? 's' : ''}`);
      for (const c of safe.slice(0, MAX_SAFE)) L.push(`      ${changeLine(c)}`);
      if (safe.length > MAX_SAFE) L.push(`      … and ${safe.length - MAX_SAFE} more`);
    }
    for (const f of p.files) L.push(`  file ${f.op}: ${f.path}${f.path.startsWith('host/') ? ' (node files: apply them by hand, see host/README.md)' : ''}`);
    for (const a of p.unusedAllows) L.push(`  note: ${a} matches no change of this plan (synced already?): remove it`);
    if (!p.isNew && p.changes.length === 0 && p.files.length === 0) L.push('  no changes');
  }
  L.push(`plan: ${plan.sites.length} site(s), exit ${plan.exitCode} (${STATUS[plan.exitCode]})`);
  return L.join('\n');
}

const md = (s: string) => s.replace(/\|/g, '\\|');

export function renderMarkdown(plan: AppPlan): string {
  const icon = { 0: '✅', 2: '⚠️', 1: '⛔' } as const;
  const L: string[] = [`## gitops-storage plan: ${icon[plan.exitCode]} ${STATUS[plan.exitCode]}`, ''];
  L.push('| site | result | versions | changes |', '|---|---|---|---|');
  for (const p of plan.sites) {
    const counts = Object.entries(p.changes.reduce<Record<string, number>>((acc, c) => ({ ...acc, [CLASS_TITLES[c.class]]: (acc[CLASS_TITLES[c.class]] ?? 0) + 1 }), {})).map(([k, n]) => `${n} ${k}`).join(', ');
    L.push(`| ${p.site} | ${icon[p.exitCode]} ${p.isNew ? 'new site' : STATUS[p.exitCode]} | ${md(versionLine(p))} | ${counts || (p.files.length ? `${p.files.length} file(s)` : 'none')} |`);
  }
  for (const p of plan.sites) {
    const notSafe = p.changes.filter((c) => c.class !== 'safe');
    if (notSafe.length === 0 && p.findings.length === 0 && p.files.length === 0 && p.unusedAllows.length === 0) continue;
    L.push('', `### ${p.site}`, '');
    for (const f of p.findings) {
      L.push(`- ${f.kind === 'refused' ? '⛔ **refused**' : f.kind === 'undeclared' ? '⚠️ **needs allow**' : f.kind === 'note' ? 'ℹ️ **note**' : '⬆️ **upgrade**'}: ${md(f.title)}`);
      for (const d of f.detail) L.push(`  - ${md(d)}`);
    }
    if (notSafe.length > 0) {
      L.push('', '| class | object | change | what it means | allowed |', '|---|---|---|---|---|');
      for (const c of notSafe) {
        const change = c.op === 'changed' ? `\`${c.path}\`: \`${show(c.before)}\` → \`${show(c.after)}\`` : c.op;
        const allowed = !c.needsAllow ? '' : c.allowedBy ? `✅ ${c.allowedBy}${c.strategy ? ` (${c.strategy})` : ''}` : '⚠️ no';
        L.push(`| ${CLASS_TITLES[c.class]} | ${md(obj(c))} | ${md(change)} | ${md(c.why)}${c.restarts ? ` (restarts: ${md(c.restarts)})` : ''} | ${md(allowed)} |`);
      }
      const open = notSafe.filter((c) => c.needsAllow && !c.allowedBy);
      if (open.length > 0) {
        L.push('', '<details><summary>How to allow</summary>', '');
        const seen = new Set<string>();
        for (const c of open) {
          if (seen.has(`${c.class} ${obj(c)}`)) continue;
          seen.add(`${c.class} ${obj(c)}`);
          L.push(`- ${md(obj(c))}:`, ...howToAllow(c, p.engine).map((h) => `  ${h.trim().startsWith('choose') ? '' : '- '}${h.trim()}`));
        }
        L.push('', '</details>');
      }
    }
    const safe = p.changes.filter((c) => c.class === 'safe').length;
    if (safe > 0) L.push('', `${safe} safe change${safe > 1 ? 's' : ''} (metadata, new objects, settings applied in place).`);
    if (p.files.length > 0) L.push('', `Files: ${p.files.map((f) => `\`${f.path}\` ${f.op}`).join(', ')}`);
    for (const a of p.unusedAllows) L.push('', `Note: \`${md(a)}\` matches no change of this plan: remove it.`);
  }
  return L.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}

/**
 * Checks every construct shares: references stay inside one Site, names that default to the construct id are
 * valid names, and list entries that must be unique are.
 */
import { IConstruct } from 'constructs';
import { z } from 'zod';
import { ConfigError, suggestDnsName } from '../foundation/errors';
import { Site } from './site';

/**
 * Refuses a reference to a construct of another Site: each Site is one cluster, rendered into its own folder, so
 * its objects may only name what that cluster has. `what` names the referenced thing, e.g. "cluster", "pool".
 */
export function requireSameSite(self: IConstruct, field: string, ref: unknown, what: string): void {
  if (typeof ref !== 'object' || ref === null || typeof (ref as IConstruct).node !== 'object') return;
  const mine = Site.of(self);
  let theirs: Site | undefined;
  try {
    theirs = Site.of(ref as IConstruct);
  } catch {
    theirs = undefined;
  }
  if (theirs === mine) return;
  const refPath = (ref as IConstruct).node.path;
  throw new ConfigError({
    path: `${self.node.path}: ${field}`,
    problem: theirs
      ? `the ${what} ${refPath} belongs to site "${theirs.siteName}", not to site "${mine.siteName}" of this construct; every site is its own cluster, so site "${mine.siteName}" would name a ${what} it never creates`
      : `the ${what} ${refPath} is not in any Site, so site "${mine.siteName}" would name a ${what} it never creates`,
    value: refPath,
    allowed: `a ${what} created in site "${mine.siteName}"`,
    fix: `create the ${what} inside site "${mine.siteName}" (with that Site, or a construct in it, as scope) and pass that one`,
  });
}

/**
 * The name of an object that defaults to the construct id: returns `name ?? id`, and when the id is used and is not
 * a valid name, throws a ConfigError that says the name came from the id and how to fix it.
 */
export function nameOrId(path: string, name: string | undefined, id: string, schema: z.ZodType<string>, kind: string): string {
  if (name !== undefined) return name;
  if (schema.safeParse(id).success) return id;
  const suggestion = suggestDnsName(id.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
  throw new ConfigError({
    path: `${path}: name`,
    problem: `no name is set, so the ${kind} is named after the construct id "${id}", which is not a valid ${kind} name`,
    value: id,
    allowed: 'lower-case letters, digits and "-" (and "." in DNS-1123 names), starting and ending with a letter or digit, at most 63 characters',
    fix: `set name: "${suggestion}", or use an id like "${suggestion}"`,
  });
}

/**
 * The id a construct is created with, checked before the constructs library sees it: an empty id or one a sibling
 * already has would otherwise fail with that library's own error, which names neither the field nor the fix.
 */
import { Construct, IConstruct } from 'constructs';
import { ConfigError, suggestDnsName } from './errors';

/** Returns `id` when `scope` can take a child of that id; throws a ConfigError otherwise. Use as `super(scope, constructId(scope, id, 'RookCluster'))`. */
export function constructId(scope: IConstruct, id: string, kind: string): string {
  if (!scope || typeof scope !== 'object' || !Construct.isConstruct(scope)) {
    throw new ConfigError({
      path: `${kind} ${JSON.stringify(String(id))}: scope`,
      problem: `the scope of a ${kind} must be a construct (a Site, or a construct inside one)`,
      value: scope === undefined ? 'undefined' : scope,
      allowed: 'a Site or a construct in a Site',
      fix: `create it as new ${kind}(site, id, props)`,
    });
  }
  const where = scope.node.path || '(app)';
  if (typeof id !== 'string' || id.trim() === '') {
    throw new ConfigError({
      path: `${where}: ${kind} id`,
      problem: `the construct id of a ${kind} is ${typeof id === 'string' ? 'empty' : `a ${typeof id}, not a string`}; the id names the construct in every message and is its default object name`,
      value: typeof id === 'string' ? id : String(id),
      allowed: 'a non-empty string, unique among its siblings, e.g. "cluster"',
      fix: `pass an id such as "${kind === 'Site' ? 'dc1' : suggestDnsName(kind)}"`,
    });
  }
  const existing = scope.node.tryFindChild(id);
  if (existing) {
    throw new ConfigError({
      path: `${where}/${id}`,
      problem: `the id "${id}" is already used by ${existing.constructor.name} ${existing.node.path}; ids must be unique among the constructs of one scope`,
      value: id,
      allowed: `an id that no other construct in ${where} has`,
      fix: `give this ${kind} another id (when no name is set, the id is also the object name)`,
    });
  }
  return id;
}

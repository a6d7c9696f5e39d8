import { ApiObject } from 'cdk8s';
import { checkPathKeys } from './plain-value';

/**
 * Sets `value` at `path` of an object's rendered manifest, after the typed L1 binding has mapped its props to JSON.
 *
 * The generated `toJson_*` mappers keep only the keys the binding knows, so a user-supplied Kubernetes fragment that
 * props type only as a record (e.g. a node affinity) would lose a misspelt key silently. Set such fragments here
 * instead: they reach the strict schema validation of the site's Kubernetes version as written.
 */
export function setRawJson(obj: ApiObject, path: readonly string[], value: unknown): void {
  if (value === undefined) return;
  checkPathKeys(`${obj.node.path}: ${path.join('.')}`, path);
  const render = obj.toJson.bind(obj);
  obj.toJson = () => {
    const json = render();
    let at = json;
    for (const k of path.slice(0, -1)) at = at[k] ??= {};
    at[path[path.length - 1]] = value;
    return json;
  };
}

/**
 * The base of every construct of this package (except `Site`, a cdk8s Chart, and `StorageApp`, the App): it runs the
 * construct-id guard (`constructId`) before the constructs library sees the id, so an empty id, an id a sibling
 * already has or a scope that is not a construct is a ConfigError naming the construct, the value and the fix, in
 * every construct alike. `test/construct-guard.test.ts` proves it for every exported construct class.
 */
import { Construct } from 'constructs';
import { constructId } from '../foundation/construct-id';

/** A construct of gitops-storage: `super(scope, id)` checks the id (see `constructId`) before creating the node. */
export abstract class StorageConstruct extends Construct {
  /**
   * @param kind the class name users write, used in messages; defaults to the name of the class being constructed
   */
  protected constructor(scope: Construct, id: string, kind?: string) {
    super(scope, constructId(scope, id, kind ?? new.target.name));
  }
}

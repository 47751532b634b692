import type { RobotFamily } from '../../policies/policy.js';
import { armDemoSource } from './arm-demo-source.js';
import type { DemoSource } from './demo-source.js';
import { navDemoSource } from './nav-demo-source.js';

/** Demonstration sources by robot family. */
const SOURCES: Partial<Record<RobotFamily, DemoSource<unknown>>> = {
  'mobile-base': navDemoSource as DemoSource<unknown>,
  arm: armDemoSource as DemoSource<unknown>,
};

export function demoSourceFor(family: RobotFamily): DemoSource<unknown> {
  const source = SOURCES[family];
  if (!source) {
    throw new Error(`no demonstration source for robot family "${family}" yet; families with one: ${Object.keys(SOURCES).join(', ')}`);
  }
  return source;
}

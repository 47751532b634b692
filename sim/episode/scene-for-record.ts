import { basename } from 'node:path';
import type { AnyResolvedScenario } from '../../scenarios/index.js';

/** The resolved scene as plain data for the record header, without the robot's provenance text. */
export function sceneForRecord(scene: AnyResolvedScenario): unknown {
  switch (scene.family) {
    case 'arm': {
      // The URDF by its name, not this machine's path: records are the same bytes on every machine.
      const { robot, urdfPath, ...rest } = scene;
      return { ...rest, urdf: basename(urdfPath), robot: { ...robot, source: undefined } };
    }
    case 'mobile-base':
      return {
        arena: scene.arena,
        start: scene.start,
        goal: scene.goal,
        robot: scene.robot,
        scan: scene.scan,
        props: scene.props,
        durationSec: scene.durationSec,
      };
  }
}

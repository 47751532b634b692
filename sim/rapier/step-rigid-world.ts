import type RAPIER_NS from '@dimforge/rapier3d-deterministic-compat';

/**
 * One physics step of a world that holds rigid bodies only. `World.step` runs the same pipeline
 * step and then re-wraps every body and collider handle in JavaScript (one callback per body and
 * per collider, plus a membership check of each) so it can pick up the pieces a soft body tore
 * off during the step. Erosion's worlds have no soft bodies and create every body and collider
 * through the world, which wraps them as it creates them, so that bookkeeping finds nothing and
 * cost a quarter of a crowded corridor's step. The physics is the same call: results are
 * bit-identical (the replay fingerprints hold).
 */
export function stepRigidWorld(world: RAPIER_NS.World, events: RAPIER_NS.EventQueue): void {
  if (world.softBodies.len() > 0) {
    world.step(events);
    return;
  }
  world.physicsPipeline.step(
    world.gravity,
    world.integrationParameters,
    world.islands,
    world.broadPhase,
    world.narrowPhase,
    world.bodies,
    world.colliders,
    world.softBodies,
    world.impulseJoints,
    world.multibodyJoints,
    world.ccdSolver,
    events,
  );
}

import type { AnyResolvedScenario, ResolvedArmScenario, ResolvedScenario } from '../../scenarios/index.js';
import { armControl } from '../../sim/episode/arm-control.js';
import { baseControl, STOP } from '../../sim/episode/base-control.js';
import { decideBaseCommand, type BaseCommand, type CommandFrame, type Frame, type ObservationContext } from '../../sim/index.js';
import type { WorldCommand } from '../../sim/world.js';
import type { EnvelopeOffer, EnvelopeState } from '../envelope/safety-envelope.js';
import type { RobotCommand } from '../world/rosbridge-world.js';

/**
 * One robot family's side of a live episode: the simulator's own observation context, action →
 * command decision (NaN guard, clamps, the arm's IK step) and goal test, plus what the envelope
 * actually did, so the next decision starts from the command the robot really got.
 */
export interface LiveControl {
  context(frame: Frame): ObservationContext;
  decide(action: number[], frame: Frame): { applied: WorldCommand; command: CommandFrame; clamps: string[] };
  /** The envelope's decision on the last command, and its state after it. */
  sent(offer: EnvelopeOffer<RobotCommand> | undefined, state: EnvelopeState): void;
  reached(frame: Frame): boolean;
}

/** A mobile base: the sim's decideBaseCommand, its acceleration clamp starting from what was really sent. */
export function baseLiveControl(scene: ResolvedScenario, ctrlDtSec: number): LiveControl {
  // The simulator's route, observation and goal test; only the clamp's starting point differs.
  const control = baseControl(scene, ctrlDtSec);
  let applied: BaseCommand = STOP;
  return {
    context: control.context,
    decide: (action) => decideBaseCommand(action, applied, scene.robot, ctrlDtSec),
    sent(offer, state) {
      if (offer?.kind === 'send') applied = offer.command as BaseCommand;
      else if (offer?.kind === 'stop' || state !== 'ready') applied = STOP;
    },
    reached: control.reached,
  };
}

/**
 * An arm: the simulator's own arm control (route, observation, the damped-least-squares IK step
 * with joint speed and range limits). Its IK starts from the measured joint state every tick, so
 * nothing needs feeding back.
 */
export function armLiveControl(scene: ResolvedArmScenario, ctrlDtSec: number): LiveControl {
  const control = armControl(scene, ctrlDtSec);
  return { context: control.context, decide: control.decide, sent: () => {}, reached: control.reached };
}

/** The live control of the scene's robot family. */
export function liveControlFor(scene: AnyResolvedScenario, ctrlDtSec: number): LiveControl {
  switch (scene.family) {
    case 'mobile-base':
      return baseLiveControl(scene, ctrlDtSec);
    case 'arm':
      return armLiveControl(scene, ctrlDtSec);
  }
}

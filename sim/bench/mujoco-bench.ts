// `npm run bench -- --only mujoco`: Erosion's navigation world (Rapier step + planar scan, as
// built) against MuJoCo (WASM) on the same scene, side by side in this process: the bundled
// crowded corridor with two shelves added, a box robot driving down it, people as capsule
// figures walking both ways, 180 beams at the control rate, dt 1/240 s. MuJoCo gets the scene as
// MJCF written from the same resolved scenario, its people moved as mocap bodies along the same
// walks, and its beams cast by its batched ray call.

import { HUMAN_PROXY } from '../body-model.js';
import { findAnyScenario, resolveScenario, scenarioHash, type AnyLoadedScenario, type ResolvedScenario, type ScenarioSpec } from '../../scenarios/index.js';
import { createRapierWorld, HumanWalker, type RapierWorld } from '../rapier/index.js';
import type { BenchFigures, BenchSection } from './bench-section.js';
import { cpuMs } from './cpu-clock.js';

const SCENARIO = 'nav/crowded-corridor';
const LEVEL = 1;
const SEED = 0;
const DRIVE_MPS = 0.5;

/** The crowded corridor with two shelves along its walls: the "few static boxes" of the scene. */
function corridorWithShelves(): AnyLoadedScenario {
  const loaded = findAnyScenario(SCENARIO);
  const spec = loaded.spec as ScenarioSpec;
  const shelf = (id: string, xM: number, yM: number): ScenarioSpec['props'][number] =>
    ({ kind: 'wall', id, centerM: { xM, yM }, lengthM: 2, thicknessM: 0.4, heightM: 1.5, yawRad: 0, seeThrough: false }) as ScenarioSpec['props'][number];
  const scene: ScenarioSpec = { ...spec, props: [...spec.props, shelf('shelf-north', 6, 1.75), shelf('shelf-south', 10, -1.75)] };
  return { spec: scene, hash: scenarioHash(scene), source: loaded.source };
}

const f = (x: number): string => x.toFixed(5);

/** The resolved scene as MJCF: the same boxes, capsules, masses and step as the Rapier world builds. */
export function corridorMjcf(scene: ResolvedScenario): string {
  const { lengthM, widthM } = scene.arena;
  const t = 0.05;
  const wallH = 0.5;
  const box = (name: string, cx: number, cy: number, hx: number, hy: number, hz: number, yaw = 0): string =>
    `<geom name="${name}" type="box" size="${f(hx)} ${f(hy)} ${f(hz)}" pos="${f(cx)} ${f(cy)} ${f(hz)}" euler="0 0 ${f(yaw)}"/>`;
  const walls = [
    box('wall-north', lengthM / 2, widthM / 2 + t, lengthM / 2 + 2 * t, t, wallH),
    box('wall-south', lengthM / 2, -widthM / 2 - t, lengthM / 2 + 2 * t, t, wallH),
    box('wall-west', -t, 0, t, widthM / 2, wallH),
    box('wall-east', lengthM + t, 0, t, widthM / 2, wallH),
    ...scene.props.flatMap((p) => (p.kind === 'wall' ? [box(p.id, p.centerM.xM, p.centerM.yM, p.lengthM / 2, p.thicknessM / 2, p.heightM / 2, p.yawRad)] : [])),
  ];
  const people = scene.props.flatMap((p) => {
    if (p.kind !== 'human') return [];
    const s = p.heightM / 1.75;
    const parts = HUMAN_PROXY.map((part) => {
      const z0 = part.z0 * p.heightM;
      const z1 = Math.max(z0 + 0.002, part.z1 * p.heightM);
      return `<geom type="capsule" size="${f(part.radiusM * s)}" fromto="${f(part.xM * s)} ${f(part.yM * s)} ${f(z0)} ${f(part.xM * s)} ${f(part.yM * s)} ${f(z1)}"/>`;
    });
    return [`<body name="${p.id}" mocap="true" pos="${f(p.waypointsM[0]!.xM)} ${f(p.waypointsM[0]!.yM)} 0">${parts.join('')}</body>`];
  });
  const r = scene.robot;
  return `<mujoco model="erosion-corridor">
  <option timestep="${1 / scene.physicsHz}" gravity="0 0 -9.81"/>
  <worldbody>
    <geom name="floor" type="plane" size="${f(lengthM / 2 + 1)} ${f(widthM / 2 + 1)} 0.1" pos="${f(lengthM / 2)} 0 0" friction="${f(scene.floorFriction)} 0.005 0.0001"/>
    ${walls.join('\n    ')}
    ${people.join('\n    ')}
    <body name="robot" pos="${f(scene.start.xM)} ${f(scene.start.yM)} ${f(r.heightM / 2)}" euler="0 0 ${f(scene.start.yawRad)}">
      <joint name="x" type="slide" axis="1 0 0"/>
      <joint name="y" type="slide" axis="0 1 0"/>
      <joint name="z" type="slide" axis="0 0 1"/>
      <joint name="yaw" type="hinge" axis="0 0 1"/>
      <geom name="chassis" type="box" size="${f(r.lengthM / 2)} ${f(r.widthM / 2)} ${f(r.heightM / 2)}" mass="${f(r.massKg)}" friction="0 0 0"/>
    </body>
  </worldbody>
</mujoco>`;
}

interface Side {
  cpuMs: number;
  wallMs: number;
  /** Wall ms inside the engine's own step. */
  stepMs: number;
  /** Wall ms of the sensing ticks beyond a plain step (Erosion) or in the batched ray call (MuJoCo). */
  scanMs: number;
  /** How far the robot drove and the mean range of its last scan: the two sides must agree roughly. */
  travelM: number;
  meanRangeM: number;
}

/** Erosion's world as built: step every physics tick, sense (scan + line of sight) at control ticks. */
async function erosionRun(scenario: AnyLoadedScenario, steps: number): Promise<Side> {
  const world = (await createRapierWorld(scenario.spec, LEVEL)) as RapierWorld;
  try {
    world.reset(SEED);
    const scene = world.resolved;
    world.apply({ linearMps: DRIVE_MPS, angularRadps: 0 });
    const perControl = scene.physicsHz / scene.controlHz;
    const dt = 1 / scene.physicsHz;
    let stepMs = 0;
    let senseTickMs = 0;
    let plainTickMs = 0;
    let senseTicks = 0;
    world.engineStepWrap = (stepEngine) => {
      const t = performance.now();
      stepEngine();
      stepMs += performance.now() - t;
    };
    let meanRangeM = 0;
    let travelM = 0;
    const cpu0 = cpuMs();
    const wall0 = performance.now();
    for (let k = 0; k < steps; k++) {
      const sense = (k + 1) % perControl === 0;
      const t = performance.now();
      const frame = world.step(dt, { sense });
      travelM = frame.robot.positionM.x - scene.start.xM;
      if (frame.scan) meanRangeM = frame.scan.rangesM.reduce((a, b) => a + b, 0) / frame.scan.rangesM.length;
      if (sense) {
        senseTickMs += performance.now() - t;
        senseTicks += 1;
      } else plainTickMs += performance.now() - t;
    }
    const wallMs = performance.now() - wall0;
    const cpu = cpuMs() - cpu0;
    const plainPerTick = plainTickMs / Math.max(1, steps - senseTicks);
    return { cpuMs: cpu, wallMs, stepMs, scanMs: Math.max(0, senseTickMs - senseTicks * plainPerTick), travelM, meanRangeM };
  } finally {
    world.close();
  }
}

type Mujoco = Awaited<ReturnType<typeof import('@mujoco/mujoco').default>>;

/** MuJoCo on the same scene: mocap people on the same walks, the robot driven at the same speed, batched rays at control ticks. */
function mujocoRun(mj: Mujoco, scene: ResolvedScenario, steps: number): Side {
  const model = mj.MjModel.from_xml_string(corridorMjcf(scene));
  const data = new mj.MjData(model);
  const beams = scene.scan.beams;
  const geomid = new mj.IntBuffer(beams);
  const dist = new mj.DoubleBuffer(beams);
  const normal = new mj.DoubleBuffer(3 * beams);
  try {
    const walkers = scene.props.flatMap((p) => (p.kind === 'human' ? [new HumanWalker(p)] : []));
    const robotBody = model.body('robot').id as number;
    const perControl = scene.physicsHz / scene.controlHz;
    const dt = 1 / scene.physicsHz;
    const vec = new Array<number>(3 * beams).fill(0);
    const inc = (2 * Math.PI) / beams;
    let stepMs = 0;
    let scanMs = 0;
    let meanRangeM = 0;
    const never = (): number => Number.POSITIVE_INFINITY;
    mj.mj_forward(model, data);
    const cpu0 = cpuMs();
    const wall0 = performance.now();
    for (let k = 0; k < steps; k++) {
      // Live views into the engine's memory: taken per step, as the bindings may move the heap.
      const mocapPos = data.mocap_pos as Float64Array;
      const mocapQuat = data.mocap_quat as Float64Array;
      const qpos = data.qpos as Float64Array;
      const qvel = data.qvel as Float64Array;
      walkers.forEach((w, i) => {
        w.advance(k * dt, dt, never);
        const pose = w.pose();
        mocapPos[3 * i] = pose.xM;
        mocapPos[3 * i + 1] = pose.yM;
        mocapQuat[4 * i] = Math.cos(pose.headingRad / 2);
        mocapQuat[4 * i + 3] = Math.sin(pose.headingRad / 2);
      });
      const yaw = scene.start.yawRad + qpos[3]!;
      qvel[0] = DRIVE_MPS * Math.cos(yaw);
      qvel[1] = DRIVE_MPS * Math.sin(yaw);
      qvel[3] = 0;
      let t = performance.now();
      mj.mj_step(model, data);
      stepMs += performance.now() - t;
      if ((k + 1) % perControl === 0) {
        t = performance.now();
        const x = qpos[0]! + scene.start.xM;
        const y = qpos[1]! + scene.start.yM;
        const heading = scene.start.yawRad + qpos[3]!;
        for (let i = 0; i < beams; i++) {
          const a = heading - Math.PI + i * inc;
          vec[3 * i] = Math.cos(a);
          vec[3 * i + 1] = Math.sin(a);
        }
        mj.mj_multiRay(model, data, [x, y, scene.scan.heightM], vec, ALL_GROUPS, true, robotBody, geomid, dist, normal, beams, scene.scan.rangeMaxM);
        scanMs += performance.now() - t;
        // A beam that meets nothing within range reads -1; count it as the range, as the scan does.
        const d = dist.GetView() as Float64Array;
        let total = 0;
        for (let i = 0; i < beams; i++) total += d[i]! < 0 ? scene.scan.rangeMaxM : d[i]!;
        meanRangeM = total / beams;
      }
    }
    const travelM = (data.qpos as Float64Array)[0]!;
    return { cpuMs: cpuMs() - cpu0, wallMs: performance.now() - wall0, stepMs, scanMs, travelM, meanRangeM };
  } finally {
    normal.delete();
    dist.delete();
    geomid.delete();
    data.delete();
    model.delete();
  }
}

/** No geom-group filter: the binding types the filter as an array but takes null for "every group", as the C API does. */
const ALL_GROUPS = null as unknown as number[];

const sum = (sides: Side[], k: keyof Side): number => sides.reduce((s, x) => s + x[k], 0);

export const mujocoBench: BenchSection = {
  name: 'mujoco',
  summary: "Erosion's navigation world (step + scan as built) against MuJoCo-WASM on the same corridor scene",
  async run({ log, settings }): Promise<BenchFigures> {
    const steps = Number(settings['mujoco-steps'] ?? 2400);
    const rounds = Number(settings['mujoco-rounds'] ?? 5);
    let mj: Mujoco;
    try {
      mj = await (await import('@mujoco/mujoco')).default();
    } catch (err) {
      return { skipped: `@mujoco/mujoco did not load: ${(err as Error).message.split('\n')[0]}` };
    }
    if (typeof mj.mj_multiRay !== 'function') return { skipped: 'this @mujoco/mujoco binding has no mj_multiRay' };
    const scenario = corridorWithShelves();
    const scene = resolveScenario(scenario.spec as ScenarioSpec, LEVEL, SEED);
    // Warm both up (compilation, first allocations) before anything counts.
    // A whole round first, not counted: the first round ran at half the speed of the others in
    // every run (the JIT still compiling the world's step), which no later round showed.
    await erosionRun(scenario, steps);
    mujocoRun(mj, scene, steps);
    const erosion: Side[] = [];
    const mujoco: Side[] = [];
    for (let round = 0; round < rounds; round++) {
      log(`  round ${round + 1}/${rounds}: ${steps} steps each…`);
      erosion.push(await erosionRun(scenario, steps));
      mujoco.push(mujocoRun(mj, scene, steps));
    }
    const perStepUs = (ms: number): string => ((1000 * ms) / (rounds * steps)).toFixed(1);
    const ticks = rounds * Math.floor(steps / (scene.physicsHz / scene.controlHz));
    const speed = (a: Side[], b: Side[], k: keyof Side): number => Number((sum(b, k) / sum(a, k)).toFixed(2));
    const perRound = erosion.map((e, i) => mujoco[i]!.cpuMs / e.cpuMs);
    const each = perRound.map((x) => x.toFixed(2)).join(', ');
    // The rounds alternate the two sides; the median round is the one a burst of load least skews.
    const sorted = [...perRound].sort((a, b) => a - b);
    const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
    return {
      scene: `${SCENARIO} level ${LEVEL} seed ${SEED} + 2 shelves: ${scene.props.filter((p) => p.kind === 'human').length} people, ${scene.scan.beams} beams at ${scene.controlHz} Hz, dt 1/${scene.physicsHz} s`,
      'Erosion world µs/step (CPU, wall)': `${perStepUs(sum(erosion, 'cpuMs'))}, ${perStepUs(sum(erosion, 'wallMs'))}`,
      'MuJoCo world µs/step (CPU, wall)': `${perStepUs(sum(mujoco, 'cpuMs'))}, ${perStepUs(sum(mujoco, 'wallMs'))}`,
      'Erosion world speed (×MuJoCo, CPU; aim ≥ 1.0)': speed(erosion, mujoco, 'cpuMs'),
      'Erosion world speed (×MuJoCo, CPU, median round)': Number(median.toFixed(2)),
      'Erosion world speed (×MuJoCo, CPU, each round)': each,
      'Erosion world speed (×MuJoCo, wall)': speed(erosion, mujoco, 'wallMs'),
      'engine step µs: Rapier / MuJoCo (wall)': `${perStepUs(sum(erosion, 'stepMs'))} / ${perStepUs(sum(mujoco, 'stepMs'))}`,
      'Rapier step speed (×MuJoCo step)': speed(erosion, mujoco, 'stepMs'),
      'check: robot travel m, last scan mean range m (Erosion | MuJoCo)': `${erosion[0]!.travelM.toFixed(2)}, ${erosion[0]!.meanRangeM.toFixed(2)} | ${mujoco[0]!.travelM.toFixed(2)}, ${mujoco[0]!.meanRangeM.toFixed(2)}`,
      'scan µs per tick: Erosion (scan + sight) / MuJoCo mj_multiRay': `${((1000 * sum(erosion, 'scanMs')) / ticks).toFixed(0)} / ${((1000 * sum(mujoco, 'scanMs')) / ticks).toFixed(0)}`,
    };
  },
};

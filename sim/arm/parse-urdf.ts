import { parseXml, type XmlElement } from '@rgrove/parse-xml';
import type { Vec3 } from '../frame.js';
import type { ArmJoint, ArmLink, ArmModel, CollisionShape, LinkCollision, Pose } from './arm-model.js';
import { InputError } from '../../scenarios/input-error.js';

/** A URDF that cannot be used, with every problem found. */
export class UrdfError extends InputError {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'UrdfError';
  }
}

const children = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c): c is XmlElement => c.type === 'element' && (c as XmlElement).name === name);
const child = (el: XmlElement, name: string): XmlElement | undefined => children(el, name)[0];

function vec3(text: string | undefined, fallback: Vec3, where: string, problems: string[]): Vec3 {
  if (text === undefined) return fallback;
  const parts = text.trim().split(/\s+/).map(Number);
  if (parts.length !== 3 || !parts.every(Number.isFinite)) {
    problems.push(`${where}: "${text}" is not three numbers`);
    return fallback;
  }
  return { x: parts[0]!, y: parts[1]!, z: parts[2]! };
}

function num(text: string | undefined, fallback: number, where: string, problems: string[]): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v)) problems.push(`${where}: "${text}" is not a number`);
  return Number.isFinite(v) ? v : fallback;
}

const ZERO = { x: 0, y: 0, z: 0 };

function pose(el: XmlElement | undefined, where: string, problems: string[]): Pose {
  return {
    xyzM: vec3(el?.attributes.xyz, ZERO, `${where} origin xyz`, problems),
    rpyRad: vec3(el?.attributes.rpy, ZERO, `${where} origin rpy`, problems),
  };
}

function shape(geometry: XmlElement | undefined, where: string, problems: string[]): CollisionShape | undefined {
  const box = geometry && child(geometry, 'box');
  const cyl = geometry && child(geometry, 'cylinder');
  const sphere = geometry && child(geometry, 'sphere');
  if (box) return { kind: 'box', sizeM: vec3(box.attributes.size, ZERO, `${where} box size`, problems) };
  if (cyl) {
    return {
      kind: 'cylinder',
      radiusM: num(cyl.attributes.radius, 0, `${where} cylinder radius`, problems),
      lengthM: num(cyl.attributes.length, 0, `${where} cylinder length`, problems),
    };
  }
  if (sphere) return { kind: 'sphere', radiusM: num(sphere.attributes.radius, 0, `${where} sphere radius`, problems) };
  // Meshes need convex hulls from files; the collision model here is primitives only.
  problems.push(`${where}: collision geometry must be a box, cylinder or sphere`);
  return undefined;
}

/**
 * Pure parse of URDF text into a serial arm from the root link to `tip`. Collision shapes
 * must be primitives; visual meshes are ignored. `source` names the file in errors.
 */
export function parseUrdf(text: string, source: string, tip: string): ArmModel {
  let doc;
  try {
    doc = parseXml(text);
  } catch (err) {
    throw new UrdfError(source, [`not valid XML: ${(err as Error).message}`]);
  }
  const robot = doc.root;
  if (!robot || robot.name !== 'robot') throw new UrdfError(source, ['the root element must be <robot>']);
  const problems: string[] = [];
  const links: ArmLink[] = children(robot, 'link').map((l) => {
    const name = l.attributes.name ?? '';
    const where = `link "${name}"`;
    const collisions: LinkCollision[] = [];
    for (const c of children(l, 'collision')) {
      const s = shape(child(c, 'geometry'), where, problems);
      if (s) collisions.push({ origin: pose(child(c, 'origin'), where, problems), shape: s });
    }
    const mass = child(l, 'inertial') && child(child(l, 'inertial')!, 'mass');
    return { name, massKg: num(mass?.attributes.value, 0, `${where} mass`, problems), collisions };
  });
  const joints: ArmJoint[] = children(robot, 'joint').map((j) => {
    const name = j.attributes.name ?? '';
    const where = `joint "${name}"`;
    const type = j.attributes.type ?? '';
    if (type !== 'revolute' && type !== 'continuous' && type !== 'fixed')
      problems.push(`${where}: type "${type}" is not supported (revolute, continuous, fixed)`);
    const limit = child(j, 'limit');
    if (type === 'revolute' && !limit) problems.push(`${where}: a revolute joint needs <limit>`);
    const axis = vec3(child(j, 'axis')?.attributes.xyz, { x: 1, y: 0, z: 0 }, `${where} axis`, problems);
    const n = Math.hypot(axis.x, axis.y, axis.z);
    if (n < 1e-9) problems.push(`${where}: axis is zero`);
    return {
      name,
      type: type as ArmJoint['type'],
      parent: child(j, 'parent')?.attributes.link ?? '',
      child: child(j, 'child')?.attributes.link ?? '',
      origin: pose(child(j, 'origin'), where, problems),
      axis: n > 0 ? { x: axis.x / n, y: axis.y / n, z: axis.z / n } : axis,
      lowerRad: type === 'continuous' ? -Infinity : num(limit?.attributes.lower, 0, `${where} limit lower`, problems),
      upperRad: type === 'continuous' ? Infinity : num(limit?.attributes.upper, 0, `${where} limit upper`, problems),
      maxVelocityRadps: num(limit?.attributes.velocity, Infinity, `${where} limit velocity`, problems),
      maxEffortNm: num(limit?.attributes.effort, Infinity, `${where} limit effort`, problems),
    };
  });
  const names = new Set(links.map((l) => l.name));
  for (const j of joints) {
    if (!names.has(j.parent)) problems.push(`joint "${j.name}": parent link "${j.parent}" is not defined`);
    if (!names.has(j.child)) problems.push(`joint "${j.name}": child link "${j.child}" is not defined`);
  }
  const childLinks = new Set(joints.map((j) => j.child));
  const roots = links.filter((l) => !childLinks.has(l.name));
  if (roots.length !== 1) problems.push(`expected exactly one root link, found ${roots.map((r) => r.name).join(', ') || 'none'}`);
  if (!names.has(tip)) problems.push(`tip link "${tip}" is not defined`);
  if (problems.length > 0) throw new UrdfError(source, problems);
  // Walk up from the tip to the root: that path is the chain.
  const chain: ArmJoint[] = [];
  let at = tip;
  while (at !== roots[0]!.name) {
    const j = joints.find((x) => x.child === at)!;
    chain.unshift(j);
    at = j.parent;
  }
  const onChain = new Set([roots[0]!.name, ...chain.map((j) => j.child)]);
  const attachments: ArmModel['attachments'] = [];
  for (const j of joints) {
    if (chain.includes(j)) continue;
    if (j.type !== 'fixed') problems.push(`joint "${j.name}": only fixed joints may branch off the chain to "${tip}"`);
    else if (!onChain.has(j.parent)) problems.push(`joint "${j.name}": branches must hang directly off a chain link`);
    else attachments.push({ joint: j, carrier: j.parent });
  }
  if (problems.length > 0) throw new UrdfError(source, problems);
  return { name: robot.attributes.name ?? 'arm', links, chain, attachments, root: roots[0]!.name, tip };
}

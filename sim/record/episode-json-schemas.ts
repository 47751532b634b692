// JSON Schemas (draft 2020-12) of the four messages in an episode MCAP file.
//
// Written inline, without $ref, and with one `type` per property: Foxglove and Lichtblick turn a
// jsonschema into message definitions only from that subset, and refuse a topic whose schema
// uses anything else. Validation-only keywords (enum, required, oneOf, additionalProperties) are
// fine: those readers ignore them.
//
// That subset cannot say "a number, or one of the strings finite-json writes for NaN, ±Infinity
// and -0" (it takes one `type`). So the schemas embedded in a file (EPISODE_JSON_SCHEMAS) carry it
// in words, and EPISODE_VALIDATION_SCHEMAS, derived from them, says it to a JSON Schema validator.

import { NON_FINITE_TOKENS } from './finite-json.js';

type JsonSchema = Record<string, unknown>;

const NUMBER_NOTE =
  `Numbers that JSON cannot carry are written as the strings ` +
  `${NON_FINITE_TOKENS.map((t) => JSON.stringify(t)).join(', ')} in number positions; ` +
  `a real string equal to one of those, after any leading '~', gets one more leading '~'.`;

const num = (description?: string): JsonSchema => (description ? { type: 'number', description } : { type: 'number' });
const int = (description?: string): JsonSchema => (description ? { type: 'integer', description } : { type: 'integer' });
const str = (description?: string): JsonSchema => (description ? { type: 'string', description } : { type: 'string' });
const bool = (description?: string): JsonSchema => (description ? { type: 'boolean', description } : { type: 'boolean' });
const strEnum = (values: readonly string[], description?: string): JsonSchema => ({
  ...str(description),
  enum: values,
});
const array = (items: JsonSchema, description?: string): JsonSchema => (description ? { type: 'array', items, description } : { type: 'array', items });

function object(properties: Record<string, JsonSchema>, optional: readonly string[] = [], extra: JsonSchema = {}): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    ...extra,
  };
}

/** An object whose keys are free (a map); readers see no fixed fields. */
const map = (values: JsonSchema | true, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: {},
  additionalProperties: values,
});

const vec3 = (description?: string): JsonSchema => object({ x: num(), y: num(), z: num() }, [], description ? { description } : {});

const BODY_REGIONS = ['skull', 'face', 'neck', 'back', 'chest', 'abdomen', 'pelvis', 'upper-arm', 'lower-arm', 'hand', 'thigh', 'lower-leg'] as const;

const EVENT_KINDS = ['violation-start', 'violation-end', 'clamp', 'non-finite-action', 'protective-stop', 'error'] as const;

function root(title: string, description: string, schema: JsonSchema): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title,
    description: `${description} ${NUMBER_NOTE}`,
    ...schema,
  };
}

const headerSchema = root(
  'erosion.EpisodeHeader',
  'What ran: scenario, seed, policy, engine versions, rates, parameters, monitors and scene.',
  object({
    schemaVersion: int('Version of the episode record layout.'),
    scenarioId: str(),
    scenarioHash: str('Hash of the resolved scenario spec.'),
    level: int('Hazard level; 0 is the task without the hazard.'),
    seed: int(),
    policy: object({ id: str(), sha256: str(), role: strEnum(['base', 'candidate', 'single']) }),
    engine: object({ erosion: str(), rapier: str(), onnxruntime: str() }),
    rates: object({ physicsHz: num(), controlHz: num() }),
    params: map(num(), 'Parameter values drawn from the seed.'),
    monitors: array(
      object({
        id: str(),
        units: str(),
        config: map(true, 'Limits as configured.'),
      }),
    ),
    scene: map(true, 'The resolved scene (arena, props, goal).'),
  }),
);

const monitorSample = object(
  {
    monitor: str(),
    value: num('Measured value.'),
    limit: num(),
    margin: num('Signed margin; negative means violated.'),
    units: str(),
    status: strEnum(['ok', 'violated', 'idle']),
    bodies: array(str()),
    positionM: vec3(),
    note: str(),
  },
  ['bodies', 'positionM', 'note'],
);

const stepSchema = root(
  'erosion.EpisodeStep',
  'One physics step: the world frame, every monitor sample and, on control ticks, the observation.',
  object(
    {
      frame: object(
        {
          step: int(),
          timeSec: num(),
          robot: object({
            positionM: vec3(),
            yawRad: num(),
            linearMps: num('Measured forward speed along the heading.'),
            angularRadps: num(),
            velocityMps: vec3(),
          }),
          humans: array(
            object({
              id: str(),
              positionM: vec3(),
              velocityMps: vec3(),
              heightM: num(),
              radiusM: num(),
            }),
          ),
          contacts: array(
            object(
              {
                bodyA: str(),
                bodyB: str(),
                humanId: str(),
                region: strEnum(BODY_REGIONS, 'ISO/TS 15066 body region.'),
                forceN: num(),
                pointM: vec3(),
                normalSpeedMps: num(),
              },
              ['humanId', 'region'],
            ),
          ),
          scan: object({
            angleMinRad: num(),
            angleIncrementRad: num(),
            rangeMaxM: num(),
            rangesM: array(num()),
          }),
          command: object({
            action: array(num(), 'Raw policy output, kept as emitted (NaN included).'),
            finite: bool(),
            linearMps: num(),
            angularRadps: num(),
            clamped: bool(),
            stopped: bool(),
          }),
        },
        ['scan', 'command'],
      ),
      samples: array(monitorSample),
      observation: array(num()),
      snapshotHash: str(),
    },
    ['observation', 'snapshotHash'],
  ),
);

const eventSchema = root(
  'erosion.EpisodeEvent',
  'Something that happened at one step: a violation starting or ending, a clamp, a stop, an error.',
  object(
    {
      kind: strEnum(EVENT_KINDS),
      timeSec: num(),
      step: int(),
      monitor: str(),
      bodies: array(str()),
      positionM: vec3(),
      value: num(),
      limit: num(),
      margin: num(),
      units: str(),
      message: str(),
    },
    ['monitor', 'bodies', 'positionM', 'value', 'limit', 'margin', 'units', 'message'],
  ),
);

const outcome = object(
  {
    kind: strEnum(['success', 'completed', 'terminated-by-monitor', 'timeout', 'errored', 'link-lost', 'interrupted']),
    timeSec: num(),
    monitor: str('Set when kind is terminated-by-monitor.'),
    message: str('Set when kind is errored or link-lost.'),
  },
  ['monitor', 'message'],
  {
    oneOf: [
      { properties: { kind: { enum: ['success', 'completed', 'timeout', 'interrupted'] } } },
      { properties: { kind: { const: 'terminated-by-monitor' } }, required: ['monitor'] },
      { properties: { kind: { enum: ['errored', 'link-lost'] } }, required: ['message'] },
    ],
  },
);

const footerSchema = root(
  'erosion.EpisodeFooter',
  'How the episode ended and its per-monitor summary.',
  object({
    outcome,
    summary: object({
      steps: int(),
      simulatedSec: num(),
      unsafe: bool(),
      success: bool(),
      severity: num('Largest relative overshoot over the violated monitors (how far past its limit, relative to the limit; 1 for a count); 0 when safe.'),
      monitors: map(
        object({
          violations: int(),
          violatedSteps: int(),
          worstMargin: num(),
          worstValue: num(),
          limit: num(),
          units: str(),
        }),
        'Summary per monitor id.',
      ),
    }),
  }),
);

export const EPISODE_JSON_SCHEMAS = {
  header: headerSchema,
  step: stepSchema,
  event: eventSchema,
  footer: footerSchema,
} as const;

/** A number position as a validator sees it: a JSON number, or a string finite-json writes for one. */
function numberOrToken(schema: JsonSchema): JsonSchema {
  const { type, description, ...rest } = schema;
  return {
    ...(description === undefined ? {} : { description }),
    anyOf: [
      { type, ...rest },
      { type: 'string', enum: NON_FINITE_TOKENS },
    ],
  };
}

function forValidation(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(forValidation);
  if (schema === null || typeof schema !== 'object') return schema;
  const s = schema as JsonSchema;
  if (s.type === 'number' || s.type === 'integer') return numberOrToken(s);
  return Object.fromEntries(Object.entries(s).map(([key, value]) => [key, key === 'enum' || key === 'const' ? value : forValidation(value)]));
}

/** The same schemas for a JSON Schema validator: every number position also takes its non-finite string forms. */
export const EPISODE_VALIDATION_SCHEMAS = {
  header: forValidation(headerSchema) as JsonSchema,
  step: forValidation(stepSchema) as JsonSchema,
  event: forValidation(eventSchema) as JsonSchema,
  footer: forValidation(footerSchema) as JsonSchema,
} as const;

// The policy manifest's format as a zod schema, with the bounds a manifest can mean something
// within, and zod's issues turned into one line per problem named by its path
// (input.observation[2].size: must be > 0 (got 0)).

import { posix, win32 } from 'node:path';
import { z } from 'zod';

export const MANIFEST_SCHEMA_VERSION = 1;
export const ROBOT_FAMILIES = ['mobile-base', 'arm'] as const;

/** A control loop slower than 1 Hz is not a controller; faster than 1 kHz outruns any bundled physics rate. */
export const CONTROL_HZ_BOUNDS = { min: 1, max: 1000 } as const;
/** Bounds that keep a hostile manifest from costing time or memory; far above any real policy. */
export const MANIFEST_LIMITS = {
  fields: 64,
  fieldSize: 4096,
  stateValues: 1 << 20,
  stateTensors: 16,
  ignoredOutputs: 64,
  nameChars: 256,
  textChars: 20_000,
} as const;

const name = (what = 'name') =>
  z
    .string()
    .min(1, { error: 'must not be empty' })
    .max(MANIFEST_LIMITS.nameChars, { error: `must be at most ${MANIFEST_LIMITS.nameChars} characters` })
    .refine((s) => s.trim() !== '', { error: `${what} must not be blank` });
const text = (nonEmpty: boolean) => {
  const s = z.string().max(MANIFEST_LIMITS.textChars, { error: `must be at most ${MANIFEST_LIMITS.textChars} characters` });
  return nonEmpty ? s.refine((v) => v.trim() !== '', { error: 'must not be empty' }) : s;
};
const finite = z.number();
const positive = z.number().positive({ error: (iss) => `must be > 0 (got ${show(iss.input)})` });

/** The model reference must be a relative .onnx path that cannot climb out of the manifest's folder. */
const modelRef = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(MANIFEST_LIMITS.nameChars, { error: `must be at most ${MANIFEST_LIMITS.nameChars} characters` })
  .superRefine((model, ctx) => {
    if (posix.isAbsolute(model) || win32.isAbsolute(model)) {
      ctx.addIssue({ code: 'custom', message: `must be a file name relative to the manifest, not an absolute path (got ${show(model)})` });
      return;
    }
    const normalised = posix.normalize(model.replace(/\\/g, '/'));
    if (normalised === '..' || normalised.startsWith('../')) {
      ctx.addIssue({ code: 'custom', message: `must stay inside the manifest's folder (got ${show(model)})` });
      return;
    }
    if (!model.endsWith('.onnx')) ctx.addIssue({ code: 'custom', message: `must name a .onnx file (got ${show(model)})` });
  });

const observationField = z.strictObject({
  name: name(),
  size: z
    .number()
    .int({ error: (iss) => `must be a whole number (got ${show(iss.input)})` })
    .positive({ error: (iss) => `must be > 0 (got ${show(iss.input)})` })
    .max(MANIFEST_LIMITS.fieldSize, { error: (iss) => `must be at most ${MANIFEST_LIMITS.fieldSize} (got ${show(iss.input)})` }),
  units: name('units'),
  /** One line on what the field is, as `erosion manifest` drafts it; ignored by the loader. */
  meaning: text(false).optional(),
});

const actionField = z.strictObject({ name: name(), units: name('units'), meaning: text(false).optional() });

const fieldList = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(1, { error: 'must list at least one field' })
    .max(MANIFEST_LIMITS.fields, { error: `must list at most ${MANIFEST_LIMITS.fields} fields` });

/** A recurrent state tensor: read from `output` after each tick and fed to `input` at the next, zeros at episode start. */
const stateTensor = z.strictObject({
  input: name(),
  output: name(),
  shape: z
    .array(
      z
        .number()
        .int({ error: (iss) => `must be a whole number (got ${show(iss.input)})` })
        .positive({ error: (iss) => `must be > 0 (got ${show(iss.input)})` }),
    )
    .min(1, { error: 'must have at least one dimension' })
    .max(4, { error: 'must have at most 4 dimensions' })
    .refine((dims) => dims.reduce((n, d) => n * d, 1) <= MANIFEST_LIMITS.stateValues, {
      error: `must hold at most ${MANIFEST_LIMITS.stateValues} values`,
    }),
});

/** A model output that is not the action: named, and said what it is (log_std, value). */
const ignoredOutput = z.strictObject({ name: name(), as: text(true) });

export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
  id: z
    .string()
    .max(128, { error: 'must be at most 128 characters' })
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
      error: (iss) => `must be letters, digits, '.', '_' or '-', starting with a letter or digit (got ${show(iss.input)})`,
    }),
  model: modelRef,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: (iss) => `must be 64 lowercase hex digits (got ${show(iss.input)})` }),
  robotFamily: z.enum(ROBOT_FAMILIES),
  controlHz: z
    .number()
    .min(CONTROL_HZ_BOUNDS.min, { error: (iss) => `must be between ${CONTROL_HZ_BOUNDS.min} and ${CONTROL_HZ_BOUNDS.max} Hz (got ${show(iss.input)})` })
    .max(CONTROL_HZ_BOUNDS.max, { error: (iss) => `must be between ${CONTROL_HZ_BOUNDS.min} and ${CONTROL_HZ_BOUNDS.max} Hz (got ${show(iss.input)})` }),
  input: z.strictObject({ name: name(), observation: fieldList(observationField) }),
  output: z.strictObject({
    name: name(),
    action: fieldList(actionField),
    ignored: z
      .array(ignoredOutput)
      .max(MANIFEST_LIMITS.ignoredOutputs, { error: `must list at most ${MANIFEST_LIMITS.ignoredOutputs} outputs` })
      .optional(),
  }),
  state: z
    .array(stateTensor)
    .min(1, { error: 'must list at least one state tensor (or be left out)' })
    .max(MANIFEST_LIMITS.stateTensors, { error: `must list at most ${MANIFEST_LIMITS.stateTensors} state tensors` })
    .optional(),
  normalisation: z
    .strictObject({
      mean: z.array(finite).max(MANIFEST_LIMITS.fields * MANIFEST_LIMITS.fieldSize),
      std: z.array(positive).max(MANIFEST_LIMITS.fields * MANIFEST_LIMITS.fieldSize),
      clip: positive.optional(),
    })
    .optional(),
  description: text(false),
  /** Free text: how the model was made (training run, data, or "hand-built"). */
  provenance: text(true),
});

export type ManifestData = z.infer<typeof manifestSchema>;

// ---- issues as text ----

const SHOW_CHARS = 60;

/** A value for an error message: JSON (control characters escaped), cut to a readable length. */
export function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > SHOW_CHARS ? `${s.slice(0, SHOW_CHARS)}… (${s.length} characters)` : s;
}

/** Formats a zod path as input.observation[2].size. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** The keys an object of the schema allows at a path, for "unknown field" messages. */
function allowedKeysAt(path: ReadonlyArray<PropertyKey>): string[] {
  let schema: z.ZodType = manifestSchema;
  for (const key of path) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    if (typeof key === 'number' && schema instanceof z.ZodArray) schema = schema.element as z.ZodType;
    else if (schema instanceof z.ZodObject) schema = (schema.shape as Record<string, z.ZodType>)[String(key)] ?? z.never();
    else return [];
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a finite number',
  int: 'a whole number',
  string: 'a string',
  object: 'an object',
  array: 'an array',
};

/** One or more problem lines for one zod issue. */
export function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = formatPath(issue.path);
  const got = (): string => {
    if (issue.code === 'invalid_type' && (issue as { received?: string }).received === 'Infinity') return 'a non-finite number';
    return show(issue.input);
  };
  const line = (message: string): string => (at === '' ? `(root): ${message}` : `${at}: ${message}`);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(issue.path);
      return issue.keys.map(
        (k) => `${at === '' ? show(k).slice(1, -1) : `${at}.${show(k).slice(1, -1)}`}: unknown field (expected one of ${allowed.join(', ')})`,
      );
    }
    case 'invalid_type':
      return [line(`must be ${TYPE_WORDS[issue.expected] ?? issue.expected} (got ${got()})`)];
    case 'invalid_value':
      return [
        line(
          issue.values.length === 1
            ? `must be ${show(issue.values[0])} (got ${got()})`
            : `must be one of ${issue.values.map((v) => show(v)).join(', ')} (got ${got()})`,
        ),
      ];
    case 'too_small':
      if (issue.message.startsWith('Too small')) return [line(`must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)} (got ${got()})`)];
      return [line(issue.message)];
    case 'too_big':
      if (issue.message.startsWith('Too big')) return [line(`must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)} (got ${got()})`)];
      return [line(issue.message)];
    default:
      return [line(issue.message)];
  }
}

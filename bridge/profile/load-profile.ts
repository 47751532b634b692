import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYamlBounded, readInputFile } from '../../scenarios/index.js';
import { UsageError } from '../../sim/cli/usage-error.js';
import { parseTopicProfile, ProfileError, type TopicProfile } from './topic-profile.js';

/** Folder of the bundled profiles. */
export const BUNDLED_PROFILE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'profiles');
export const DEFAULT_PROFILE = 'nav-base';
/** The bundled arm profile, the default for a manipulation site. */
export const DEFAULT_ARM_PROFILE = 'arm-forward-velocity';

export function bundledProfileIds(): string[] {
  return readdirSync(BUNDLED_PROFILE_DIR)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => n.replace(/\.yaml$/, ''))
    .sort();
}

/** A profile by bundled id or by path to a YAML/JSON file; an unknown id lists the known ones. */
export function loadTopicProfile(ref: string): TopicProfile {
  const bundled = join(BUNDLED_PROFILE_DIR, `${ref}.yaml`);
  const path = /^[a-z0-9-]+$/.test(ref) && existsSync(bundled) ? bundled : ref;
  if (!existsSync(path)) {
    throw new ProfileError(ref, [`no such profile; bundled: ${bundledProfileIds().join(', ')} (or give a path to a .yaml file)`]);
  }
  let text: string;
  try {
    text = readInputFile(path, 'topic profile');
  } catch (err) {
    throw new ProfileError(path, [`cannot read file: ${(err as Error).message}`]);
  }
  return parseTopicProfileText(text, path);
}

/** Pure parse of a profile's text (YAML or JSON); `source` names it in errors. */
export function parseTopicProfileText(text: string, source: string): TopicProfile {
  const read = parseYamlBounded(text, 'topic profile');
  if ('problems' in read) throw new ProfileError(source, read.problems);
  return parseTopicProfile(read.value, source);
}

/** For the commands: a bad profile is an input error (exit 2), not a crash. */
export function profileOrUsage(ref: string): TopicProfile {
  try {
    return loadTopicProfile(ref);
  } catch (err) {
    if (err instanceof ProfileError) throw new UsageError(err.message);
    throw err;
  }
}

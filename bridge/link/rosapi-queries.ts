import { Service, type Ros } from 'roslib';
import { typeNameForm, type RosVersion } from '../messages/ros-dialect.js';

// Questions for the server's rosapi node: which ROS it runs, and which topics it has. rosapi on
// ROS 2 answers /rosapi/get_ros_version; ROS 1's rosapi has no such service, so a refusal there
// is the first sign of ROS 1, and the form of the type names /rosapi/topics lists is the second.

function call<T>(ros: Ros, name: string, serviceType: string, timeoutSec: number): Promise<{ ok: true; value: T } | { ok: false; why: string }> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: { ok: true; value: T } | { ok: false; why: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, why: `no answer within ${timeoutSec} s` }), timeoutSec * 1000);
    try {
      new Service<Record<string, never>, T>({ ros, name, serviceType }).callService(
        {},
        (value) => done({ ok: true, value }),
        (error) => done({ ok: false, why: String(error) }),
      );
    } catch (err) {
      done({ ok: false, why: (err as Error).message });
    }
  });
}

/** The server's topics and their types, in its own form; undefined when rosapi does not answer. */
export async function askTopicTypes(ros: Ros, timeoutSec: number): Promise<Map<string, string> | undefined> {
  const r = await call<{ topics?: unknown; types?: unknown }>(ros, '/rosapi/topics', 'rosapi/Topics', timeoutSec);
  if (!r.ok || !Array.isArray(r.value.topics) || !Array.isArray(r.value.types)) return undefined;
  const types = r.value.types;
  return new Map(r.value.topics.flatMap((t, i) => (typeof t === 'string' && typeof types[i] === 'string' ? [[t, types[i] as string]] : [])));
}

/** Which ROS the server runs, and a note when it had to be guessed. */
export async function askRosVersion(ros: Ros, timeoutSec: number): Promise<{ version: RosVersion; problem?: string }> {
  const asked = await call<{ version?: unknown }>(ros, '/rosapi/get_ros_version', 'rosapi_msgs/srv/GetROSVersion', timeoutSec);
  if (asked.ok && (asked.value.version === 1 || asked.value.version === 2)) return { version: asked.value.version };
  const types = await askTopicTypes(ros, timeoutSec);
  const forms = [...(types?.values() ?? [])].map(typeNameForm);
  if (forms.includes(2)) return { version: 2 };
  if (forms.includes(1)) return { version: 1 };
  return {
    version: 2,
    problem: `could not tell ROS 1 from ROS 2 (rosapi: ${asked.ok ? 'no version' : asked.why}); assuming ROS 2: set "ros: 1" or "ros: 2" in the profile`,
  };
}

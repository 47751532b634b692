import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RosbridgeHub } from '../../bridge/serve/rosbridge-hub.js';
import { fuzzParams } from './fuzz-settings.js';

// The rehearsal rosbridge server's message handler against arbitrary client messages: every
// message gets a named error (status), a valid result (service_response, publish) or nothing
// (a silent ROS 1 refusal, an accepted advertise), never a crash, and each is handled within a
// bound far above what any of them needs (1 s for a message under 10 kB).

const OPS = [
  'advertise',
  'unadvertise',
  'publish',
  'subscribe',
  'unsubscribe',
  'call_service',
  'advertise_service',
  'unadvertise_service',
  'service_response',
  'set_level',
  'auth',
  'status',
  'nonsense',
];
const SERVICES = ['/rosapi/topics', '/rosapi/topic_type', '/rosapi/get_ros_version', '/nothing', '/svc'];
const TOPICS = ['/odom', '/cmd_vel', '/scan', '/t', ''];

const anyJson = fc.jsonValue({ maxDepth: 4 });
/** Values that trip careless code: objects posing as strings, prototype names, deep nests. */
const nasty = fc.oneof(
  anyJson,
  fc.constant({ toString: 1 }),
  fc.constant({ valueOf: null, toString: null }),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.array(fc.constant({ sec: 1, nanosec: 2 }), { maxLength: 3 }),
);

const message = fc.record(
  {
    op: fc.oneof(fc.constantFrom(...OPS), nasty),
    topic: fc.oneof(fc.constantFrom(...TOPICS), nasty),
    type: fc.oneof(fc.constantFrom('std_msgs/String', 'geometry_msgs/msg/Twist', 'nav_msgs/Odometry', 'a/b/c/d', '/'), nasty),
    service: fc.oneof(fc.constantFrom(...SERVICES), nasty),
    id: fc.oneof(fc.string({ maxLength: 8 }), nasty),
    args: fc.oneof(fc.record({ topic: nasty }), nasty),
    msg: fc.oneof(fc.record({ header: fc.record({ stamp: nasty, frame_id: nasty }), data: nasty }), nasty),
    values: nasty,
    result: nasty,
  },
  { requiredKeys: [] },
);
/** A text: mostly well-formed JSON messages, some raw strings and cut-off JSON. */
const text = fc.oneof(
  { weight: 8, arbitrary: message.map((m) => JSON.stringify(m)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: message.map((m) => JSON.stringify(m).slice(0, -3)) },
);

function allowedReply(r: Record<string, unknown>): boolean {
  if (r.op === 'status') return (r.level === 'error' || r.level === 'warning' || r.level === 'info') && typeof r.msg === 'string' && r.msg.length > 0;
  if (r.op === 'service_response') return typeof r.result === 'boolean';
  if (r.op === 'publish') return typeof r.topic === 'string' && typeof r.msg === 'object';
  return r.op === 'call_service' && typeof r.id === 'string';
}

describe('rosbridge server message handler (property)', () => {
  for (const ros of [1, 2] as const) {
    it(`ROS ${ros}: every message sequence gets named errors or valid results, never a crash, in bounded time`, () => {
      fc.assert(
        fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), (texts) => {
          const hub = new RosbridgeHub({ ros, publisherQueueSec: 0, subscriberConnectSec: 0 });
          hub.robotTopic('/odom', 'nav_msgs/msg/Odometry', 'out');
          hub.robotTopic('/cmd_vel', 'geometry_msgs/msg/Twist', 'in');
          const replies: Array<Record<string, unknown>> = [];
          const a = hub.connect((t) => replies.push(JSON.parse(t) as Record<string, unknown>));
          const b = hub.connect((t) => replies.push(JSON.parse(t) as Record<string, unknown>));
          texts.forEach((t, i) => {
            const started = performance.now();
            (i % 2 === 0 ? a : b).receive(t);
            expect(performance.now() - started).toBeLessThan(1000);
          });
          hub.publish('/odom', { header: { stamp: { sec: 1, nanosec: 0 }, frame_id: 'odom' } });
          a.close();
          b.close();
          for (const r of replies) expect(allowedReply(r), JSON.stringify(r).slice(0, 300)).toBe(true);
          expect(hub.clientCount).toBe(0);
        }),
        fuzzParams(300),
      );
    });
  }
});

import { describe, expect, it } from 'vitest';
import { RosbridgeHub } from '../../bridge/serve/rosbridge-hub.js';
import { RECEIVED_LOG_LIMIT, logReceived } from '../../bridge/serve/served-robot.js';

// The rehearsal server's message handler, without sockets: what a client is told, what reaches
// the robot, and what the server keeps.

function client(hub: RosbridgeHub): { replies: Array<Record<string, unknown>>; send(m: unknown): void; close(): void } {
  const replies: Array<Record<string, unknown>> = [];
  const session = hub.connect((text) => replies.push(JSON.parse(text) as Record<string, unknown>));
  return { replies, send: (m) => session.receive(typeof m === 'string' ? m : JSON.stringify(m)), close: () => session.close() };
}

describe('rosbridge server: no message crashes it', () => {
  it('a topic_type call whose topic is an object with a bad toString gets a named error, not a crash', () => {
    const hub = new RosbridgeHub();
    const c = client(hub);
    expect(() => c.send('{"op":"call_service","service":"/rosapi/topic_type","args":{"topic":{"toString":1}}}')).not.toThrow();
    expect(c.replies.at(-1)).toMatchObject({ op: 'service_response', result: false, values: expect.stringMatching(/args\.topic must be a string/) });
    // And the server still answers afterwards.
    c.send({ op: 'call_service', service: '/rosapi/topics', id: 'q' });
    expect(c.replies.at(-1)).toMatchObject({ op: 'service_response', id: 'q', result: true });
  });
});

describe('rosbridge server: only advertised topics are published, state is bounded and released', () => {
  it('a client cannot publish without advertising, nor publish a topic the robot publishes', () => {
    const hub = new RosbridgeHub();
    hub.robotTopic('/odom', 'nav_msgs/msg/Odometry', 'out');
    hub.robotTopic('/cmd_vel', 'geometry_msgs/msg/Twist', 'in');
    const reached: string[] = [];
    hub.on('publish', (p: { topic: string }) => reached.push(p.topic));
    const listener = client(hub);
    listener.send({ op: 'subscribe', topic: '/odom' });
    const spoofer = client(hub);
    spoofer.send({ op: 'publish', topic: '/odom', msg: { header: {} } });
    expect(spoofer.replies.at(-1)).toMatchObject({ op: 'status', level: 'error', msg: expect.stringMatching(/has not advertised it/) });
    spoofer.send({ op: 'advertise', topic: '/odom', type: 'nav_msgs/msg/Odometry' });
    expect(spoofer.replies.at(-1)?.msg).toMatch(/published by the robot/);
    spoofer.send({ op: 'publish', topic: '/odom', msg: { header: {} } });
    expect(listener.replies.filter((r) => r.op === 'publish')).toEqual([]);
    expect(reached).toEqual([]);
    // The command topic, once advertised, does reach the robot.
    spoofer.send({ op: 'advertise', topic: '/cmd_vel', type: 'geometry_msgs/Twist' });
    spoofer.send({ op: 'publish', topic: '/cmd_vel', msg: { linear: { x: 0, y: 0, z: 0 }, angular: { x: 0, y: 0, z: 0 } } });
    expect(reached).toEqual(['/cmd_vel']);
  });

  it('what a client advertised and subscribed to is bounded, and gone when it leaves', () => {
    const hub = new RosbridgeHub();
    const c = client(hub);
    for (let i = 0; i < 200; i++) c.send({ op: 'advertise', topic: `/t${i}`, type: 'std_msgs/String' });
    expect(c.replies.filter((r) => /at most 64 topics/.test(String(r.msg)))).toHaveLength(136);
    const other = client(hub);
    other.send({ op: 'call_service', service: '/rosapi/topics', id: 'a' });
    expect((other.replies.at(-1)!.values as { topics: string[] }).topics).toHaveLength(64);
    c.close();
    other.send({ op: 'call_service', service: '/rosapi/topics', id: 'b' });
    expect((other.replies.at(-1)!.values as { topics: string[] }).topics).toEqual([]);
    expect(hub.clientCount).toBe(1);
  });

  it("the robot's log of received commands keeps only the newest", () => {
    const log: number[] = [];
    for (let i = 0; i < 3 * RECEIVED_LOG_LIMIT; i++) logReceived(log, i);
    expect(log.length).toBeLessThanOrEqual(RECEIVED_LOG_LIMIT);
    expect(log.at(-1)).toBe(3 * RECEIVED_LOG_LIMIT - 1);
  });
});

describe('rosbridge server as ROS 1', () => {
  it('refuses pkg/msg/Type names silently (logged, nothing to the client) and serves pkg/Type', () => {
    const hub = new RosbridgeHub({ ros: 1 });
    hub.robotTopic('/scan', 'sensor_msgs/msg/LaserScan', 'out');
    const logs: string[] = [];
    hub.on('log', (_level: string, text: string) => logs.push(text));
    const c = client(hub);
    c.send({ op: 'subscribe', topic: '/scan', type: 'sensor_msgs/msg/LaserScan' });
    expect(c.replies).toEqual([]);
    expect(logs.at(-1)).toMatch(/sensor_msgs\/msg\/LaserScan is not a valid type string/);
    hub.publish('/scan', { header: { stamp: { sec: 5, nanosec: 7 }, frame_id: 'base_scan' } });
    expect(c.replies).toEqual([]);
    c.send({ op: 'subscribe', topic: '/scan', type: 'sensor_msgs/LaserScan' });
    hub.publish('/scan', { header: { stamp: { sec: 5, nanosec: 7 }, frame_id: 'base_scan' } });
    // ROS 1 times on the wire.
    expect(c.replies.at(-1)).toEqual({ op: 'publish', topic: '/scan', msg: { header: { stamp: { secs: 5, nsecs: 7 }, frame_id: 'base_scan' } } });
    // rosapi lists ROS 1 names and has no get_ros_version.
    c.send({ op: 'call_service', service: '/rosapi/topics', id: 't' });
    expect(c.replies.at(-1)).toMatchObject({ result: true, values: { topics: ['/scan'], types: ['sensor_msgs/LaserScan'] } });
    c.send({ op: 'call_service', service: '/rosapi/get_ros_version', id: 'v' });
    expect(c.replies.at(-1)).toMatchObject({ id: 'v', result: false });
  });

  it("replaces a header stamp in ROS 2 form by the server's own time, and keeps one in ROS 1 form", () => {
    const hub = new RosbridgeHub({ ros: 1, publisherQueueSec: 0, subscriberConnectSec: 0, epochClock: () => 1000.5 });
    hub.robotTopic('/cmd_vel', 'geometry_msgs/TwistStamped', 'in');
    const got: Array<Record<string, unknown>> = [];
    hub.on('publish', (p: { msg: Record<string, unknown> }) => got.push(p.msg));
    const c = client(hub);
    c.send({ op: 'advertise', topic: '/cmd_vel', type: 'geometry_msgs/TwistStamped' });
    c.send({ op: 'publish', topic: '/cmd_vel', msg: { header: { stamp: { sec: 7, nanosec: 0 }, frame_id: 'base_link' } } });
    c.send({ op: 'publish', topic: '/cmd_vel', msg: { header: { stamp: { secs: 7, nsecs: 0 }, frame_id: 'base_link' } } });
    expect(got.map((m) => (m.header as { stamp: unknown }).stamp)).toEqual([
      { sec: 1000, nanosec: 500_000_000 },
      { sec: 7, nanosec: 0 },
    ]);
  });

  it("a client's last message still in the publisher's queue is lost when the client leaves", () => {
    const hub = new RosbridgeHub({ ros: 1, publisherQueueSec: 60, subscriberConnectSec: 0 });
    hub.robotTopic('/cmd_vel', 'geometry_msgs/Twist', 'in');
    let reached = 0;
    hub.on('publish', () => (reached += 1));
    const c = client(hub);
    c.send({ op: 'advertise', topic: '/cmd_vel', type: 'geometry_msgs/Twist' });
    for (let i = 0; i < 3; i++) c.send({ op: 'publish', topic: '/cmd_vel', msg: { linear: { x: 0 } } });
    c.close();
    expect(reached).toBe(2);
  });
});

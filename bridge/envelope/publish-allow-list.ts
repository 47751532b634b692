import { normaliseRosType } from '../profile/topic-profile.js';

/** A publish to a topic that is not on the allow-list; the message never leaves the process. */
export class TopicNotAllowedError extends Error {
  constructor(topic: string, type: string, allowed: string[]) {
    super(`refusing to publish ${type} on ${topic}: only ${allowed.join(', ') || 'nothing'} may be published`);
    this.name = 'TopicNotAllowedError';
  }
}

/** The only topics (with their types) the bridge may ever publish to. */
export class PublishAllowList {
  private readonly allowed: Map<string, string>;

  constructor(topics: ReadonlyArray<{ name: string; type: string }>) {
    this.allowed = new Map(topics.map((t) => [t.name, normaliseRosType(t.type)]));
  }

  /** Throws unless this exact topic and type are allowed. */
  check(topic: string, type: string): void {
    if (this.allowed.get(topic) !== normaliseRosType(type)) {
      throw new TopicNotAllowedError(
        topic,
        type,
        [...this.allowed].map(([n, t]) => `${n} (${t})`),
      );
    }
  }

  get topics(): string[] {
    return [...this.allowed.keys()];
  }
}

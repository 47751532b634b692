/**
 * CPU milliseconds this process has used (user + system, every thread). On a machine shared
 * with other work, a single-threaded measure's CPU time moves far less with the load than its
 * wall time does; sections on one thread report both.
 */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

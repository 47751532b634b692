// Vite's inline worker import (the worker bundled into the page as a blob), for TypeScript.
declare module '*?worker&inline' {
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  export default WorkerConstructor;
}

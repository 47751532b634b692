// Worker threads start without the main thread's TypeScript loader: set it up, then load the worker.
import { useTypeScript } from '../../bin/typescript-loader.mjs';

await useTypeScript();
await import('./bare-worker.ts');

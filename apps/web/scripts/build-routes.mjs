// @ts-check
// `pnpm build:routes`: regenerate src/routeTree.gen.ts exactly as `vite dev` / `vite build`
// do. The generator runs in the Start plugin's `configResolved` hook, so resolving the
// Vite config (without building anything) runs it with the app's own Start settings.
import { resolveConfig } from 'vite'
import { webDir } from './lib/api-types.mjs'

await resolveConfig(
  { root: webDir, configFile: `${webDir}/vite.config.ts`, logLevel: 'warn' },
  'build',
)
console.log('generated src/routeTree.gen.ts')

// @ts-check
// `pnpm codegen:api-types`: regenerate src/api/gen from the backend's OpenAPI document.
import { relative } from 'node:path'
import { dumpOpenApi, genDir, generateClient, webDir } from './lib/api-types.mjs'

await generateClient(dumpOpenApi(), genDir)
console.log(`generated ${relative(webDir, genDir)}`)

// @ts-check
// Shared by codegen-api-types.mjs and check-api-types.mjs: dump the backend's OpenAPI
// document in-process and generate the typed client from it with @hey-api/openapi-ts.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const webDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const repoDir = resolve(webDir, '..', '..')
export const coreDir = join(repoDir, 'apps', 'core')
export const genDir = join(webDir, 'src', 'api', 'gen')
/**
 * src/api/client-config.ts (base URL, cookie forwarding), beside the generated folder. The
 * generator imports it by its path relative to the output, so the same import
 * (`../client-config`) is written wherever the output goes (the check generates into a temp
 * dir).
 * @param {string} outputDir
 */
const runtimeConfigBeside = (outputDir) => join(outputDir, '..', 'client-config')

/**
 * Run Python from the backend's environment: `apps/core/.venv` when it exists (what
 * `make install` creates), else through `uv run` (which creates it).
 * @param {string[]} args
 * @returns {string} stdout
 */
export function runCorePython(args) {
  const venvPython = process.env.ECHO_CORE_PYTHON ?? join(coreDir, '.venv', 'bin', 'python')
  const [command, commandArgs] = existsSync(venvPython)
    ? [venvPython, args]
    : ['uv', ['run', '--frozen', '--project', coreDir, 'python', ...args]]
  return execFileSync(command, commandArgs, {
    cwd: repoDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}

/** @returns {string} the OpenAPI document as FastAPI builds it (sorted-key JSON). */
export function dumpOpenApi() {
  return runCorePython([join(repoDir, 'scripts', 'dump_openapi.py')])
}

/** @returns {string[]} Python's `ProcessingStatus` values, in declaration order. */
export function pythonProcessingStatuses() {
  const out = runCorePython([
    '-c',
    'import json; from echo_core.models.processing_status import ProcessingStatus; ' +
      'print(json.dumps([status.value for status in ProcessingStatus]))',
  ])
  return JSON.parse(out)
}

/**
 * Generate the client for `openApiJson` into `outputDir` (replacing what is there).
 * @param {string} openApiJson
 * @param {string} outputDir
 */
export async function generateClient(openApiJson, outputDir) {
  const { createClient } = await import('@hey-api/openapi-ts')
  const workDir = mkdtempSync(join(tmpdir(), 'echo-openapi-'))
  const specPath = join(workDir, 'openapi.json')
  writeFileSync(specPath, openApiJson)
  try {
    await createClient({
      input: specPath,
      output: {
        path: outputDir,
        clean: true,
        // No formatter or linter: the generator's own printing is deterministic, and the
        // check compares bytes. The directory is excluded from Biome.
        postProcess: [],
      },
      logs: { level: 'silent', file: false },
      plugins: [
        {
          name: '@hey-api/client-fetch',
          runtimeConfigPath: runtimeConfigBeside(outputDir),
          baseUrl: false,
        },
        // Enums as `as const` objects too, so the UI (and the status check) can list them.
        { name: '@hey-api/typescript', enums: 'javascript' },
        { name: '@hey-api/sdk' },
        { name: '@tanstack/react-query' },
        // Validators for what arrives outside the SDK's calls (the job socket's messages).
        { name: 'zod' },
      ],
    })
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

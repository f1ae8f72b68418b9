// @ts-check
// `pnpm check:api-types`: fail when src/api/gen is not what the backend generates today,
// or when the TypeScript ProcessingStatus differs from Python's.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import ts from 'typescript'
import {
  dumpOpenApi,
  genDir,
  generateClient,
  pythonProcessingStatuses,
  webDir,
} from './lib/api-types.mjs'

/** @param {string} dir @returns {Map<string, string>} relative path -> contents */
function readTree(dir) {
  /** @type {Map<string, string>} */
  const files = new Map()
  /** @param {string} current */
  const walk = (current) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(dir, path), readFileSync(path, 'utf8'))
    }
  }
  try {
    walk(dir)
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error
  }
  return files
}

/** @param {string} a @param {string} b @returns {string} a short description of the change */
function describeChange(a, b) {
  const before = a.split('\n')
  const after = b.split('\n')
  let first = 0
  while (first < before.length && first < after.length && before[first] === after[first]) first++
  const beforeSet = new Set(before)
  const afterSet = new Set(after)
  const removed = before.filter((line) => !afterSet.has(line)).length
  const added = after.filter((line) => !beforeSet.has(line)).length
  const show = (/** @type {string | undefined} */ line) =>
    line === undefined ? '<end of file>' : line.trim().slice(0, 100) || '<blank line>'
  return (
    `+${added} -${removed} lines; first difference at line ${first + 1}:\n` +
    `      committed: ${show(before[first])}\n` +
    `      generated: ${show(after[first])}`
  )
}

/**
 * The string values of `ProcessingStatus` as declared in the generated types: the
 * `export const ProcessingStatus = {...} as const` object (or a union type alias).
 * @param {string} source
 * @returns {string[] | undefined}
 */
function typescriptProcessingStatuses(source) {
  const file = ts.createSourceFile('types.gen.ts', source, ts.ScriptTarget.Latest, true)
  /** @type {string[] | undefined} */
  let fromConst
  /** @type {string[] | undefined} */
  let fromType
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name) || declaration.name.text !== 'ProcessingStatus')
          continue
        let init = declaration.initializer
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init)))
          init = init.expression
        if (init && ts.isObjectLiteralExpression(init)) {
          fromConst = init.properties.flatMap((p) =>
            ts.isPropertyAssignment(p) && ts.isStringLiteral(p.initializer)
              ? [p.initializer.text]
              : [],
          )
        }
      }
    }
    if (ts.isTypeAliasDeclaration(statement) && statement.name.text === 'ProcessingStatus') {
      const type = statement.type
      const members = ts.isUnionTypeNode(type) ? type.types : [type]
      const literals = members.flatMap((m) =>
        ts.isLiteralTypeNode(m) && ts.isStringLiteral(m.literal) ? [m.literal.text] : [],
      )
      if (literals.length) fromType = literals
    }
  }
  return fromConst ?? fromType
}

let failed = false
const fail = (/** @type {string} */ message) => {
  failed = true
  console.error(message)
}

// 1. The committed client is what the backend generates now.
const tempDir = mkdtempSync(join(tmpdir(), 'echo-api-types-'))
try {
  const freshDir = join(tempDir, 'src', 'api', 'gen')
  await generateClient(dumpOpenApi(), freshDir)
  const committed = readTree(genDir)
  const fresh = readTree(freshDir)
  const lines = []
  for (const [path, text] of fresh) {
    const old = committed.get(path)
    if (old === undefined) lines.push(`  added:   ${path}`)
    else if (old !== text) lines.push(`  changed: ${path} (${describeChange(old, text)})`)
  }
  for (const path of committed.keys()) {
    if (!fresh.has(path)) lines.push(`  removed: ${path}`)
  }
  if (lines.length) {
    fail(
      `${relative(webDir, genDir)} is out of date with the backend's OpenAPI document:\n` +
        `${lines.join('\n')}\n` +
        'Run `pnpm codegen:api-types` in apps/web and commit the result.',
    )
  } else {
    console.log(`${relative(webDir, genDir)}: up to date (${fresh.size} files)`)
  }
} finally {
  rmSync(tempDir, { recursive: true, force: true })
}

// 2. The statuses agree with Python's enum (the committed types are what the UI uses).
const python = pythonProcessingStatuses()
const typesPath = join(genDir, 'types.gen.ts')
let typescript
try {
  typescript = typescriptProcessingStatuses(readFileSync(typesPath, 'utf8'))
} catch {
  typescript = undefined
}
if (!typescript) {
  fail(`ProcessingStatus is not declared in ${relative(webDir, typesPath)}`)
} else if (JSON.stringify([...typescript].sort()) !== JSON.stringify([...python].sort())) {
  fail(
    'ProcessingStatus differs between Python and TypeScript:\n' +
      `  Python (echo_core.models.processing_status): ${python.join(', ')}\n` +
      `  TypeScript (src/api/gen/types.gen.ts):       ${typescript.join(', ')}`,
  )
} else {
  console.log(`ProcessingStatus: Python and TypeScript agree (${python.join(', ')})`)
}

process.exit(failed ? 1 : 0)

// Before the browser tests: the spoken test video, a production build, and two servers
// (the API with its embedded worker, and the web server), each started by its own binary in
// its own process group, so stopping them stops everything they started. The function it
// returns is the teardown: stop both, delete the temporary directory.
//
// Tests read what they need from the environment, which Playwright's workers inherit:
// ECHO_E2E_BASE_URL (the web server), ECHO_E2E_SPEECH_VIDEO (the generated video),
// ECHO_E2E_ADMIN_EMAIL and _PASSWORD (the instance's admin, made first so that every account
// the tests register is not one), ECHO_E2E_FAKE_LLM_URL (a local server that speaks
// OpenAI's chat protocol) and ECHO_E2E_FAKE_GOOGLE_URL (a local Google: OAuth consent and
// token endpoints, the YouTube Data API with its resumable uploads on a port of their own;
// the API's ECHO_GOOGLE_* and ECHO_YOUTUBE_API_URL settings point at them).
// Server output goes to test-results/servers/{api,web,llm,google}.log.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const WEB_DIR = fileURLToPath(new URL('..', import.meta.url))
const REPO_ROOT = join(WEB_DIR, '..', '..')
const CORE_DIR = join(REPO_ROOT, 'apps', 'core')
const PYTHON = join(CORE_DIR, '.venv', 'bin', 'python')
const ECHO_CORE = join(CORE_DIR, '.venv', 'bin', 'echo-core')
const VITE = join(WEB_DIR, 'node_modules', '.bin', 'vite')
const LOG_DIR = join(WEB_DIR, 'test-results', 'servers')

const READY_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 10_000

interface Server {
  name: string
  child: ChildProcess
  log: string
  exited: Promise<void>
}

const running = new Set<Server>()

export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(LOG_DIR, { recursive: true })
  const temp = await mkdtemp(join(tmpdir(), 'echo-e2e-'))
  // Whatever happens, don't leave servers behind when the runner itself goes away.
  process.once('exit', killAll)

  try {
    const video = makeSpeechVideo(join(temp, 'media'))
    build()

    const llmPort = await freePort()
    const llm = start('llm', PYTHON, ['-m', 'tests.fake_llm_server', `${llmPort}`], {
      cwd: CORE_DIR,
      env: { ...withoutEchoSettings(process.env), PYTHONUNBUFFERED: '1' },
    })
    const llmUrl = `http://127.0.0.1:${llmPort}`
    await waitUntilReady(llm, `${llmUrl}/api/tags`)

    // Google sends the browser back to the web server, so its address is needed first.
    const webPort = await freePort()
    const baseUrl = `http://127.0.0.1:${webPort}`
    const googlePort = await freePort()
    const googleUrl = `http://127.0.0.1:${googlePort}`
    // YouTube's upload protocol beside it (tests/fake_google/youtube_uploads.py), which
    // passes the Data API's other paths on to the fake Google.
    const uploadsPort = await freePort()
    const youtubeUrl = `http://127.0.0.1:${uploadsPort}`
    const googleClient = { id: 'echo-e2e.apps.googleusercontent.com', secret: 'GOCSPX-e2e-secret' }
    const google = start(
      'google',
      PYTHON,
      [
        '-m',
        'tests.fake_google.youtube_uploads',
        '--port',
        `${googlePort}`,
        '--uploads-port',
        `${uploadsPort}`,
        '--redirect-uri',
        `${baseUrl}/api/youtube/callback`,
        '--client-id',
        googleClient.id,
        '--client-secret',
        googleClient.secret,
      ],
      { cwd: CORE_DIR, env: { ...withoutEchoSettings(process.env), PYTHONUNBUFFERED: '1' } },
    )
    await waitUntilReady(google, `${youtubeUrl}/youtube/v3/channels`, { acceptStatus: 401 })

    const apiEnv = {
      ...withoutEchoSettings(process.env),
      ECHO_DATA_DIR: join(temp, 'data'),
      ECHO_ASR_ENGINE: 'pocketsphinx',
      ECHO_TEXT_ENGINE: 'local',
      ECHO_PUBLIC_URL: baseUrl,
      ECHO_GOOGLE_CLIENT_ID: googleClient.id,
      ECHO_GOOGLE_CLIENT_SECRET: googleClient.secret,
      ECHO_GOOGLE_AUTH_URL: `${googleUrl}/o/oauth2/v2/auth`,
      ECHO_GOOGLE_TOKEN_URL: `${googleUrl}/token`,
      ECHO_GOOGLE_REVOKE_URL: `${googleUrl}/revoke`,
      ECHO_YOUTUBE_API_URL: youtubeUrl,
      // Several requests for the test video, so the progress bar has steps to show.
      ECHO_YOUTUBE_CHUNK_BYTES: `${256 * 1024}`,
      PYTHONUNBUFFERED: '1',
    }
    createAdmin(temp, apiEnv)

    const apiPort = await freePort()
    const api = start('api', ECHO_CORE, ['serve', '--host', '127.0.0.1', '--port', `${apiPort}`], {
      // The API reads a .env from its working directory: use an empty one.
      cwd: temp,
      env: apiEnv,
    })
    const apiUrl = `http://127.0.0.1:${apiPort}`
    await waitUntilReady(api, `${apiUrl}/api/health`)

    const web = start('web', process.execPath, ['server/prod-server.mjs'], {
      cwd: WEB_DIR,
      env: {
        ...withoutEchoSettings(process.env),
        NODE_ENV: 'production',
        PORT: `${webPort}`,
        HOST: '127.0.0.1',
        ECHO_API_URL: apiUrl,
        // The browser connects from loopback; tests that stand a browser behind another
        // address say so in X-Forwarded-For, as a reverse proxy there would.
        ECHO_WEB_TRUSTED_PROXIES: '127.0.0.1, ::1',
      },
    })
    await waitUntilReady(web, `${baseUrl}/favicon.svg`)

    process.env.ECHO_E2E_BASE_URL = baseUrl
    process.env.ECHO_E2E_SPEECH_VIDEO = video
    process.env.ECHO_E2E_FAKE_LLM_URL = llmUrl
    process.env.ECHO_E2E_FAKE_GOOGLE_URL = googleUrl
  } catch (error) {
    await stopAll()
    rmSync(temp, { recursive: true, force: true })
    throw error
  }

  return async () => {
    await stopAll()
    rmSync(temp, { recursive: true, force: true })
  }
}

const ADMIN = { email: 'admin@example.com', password: 'Amber lantern 58 rivers' }

/** `echo-core create-user --admin` (it migrates the new database first). */
function createAdmin(cwd: string, env: NodeJS.ProcessEnv): void {
  const result = spawnSync(ECHO_CORE, ['create-user', '--admin', ADMIN.email], {
    cwd,
    env: { ...env, ECHO_NEW_USER_PASSWORD: ADMIN.password },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`Could not create the admin:\n${result.error?.message ?? result.stderr}`)
  }
  process.env.ECHO_E2E_ADMIN_EMAIL = ADMIN.email
  process.env.ECHO_E2E_ADMIN_PASSWORD = ADMIN.password
}

/** The 80 s talk on four topics that the backend's own tests use (flite voices). */
function makeSpeechVideo(directory: string): string {
  const code = [
    'import sys',
    'from pathlib import Path',
    "sys.path.insert(0, 'apps/core')",
    'from tests.speech_media import speech_video',
    'print(speech_video(Path(sys.argv[1])).path)',
  ].join('\n')
  const result = spawnSync(PYTHON, ['-c', code, directory], { cwd: REPO_ROOT, encoding: 'utf8' })
  if (result.status !== 0) {
    throw new Error(
      `Could not make the speech video (is apps/core installed? make install-core):\n${
        result.error?.message ?? result.stderr
      }`,
    )
  }
  return result.stdout.trim()
}

function build(): void {
  const log = join(LOG_DIR, 'build.log')
  const fd = openSync(log, 'w')
  try {
    const result = spawnSync(VITE, ['build'], { cwd: WEB_DIR, stdio: ['ignore', fd, fd] })
    if (result.status !== 0) {
      throw new Error(
        `vite build failed (${result.error?.message ?? `exit ${result.status}`}):\n${tail(log)}`,
      )
    }
  } finally {
    closeSync(fd)
  }
}

/** The environment without ECHO_* settings, so nothing from the shell changes the servers. */
function withoutEchoSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('ECHO_')))
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Server {
  const log = join(LOG_DIR, `${name}.log`)
  const fd = openSync(log, 'w')
  // detached: its own process group, stopped as a whole (see stop()).
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', fd, fd] })
  closeSync(fd)
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve()
    else child.once('exit', () => resolve())
  })
  child.once('error', () => undefined)
  const server = { name, child, log, exited }
  running.add(server)
  void exited.then(() => running.delete(server))
  return server
}

async function waitUntilReady(
  server: Server,
  url: string,
  { acceptStatus }: { acceptStatus?: number } = {},
): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS
  let gone = false
  void server.exited.then(() => {
    gone = true
  })
  while (Date.now() < deadline) {
    if (gone) {
      throw new Error(`The ${server.name} server stopped while starting:\n${tail(server.log)}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
      if (response.ok || response.status === acceptStatus) return
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`The ${server.name} server did not answer ${url} in time:\n${tail(server.log)}`)
}

function signalGroup(server: Server, signal: NodeJS.Signals): void {
  const pid = server.child.pid
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    // Already gone.
  }
}

async function stop(server: Server): Promise<void> {
  signalGroup(server, 'SIGTERM')
  const timer = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
  )
  if ((await Promise.race([server.exited, timer])) === 'timeout') {
    signalGroup(server, 'SIGKILL')
    await server.exited
  }
  // Children that outlived their parent in the group (a worker's helper process).
  signalGroup(server, 'SIGKILL')
}

async function stopAll(): Promise<void> {
  // The web server first: it holds connections to the API.
  const servers = [...running].reverse()
  for (const server of servers) await stop(server)
}

function killAll(): void {
  for (const server of running) signalGroup(server, 'SIGKILL')
}

function tail(path: string, lines = 40): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n')
  } catch {
    return '(no output)'
  }
}

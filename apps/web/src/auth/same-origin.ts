// A cross-site page must not be able to sign a browser in or out (login CSRF). The
// session cookie is SameSite=Lax, which covers requests that carry it; this covers the
// ones that create or clear it.

export class CrossOriginError extends Error {
  constructor() {
    super('This request came from another site.')
    this.name = 'CrossOriginError'
  }
}

/** The origin the browser used for this request (honouring a proxy's X-Forwarded-*). */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url)
  const proto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim()
  const host =
    request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host')
  return `${proto || url.protocol.replace(/:$/, '')}://${host || url.host}`
}

/** Throws unless the request's Origin (or, lacking one, Referer) is this app's origin. */
export function assertSameOrigin(request: Request): void {
  const sender = request.headers.get('origin') ?? request.headers.get('referer')
  if (!sender) return // not a browser cross-site request (browsers send Origin on POST)
  let senderOrigin: string
  try {
    senderOrigin = new URL(sender).origin
  } catch {
    throw new CrossOriginError()
  }
  if (senderOrigin !== requestOrigin(request)) throw new CrossOriginError()
}

/** Where to go after signing in: a path on this site, never another origin or the auth pages. */
export function safeRedirect(target: unknown, fallback = '/'): string {
  if (typeof target !== 'string') return fallback
  const value = target.trim()
  // Only local absolute paths: "//host" and "/\host" would leave the site.
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  let url: URL
  try {
    url = new URL(value, 'http://echo.invalid')
  } catch {
    return fallback
  }
  if (url.origin !== 'http://echo.invalid') return fallback
  if (url.pathname === '/login' || url.pathname === '/register') return fallback
  return `${url.pathname}${url.search}${url.hash}`
}

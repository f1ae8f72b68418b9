// Shared by /login and /register: their search params, and sending a signed-in visitor on.
import type { QueryClient } from '@tanstack/react-query'
import { redirect } from '@tanstack/react-router'
import { z } from 'zod'
import { authMeOptions } from '../api/gen/@tanstack/react-query.gen'
import { safeRedirect } from './redirect'

export const signedOutSearch = z.object({
  /** Where to go once signed in (a path on this site). */
  redirect: z.string().max(2000).optional().catch(undefined),
})

/** Already signed in? Then there is nothing to do here. */
export async function leaveIfSignedIn(queryClient: QueryClient, redirectTo: string | undefined) {
  // Always ask the API (staleTime 0): a cached user may belong to a session just ended.
  const user = await queryClient
    .fetchQuery({ ...authMeOptions(), staleTime: 0 })
    .catch(() => undefined)
  if (user) throw redirect({ href: safeRedirect(redirectTo) })
}

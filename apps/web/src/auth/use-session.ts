// The browser side of signing in and out: mutations over the session server functions.
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useServerFn } from '@tanstack/react-start'
import type { CredentialsSchema } from '../api/gen'
import { authMeQueryKey } from '../api/gen/@tanstack/react-query.gen'
import { safeRedirect } from './redirect'
import { register, signIn, signOut } from './session.functions'

/** Sign in (or register), then go to `redirectTo`. Errors are left to the form to show. */
export function useStartSession(action: 'login' | 'register', redirectTo: string | undefined) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const start = useServerFn(action === 'login' ? signIn : register)
  return useMutation({
    meta: { toast: false },
    mutationFn: async (credentials: CredentialsSchema) => {
      const result = await start({ data: credentials })
      if (!result.ok) throw result.error
      return result.user
    },
    onSuccess: async (user) => {
      // Nothing cached for a previous session survives into this one.
      queryClient.clear()
      queryClient.setQueryData(authMeQueryKey(), user)
      await navigate({ href: safeRedirect(redirectTo) })
    },
  })
}

export function useSignOut() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const end = useServerFn(signOut)
  return useMutation({
    mutationFn: () => end(),
    onSuccess: async () => {
      await navigate({ to: '/login' })
      queryClient.clear()
    },
  })
}
